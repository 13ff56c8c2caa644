from __future__ import annotations

import pytest

from practice.bank.loader import load_bank
from practice.bank.models import Question, QuestionBank


@pytest.fixture(scope="session")
def bank() -> QuestionBank:
    """The shipped bank: the grader is tested on the real questions it will meet."""
    return load_bank()


@pytest.fixture(scope="session")
def question(bank: QuestionBank):  # noqa: ANN201 - returns a lookup function
    def lookup(question_id: str) -> Question:
        return bank.question(question_id)

    return lookup
