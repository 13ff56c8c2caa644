from __future__ import annotations

from collections.abc import Callable

import pytest

from practice.bank.loader import load_bank
from practice.bank.models import Question, QuestionBank


@pytest.fixture(scope="session")
def bank() -> QuestionBank:
    """The shipped bank: the grader is tested on the real questions it will meet."""
    return load_bank()


@pytest.fixture(scope="session")
def question(bank: QuestionBank) -> Callable[[str], Question]:
    def lookup(question_id: str) -> Question:
        return bank.question(question_id)

    return lookup
