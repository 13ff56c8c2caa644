"""The live meter agrees with the full grader on STAR parts and counts words and time the same way."""

from __future__ import annotations

import pytest

from practice.grading.live import LiveSignals, measure
from practice.grading.text import WORDS_PER_MINUTE

from .answers import CCL_01, EMP_03, EXCELLENT, GOOD, HOS_01, VAGUE
from .shipped import grade
from .test_star_and_specifics import PARTS


def test_empty_text_measures_nothing() -> None:
    signals = measure("")
    assert signals == LiveSignals(
        word_count=0, speaking_seconds=0.0, situation=False, task=False, action=False, result=False
    )


def test_words_and_speaking_time() -> None:
    signals = measure("one two three " * 70)
    assert signals.word_count == 210
    assert signals.speaking_seconds == 90.0
    assert signals.words_per_minute == WORDS_PER_MINUTE


def test_parts_appear_as_they_are_typed() -> None:
    text = ""
    seen: list[int] = []
    for name in ("situation", "task", "action", "result"):
        text += PARTS[name] + " "
        signals = measure(text)
        assert getattr(signals, name)
        seen.append(signals.star_count())
    assert seen == [1, 2, 3, 4]


@pytest.mark.parametrize("answers", [EXCELLENT, GOOD, VAGUE])
@pytest.mark.parametrize("question_id", [CCL_01, HOS_01, EMP_03])
def test_meter_and_grader_agree(question, answers: dict[str, str], question_id: str) -> None:
    text = answers[question_id]
    signals = measure(text)
    feedback = grade(question(question_id), text)
    assert signals.word_count == feedback.specificity.word_count
    assert signals.speaking_seconds == feedback.specificity.speaking_seconds
    for name, part in feedback.star.parts().items():
        assert getattr(signals, name) == part.present, name
