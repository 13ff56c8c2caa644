"""Finding filler words in what was said, by the rules in the delivery knowledge.

The same word is a filler in one place and not in another ("it was, like, huge" against "I like
our customers"), so each rule looks at its neighbours and at what sets the word off: a comma or
sentence break the recogniser wrote, or a pause in the timings.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from practice.voice.knowledge import DeliveryKnowledge, FillerRule, FillerWhen
from practice.voice.models import FillerUse, TimedWord

_BREAK_MARKS = ",.;:!?\u2026\u2014\u2013-"
_EDGE = re.compile(r"^[^\w']+|[^\w']+$")
_TYPED_WORD = re.compile(r"\S+")


@dataclass(frozen=True)
class _Token:
    word: str
    raw: str
    start: float
    end: float


def normalise(raw: str) -> str:
    return _EDGE.sub("", raw.strip().lower()).replace("\u2019", "'")


def tokens_of(words: Sequence[TimedWord]) -> list[_Token]:
    tokens = [_Token(normalise(w.text), w.text.strip(), w.start, w.end) for w in words]
    return [t for t in tokens if t.word]


def typed_words(text: str) -> list[TimedWord]:
    """Typed text as untimed words, so the same rules can count fillers in a typed answer."""
    return [TimedWord(text=match.group(), start=0.0, end=0.0) for match in _TYPED_WORD.finditer(text)]


class FillerFinder:
    def __init__(self, knowledge: DeliveryKnowledge) -> None:
        self._set_off_pause = knowledge.set_off_pause_seconds
        # Longest phrases first, so 'you know' is tried before any one-word rule could take 'you'.
        self._rules = sorted(knowledge.fillers, key=lambda rule: -len(rule.words()))

    def find(self, words: Sequence[TimedWord]) -> list[FillerUse]:
        tokens = tokens_of(words)
        uses: list[FillerUse] = []
        index = 0
        while index < len(tokens):
            match = next((rule for rule in self._rules if self._is_filler(rule, tokens, index)), None)
            if match is None:
                index += 1
                continue
            length = len(match.words())
            heard = " ".join(t.raw for t in tokens[index : index + length])
            uses.append(FillerUse(phrase=match.phrase, heard=normalise(heard), at_seconds=tokens[index].start))
            index += length
        return uses

    def _is_filler(self, rule: FillerRule, tokens: list[_Token], index: int) -> bool:
        words = rule.words()
        last = index + len(words) - 1
        if last >= len(tokens):
            return False
        if len(words) == 1:
            if tokens[index].word not in rule.spellings():
                return False
        elif tuple(t.word for t in tokens[index : last + 1]) != words:
            return False
        if rule.when == FillerWhen.always:
            return True
        broken_before = self._break_before(tokens, index)
        broken_after = self._break_after(tokens, last)
        if rule.when == FillerWhen.set_off and not (broken_before or broken_after):
            return False
        if not broken_before and index > 0 and tokens[index - 1].word in rule.not_after:
            return False
        return not (not broken_after and last + 1 < len(tokens) and tokens[last + 1].word in rule.not_before)

    def _break_before(self, tokens: list[_Token], index: int) -> bool:
        if index == 0:
            return True
        previous = tokens[index - 1]
        return (
            previous.raw[-1] in _BREAK_MARKS
            or tokens[index].raw[0] in _BREAK_MARKS
            or self._gap(previous, tokens[index]) >= self._set_off_pause
        )

    def _break_after(self, tokens: list[_Token], index: int) -> bool:
        if index == len(tokens) - 1:
            return True
        return (
            tokens[index].raw[-1] in _BREAK_MARKS or self._gap(tokens[index], tokens[index + 1]) >= self._set_off_pause
        )

    @staticmethod
    def _gap(before: _Token, after: _Token) -> float:
        return after.start - before.end
