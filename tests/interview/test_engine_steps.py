"""Intents split for a caller with an event loop, headless: a step's compute reads nothing of the
session and may run in another thread; its apply is refused from a thread that does not own the
session, and once the interview has moved on since the step was planned."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

import pytest

from practice.interview.engine import EngineError, InterviewEngine, NotOwner, Phase
from practice.interview.interviewer import BankInterviewer
from practice.interview.models import Mode
from practice.llm.usage import TokenUsage
from tests.interview.fakes import FakeGrader
from tests.interview.test_engine import FULL, SELF, THIN, start

T = TypeVar("T")


def elsewhere(call: Callable[[], T]) -> T:
    """`call` on another thread, its result or exception brought back here."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(call).result()


def test_a_steps_compute_reads_only_what_was_planned() -> None:
    """The compute in a thread sees the session as planned, even if it is swapped meanwhile."""
    grader = FakeGrader()
    engine = start(mode=Mode.mock, count=1, grader=grader)
    engine.submit_answer(FULL)
    step = engine.plan_submit_self_assessment(SELF)
    planned = engine.session
    engine.session = planned.model_copy(update={"records": []})  # compute must not look
    feedback = elsewhere(step.compute)
    engine.session = planned
    assert grader.calls and grader.calls[0][1] == FULL
    assert engine.phase == Phase.self_assessment and engine.attempt.feedback is None  # compute changed nothing
    step.apply(feedback)
    assert engine.phase == Phase.finished and engine.session.records[0].latest().feedback == feedback[0]


def test_after_own_every_change_from_another_thread_is_refused_and_nothing_changes() -> None:
    engine = start()
    engine.own()
    before = engine.session.model_dump_json()
    refused: list[Callable[[], object]] = [
        lambda: engine.plan_submit_answer(THIN),
        lambda: engine.submit_answer(THIN),
        lambda: engine.save_draft("typed"),
        lambda: engine.record_tokens(TokenUsage(prompt_tokens=5)),
        engine.snapshot,
        lambda: engine.plan_turn(BankInterviewer()),
    ]
    for call in refused:
        with pytest.raises(NotOwner, match="belongs to thread"):
            elsewhere(call)
    assert engine.session.model_dump_json() == before

    step = engine.plan_submit_answer(THIN)  # planned on the owner, computed anywhere, applied on the owner only
    follow_up = elsewhere(step.compute)
    with pytest.raises(NotOwner):
        elsewhere(lambda: step.apply(follow_up))
    step.apply(follow_up)
    assert engine.phase == Phase.follow_up


def test_a_step_planned_before_the_interview_moved_on_is_refused() -> None:
    engine = start()
    late = engine.plan_submit_answer(THIN)
    first = engine.plan_submit_answer(FULL)
    first.apply(first.compute())
    answers = list(engine.attempt.answers)
    with pytest.raises(EngineError, match="moved on while this was being worked out"):
        late.apply(late.compute())
    assert engine.attempt.answers == answers and engine.phase == Phase.self_assessment


def test_a_turn_planned_on_the_owner_speaks_in_another_thread() -> None:
    engine = start()
    engine.own()
    engine.submit_answer(THIN)
    assert engine.phase == Phase.follow_up
    turn = engine.plan_turn(BankInterviewer())
    spoken = elsewhere(lambda: "".join(turn()))
    assert engine.follow_up is not None and spoken == engine.follow_up.text


def test_without_own_the_engine_is_used_from_any_one_thread() -> None:
    """Headless callers (the CLI, these tests) never call own(): a worker thread may drive it."""

    def whole_question() -> InterviewEngine:
        engine = start(count=1)
        engine.submit_answer(FULL)
        engine.submit_self_assessment(SELF)
        engine.next_question()
        return engine

    assert elsewhere(whole_question).phase == Phase.finished
