"""Making untrusted text safe to put in a document.

Everything in a session may come from someone else's file — answers, notes, even the question
texts of a coach's own bank — so every export passes every string through here. Control
characters are dropped (they can hide text or drive a terminal), and explicit bidirectional
formatting characters are dropped too: right-to-left letters stay, but an override cannot reorder
the text around it. The HTML export additionally isolates each string with dir="auto".
"""

from __future__ import annotations

import re
import unicodedata

# Explicit bidi embeddings, overrides and isolates (LRE…RLO, LRI…PDI) and the marks that act like them.
_BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c")
_KEPT_CONTROLS = frozenset("\n\t")


def clean(text: str) -> str:
    """Drop control and bidi-formatting characters; keep newlines and tabs; normalise line ends."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        char
        for char in text
        if char in _KEPT_CONTROLS or (char not in _BIDI_CONTROLS and unicodedata.category(char) != "Cc")
    )


# Characters that are markup anywhere in a line (CommonMark and GFM inlines, raw HTML, entities,
# tables, e-mail autolinks, a heading's closing #s), and the colon of a "scheme://" that GFM
# would turn into a link.
_INLINE_MARKUP = re.compile(r"([\\`*_\[\]<>|~&@#]|:(?=//))")
# GFM links a bare www. address without any scheme.
_BARE_WWW = re.compile(r"(?i)\b(www)\.")
# Markers that only mean something at the start of a line: headings, quotes, lists, rules,
# setext underlines, and ordered-list numbers ("1." / "1)").
_LINE_START = re.compile(r"^([-+=])|^(\d{1,9})([.)])(?=\s|$)")


def markdown_inline(text: str) -> str:
    """Escape text so a Markdown renderer shows it literally, as one paragraph per blank line.

    Backslash escapes of ASCII punctuation are literal in CommonMark, so escaping every character
    that can start markup is safe; the ones that only matter at a line start are escaped there
    only, which keeps ordinary prose readable in the raw file (an e-mail body, say).
    """
    lines = []
    for line in clean(text).split("\n"):
        # Leading spaces would make an indented code block; trailing ones a hard line break.
        line = line.strip().replace("\t", " ")
        line = _INLINE_MARKUP.sub(r"\\\1", line)
        line = _BARE_WWW.sub(r"\1\\.", line)
        line = _LINE_START.sub(lambda m: f"\\{m.group(1)}" if m.group(1) else f"{m.group(2)}\\{m.group(3)}", line)
        lines.append(line)
    return "\n".join(lines)
