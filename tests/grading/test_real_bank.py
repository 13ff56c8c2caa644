"""The grader over every question of the shipped bank."""

from __future__ import annotations

from practice.bank.models import QuestionBank
from practice.grading import concepts
from practice.grading.feedback import FlagKind

from .answers import CCL_01, EXCELLENT
from .shipped import grade


def test_every_criterion_maps_to_a_concept(bank: QuestionBank) -> None:
    """A criterion that names no concept could only ever be matched word for word."""
    unmapped = [
        (q.id, c.text)
        for q in bank.questions
        for c in q.criteria
        if not any(
            f.startswith(concepts.CONCEPT_PREFIX) for f in concepts.lexicon(bank.vocabulary).criterion_features(c.text)
        )
    ]
    assert unmapped == []


def test_sample_answers_are_graded_as_answers(bank: QuestionBank) -> None:
    """The bank's own examples are short but real answers: never flagged, never the lowest score."""
    graded = [(q, grade(q, q.sample_answer)) for q in bank.questions if q.sample_answer]
    assert len(graded) >= 20
    for question, feedback in graded:
        assert feedback.flags == [], (question.id, feedback.flags)
        assert feedback.score >= 2, question.id
        assert any(c.evidence for c in feedback.criteria), question.id
        for result in feedback.criteria:
            assert result.evidence is None or result.evidence in question.sample_answer


def test_every_question_grades_empty_and_full_answers(bank: QuestionBank) -> None:
    for question in bank.questions:
        empty = grade(question, "")
        assert empty.score == 1 and empty.has_flag(FlagKind.empty)
        full = grade(question, EXCELLENT[CCL_01])
        assert len(full.criteria) == len(question.criteria)
        assert full.star.applicable == (question.type == "behavioral")
        for result in full.criteria:
            assert result.evidence is None or result.evidence in EXCELLENT[CCL_01]
