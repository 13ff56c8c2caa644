"""The summary's "practise next" as a candidate uses it: each suggestion that names a question is
picked with Enter and that question is asked at once, as a new attempt in the same interview; one
naming several questions (those the interview did not reach) asks which; advice that names no
question can be read but not picked."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import OptionList

from practice.screens.interview import InterviewScreen
from practice.screens.question_pick import QuestionPickScreen
from practice.screens.summary import SummaryScreen
from tests.tui.test_tui_flows import THIN_ANSWER, answer_until_self_assessment, settle, start

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def summary_after_one_thin_answer(pilot: Any) -> tuple[InterviewScreen, SummaryScreen]:
    """Three questions asked for; the first answered thinly (it scores low), then Finish now."""
    interview = await start(pilot, count=3)
    await answer_until_self_assessment(pilot, interview, THIN_ANSWER)
    await pilot.press("2", "ctrl+s")
    await settle(pilot)
    await pilot.press("n")  # from the feedback to the second question
    await settle(pilot)
    await pilot.press("ctrl+f")
    await settle(pilot)
    summary = pilot.app.screen
    assert isinstance(summary, SummaryScreen)
    return interview, summary


def suggestion_index(summary: SummaryScreen, starts: str) -> int:
    return next(i for i, line in enumerate(summary.practise_lines()) if line.startswith(starts))


@pytest.mark.parametrize("size", SIZES)
async def test_a_suggested_question_is_picked_and_asked_at_once(make_app: Any, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        interview, summary = await summary_after_one_thin_answer(pilot)
        first = interview.engine.session.records[0].question.id
        await pilot.press("p")
        await settle(pilot)
        listed = summary.query_one("#practise-next", OptionList)
        assert listed.has_focus and listed.region.bottom <= size[1]  # in view, not only focused
        listed.highlighted = suggestion_index(summary, "Retry Q1 “")
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is interview
        engine = interview.engine
        assert engine.question is not None and engine.question.id == first
        assert engine.phase.value == "answering" and engine.attempt.number == 2


async def test_questions_not_reached_are_offered_to_choose_from(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        interview, summary = await summary_after_one_thin_answer(pilot)
        unreached = [r.question.id for r in interview.engine.session.records if not r.attempts]
        assert len(unreached) == 2
        await pilot.press("p")
        summary.query_one("#practise-next", OptionList).highlighted = suggestion_index(summary, "Answer the 2")
        await pilot.press("enter")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, QuestionPickScreen)
        offered = picker.query_one(OptionList)
        assert [offered.get_option_at_index(i).id for i in range(offered.option_count)] == unreached
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.screen is interview
        assert interview.engine.question is not None and interview.engine.question.id == unreached[1]
        assert interview.engine.attempt.number == 1


async def test_advice_naming_no_question_cannot_be_picked(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        _, summary = await summary_after_one_thin_answer(pilot)
        listed = summary.query_one("#practise-next", OptionList)
        for index, suggestion in enumerate(summary.summary.practise_next):
            names_questions = bool(summary.suggested_questions(suggestion))
            assert listed.get_option_at_index(index).disabled is not names_questions, suggestion.text
        assert any(listed.get_option_at_index(i).disabled for i in range(listed.option_count))
        shown = "\n".join(listed.render_line(y).text for y in range(listed.size.height))
        assert "▸ Retry Q1 “" in shown and "•" in shown
        assert not any(f"{record.question.id}" in shown for record in summary.session.records)  # by number and words


async def test_the_table_answers_a_question_the_interview_did_not_reach(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        interview, _summary = await summary_after_one_thin_answer(pilot)
        await pilot.press("down", "r")  # row 2: never asked
        await settle(pilot)
        assert app.screen is interview
        assert interview.engine.question is not None
        assert interview.engine.question.id == interview.engine.session.records[1].question.id
