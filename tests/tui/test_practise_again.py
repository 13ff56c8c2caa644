"""Practising one question of a past session again, from the history: its questions are listed
with their words and scores, and the one picked is asked alone in a new interview."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import OptionList

from practice.bank.models import QuestionBank
from practice.screens.history import HistoryScreen
from practice.screens.interview import InterviewScreen
from practice.screens.question_pick import QuestionPickScreen
from practice.screens.summary import SummaryScreen
from tests.tui.fixture_sessions import graded_session
from tests.tui.test_tui_flows import FULL_ANSWER, answer_until_self_assessment, settle, start

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def finished_session_in_history(pilot: Any, *, mock: bool) -> tuple[list[str], str]:
    """Two questions answered, then the history opened on the summary; the ids asked, the session's."""
    screen = await start(pilot, count=2, mock=mock)
    for _ in range(2):
        await answer_until_self_assessment(pilot, screen, FULL_ANSWER)
        await pilot.press("4", "ctrl+s")
        await settle(pilot)
        if not mock and not isinstance(pilot.app.screen, SummaryScreen):
            await pilot.press("n")
            await settle(pilot)
    assert isinstance(pilot.app.screen, SummaryScreen)
    await pilot.press("f6")
    await settle(pilot)
    assert isinstance(pilot.app.screen, HistoryScreen)
    return [r.question.id for r in screen.engine.session.records], screen.engine.session.id


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mock", [False, True], ids=["coach", "mock"])
async def test_a_question_of_a_past_session_is_practised_again_alone(
    make_app: Any, mock: bool, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        asked, old_id = await finished_session_in_history(pilot, mock=mock)
        await pilot.press("t")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, QuestionPickScreen)
        listed = picker.query_one(OptionList)
        assert [listed.get_option_at_index(i).id for i in range(listed.option_count)] == asked
        assert "(" in str(listed.get_option_at_index(1).prompt) and "/5)" in str(listed.get_option_at_index(1).prompt)
        await pilot.press("down", "enter")
        await settle(pilot)
        interview = app.screen
        assert isinstance(interview, InterviewScreen)
        session = interview.engine.session
        assert session.id != old_id and [r.question.id for r in session.records] == [asked[1]]
        assert session.settings.mode.value == ("mock" if mock else "coach")
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert app.return_code == 0


async def test_escape_in_the_picker_changes_nothing(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await finished_session_in_history(pilot, mock=True)
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, HistoryScreen)


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_of_the_question_picker(
    snap_compare: Any, make_app: Any, bank: QuestionBank, size: tuple[int, int]
) -> None:
    """Over the set-up screen, for a fixture session: the history behind would show today's date."""

    async def run_before(pilot: Any) -> None:
        await settle(pilot)
        pilot.app.push_screen(QuestionPickScreen(graded_session(bank)))
        await settle(pilot)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
