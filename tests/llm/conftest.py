"""Fixtures for the LLM tests: a fake endpoint on loopback, settings pointing at it with tiny
retry waits, and a small question. tiktoken's cache is an empty temp dir, so nothing here can
download an encoding."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from practice.app import PracticeApp, build_app
from practice.bank.models import Criterion, FollowUp, Question, QuestionType, RoleLevel
from practice.config import Settings
from practice.interview.interviewer import Interviewer
from practice.interview.llm_interviewer import LlmInterviewer
from practice.llm.client import LlmClient
from practice.locations import store_path
from practice.store.sqlite import SessionStore

from .fake_server import FakeServer
from .helpers import API_KEY, one_question_bank


@pytest.fixture(autouse=True)
def empty_tiktoken_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    cache = tmp_path / "tiktoken-cache"
    cache.mkdir()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(cache))
    return cache


@pytest.fixture
def server() -> Iterator[FakeServer]:
    fake = FakeServer().start()
    yield fake
    fake.stop()


@pytest.fixture
def make_settings(server: FakeServer) -> Callable[..., Settings]:
    def make(**overrides: Any) -> Settings:
        values: dict[str, Any] = {
            "grader": "llm",
            "base_url": server.base_url,
            "api_key": API_KEY,
            "model": "gpt-4o-mini",
            "timeout_seconds": 2.0,
            "max_retries": 2,
            "retry_wait_seconds": 0.001,
            "retry_wait_cap_seconds": 0.01,
        }
        values.update(overrides)
        return Settings(**values)

    return make


@pytest.fixture
def settings(make_settings: Callable[..., Settings]) -> Settings:
    return make_settings()


@pytest.fixture
def question() -> Question:
    return Question(
        id="ccl-01",
        track="customer-centric-leadership",
        text="Tell me about a time you changed a process because of customer feedback.",
        type=QuestionType.behavioral,
        competencies=["customer-focus"],
        criteria=[
            Criterion(id="listening", text="How the candidate gathered and listened to customer feedback"),
            Criterion(id="action", text="The concrete change the candidate personally led"),
            Criterion(id="impact", text="The measured impact on customers"),
        ],
        follow_ups=[FollowUp(id="impact-metric", text="How did you measure the impact?", targets=["impact"])],
        sample_answer="In my last role I read every detractor comment for a month and found that refunds took 9 days.",
    )


@pytest.fixture
def make_app(settings: Settings, question: Question) -> Callable[..., PracticeApp]:
    """Wired like the CLI: one client for the interviewer's turns and the grades (`run_settings`
    for a run configured otherwise, another model, say)."""

    def make(run_settings: Settings = settings) -> PracticeApp:
        client = LlmClient(run_settings)

        def interviewer_for(level: RoleLevel) -> Interviewer:
            return LlmInterviewer(client, role_level=level)

        return build_app(
            run_settings,
            one_question_bank(question),
            SessionStore(store_path()),
            interviewer_for=interviewer_for,
            llm_client=client,
            clock=lambda: 1000.0,
            seed=7,
        )

    return make
