"""Practising one question of a past session again, from the history: its questions are listed
with their words and scores, and the one picked is asked alone in a new interview."""

from __future__ import annotations

import subprocess
import sys
from typing import Any

import pytest
from textual.widgets import DataTable, OptionList

from practice.bank.models import QuestionBank
from practice.interview.engine import Phase
from practice.interview.models import Cursor, SessionStatus
from practice.locations import store_path
from practice.screens.history import HistoryScreen
from practice.screens.interview import InterviewScreen
from practice.screens.question_pick import QuestionPickScreen
from practice.screens.summary import SummaryScreen
from practice.store.sqlite import SessionStore
from tests.conftest import REPO_ROOT
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


CLAIM_IN_ANOTHER_PROCESS = """
import sys
from pathlib import Path
from practice.store.sqlite import SessionStore
SessionStore(Path(sys.argv[1])).claim(sys.argv[2]).release()
"""


def claimed_by_another_process(session_id: str) -> subprocess.CompletedProcess[str]:
    """Another window's claim of the session, as `practice` makes it (exit 0: it got it)."""
    return subprocess.run(
        [sys.executable, "-c", CLAIM_IN_ANOTHER_PROCESS, str(store_path()), session_id],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


async def test_practising_again_lets_go_of_the_finished_interview(make_app: Any) -> None:
    """The finished interview under the history is closed for the new one, and with it its claim
    on its session: another window can take that session (to review it) while this one practises."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        _, old_id = await finished_session_in_history(pilot, mock=True)
        assert app.store.owner_of(old_id) is not None  # the finished interview still has it open
        await pilot.press("t")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        interview = app.screen
        assert isinstance(interview, InterviewScreen) and interview.engine.session.id != old_id
        assert sum(isinstance(screen, InterviewScreen) for screen in app.screen_stack) == 1
        assert app.store.owner_of(old_id) is None
        other = claimed_by_another_process(old_id)
        assert other.returncode == 0, other.stderr[-2000:]
        owner = app.store.owner_of(interview.engine.session.id)
        assert owner is not None and owner.pid is not None  # the new interview's session is held


async def test_resuming_another_session_from_the_history_lets_go_of_the_finished_one(
    make_app: Any, bank: QuestionBank
) -> None:
    unfinished = graded_session(bank).model_copy(update={"id": "unfinished", "status": SessionStatus.in_progress})
    unfinished.cursor = Cursor(question_id=unfinished.records[-1].question.id, phase=Phase.answering)
    with SessionStore(store_path()) as store:
        store.save(unfinished)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("n")  # not resumed at the start: a new interview first
        await settle(pilot)
        _, old_id = await finished_session_in_history(pilot, mock=True)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        row = next(index for index, listed in enumerate(history.rows) if listed.id == "unfinished")
        history.query_one(DataTable).move_cursor(row=row)
        await pilot.press("r")
        await settle(pilot)
        interview = app.screen
        assert isinstance(interview, InterviewScreen) and interview.engine.session.id == "unfinished"
        assert sum(isinstance(screen, InterviewScreen) for screen in app.screen_stack) == 1
        assert app.store.owner_of(old_id) is None
        assert claimed_by_another_process(old_id).returncode == 0


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
