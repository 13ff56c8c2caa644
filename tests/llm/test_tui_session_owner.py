"""One thread owns the interview's session: the event loop. A whole interview through the TUI,
with the model as interviewer and grader (the fake endpoint), a follow-up probed and streamed,
a draft kept and skipped with, a grade stopped with Escape, a retry, and "Finish now" grading an
unsent answer, while every write to the session's models and every copy of the session made
from any other thread is caught. Worker threads may grade, probe, speak and save; they may not
touch the live session."""

from __future__ import annotations

import asyncio
import threading
import traceback
from collections.abc import Callable, Iterator
from typing import Any

import pytest
from pydantic import BaseModel

from practice.app import PracticeApp
from practice.bank.models import Question
from practice.config import Settings
from practice.interview.engine import Phase
from practice.interview.models import Answer, Attempt, Cursor, Draft, QuestionRecord, Session
from practice.llm.usage import TokenUsage
from practice.locations import store_path
from practice.screens.feedback import FeedbackScreen
from practice.screens.finish_choice import FinishChoiceScreen
from practice.screens.self_assessment import SelfAssessmentScreen
from practice.screens.summary import SummaryScreen
from practice.store.sqlite import SessionStore
from tests.drills.tui_helpers import settle, start_interview

from . import fake_server as fake
from .fake_server import FakeServer
from .helpers import ANSWER, verdict
from .test_tui_model_progress_and_guard import until
from .test_tui_wiring import FOLLOW_UP_PROMPT, THIN, answer

SESSION_MODELS: tuple[type[BaseModel], ...] = (Session, QuestionRecord, Attempt, Answer, Cursor, Draft)
DRAFT = "Refunds got faster, I think"


class OffLoop(AssertionError):
    """Raised where the session was touched from a thread other than the event loop's."""


class LoopGuard:
    """Every write to an attribute of the session's models, and every copy of a Session, from a
    thread that is not the one running the test's event loop (the app's), is kept and refused."""

    def __init__(self, loop_thread: int) -> None:
        self.loop_thread = loop_thread
        self.caught: list[str] = []

    def check(self, what: str) -> None:
        if threading.get_ident() != self.loop_thread:
            where = "".join(traceback.format_stack(limit=6)[:-2])
            self.caught.append(f"{what} from thread {threading.current_thread().name}:\n{where}")
            raise OffLoop(f"{what} off the event loop")

    def assert_clean(self) -> None:
        """First, so a failure names the touch, not what went wrong after it was refused."""
        assert self.caught == [], "\n".join(self.caught)


@pytest.fixture
def guard(monkeypatch: pytest.MonkeyPatch) -> Iterator[LoopGuard]:
    guard = LoopGuard(threading.get_ident())  # async tests run on the loop the app runs on
    for model in SESSION_MODELS:

        def guarded_setattr(
            self: BaseModel, name: str, value: Any, _set: Callable[..., None] = model.__setattr__
        ) -> None:
            guard.check(f"{type(self).__name__}.{name} written")
            _set(self, name, value)

        monkeypatch.setattr(model, "__setattr__", guarded_setattr)
    copy = Session.model_copy

    def guarded_copy(self: Session, **options: Any) -> Session:
        guard.check("the session copied")
        return copy(self, **options)

    monkeypatch.setattr(Session, "model_copy", guarded_copy)
    yield guard


async def test_a_whole_interview_with_the_model_touches_the_session_only_on_the_event_loop(
    guard: LoopGuard,
    server: FakeServer,
    make_app: Callable[..., PracticeApp],
    make_settings: Callable[..., Settings],
    question: Question,
) -> None:
    server.script(fake.stream(["Welcome. ", question.text]), fake.stream([FOLLOW_UP_PROMPT]))
    app = make_app(make_settings(timeout_seconds=60.0))
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_interview(pilot)
        await answer(pilot, screen, THIN)  # probed for a follow-up, which the model words
        guard.assert_clean()
        assert screen.engine.phase == Phase.follow_up and screen.engine.prompt == FOLLOW_UP_PROMPT

        screen.answer_box.load_text(DRAFT)
        screen.save_draft()  # the draft timer's turn
        await settle(pilot)
        await pilot.press("ctrl+n")  # skipped, with the draft's words
        await settle(pilot)
        guard.assert_clean()
        assert isinstance(app.screen, SelfAssessmentScreen)

        server.script(fake.endless_stream('{"criteria": ', limit=20_000, pause=0.01))
        await pilot.press("4", "ctrl+s")
        await until(pilot, screen.model_is_grading, "the model grading")
        await pilot.press("escape")  # the offline grade, now
        await until(pilot, lambda: isinstance(app.screen, FeedbackScreen), "the feedback")
        await settle(pilot)
        guard.assert_clean()

        server.script(fake.stream([question.text]), fake.reply_json(verdict(), usage=(900, 150)))
        await pilot.press("r")  # a second attempt, its opening spoken by the model
        await settle(pilot)
        screen.answer_box.load_text(ANSWER)
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert isinstance(app.screen, FinishChoiceScreen)
        await pilot.press("g")  # graded by the model with the rest
        await settle(pilot)

        guard.assert_clean()
        assert isinstance(app.screen, SummaryScreen)
        session = screen.engine.session
        first, second = session.records[0].attempts
        assert [a.text for a in first.answers] == [THIN, DRAFT] and first.answers[1].skipped
        assert first.feedback is not None and first.feedback.grader.kind == "offline"
        assert second.feedback is not None and second.feedback.grader.kind == "llm"
        assert session.tokens.prompt_tokens >= 900
    with SessionStore(store_path()) as store:
        saved = store.load(session.id)
    assert saved.cursor is not None and saved.cursor.phase == Phase.finished
    assert saved.records[0].attempts[1].answers[0].text == ANSWER and saved.tokens == session.tokens


async def test_the_guard_catches_a_write_and_a_copy_from_a_worker_thread(
    guard: LoopGuard, server: FakeServer, make_app: Callable[..., PracticeApp], question: Question
) -> None:
    server.script(fake.stream([question.text]))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start_interview(pilot)
        session = screen.engine.session
        with pytest.raises(OffLoop, match=r"Session\.tokens written off the event loop"):
            await asyncio.to_thread(setattr, session, "tokens", TokenUsage(prompt_tokens=1))
        with pytest.raises(OffLoop, match="the session copied off the event loop"):
            await asyncio.to_thread(session.model_copy, deep=True)
        assert len(guard.caught) == 2 and session.tokens.prompt_tokens != 1
        guard.caught.clear()
