"""Data the LLM tests share: the question's answer, a model verdict on it, an offline verdict."""

from __future__ import annotations

from typing import Any

from practice.bank.models import InterviewGuidance, Question, QuestionBank, Track
from practice.grading.feedback import Feedback, GraderInfo, Specificity, Star, StarPart

API_KEY = "sk-test-DO-NOT-LEAK-4f1c9a7e"

ANSWER = (
    "At Acme I ran the support team for our billing product. "
    "Customers kept telling us in surveys that refunds took far too long. "
    "I mapped the refund process with finance and cut two approval steps. "
    "Refund time fell from 9 days to 2 days and CSAT rose by 12 points."
)


def verdict(**overrides: Any) -> dict[str, Any]:
    """A well-formed grader reply for the question fixture, citing ANSWER's sentences by number."""
    reply: dict[str, Any] = {
        "criteria": {
            "listening": {"status": "covered", "sentence": 2},
            "action": {"status": "covered", "sentence": 3},
            "impact": {"status": "covered", "sentence": 4},
        },
        "star": {"situation": 1, "task": 0, "action": 3, "result": 4},
        "reason": "Covers every area with specifics.",
        "strength": "Measured result",
        "improvement": "Say what your goal was",
        "score": 4,
    }
    reply.update(overrides)
    return reply


def baseline(score: float = 3.0, **overrides: Any) -> Feedback:
    """An offline verdict to put beside the model's, where a test needs to control it."""
    absent = StarPart(present=False)
    values: dict[str, Any] = {
        "question_id": "ccl-01",
        "score": score,
        "criteria": [],
        "star": Star(situation=absent, task=absent, action=absent, result=absent),
        "specificity": Specificity(word_count=52, speaking_seconds=20.0, numbers=["9 days", "2 days", "12 points"]),
        "grader": GraderInfo(kind="offline", version="offline-test"),
    }
    values.update(overrides)
    return Feedback(**values)


def one_question_bank(question: Question) -> QuestionBank:
    track = Track(
        id=question.track,
        title="Customer-centric leadership",
        description="One question, for these tests.",
        guidance=InterviewGuidance(questions_per_interview_min=1, questions_per_interview_max=1),
    )
    return QuestionBank(tracks=[track], questions=[question])
