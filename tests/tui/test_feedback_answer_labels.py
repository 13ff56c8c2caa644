"""The feedback's "Your answer" keeps what was said first apart from what was added when probed:
each follow-up answer sits under the follow-up it answers."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from practice.bank.models import QuestionBank
from practice.screens.feedback import FeedbackScreen
from tests.tui.fixture_sessions import FOLLOW_UP_ANSWER, graded_session
from tests.tui.test_tui_flows import settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


def first_attempt_feedback(bank: QuestionBank) -> FeedbackScreen:
    """The behavioral question's first attempt: a main answer and one follow-up answer."""
    record = graded_session(bank).records[0]
    return FeedbackScreen(record, record.attempts[0], heading="Question 1 of 2 - feedback", can_continue=False)


async def show_answers(pilot: Pilot[Any], bank: QuestionBank) -> FeedbackScreen:
    await settle(pilot)
    screen = first_attempt_feedback(bank)
    pilot.app.push_screen(screen)
    await settle(pilot)
    screen.query_one("#your-answer").scroll_visible(top=True, animate=False)
    await settle(pilot)
    return screen


@pytest.mark.parametrize("size", SIZES)
async def test_a_follow_up_answer_is_labelled_with_its_follow_up(
    make_app: Any, bank: QuestionBank, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await show_answers(pilot, bank)
        attempt = screen.attempt
        main, follow_up = attempt.graded_answers()
        shown = str(screen.query_one("#your-answer", Static).render())
        assert shown.index(main.text) < shown.index(f"Follow-up: {follow_up.prompt}") < shown.index(FOLLOW_UP_ANSWER)
        assert f"Follow-up: {main.prompt}" not in shown


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_of_labelled_answers(
    snap_compare: Any, make_app: Any, bank: QuestionBank, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await show_answers(pilot, bank)

    assert snap_compare(make_app(), terminal_size=size, run_before=run_before)
