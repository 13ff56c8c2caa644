"""A coach's edits sit beside the grader's verdict and obey their rules."""

from __future__ import annotations

import pytest
from export.factory import build_session

from practice.errors import BadInputError
from practice.store import coach_review


def test_adjustment_is_kept_beside_the_grader_score() -> None:
    session = build_session(reviewed=False)
    edited = coach_review.set_answer_review(
        session, "hos-03", 1, note=" Solid. ", adjusted_score=3.0, reason="Thin on costs"
    )
    entry = edited.review.for_attempt("hos-03", 1)
    assert (entry.note, entry.adjusted_score, entry.adjustment_reason) == ("Solid.", 3.0, "Thin on costs")
    assert edited.record("hos-03").attempts[0].feedback == session.record("hos-03").attempts[0].feedback
    assert session.review is None  # the original is not mutated


def test_editing_again_replaces_that_answer_review_only() -> None:
    session = build_session()  # has a review of ccl-01 attempt 2
    edited = coach_review.set_answer_review(session, "hos-03", 1, note="ok", adjusted_score=None, reason=None)
    edited = coach_review.set_answer_review(edited, "hos-03", 1, note="better", adjusted_score=None, reason="ignored")
    assert [(r.question_id, r.attempt, r.note) for r in edited.review.answers] == [
        ("ccl-01", 2, "Much clearer."),
        ("hos-03", 1, "better"),
    ]
    assert edited.review.for_attempt("hos-03", 1).adjustment_reason is None
    cleared = coach_review.set_answer_review(edited, "hos-03", 1, note="  ", adjusted_score=None, reason=None)
    assert cleared.review.for_attempt("hos-03", 1) is None


@pytest.mark.parametrize(
    ("question_id", "attempt", "score", "reason", "message"),
    [
        ("hos-03", 1, 4.0, "  ", "say why the score is adjusted"),
        ("hos-03", 1, 6.0, "too high", "between 1 and 5"),
        ("hos-03", 2, None, None, "no attempt 2"),
        ("nope", 1, None, None, "no attempt 1 at question 'nope'"),
    ],
)
def test_invalid_edits_are_refused(
    question_id: str, attempt: int, score: float | None, reason: str | None, message: str
) -> None:
    with pytest.raises(BadInputError, match=message):
        coach_review.set_answer_review(
            build_session(), question_id, attempt, note="n", adjusted_score=score, reason=reason
        )


def test_session_note_and_reviewed_mark() -> None:
    session = coach_review.set_session_note(build_session(reviewed=False), " Keep going ", reviewer=" Sam ")
    assert (session.review.session_note, session.review.reviewer, session.review.reviewed) == (
        "Keep going",
        "Sam",
        False,
    )
    session = coach_review.mark_reviewed(session)
    assert session.review.reviewed and session.review.reviewed_at is not None
    assert coach_review.mark_reviewed(session, False).review.reviewed_at is None
