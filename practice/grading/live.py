"""The live meter under the answer box: length, speaking time and which STAR parts are there yet.

It runs on every keystroke, so it does only what is cheap — one word count and a few regular
expression searches — and reads the STAR parts with the full grader's own cues, so the two never
disagree.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

from practice.grading.signals import STAR_PARTS, star_parts
from practice.grading.text import WORDS_PER_MINUTE, speaking_seconds, word_count


class LiveSignals(BaseModel):
    model_config = ConfigDict(frozen=True)

    word_count: int
    speaking_seconds: float
    words_per_minute: int = WORDS_PER_MINUTE
    situation: bool
    task: bool
    action: bool
    result: bool

    def star_count(self) -> int:
        return sum((self.situation, self.task, self.action, self.result))


def measure(text: str) -> LiveSignals:
    count = word_count(text)
    parts = star_parts(text) if count else dict.fromkeys(STAR_PARTS, False)
    return LiveSignals(word_count=count, speaking_seconds=speaking_seconds(count), **parts)
