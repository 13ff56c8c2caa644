"""Transcription and delivery on the synthesised recordings, held to the truth in their manifest:
the words said, where the planted pauses are, how many fillers were planted."""

from __future__ import annotations

import re

import jiwer
import pytest

from practice.voice.delivery import measure
from tests.voice.conftest import MANIFEST, heard

NAMES = sorted(MANIFEST["recordings"])
MAX_WORD_ERROR_RATE = 0.25
"""tiny.en on espeak-ng's voice: measured 0.09–0.18 per recording when this was written."""


def truth(name: str) -> dict:
    return MANIFEST["recordings"][name]


def said(name: str) -> str:
    return " ".join(segment["text"] for segment in truth(name)["segments"])


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9']+", text.lower().replace("%", " percent").replace("forty", "40"))


@pytest.mark.parametrize("name", NAMES)
def test_transcription_finds_the_words(name: str, record_property: pytest.RecordProperty) -> None:
    error_rate = jiwer.wer(" ".join(words(said(name))), " ".join(words(heard(name).text)))
    record_property("word_error_rate", round(error_rate, 3))
    print(f"{name}: word error rate {error_rate:.3f}")

    assert error_rate <= MAX_WORD_ERROR_RATE


@pytest.mark.parametrize("name", NAMES)
def test_words_per_minute_is_within_ten_percent_of_the_truth(name: str) -> None:
    spoken_seconds = sum(segment["seconds"] for segment in truth(name)["segments"])
    true_wpm = len(said(name).split()) / (spoken_seconds / 60)

    measured = measure(heard(name)).words_per_minute

    assert abs(measured - true_wpm) <= 0.10 * true_wpm, f"{measured} against {true_wpm:.1f}"


@pytest.mark.parametrize("name", NAMES)
def test_every_planted_pause_is_found_and_no_other(name: str) -> None:
    planted = truth(name)["pauses"]

    found = measure(heard(name)).pauses

    assert len(found) == len(planted)
    for pause, detected in zip(planted, found, strict=True):
        assert abs(detected.start - pause["start"]) <= 0.6
        assert detected.seconds >= pause["seconds"] - 0.3


@pytest.mark.parametrize("name", NAMES)
def test_time_before_the_first_word(name: str) -> None:
    assert abs(measure(heard(name)).seconds_before_first_word - truth(name)["lead_seconds"]) <= 0.4


@pytest.mark.parametrize("name", NAMES)
def test_planted_fillers_are_counted_and_nothing_else(name: str) -> None:
    """The synthesiser's 'uh' and 'um' are heard as 'er' or 'erm' at times, so the hesitation
    sounds are counted together; the fillers with words in them are counted by name."""
    hesitations = {"um", "uh", "er"}
    planted = truth(name)["fillers"]

    counts = measure(heard(name)).filler_counts()

    assert sum(n for phrase, n in counts.items() if phrase in hesitations) == sum(
        n for phrase, n in planted.items() if phrase in hesitations
    )
    assert {p: n for p, n in counts.items() if p not in hesitations} == {
        p: n for p, n in planted.items() if p not in hesitations
    }


@pytest.mark.parametrize("name", NAMES)
def test_a_trail_off_is_found_where_one_was_planted(name: str) -> None:
    trail_off = measure(heard(name)).trail_off

    assert (trail_off is not None) == truth(name)["trails_off"]
    if trail_off is not None:
        assert abs(trail_off.at_seconds - truth(name)["pauses"][-1]["start"]) <= 0.6
