"""Turning an answer into sentences and word stems: the units every offline check works on.

Sentences keep their position in the answer, so evidence is always a verbatim slice of what the
candidate typed, never a re-spaced or re-cased copy.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

import Stemmer

WORDS_PER_MINUTE = 140
"""Conversational interview pace: the middle of the usual 130–150 words per minute."""

# A word is letters/digits, optionally joined by apostrophes ("don't", "I'd") or inner
# dots/commas of figures ("4.5", "1,200").
WORD_RE = re.compile(r"[^\W_]+(?:['’.,][^\W_]+)*")

# Where a sentence ends: terminal punctuation (with closing quotes/brackets) before whitespace,
# a blank line, or a line that starts a bullet or a numbered item. Possessive quantifiers and the
# look-behind keep a run of 5,000 dots linear instead of quadratic.
_BOUNDARY_RE = re.compile(
    r"""(?<![.!?…])[.!?…]++["'”’)\]]*+(?=\s)|\n[ \t\r]*+\n|\n(?=[ \t]*+(?:[-*•–]|\d{1,2}[.)])[ \t])"""
)
# Abbreviations whose dot does not end a sentence.
_ABBREVIATIONS = frozenset(
    {"e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "approx", "inc", "ltd", "no", "jr", "sr"}
)
_CLEAN_RE = re.compile(r"[\ud800-\udfff]")

_THREAD = threading.local()


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence: `text` is answer[start:end] exactly."""

    text: str
    start: int
    end: int
    words: tuple[str, ...]


def clean(text: str) -> str:
    """Lone surrogates (from undecodable bytes) cannot be written as JSON; everything else,
    control characters included, is kept so that evidence stays verbatim."""
    return _CLEAN_RE.sub("\ufffd", text)


_ACRONYM_PLURAL_RE = re.compile(r"\b([A-Z]{2,})s\b")
"""An acronym's plural ("KPIs", "SLAs"): the stemmer keeps the s after a vowel ("kpis")."""


def words(text: str) -> list[str]:
    """Lower-cased words with curly apostrophes made straight, acronyms' plurals made singular."""
    return WORD_RE.findall(_ACRONYM_PLURAL_RE.sub(r"\1", text).lower().replace("’", "'"))


def word_count(text: str) -> int:
    return len(WORD_RE.findall(text))


def speaking_seconds(count: int) -> float:
    return round(count * 60 / WORDS_PER_MINUTE, 1)


def spoken_clock(seconds: float) -> str:
    """Speaking time as a person says it ("1:05"), rounded to the nearest second."""
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes}:{rest:02d}"


@lru_cache(maxsize=65536)
def stem(word: str) -> str:
    """The stem every comparison uses, of one spelling ("prioritise" and "prioritize" alike), with
    the stemmer's known confusions kept apart (see the language data file)."""
    exceptions, spellings, suffixes, shortest = _stemming()
    word = spellings.get(word, word)
    exception = exceptions.get(word)
    if exception is not None:
        return exception
    if len(word) >= shortest:
        for ending, replacement in suffixes:
            if word.endswith(ending):
                word = word[: -len(ending)] + replacement
                break
    stemmed: str = _stemmer().stemWord(word.removesuffix("'s"))
    return stemmed


@cache
def _stemming() -> tuple[dict[str, str], dict[str, str], tuple[tuple[str, str], ...], int]:
    from practice.grading import knowledge  # the data file is read at the first stem, not at import

    language = knowledge.language()
    spelling = language.spelling
    return language.stem_exceptions, spelling.words, tuple(spelling.suffixes), spelling.min_length


def _stemmer() -> Stemmer.Stemmer:
    """One per thread: PyStemmer's stemmers are not thread-safe, and the TUI grades in workers."""
    stemmer = getattr(_THREAD, "stemmer", None)
    if stemmer is None:
        stemmer = _THREAD.stemmer = Stemmer.Stemmer("english")
    return stemmer


def split_sentences(text: str) -> list[Sentence]:
    return list(iter_sentences(text))


def iter_sentences(text: str) -> Iterator[Sentence]:
    """The sentences one at a time, so a caller that needs only the first reads no further."""
    start = 0
    for match in _BOUNDARY_RE.finditer(text):
        if match.group().startswith(".") and _ends_with_abbreviation(text, match.start()):
            continue
        sentence = _sentence(text, start, match.end())
        if sentence:
            yield sentence
        start = match.end()
    sentence = _sentence(text, start, len(text))
    if sentence:
        yield sentence


def _ends_with_abbreviation(text: str, dot: int) -> bool:
    head = text[max(0, dot - 8) : dot].lower()
    return head.rsplit(None, 1)[-1].rsplit("(", 1)[-1] in _ABBREVIATIONS if head.strip() else False


def _sentence(text: str, start: int, end: int) -> Sentence | None:
    chunk = text[start:end]
    stripped = chunk.strip()
    if not stripped:
        return None
    lead = len(chunk) - len(chunk.lstrip())
    begin = start + lead
    finish = begin + len(stripped)
    found = words(stripped)
    return Sentence(text=text[begin:finish], start=begin, end=finish, words=tuple(found)) if found else None
