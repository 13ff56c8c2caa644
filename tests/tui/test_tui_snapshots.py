"""Every screen, at the smallest supported size (80x24) and a larger one (120x40). The app runs
on a frozen clock, a fixed seed and a frozen bank; the feedback, attempts and summary screens
show hand-built feedback, so only a change in the screens themselves changes these pictures."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.pilot import Pilot

from practice.bank.models import QuestionBank
from practice.interview.models import SessionStatus
from practice.interview.summary import summarize
from practice.locations import store_path
from practice.screens.attempts import AttemptsScreen
from practice.screens.confirm import ConfirmScreen
from practice.screens.feedback import FeedbackScreen
from practice.screens.interview import InterviewScreen
from practice.screens.self_assessment import SelfAssessmentScreen
from practice.screens.summary import SummaryScreen
from practice.store.sqlite import SessionStore
from tests.tui.conftest import ManualClock
from tests.tui.fixture_sessions import MAIN_ANSWER, graded_session

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]

RunBefore = Callable[[Pilot[Any]], Awaitable[None]]


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def start_interview(pilot: Pilot[Any], *, timer_index: int = 0) -> InterviewScreen:
    await settle(pilot)
    pilot.app.screen.query_one(f"#timer-{timer_index}").value = True
    await pilot.press("ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    screen.answer_box.cursor_blink = False  # a blinking cursor would make the picture flicker
    return screen


@pytest.mark.parametrize("size", SIZES)
def test_setup_screen(snap_compare: Any, make_app: Any, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", SIZES)
def test_interview_screen_while_typing_with_timer_amber(
    snap_compare: Any, make_app: Any, clock: ManualClock, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await start_interview(pilot, timer_index=2)  # 2 minutes
        screen.answer_box.load_text(MAIN_ANSWER)
        screen.update_live()
        clock.advance(85)  # 35 s left of 120: the last third
        screen.query_one("#live-timer").tick()
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_interview_follow_up_after_time_is_up(
    snap_compare: Any, make_app: Any, clock: ManualClock, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await start_interview(pilot, timer_index=1)  # 1 minute
        screen.answer_box.load_text(MAIN_ANSWER)
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen.answer_box.load_text("I tracked CSAT weekly")
        clock.advance(75)
        screen.query_one("#live-timer").tick()
        screen.update_live()
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_self_assessment_modal(snap_compare: Any, make_app: Any, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.push_screen(SelfAssessmentScreen(star_applies=True))
        await settle(pilot)
        await pilot.press("space", "4")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


def pushing(screen_for: Callable[[QuestionBank], Any], bank: QuestionBank) -> RunBefore:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        pilot.app.push_screen(screen_for(bank))
        await settle(pilot)

    return run_before


def feedback_screen(bank: QuestionBank, record_index: int, *, can_continue: bool) -> FeedbackScreen:
    session = graded_session(bank)
    record = session.records[record_index]
    return FeedbackScreen(
        record, record.attempts[-1], heading=f"Question {record_index + 1} of 2 - feedback", can_continue=can_continue
    )


@pytest.mark.parametrize("size", SIZES)
def test_feedback_behavioral(snap_compare: Any, make_app: Any, bank: QuestionBank, size: tuple[int, int]) -> None:
    run_before = pushing(lambda b: feedback_screen(b, 0, can_continue=True), bank)
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_feedback_behavioral_scrolled_to_example_answer(
    snap_compare: Any, make_app: Any, bank: QuestionBank, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pushing(lambda b: feedback_screen(b, 0, can_continue=True), bank)(pilot)
        pilot.app.screen.query_one("#answers").scroll_visible(top=True, animate=False)
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_feedback_situational_from_summary(
    snap_compare: Any, make_app: Any, bank: QuestionBank, size: tuple[int, int]
) -> None:
    run_before = pushing(lambda b: feedback_screen(b, 1, can_continue=False), bank)
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_summary_screen(snap_compare: Any, make_app: Any, bank: QuestionBank, size: tuple[int, int]) -> None:
    def summary_screen(b: QuestionBank) -> SummaryScreen:
        session = graded_session(b)
        return SummaryScreen(session, summarize(session))

    assert snap_compare(make_app(), terminal_size=size, run_before=pushing(summary_screen, bank))


@pytest.mark.parametrize("size", SIZES)
def test_export_dialog_from_the_summary(
    snap_compare: Any, make_app: Any, bank: QuestionBank, size: tuple[int, int]
) -> None:
    """All three formats in view at 80 columns (the set-up screen's one-row radio style once hid JSON)."""

    async def run_before(pilot: Pilot[Any]) -> None:
        await pushing(lambda b: SummaryScreen(graded_session(b), summarize(graded_session(b))), bank)(pilot)
        await pilot.press("f3")
        await settle(pilot)
        dialog = pilot.app.screen.query_one("#file-dialog").region
        for fmt in ("md", "html", "json"):
            assert dialog.contains_region(pilot.app.screen.query_one(f"#format-{fmt}").region)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_attempts_side_by_side(snap_compare: Any, make_app: Any, bank: QuestionBank, size: tuple[int, int]) -> None:
    run_before = pushing(lambda b: AttemptsScreen(graded_session(b).records[0]), bank)
    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_quit_confirmation(snap_compare: Any, make_app: Any, size: tuple[int, int]) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await start_interview(pilot)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(pilot.app.screen, ConfirmScreen)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_resume_offer(snap_compare: Any, make_app: Any, bank: QuestionBank, size: tuple[int, int]) -> None:
    unfinished = graded_session(bank).model_copy(update={"status": SessionStatus.in_progress})
    SessionStore(store_path()).save(unfinished)
    assert snap_compare(make_app(), terminal_size=size, run_before=settle)


def test_feedback_in_a_light_theme(snap_compare: Any, make_app: Any, bank: QuestionBank) -> None:
    """Built-in themes work: the screens use theme variables, never fixed colours."""

    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = "textual-light"
        await pushing(lambda b: feedback_screen(b, 0, can_continue=True), bank)(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


def test_interview_in_a_light_theme(snap_compare: Any, make_app: Any, clock: ManualClock) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        pilot.app.theme = "textual-light"
        screen = await start_interview(pilot, timer_index=1)
        screen.answer_box.load_text(MAIN_ANSWER)
        screen.update_live()
        clock.advance(55)
        screen.query_one("#live-timer").tick()
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_setup_question_picker_with_the_whole_question(snap_compare: Any, make_app: Any, size: tuple[int, int]) -> None:
    """The list of questions focused, the second highlighted: its whole text below the list."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.screen.query_one("#question-search").focus()
        await pilot.press("tab", "down")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
