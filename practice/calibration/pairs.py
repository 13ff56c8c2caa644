"""What a coach's review says about the grader, as pairs: for every graded attempt of a reviewed
session, the grader's score, area verdicts and STAR parts beside the coach's.

A reviewed session is one the coach marked reviewed: what they left uncorrected, they agreed
with. A session in review, or never reviewed, says nothing yet and is left out.
"""

from __future__ import annotations

from collections.abc import Iterable

from pydantic import BaseModel, ConfigDict

from practice.grading.feedback import Feedback, GraderInfo
from practice.interview.models import STAR_PARTS, AnswerReview, Session, criterion_key


class Pair(BaseModel):
    model_config = ConfigDict(frozen=True)


class AreaPair(Pair):
    text: str
    grader: str
    coach: str
    reason: str | None
    evidence: str | None


class StarPair(Pair):
    part: str
    grader: bool
    coach: bool
    reason: str | None


class AttemptPair(Pair):
    """One graded attempt as grader and coach saw it, with where it came from."""

    session_id: str
    question_id: str
    question: str
    attempt: int
    grader_name: str
    track: str
    answer: str
    grader_score: float
    coach_score: float
    score_reason: str | None
    areas: list[AreaPair]
    star: list[StarPair]


def grader_name(grader: GraderInfo) -> str:
    """'offline', or 'llm:<model>': each model is a grader of its own."""
    return grader.kind if not grader.model else f"{grader.kind}:{grader.model}"


def attempt_pairs(sessions: Iterable[Session]) -> list[AttemptPair]:
    pairs = []
    for session in sessions:
        if session.review is None or not session.review.reviewed:
            continue
        for record in session.records:
            for attempt in record.attempts:
                if attempt.feedback is None:
                    continue
                coach = session.review.for_attempt(record.question.id, attempt.number)
                pairs.append(
                    _pair(
                        session,
                        record.question.id,
                        record.question.text,
                        record.question.track or session.settings.track or "across tracks",
                        attempt.number,
                        attempt.combined_text(),
                        attempt.feedback,
                        coach,
                    )
                )
    return pairs


def _pair(
    session: Session,
    question_id: str,
    question: str,
    track: str,
    number: int,
    answer: str,
    feedback: Feedback,
    coach: AnswerReview | None,
) -> AttemptPair:
    adjusted = coach.adjusted_score if coach and coach.adjusted_score is not None else None
    areas = []
    for criterion in feedback.criteria:
        correction = coach.area(criterion_key(criterion)) if coach else None
        areas.append(
            AreaPair(
                text=criterion.text,
                grader=criterion.status.value,
                coach=correction.status.value if correction else criterion.status.value,
                reason=correction.reason if correction else None,
                evidence=criterion.evidence,
            )
        )
    star = []
    if feedback.star.applicable:  # STAR is judged for behavioral questions only
        parts = feedback.star.parts()
        for name in STAR_PARTS:
            star_correction = coach.star_part(name) if coach else None
            star.append(
                StarPair(
                    part=name,
                    grader=parts[name].present,
                    coach=star_correction.present if star_correction else parts[name].present,
                    reason=star_correction.reason if star_correction else None,
                )
            )
    return AttemptPair(
        session_id=session.id,
        question_id=question_id,
        question=question,
        attempt=number,
        grader_name=grader_name(feedback.grader),
        track=track,
        answer=answer,
        grader_score=feedback.score,
        coach_score=adjusted if adjusted is not None else feedback.score,
        score_reason=coach.adjustment_reason if adjusted is not None and coach else None,
        areas=areas,
        star=star,
    )
