"""Leaving a turn as a candidate does: "Finish now" with an answer unsent asks first (grade it,
keep it and resume later, or stay); the timer stops while the candidate assesses; the
self-assessment says what submitting does in mock mode; its picks survive a kill."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Button, Checkbox, RadioSet

from practice.interview.engine import Phase
from practice.interview.models import SessionStatus
from practice.locations import store_path
from practice.screens.confirm import ConfirmScreen
from practice.screens.finish_choice import FinishChoiceScreen
from practice.screens.interview import InterviewScreen
from practice.screens.self_assessment import SelfAssessmentScreen
from practice.screens.setup import SetupScreen
from practice.screens.summary import SummaryScreen
from practice.store.sqlite import SessionStore
from practice.widgets.answer_timer import AnswerTimer, TimerLevel
from tests.tui.conftest import ManualClock
from tests.tui.test_tui_flows import FULL_ANSWER, answer_until_self_assessment, saved, settle, start

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
MODES = [pytest.param(False, id="coach"), pytest.param(True, id="mock")]
UNSENT = "When our backlog doubled I set up a triage rota and first replies fell from 9 to 2 hours."


async def type_unsent_and_finish(pilot: Any, screen: InterviewScreen) -> None:
    screen.answer_box.load_text(UNSENT)
    await pilot.press("ctrl+f")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FinishChoiceScreen)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mock", MODES)
async def test_finish_with_an_unsent_answer_can_grade_it(make_app: Any, mock: bool, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, count=2, mock=mock)
        await type_unsent_and_finish(pilot, screen)
        await pilot.press("g")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)
        stored = saved(screen.engine.session.id)
        assert stored.status == SessionStatus.finished and stored.draft is None
        attempt = stored.records[0].latest()
        assert attempt.main_answer().text == UNSENT and attempt.feedback is not None
        assert app.screen.summary.answered == 1


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mock", MODES)
async def test_finish_with_an_unsent_answer_can_keep_it_and_resume(
    make_app: Any, mock: bool, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, count=2, mock=mock)
        session_id = screen.engine.session.id
        await type_unsent_and_finish(pilot, screen)
        await pilot.press("k")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        stored = saved(session_id)
        assert stored.status == SessionStatus.in_progress and stored.draft.text == UNSENT

    again = make_app()
    async with again.run_test(size=size) as pilot:
        await settle(pilot)
        assert isinstance(again.screen, ConfirmScreen)  # the resume offer
        await pilot.press("y")
        await settle(pilot)
        resumed = again.screen
        assert isinstance(resumed, InterviewScreen) and resumed.engine.session.id == session_id
        assert resumed.answer_box.text == UNSENT and resumed.engine.phase == Phase.answering


async def test_finish_with_an_unsent_answer_can_stay_with_the_answer_in_the_box(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await type_unsent_and_finish(pilot, screen)
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen is screen and screen.answer_box.text == UNSENT
        assert screen.engine.phase == Phase.answering


async def test_finish_with_nothing_typed_does_not_ask(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await answer_until_self_assessment(pilot, screen, FULL_ANSWER)
        await pilot.press("4", "ctrl+s")
        await settle(pilot)
        await pilot.press("n")  # next question, from the feedback
        await settle(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)


@pytest.mark.parametrize("size", SIZES)
async def test_the_timer_stops_and_times_up_goes_during_self_assessment(
    make_app: Any, clock: ManualClock, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, timer_index=1)  # 1 minute
        timer = screen.query_one(AnswerTimer)
        clock.advance(75)
        timer.tick()
        assert timer.level == TimerLevel.up and "time's up" in str(timer.render())
        await answer_until_self_assessment(pilot, screen, FULL_ANSWER)
        clock.advance(30)
        timer.tick()  # what the interval would do, were it still running
        assert timer.level == TimerLevel.calm and "time's up" not in str(timer.render())
        await pilot.press("ctrl+s")  # coach mode: on to the feedback
        await settle(pilot)
        timer.tick()
        assert "time's up" not in str(timer.render())


@pytest.mark.parametrize(
    ("mock", "count", "label"),
    [(False, 2, "Show feedback"), (True, 2, "Next question"), (True, 1, "Finish and see the feedback")],
)
async def test_the_self_assessment_button_says_what_it_does(make_app: Any, mock: bool, count: int, label: str) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, count=count, mock=mock)
        await answer_until_self_assessment(pilot, screen, FULL_ANSWER)
        dialog = app.screen
        assert str(dialog.query_one("#submit-assessment", Button).label) == f"{label} (ctrl+s)"
        shown = {
            b.binding.description for b in dialog.active_bindings.values() if b.binding.key == "ctrl+s" and b.enabled
        }
        assert shown == {label}


@pytest.mark.parametrize("size", SIZES)
async def test_the_self_assessment_picks_survive_a_kill(make_app: Any, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot)
        await answer_until_self_assessment(pilot, screen, FULL_ANSWER)
        await pilot.press("space", "5")  # ticks Situation, picks 5
        await settle(pilot)
        session_id = screen.engine.session.id
        # The app ends here without its quit path, as after kill -9: only what was saved is kept.
    picked = SessionStore(store_path()).load(session_id).records[0].latest().self_assessment
    assert picked is not None and (picked.score, picked.situation) == (5, True)

    again = make_app()
    async with again.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        dialog = again.screen
        assert isinstance(dialog, SelfAssessmentScreen)
        assert dialog.query_one(RadioSet).pressed_button.label.plain == "5"
        assert dialog.query_one("#self-situation", Checkbox).value is True
        await pilot.press("ctrl+s")
        await settle(pilot)
        attempt = saved(session_id).records[0].latest()
        assert attempt.feedback is not None and attempt.self_assessment.score == 5


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_of_the_finish_choice(snap_compare: Any, make_app: Any, size: tuple[int, int]) -> None:
    async def run_before(pilot: Any) -> None:
        screen = await start(pilot)
        screen.answer_box.cursor_blink = False
        await type_unsent_and_finish(pilot, screen)
        # The meter behind the dialog counts the unsent words after a debounce: drawn now, so the
        # picture does not depend on whether that timer fired before the screenshot.
        screen.update_live()
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_of_a_mock_self_assessment_for_a_situational_question(
    snap_compare: Any, make_app: Any, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.push_screen(SelfAssessmentScreen(star_applies=False, then="next"))
        await settle(pilot)
        await pilot.press("space", "4")
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
