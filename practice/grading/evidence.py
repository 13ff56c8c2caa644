"""Holding quotes to the answer: evidence is only evidence if the candidate actually wrote it.

A model (or a hand-edited session) may re-space, re-case or re-quote a sentence; that is still
the candidate's sentence. Anything else — a paraphrase, an invention — is not found, and callers
drop it rather than show words the candidate never said.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

_EQUIVALENT = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "`": "'",
        "´": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "«": '"',
        "»": '"',
        "″": '"',
        "–": "-",
        "—": "-",
        "‐": "-",
        "‑": "-",
        "−": "-",
        "…": "...",
    }
)
_WRAPPING = "\"' \t\r\n"
_INVISIBLE = frozenset("\u200b\u200c\u200d\u2060\ufeff\u00ad")


@lru_cache(maxsize=16)
def _folded(text: str) -> tuple[str, tuple[int, ...]]:
    """The comparison form of `text` and, for each of its characters, the index in `text` it
    came from: whitespace runs become one space, quotes and dashes one style, case folded.
    Cached because one answer is searched for every quote of a verdict (a dozen or more)."""
    out: list[str] = []
    origin: list[int] = []
    in_space = False
    for index, char in enumerate(text):
        if char in _INVISIBLE:
            continue
        if char.isspace():
            if not in_space and out:
                out.append(" ")
                origin.append(index)
            in_space = True
            continue
        in_space = False
        for piece in unicodedata.normalize("NFKC", char).translate(_EQUIVALENT).casefold():
            out.append(piece)
            origin.append(index)
    if out and out[-1] == " ":
        out.pop()
        origin.pop()
    return "".join(out), tuple(origin)


def _comparison_form(quote: str) -> str:
    folded, _ = _folded(quote.strip().strip(_WRAPPING))
    if folded.endswith("..."):
        folded = folded[:-3].rstrip()
    return folded.strip(_WRAPPING)


def find_quote(answer: str, quote: str) -> str | None:
    """The exact text of `answer` that `quote` quotes, or None if the answer does not contain it.

    Differences of whitespace, quote and dash style, case and surrounding quotation marks are
    forgiven; a trailing ellipsis (a quote cut short) is allowed. The result is always a slice of
    `answer`, so it can be shown and highlighted as the candidate's own words.
    """
    wanted = _comparison_form(quote)
    if not wanted:
        return None
    haystack, origin = _folded(answer)
    position = haystack.find(wanted)
    if position < 0:
        stripped = re.sub(r"[.!?;,]+$", "", wanted)
        if not stripped:
            return None
        position = haystack.find(stripped)
        if position < 0:
            return None
        wanted = stripped
    start = origin[position]
    last = origin[position + len(wanted) - 1]
    return answer[start : last + 1]
