"""The interview screen and a real model's ways: while it grades, a progress line with tokens
and seconds, and Escape taking the offline grade now, closing the request (the fake server sees
it closed); a turn reciting the instructions replaced by the bank's wording, with a notice."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from practice.app import PracticeApp
from practice.bank.models import Question
from practice.config import Settings
from practice.grading.feedback import FlagKind
from practice.interview.engine import Phase
from practice.screens.feedback import FeedbackScreen
from practice.screens.interview import InterviewScreen
from practice.screens.self_assessment import SelfAssessmentScreen
from tests.drills.tui_helpers import settle, start_interview

from . import fake_server as fake
from .fake_server import FakeServer
from .test_tui_wiring import (
    FOLLOW_UP_ANSWER,
    FOLLOW_UP_PROMPT,
    THIN,
    answer,
    interviewer_turns,
    notices,
)

PAUSES = 400
HANG_UP_SECONDS = 10


async def until(pilot: Pilot[Any], condition: Callable[[], bool], what: str) -> None:
    for _ in range(PAUSES):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"never: {what}")


async def test_escape_while_the_model_grades_takes_the_offline_grade_and_closes_the_request(
    server: FakeServer, make_app: Callable[..., PracticeApp], make_settings: Callable[..., Settings], question: Question
) -> None:
    server.script(fake.stream(["Welcome. ", question.text]), fake.stream([FOLLOW_UP_PROMPT]))
    app = make_app(make_settings(timeout_seconds=60.0))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_interview(pilot)
        await answer(pilot, screen, THIN)
        assert screen.engine.phase == Phase.follow_up
        server.script(fake.endless_stream('{"criteria": ', limit=20_000, pause=0.01))
        screen.answer_box.load_text(FOLLOW_UP_ANSWER)
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, SelfAssessmentScreen), "the self-assessment")
        await pilot.press("4", "ctrl+s")

        await until(pilot, lambda: "The model is grading —" in screen.model_progress_text(), "the progress line")
        assert (
            "tokens" in screen.model_progress_text()
            and "Escape: use the offline grade now" in screen.model_progress_text()
        )
        assert app.screen is screen and screen.check_action("stop_turn", ()) is True
        await pilot.press("escape")

        assert await asyncio.to_thread(server.streams.client_hung_up.wait, HANG_UP_SECONDS), (
            "the request was left running"
        )
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        feedback = screen.engine.session.records[0].latest().feedback
        assert feedback is not None and feedback.grader.kind == "offline"
        reason = next(f.message for f in feedback.flags if f.kind == FlagKind.llm_fallback)
        assert "you chose not to wait for the model" in reason
        assert screen.model_progress_text() == ""
        assert isinstance(screen, InterviewScreen)


async def test_a_follow_up_reciting_the_instructions_is_replaced_by_the_bank_wording(
    server: FakeServer, make_app: Callable[..., PracticeApp], question: Question
) -> None:
    recited = "Ask ONE short follow-up question that probes the first of these weak areas?"
    server.script(fake.stream(["Welcome. ", question.text]), fake.stream([recited]))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_interview(pilot)
        await answer(pilot, screen, THIN)

        assert screen.engine.phase == Phase.follow_up
        assert interviewer_turns(screen)[-1] == question.follow_ups[0].text
        assert recited not in " ".join(interviewer_turns(screen))
        assert any("replaced by the bank's" in n and "recited its instructions" in n for n in notices(app))
