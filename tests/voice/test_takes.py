"""A spoken answer's delivery stays with it while the answer still is what was said: through
corrections, typing around it, a draft saved to disk and a resume; a recording whose words were
replaced no longer describes the answer and is left out. Several recordings add up to one
delivery."""

from __future__ import annotations

from pathlib import Path

import pytest

from practice.interview.engine import InterviewEngine, Phase
from practice.store.sqlite import SessionStore
from practice.voice.delivery import combine, measure
from practice.voice.knowledge import bundled_knowledge
from practice.voice.models import SpokenTake, TimedWord, Transcript
from practice.voice.takes import delivery_of, kept_takes, share_kept
from tests.interview.fakes import FakeGrader, small_bank
from tests.interview.test_engine import start

SAID = "Um, the refunds took nine days, so I rebuilt the queue and we got them down to two days."


def take(text: str = SAID, *, gap_after: int | None = None, audio: float | None = None) -> SpokenTake:
    """Words 0.4 s apart from 1 s in, with a 3 s pause after word `gap_after` if given."""
    words, at = [], 1.0
    for index, word in enumerate(text.split()):
        words.append(TimedWord(text=word, start=at, end=at + 0.3))
        at += 0.4 + (3.0 if index == gap_after else 0.0)
    transcript = Transcript(text=text, words=words, audio_seconds=audio or at + 1.0, model="tiny.en")
    return SpokenTake(heard=text, delivery=measure(transcript))


def test_a_corrected_transcript_keeps_its_delivery() -> None:
    corrected = SAID.replace("nine", "ten").replace("queue", "cue system")

    assert share_kept(SAID, corrected) > 0.85
    assert delivery_of([take()], corrected) == take().delivery


def test_typing_before_and_after_the_spoken_words_keeps_the_delivery() -> None:
    typed_around = "At my last job: " + SAID + " That was in 2023, and it held."

    assert share_kept(SAID, typed_around) == 1.0
    assert delivery_of([take()], typed_around) == take().delivery


def test_replaced_words_drop_the_delivery() -> None:
    replaced = "I would start by asking the team where the refund queue waits longest, then fix that."

    assert share_kept(SAID, replaced) < 0.3
    assert delivery_of([take()], replaced) is None
    assert delivery_of([take()], "") is None


def test_the_line_between_kept_and_dropped_is_the_knowledge_files() -> None:
    least = bundled_knowledge().kept_through_edits.min_share_of_words
    words = SAID.split()
    keep = round(len(words) * least)
    half_kept = " ".join(words[:keep] + ["something"] * (len(words) - keep))
    less = " ".join(words[: keep - 1] + ["something"] * (len(words) - keep + 1))

    assert kept_takes([take()], half_kept) == [take()]
    assert kept_takes([take()], less) == []


def test_two_takes_add_up_to_one_delivery() -> None:
    first = take("Um, the refunds took nine days.", audio=5.0)
    second = take("So I rebuilt the queue, uh, and they came down to two days.", gap_after=3, audio=10.0)

    joined = combine([first.delivery, second.delivery])

    assert joined.word_count == first.delivery.word_count + second.delivery.word_count
    assert joined.speaking_seconds == pytest.approx(first.delivery.speaking_seconds + second.delivery.speaking_seconds)
    assert joined.words_per_minute == pytest.approx(joined.word_count / (joined.speaking_seconds / 60), abs=0.1)
    assert joined.audio_seconds == 15.0
    # The second take's pause and filler are placed after the first take's five seconds; the
    # stop between the takes is no pause.
    (pause,) = joined.pauses
    assert pause.start == pytest.approx(second.delivery.pauses[0].start + 5.0)
    assert [use.at_seconds for use in joined.fillers] == [
        first.delivery.fillers[0].at_seconds,
        pytest.approx(second.delivery.fillers[0].at_seconds + 5.0),
    ]
    assert joined.seconds_before_first_word == first.delivery.seconds_before_first_word
    # Only the takes still in the answer count.
    assert delivery_of([first, second], first.heard + " And then I typed the rest.") == first.delivery


def test_the_engine_stores_the_delivery_of_the_words_still_in_the_answer() -> None:
    spoken = start()
    spoken.submit_answer(SAID.replace("nine", "ten"), seconds_taken=20, takes=[take()])
    retyped = start()
    retyped.submit_answer("I typed a whole new answer about refunds instead.", seconds_taken=20, takes=[take()])

    assert spoken.attempt.answers[0].delivery == take().delivery
    assert retyped.attempt.answers[0].delivery is None


def test_a_draft_keeps_its_takes_through_the_store_and_a_resume(tmp_path: Path) -> None:
    """The draft on disk is all a killed window leaves: resumed from it in another process, the
    answer still goes in with its delivery."""
    engine = start()
    store = SessionStore(tmp_path / "sessions.sqlite3")
    store.save(engine.snapshot())
    engine.save_draft(SAID + " And one typed sentence.", [take()])
    store.save_draft(engine.session.id, engine.session.draft)
    store.close()

    reopened = SessionStore(tmp_path / "sessions.sqlite3")
    resumed = InterviewEngine.resume(small_bank(), reopened.load(engine.session.id), FakeGrader())
    assert resumed.draft_takes == [take()]

    resumed.submit_answer(resumed.draft_text, seconds_taken=30, takes=resumed.draft_takes)
    assert resumed.phase in (Phase.follow_up, Phase.self_assessment)
    assert resumed.attempt.answers[0].delivery == take().delivery
    assert resumed.session.draft is None


def test_a_draft_of_an_earlier_turn_brings_no_takes() -> None:
    engine = start()
    engine.save_draft(SAID, [take()])
    engine.submit_answer(SAID, seconds_taken=10, takes=[take()])

    assert engine.draft_takes == []
