"""The status line's grader words: offline says so and shows no tokens; a model's tokens are
marked as estimates when they are, and a cost appears only where the price is known."""

from __future__ import annotations

from practice.grading.feedback import GraderInfo
from practice.llm.usage import TokenUsage
from practice.widgets.grader_status import grader_status

MODEL = GraderInfo(kind="llm", version="llm-1", model="gpt-4o-mini")


def test_offline_grader_shows_no_token_counts() -> None:
    used = TokenUsage(prompt_tokens=10, completion_tokens=5)
    assert grader_status(GraderInfo(kind="offline", version="offline-1"), used) == "offline grader"


def test_exact_counts_with_a_known_price() -> None:
    used = TokenUsage(prompt_tokens=1200, completion_tokens=300, cost_usd=0.00036)
    assert grader_status(MODEL, used) == "LLM grader: gpt-4o-mini  ·  1,500 tokens  ·  $0.0004"


def test_estimated_counts_are_labelled_and_an_unknown_price_shows_no_cost() -> None:
    local = GraderInfo(kind="llm", version="llm-1", model="llama3.1")
    used = TokenUsage(prompt_tokens=40, completion_tokens=2, estimated=True)
    assert grader_status(local, used) == "LLM grader: llama3.1  ·  ≈42 tokens (estimated)"


def test_a_larger_estimated_cost_is_in_cents_and_marked() -> None:
    used = TokenUsage(prompt_tokens=90_000, completion_tokens=10_000, estimated=True, cost_usd=1.234)
    assert grader_status(MODEL, used).endswith("≈100,000 tokens (estimated)  ·  ≈$1.23")


def test_a_tiny_cost_is_never_shown_as_zero() -> None:
    used = TokenUsage(prompt_tokens=150, completion_tokens=30, estimated=True, cost_usd=0.00004)
    assert grader_status(MODEL, used).endswith("  ·  <$0.0001")
