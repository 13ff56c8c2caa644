"""The widgets alone, in a tiny host app with the real stylesheet."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.reactive import reactive

import practice
from practice.widgets.answer_timer import AnswerTimer, TimerLevel, format_clock, timer_level
from practice.widgets.footer import SteadyFooter
from practice.widgets.star_meter import StarMeter
from practice.widgets.transcript import TYPING, Transcript, Turn
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


async def test_transcript_keeps_the_turns_already_shown_and_replaces_only_what_changed() -> None:
    transcript = Transcript()
    async with Host(transcript).run_test() as pilot:
        transcript.show([Entry("interviewer", "Q?"), Entry("candidate", "A."), Entry("interviewer", "Why?")])
        await pilot.pause()
        question, answer, _ = transcript.query(Turn)

        transcript.show(
            [
                Entry("interviewer", "Q?"),
                Entry("candidate", "A."),
                Entry("interviewer", "How?"),
                Entry("candidate", "Like so."),
            ]
        )
        await pilot.pause()

        turns = list(transcript.query(Turn))
        assert [t.text for t in turns] == ["Q?", "A.", "How?", "Like so."]
        assert turns[0] is question and turns[1] is answer


async def test_an_opened_turn_shows_the_interviewer_typing_until_its_first_words() -> None:
    transcript = Transcript()
    async with Host(transcript).run_test() as pilot:
        transcript.open_turn()
        await pilot.pause()
        (turn,) = transcript.query(Turn)
        assert TYPING in str(turn.render()) and turn.text == ""
        transcript.append_chunk("Tell me")
        await pilot.pause()
        assert TYPING not in str(turn.render()) and "Tell me" in str(turn.render())
        assert transcript.close_turn() == "Tell me"


async def test_a_turn_laid_out_at_an_earlier_height_is_laid_out_again_at_the_height_its_words_take() -> None:
    """The state a real terminal was caught in: the words in, the height still the typing line's."""
    words = "How did you make sure you heard from a representative sample of customers, " * 3
    transcript = Transcript()
    async with Host(transcript).run_test(size=(80, 24)) as pilot:
        transcript.open_turn()
        await pilot.pause()
        (turn,) = transcript.query(Turn)
        assert turn.size.height == 1
        turn.text = words
        turn.update(words, layout=False)
        await pilot.pause()
        assert turn.size.height == 1  # what was seen: the words past the first line cut off

        turn.fit_height()
        await pilot.pause()
        assert turn.size.height == turn.get_content_height(turn.size, turn.size, turn.size.width) > 1
        height = turn.size.height
        turn.fit_height()  # laid out right: nothing to do
        await pilot.pause()
        assert turn.size.height == height


async def test_a_streamed_chunk_leaves_the_turn_as_tall_as_its_words() -> None:
    transcript = Transcript()
    async with Host(transcript).run_test(size=(60, 24)) as pilot:
        transcript.open_turn()
        transcript.append_chunk("What surprised you most in your direct conversations with customers, and why? " * 2)
        await pilot.pause()
        await pilot.pause()
        (turn,) = transcript.query(Turn)
        turn.clear_cached_dimensions()
        assert turn.size.height == turn.get_content_height(turn.size, turn.size, turn.size.width) > 1


class Toggling(App[None]):
    """A footer over two keys: one greyed or lit, one shown or hidden."""

    BINDINGS = [Binding("ctrl+s", "send", "Send"), Binding("ctrl+n", "skip", "Skip")]
    busy: reactive[bool] = reactive(False, bindings=True)
    can_skip: reactive[bool] = reactive(True, bindings=True)

    def compose(self) -> ComposeResult:
        yield SteadyFooter()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send":
            return None if self.busy else True
        if action == "skip":
            return self.can_skip
        return True

    def action_send(self) -> None:
        self.sent = True


async def test_footer_greys_a_key_in_place_and_rebuilds_only_when_a_key_comes_or_goes() -> None:
    app = Toggling()
    async with app.run_test() as pilot:
        await pilot.pause()
        keys = {key.key: key for key in app.query("FooterKey")}
        assert set(keys) >= {"ctrl+s", "ctrl+n"} and not keys["ctrl+s"].has_class("-disabled")

        app.busy = True
        await pilot.pause()
        greyed = {key.key: key for key in app.query("FooterKey")}
        assert greyed["ctrl+s"] is keys["ctrl+s"] and greyed["ctrl+s"].has_class("-disabled")

        app.busy = False
        await pilot.pause()
        assert not keys["ctrl+s"].has_class("-disabled")
        await pilot.click(keys["ctrl+s"])  # lit again: a click is the key, not a bell
        await pilot.pause()
        assert getattr(app, "sent", False)

        app.can_skip = False
        await pilot.pause()
        rebuilt = {key.key: key for key in app.query("FooterKey")}
        assert "ctrl+n" not in rebuilt and rebuilt["ctrl+s"] is not keys["ctrl+s"]


async def test_a_skipped_answer_says_so() -> None:
    transcript = Transcript()
    async with Host(transcript).run_test() as pilot:
        transcript.show([Entry("candidate", "", skipped=True)])
        await pilot.pause()
        assert "(skipped)" in str(transcript.query_one(Turn).render())


async def test_a_long_bullet_wraps_under_its_own_text_and_a_quote_under_itself() -> None:
    from textual.widgets import Static

    from practice.widgets.criteria_checklist import Quote
    from practice.widgets.section import bullets

    long_item = "the answer names an obstacle and how it was overcome " * 3
    app = Host(bullets([long_item, "short"]), Quote(long_item))
    async with app.run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        mark = app.query(".bullet-mark").first(Static)
        text = app.query(".bullet-text").first(Static)
        assert text.region.height > 1  # it wrapped
        assert text.region.x == mark.region.x + 2  # every line of it starts after the bullet
        quote = app.query_one(Quote)
        assert quote.region.height > 1 and quote.content_region.x == quote.region.x + 4
