"""Fixtures for the LLM tests: a fake endpoint on loopback, settings pointing at it with tiny
retry waits, and a small question. tiktoken's cache is an empty temp dir, so nothing here can
download an encoding."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from practice.bank.models import Criterion, FollowUp, Question, QuestionType
from practice.config import Settings

from .fake_server import FakeServer
from .helpers import API_KEY


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
