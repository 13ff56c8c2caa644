"""Where a search of the answers matched: the words of a search as the full-text index reads them,
and a short window of an answer around its first match, with each matched word marked.

The index (answers_fts, unicode61) matches every word as a word or the start of one, ignoring
case; this finds the same places in the text, so the history can show why a session was found.
"""

from __future__ import annotations

import re

SNIPPET_WIDTH = 110
"""Characters of answer around the first match: about a line and a half at 80 columns."""
ELLIPSIS = "…"


def query_words(text: str) -> list[str]:
    """The words of a search; anything else (quotes, operators, punctuation) is no word."""
    return re.findall(r"\w+", text)


def _word_starts(words: list[str]) -> re.Pattern[str]:
    """A word of the search at the start of a word of the text, to the end of that word."""
    alternatives = "|".join(re.escape(word) for word in sorted(set(words), key=len, reverse=True))
    return re.compile(rf"(?<!\w)(?:{alternatives})\w*", re.IGNORECASE)


def matches_all(text: str, words: list[str]) -> bool:
    """Whether the text holds every word, as the index would find it."""
    found = {match.group(0).casefold() for match in _word_starts(words).finditer(text)} if words else set()
    return bool(words) and all(any(hit.startswith(word.casefold()) for hit in found) for word in words)


def snippet(text: str, words: list[str], width: int = SNIPPET_WIDTH) -> list[tuple[str, bool]]:
    """The text around its first match, cut at spaces, as pieces that are or are not a match
    (empty when no word is in the text). Cut ends are marked with an ellipsis."""
    if not words:
        return []
    found = list(_word_starts(words).finditer(text))
    if not found:
        return []
    first = found[0].start()
    start = max(0, first - width // 3)
    if start:
        space = text.find(" ", start, first)
        start = space + 1 if space != -1 else start
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", found[0].end(), end)
        end = space if space != -1 else end
    pieces: list[tuple[str, bool]] = [(ELLIPSIS, False)] if start else []
    position = start
    for match in found:
        if match.start() < start or match.end() > end:
            continue
        if match.start() > position:
            pieces.append((text[position : match.start()], False))
        pieces.append((match.group(0), True))
        position = match.end()
    if end > position:
        pieces.append((text[position:end], False))
    if end < len(text):
        pieces.append((ELLIPSIS, False))
    return pieces
