"""The widgets alone, in a tiny host app with the real stylesheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult

import practice
from practice.widgets.answer_timer import AnswerTimer, TimerLevel, format_clock, timer_level
from practice.widgets.star_meter import StarMeter
from practice.widgets.transcript import Transcript, Turn
from tests.tui.conftest import ManualClock


@pytest.mark.parametrize(
    ("elapsed", "level"),
    [
        (0, TimerLevel.calm),
        (79, TimerLevel.calm),
        (80, TimerLevel.amber),
        (99, TimerLevel.amber),
        (100, TimerLevel.red),
        (119.5, TimerLevel.red),
        (120, TimerLevel.up),
        (500, TimerLevel.up),
    ],
)
def test_timer_turns_amber_in_the_last_third_and_red_in_the_last_sixth(elapsed: float, level: TimerLevel) -> None:
    assert timer_level(120, elapsed) == level


def test_clock_format_rounds_up_so_zero_means_zero() -> None:
    assert [format_clock(s) for s in (120, 59.2, 0.4, 0, -3)] == ["2:00", "1:00", "0:01", "0:00", "0:00"]


class Host(App[None]):
    CSS_PATH = Path(practice.__file__).parent / "widgets" / "widgets.tcss"

    def __init__(self, *widgets: Any) -> None:
        super().__init__()
        self.widgets = widgets

    def compose(self) -> ComposeResult:
        yield from self.widgets


async def test_timer_counts_from_restart_and_says_times_up() -> None:
    clock = ManualClock()
    timer = AnswerTimer(60, clock)
    async with Host(timer).run_test() as pilot:
        clock.advance(30)
        timer.restart()
        await pilot.pause()
        assert str(timer.render()) == "1:00 left" and timer.has_class("-calm")
        clock.advance(61)
        timer.tick()
        await pilot.pause()
        assert "time's up" in str(timer.render()) and timer.has_class("-up")


async def test_timer_off_is_hidden() -> None:
    timer = AnswerTimer(None, ManualClock())
    async with Host(timer).run_test():
        assert not timer.display


async def test_star_meter_lights_only_what_is_present() -> None:
    meter = StarMeter()
    async with Host(meter).run_test() as pilot:
        meter.show({"situation": True, "task": False, "action": True, "result": False})
        await pilot.pause()
        assert meter.lit == frozenset({"situation", "action"})


class Entry:
    def __init__(self, speaker: str, text: str, skipped: bool = False) -> None:
        self.speaker, self.text, self.skipped = speaker, text, skipped


async def test_transcript_streams_a_turn_and_cancelling_removes_it() -> None:
    transcript = Transcript()
    async with Host(transcript).run_test() as pilot:
        transcript.show([Entry("interviewer", "Q?"), Entry("candidate", "[b]not markup[/b]")])
        await pilot.pause()
        transcript.open_turn()
        transcript.append_chunk("Tell me ")
        transcript.append_chunk("more.")
        await pilot.pause()
        assert [t.text for t in transcript.query(Turn)] == ["Q?", "[b]not markup[/b]", "Tell me more."]
        assert "[b]not markup[/b]" in str(transcript.query(Turn)[1].render())
        transcript.cancel_turn()
        await pilot.pause()
        assert [t.text for t in transcript.query(Turn)] == ["Q?", "[b]not markup[/b]"]
        transcript.open_turn()
        transcript.append_chunk("Kept.")
        assert transcript.close_turn() == "Kept." and not transcript.streaming


async def test_a_skipped_answer_says_so() -> None:
    transcript = Transcript()
    async with Host(transcript).run_test() as pilot:
        transcript.show([Entry("candidate", "", skipped=True)])
        await pilot.pause()
        assert "(skipped)" in str(transcript.query_one(Turn).render())
