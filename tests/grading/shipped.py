"""The grader as the app runs it on the shipped bank: with the vocabulary that bank names."""

from __future__ import annotations

from typing import Any

from practice.bank.loader import load_bank
from practice.bank.models import Question
from practice.grading import offline
from practice.grading.feedback import Feedback

SHIPPED_VOCABULARY = load_bank().vocabulary


def grade(question: Question, answer: str, **options: Any) -> Feedback:
    options.setdefault("vocabulary", SHIPPED_VOCABULARY)
    return offline.grade(question, answer, **options)
