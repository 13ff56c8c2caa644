"""Who speaks the interviewer's turns. Without a model the bank's own words are used; with one,
the LLM interviewer (practice/llm) writes and streams them. Screens consume both the same way:
as chunks of text produced in a worker thread, so streaming and cancelling need no special case.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Protocol

from practice.bank.models import FollowUp, Question
from practice.errors import PracticeError
from practice.grading.feedback import CriterionResult


class Interviewer(Protocol):
    """Each method yields the text of one interviewer turn in chunks; joining them gives the turn."""

    name: str

    @property
    def last_error(self) -> PracticeError | None:
        """Why the latest turn fell back to the bank's words (the turn still yields them), or None."""
        ...

    def opening(self, question: Question, index: int, count: int) -> Iterator[str]: ...

    def follow_up(
        self,
        question: Question,
        answers: Sequence[str],
        weakest: Sequence[CriterionResult],
        bank_choice: FollowUp | None,
    ) -> Iterator[str]: ...


class BankInterviewer:
    """The offline default: asks the bank's questions and follow-ups word for word."""

    name = "bank"
    last_error: PracticeError | None = None

    def opening(self, question: Question, index: int, count: int) -> Iterator[str]:
        yield question.text

    def follow_up(
        self,
        question: Question,
        answers: Sequence[str],
        weakest: Sequence[CriterionResult],
        bank_choice: FollowUp | None,
    ) -> Iterator[str]:
        if bank_choice is not None:
            yield bank_choice.text
