"""Filler words by their context: the rules in practice/data/delivery.json, on typed and timed words."""

import pytest

from practice.voice.fillers import FillerFinder, typed_words
from practice.voice.knowledge import bundled_knowledge
from practice.voice.models import TimedWord


def fillers(text: str) -> list[str]:
    return [use.phrase for use in FillerFinder(bundled_knowledge()).find(typed_words(text))]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Um, so I was leading the team.", ["um"]),
        ("We had, uhh, a backlog and, erm, no plan.", ["uh", "er"]),
        ("It was, like, a huge queue.", ["like"]),
        ("Like, we never saw it coming.", ["like"]),
        ("I basically rebuilt the queue.", ["basically"]),
        ("And then, you know, it worked.", ["you know"]),
        ("It was sort of working.", ["sort of"]),
        ("I mean, it worked.", ["i mean"]),
        ("We, I mean, the team did it.", ["i mean"]),
    ],
)
def test_fillers_are_found(text: str, expected: list[str]) -> None:
    assert fillers(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "I like our customers.",
        "It looks like a plan we would like to try.",
        "Things like refunds were slow.",
        "Do you know what they needed?",
        "You know the customer better than anyone.",
        "What sort of team was it?",
        "It was a kind of report nobody read.",
        "What I mean is that we were late.",
    ],
)
def test_words_with_meaning_are_not_fillers(text: str) -> None:
    assert fillers(text) == []


def test_a_pause_sets_like_off_where_no_comma_was_written() -> None:
    """The recogniser often drops the commas; the timings still show the speaker stopped."""
    words = [
        TimedWord(text=t, start=s, end=e)
        for t, s, e in [("it", 0.0, 0.2), ("was", 0.2, 0.4), ("like", 0.9, 1.1), ("huge", 1.6, 1.9)]
    ]
    spoken_smoothly = [TimedWord(text=w.text, start=i * 0.2, end=i * 0.2 + 0.2) for i, w in enumerate(words)]

    assert [u.phrase for u in FillerFinder(bundled_knowledge()).find(words)] == ["like"]
    assert FillerFinder(bundled_knowledge()).find(spoken_smoothly) == []


def test_a_filler_is_located_in_the_recording() -> None:
    words = [TimedWord(text="So,", start=1.0, end=1.3), TimedWord(text="umm,", start=1.5, end=1.9)]

    (use,) = FillerFinder(bundled_knowledge()).find(words)

    assert (use.phrase, use.heard, use.at_seconds) == ("um", "umm", 1.5)
