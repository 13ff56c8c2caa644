"""A coach's edits to a session: notes, adjusted scores, the reviewed mark.

Each edit returns a new Session whose `review` carries the change; the grader's Feedback is never
touched, so the coach's view always sits beside the grader's. Rules a screen must not bypass
(an adjusted score needs a reason; only answered, graded attempts can be adjusted) live here.
"""

from __future__ import annotations

from practice.errors import BadInputError
from practice.interview.models import AnswerReview, CoachReview, Session, utcnow


def set_answer_review(
    session: Session,
    question_id: str,
    attempt: int,
    *,
    note: str,
    adjusted_score: float | None,
    reason: str | None,
) -> Session:
    record = next((r for r in session.records if r.question.id == question_id), None)
    target = next((a for a in record.attempts if a.number == attempt), None) if record else None
    if target is None:
        raise BadInputError(f"session {session.id} has no attempt {attempt} at question {question_id!r}")
    reason = (reason or "").strip() or None
    if adjusted_score is not None:
        if target.feedback is None:
            raise BadInputError("only a graded answer can have its score adjusted")
        if not 1 <= adjusted_score <= 5:
            raise BadInputError(f"an adjusted score must be between 1 and 5, not {adjusted_score:g}")
        if reason is None:
            raise BadInputError("say why the score is adjusted", hint="A reason travels with the score to the candidate.")
    review = session.review or CoachReview()
    others = [r for r in review.answers if not (r.question_id == question_id and r.attempt == attempt)]
    entry = AnswerReview(
        question_id=question_id,
        attempt=attempt,
        note=note.strip(),
        adjusted_score=adjusted_score,
        adjustment_reason=reason if adjusted_score is not None else None,
    )
    keep = entry.note or entry.adjusted_score is not None
    return _with(session, review.model_copy(update={"answers": [*others, entry] if keep else others}))


def set_session_note(session: Session, note: str, *, reviewer: str | None = None) -> Session:
    review = session.review or CoachReview()
    update: dict[str, object] = {"session_note": note.strip()}
    if reviewer is not None:
        update["reviewer"] = reviewer.strip() or None
    return _with(session, review.model_copy(update=update))


def mark_reviewed(session: Session, reviewed: bool = True) -> Session:
    review = session.review or CoachReview()
    return _with(session, review.model_copy(update={"reviewed": reviewed, "reviewed_at": utcnow() if reviewed else None}))


def _with(session: Session, review: CoachReview) -> Session:
    # Round-trip through validation so an edit can never produce a session the file format rejects.
    return Session.model_validate({**session.model_dump(), "review": review.model_dump()})
