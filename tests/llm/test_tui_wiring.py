"""The model wired into a whole TUI session through one client, against the fake endpoint:
tokens on the status line and in the saved session, the follow-up questions in the grade's
transcript, and faults (grade and interviewer) ending as notifications while the session goes on."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from practice.app import PracticeApp, build_app
from practice.bank.models import (
    Question,
)
from practice.config import Settings
from practice.grading.feedback import FlagKind
from practice.interview.engine import Phase
from practice.llm import pricing
from practice.locations import store_path
from practice.screens.feedback import FeedbackScreen
from practice.screens.interview import InterviewScreen
from practice.screens.summary import SummaryScreen
from practice.store.sqlite import SessionStore
from practice.widgets.grader_status import cost_text
from practice.widgets.transcript import Transcript, Turn
from tests.drills.tui_helpers import settle, start_interview
from tests.tui.test_tui_flows import start

from . import fake_server as fake
from .fake_server import FakeServer
from .helpers import ANSWER, API_KEY, one_question_bank, verdict

THIN = "We changed the refund process."
FOLLOW_UP_PROMPT = "How did you measure the impact?"
FOLLOW_UP_ANSWER = "Refund time fell from 9 days to 2 days."
SERVER_DOWN = [fake.error(500, "boom")] * 3  # the first try and both retries
# The answer and the follow-up answer are one sentence each: [1] and [2].
TWO_SENTENCE_VERDICT = verdict(
    criteria={
        "listening": {"status": "partial", "sentence": 1},
        "action": {"status": "covered", "sentence": 1},
        "impact": {"status": "covered", "sentence": 2},
    },
    star={"situation": 0, "task": 0, "action": 1, "result": 2},
)


def status_line(app: PracticeApp) -> str:
    return str(app.screen.query_one("#progress", Static).render())


def notices(app: PracticeApp) -> list[str]:
    return [n.message for n in app._notifications]


def interviewer_turns(screen: InterviewScreen) -> list[str]:
    return [turn.text for turn in screen.query_one(Transcript).query(Turn) if turn.speaker == "interviewer"]


async def answer(pilot: Pilot[Any], screen: InterviewScreen, text: str) -> None:
    screen.answer_box.load_text(text)
    await pilot.press("ctrl+s")
    await settle(pilot)


async def self_assess(pilot: Pilot[Any]) -> None:
    await pilot.press("4", "ctrl+s")
    await settle(pilot)


async def test_tokens_and_the_follow_up_questions_reach_the_status_line_the_grade_and_the_store(
    server: FakeServer, make_app: Callable[[], PracticeApp], question: Question
) -> None:
    server.script(fake.stream(["Welcome. ", question.text]))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_interview(pilot)
        assert "LLM grader: gpt-4o-mini" in status_line(app)
        opening_tokens = screen.engine.session.tokens
        assert opening_tokens.prompt_tokens > 0 and opening_tokens.estimated  # a stream is counted by estimate
        assert (
            f"≈{opening_tokens.prompt_tokens + opening_tokens.completion_tokens:,} tokens (estimated)"
            in status_line(app)
        )

        server.script(fake.stream([FOLLOW_UP_PROMPT]))
        await answer(pilot, screen, THIN)
        assert screen.engine.phase == Phase.follow_up and interviewer_turns(screen)[-1] == FOLLOW_UP_PROMPT
        server.script(fake.reply_json(TWO_SENTENCE_VERDICT, usage=(1000, 200)))
        await answer(pilot, screen, FOLLOW_UP_ANSWER)
        await self_assess(pilot)

        assert isinstance(app.screen, FeedbackScreen)
        assert screen.engine.session.records[0].latest().feedback.grader.kind == "llm"
        tokens = screen.engine.session.tokens
        assert tokens.prompt_tokens >= opening_tokens.prompt_tokens + 1000 and tokens.completion_tokens >= 200
        assert tokens.cost_usd is not None and tokens.cost_usd > 0  # gpt-4o-mini has a price
        grade_request = server.requests[-1].text("user")
        assert f"Interviewer: {FOLLOW_UP_PROMPT}\nCandidate:\n[2] {FOLLOW_UP_ANSWER}" in grade_request
        assert f"Candidate:\n[1] {THIN}" in grade_request
        await pilot.press("n")
        await settle(pilot)
    with SessionStore(store_path()) as store:
        saved = store.load(screen.engine.session.id)
    assert saved.tokens == tokens
    assert API_KEY not in saved.model_dump_json()


async def test_offline_grader_says_so_and_shows_no_tokens(question: Question) -> None:
    app = build_app(Settings(), one_question_bank(question), SessionStore(store_path()), clock=lambda: 1000.0, seed=7)
    async with app.run_test(size=(120, 40)) as pilot:
        await start_interview(pilot)
        assert status_line(app).endswith("offline grader")
        assert "tokens" not in status_line(app)


async def test_a_failing_grade_is_a_notification_and_the_offline_grade_stands(
    server: FakeServer, make_app: Callable[[], PracticeApp], question: Question
) -> None:
    server.script(fake.stream([question.text]))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_interview(pilot)
        server.script(*SERVER_DOWN)
        await answer(pilot, screen, ANSWER)
        if screen.engine.phase == Phase.follow_up:
            pytest.fail("this answer covers every area; no follow-up was expected")
        await self_assess(pilot)

        assert isinstance(app.screen, FeedbackScreen)
        told = [n for n in notices(app) if n.startswith("The model could not grade this answer")]
        assert told and "failed with HTTP 500" in told[0] and told[0].endswith("offline grade shown.")
        feedback = screen.engine.attempt.feedback
        assert feedback is not None and feedback.grader.kind == "offline" and feedback.has_flag(FlagKind.llm_fallback)
        assert screen.engine.attempt.answers[0].text == ANSWER
        warnings = "\n".join(str(item.render()) for item in app.screen.query("#flags .bullet-text"))
        assert "The model could not grade this answer: the model endpoint" in warnings

        await pilot.press("n")  # the session goes on: the one question done, the summary follows
        await settle(pilot)
        assert screen.engine.phase == Phase.finished


async def test_a_failing_interviewer_stream_is_a_notification_and_the_bank_speaks(
    server: FakeServer, make_app: Callable[[], PracticeApp], question: Question
) -> None:
    server.script(*SERVER_DOWN, fake.reply_json(verdict()))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_interview(pilot)
        assert interviewer_turns(screen) == [question.text]
        assert any(
            n.startswith("The interviewer's words were replaced by the bank's") and "HTTP 500" in n
            for n in notices(app)
        )
        await answer(pilot, screen, ANSWER)
        await self_assess(pilot)
        feedback = screen.engine.attempt.feedback
        assert feedback is not None and feedback.grader.kind == "llm"
        assert screen.engine.attempt.answers[0].prompt == question.text


async def test_a_resumed_session_goes_on_counting_from_its_saved_tokens(
    server: FakeServer, make_app: Callable[[], PracticeApp], question: Question
) -> None:
    server.script(fake.stream(["Welcome. ", question.text]))
    first = make_app()
    async with first.run_test(size=(120, 40)) as pilot:
        screen = await start_interview(pilot)
        before = screen.engine.session.tokens
        assert before.prompt_tokens > 0
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")  # quit: everything is saved
        await settle(pilot)

    server.script(fake.reply_json(verdict(), usage=(1000, 200)))
    second = make_app()  # a new run: a new client, counting from zero
    async with second.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")  # resume
        await settle(pilot)
        resumed = second.screen
        assert isinstance(resumed, InterviewScreen) and resumed.engine.session.tokens == before
        await answer(pilot, resumed, ANSWER)
        await self_assess(pilot)
        tokens = resumed.engine.session.tokens
        assert (tokens.prompt_tokens, tokens.completion_tokens) == (
            before.prompt_tokens + 1000,
            before.completion_tokens + 200,
        )
        shown = str(resumed.query_one("#progress", Static).render())
        assert f"≈{tokens.prompt_tokens + tokens.completion_tokens:,} tokens (estimated)" in shown


async def test_a_mock_interview_graded_at_the_end_tells_of_the_fallback_too(
    server: FakeServer, make_app: Callable[[], PracticeApp], question: Question
) -> None:
    server.script(fake.stream([question.text]))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(pilot, count=1, mock=True)
        await settle(pilot)
        server.script(*SERVER_DOWN)
        await answer(pilot, screen, ANSWER)
        await self_assess(pilot)

        assert isinstance(app.screen, SummaryScreen) and screen.engine.phase == Phase.finished
        assert any(n.startswith("The model could not grade this answer") for n in notices(app))
        assert screen.engine.session.records[0].attempts[0].answers[0].text == ANSWER


async def test_a_session_resumed_under_another_model_keeps_the_earlier_price(
    server: FakeServer,
    make_app: Callable[..., PracticeApp],
    make_settings: Callable[..., Settings],
    question: Question,
) -> None:
    """Begun with gpt-4o, resumed with gpt-4o-mini: the tokens of the first run stay at gpt-4o's
    price, only the new ones are priced at gpt-4o-mini's, on screen and in the store."""
    server.script(fake.stream(["Welcome. ", question.text]))
    first = make_app(make_settings(model="gpt-4o"))
    async with first.run_test(size=(120, 40)) as pilot:
        screen = await start_interview(pilot)
        session_id = screen.engine.session.id
        before = screen.engine.session.tokens
        assert before.cost_usd == pricing.cost_usd("gpt-4o", before.prompt_tokens, before.completion_tokens)
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)

    server.script(fake.reply_json(verdict(), usage=(1000, 200)))
    second = make_app(make_settings(model="gpt-4o-mini"))
    async with second.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("y")  # resume
        await settle(pilot)
        resumed = second.screen
        assert isinstance(resumed, InterviewScreen)
        await answer(pilot, resumed, ANSWER)
        await self_assess(pilot)
        tokens = resumed.engine.session.tokens
        assert before.cost_usd is not None
        expected = before.cost_usd + (pricing.cost_usd("gpt-4o-mini", 1000, 200) or 0.0)
        assert tokens.cost_usd == pytest.approx(expected)
        everything_at_mini = pricing.cost_usd("gpt-4o-mini", tokens.prompt_tokens, tokens.completion_tokens)
        assert tokens.cost_usd != pytest.approx(everything_at_mini)  # the bug this test is for
        shown = str(resumed.query_one("#progress", Static).render())
        assert cost_text(expected, "≈") in shown
    assert SessionStore(store_path()).load(session_id).tokens.cost_usd == pytest.approx(expected)
