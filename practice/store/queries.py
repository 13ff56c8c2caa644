"""Progress across sessions: what the progress screen charts and tabulates.

The store's summary columns answer "which sessions"; progress needs what is inside them (scores
per competency, STAR parts, self-assessments), so it reads whole sessions — only the most recent
`PROGRESS_SESSION_LIMIT`, which keeps it quick with thousands saved and is more than a chart can
show anyway. The arithmetic is a pure function over sessions, testable without a store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime
from statistics import fmean
from typing import Protocol

from pydantic import BaseModel, ConfigDict

from practice.interview.models import STAR_PARTS, Session

PROGRESS_SESSION_LIMIT = 200


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class Point(Frozen):
    """One value for one session, placed at the session's start."""

    when: datetime
    value: float


class QuestionAttempt(Frozen):
    session_id: str
    when: datetime
    attempt: int
    score: float
    coach_score: float | None
    self_score: int | None
    text: str


class QuestionProgress(Frozen):
    question_id: str
    text: str
    best: float
    average: float
    attempts: list[QuestionAttempt]


class Progress(Frozen):
    session_count: int
    competency_scores: dict[str, list[Point]]
    star_hit_rate: dict[str, list[Point]]
    self_gap: list[Point]
    questions: list[QuestionProgress]


class SessionSource(Protocol):
    """The slice of SessionStore that progress needs (so tests can pass a tiny fake)."""

    def list_sessions(self, **filters: object) -> list: ...  # type: ignore[type-arg]

    def load(self, session_id: str) -> Session: ...


def load_progress(store: SessionSource, *, limit: int = PROGRESS_SESSION_LIMIT, **filters: object) -> Progress:
    rows = store.list_sessions(limit=limit, **filters)
    return compute_progress(store.load(row.id) for row in rows)


def compute_progress(sessions: Iterable[Session]) -> Progress:
    ordered = sorted(sessions, key=lambda s: s.created_at)
    competency: dict[str, list[Point]] = defaultdict(list)
    star: dict[str, list[Point]] = {part: [] for part in STAR_PARTS}
    gaps: list[Point] = []
    by_question: dict[str, list[QuestionAttempt]] = defaultdict(list)
    texts: dict[str, str] = {}
    for session in ordered:
        when = session.created_at
        scores: dict[str, list[float]] = defaultdict(list)
        hits: dict[str, list[bool]] = defaultdict(list)
        session_gaps: list[float] = []
        for record in session.records:
            question = record.question
            texts[question.id] = question.text
            for attempt in record.attempts:
                feedback = attempt.feedback
                if feedback is None:
                    continue
                for name in question.competencies:
                    scores[name].append(feedback.score)
                if feedback.star.applicable:
                    for name, part in feedback.star.parts().items():
                        hits[name].append(part.present)
                claimed = attempt.self_assessment
                if claimed is not None:
                    session_gaps.append(claimed.score - feedback.score)
                coach = session.review.for_attempt(question.id, attempt.number) if session.review else None
                by_question[question.id].append(
                    QuestionAttempt(
                        session_id=session.id,
                        when=attempt.started_at,
                        attempt=attempt.number,
                        score=feedback.score,
                        coach_score=coach.adjusted_score if coach else None,
                        self_score=claimed.score if claimed else None,
                        text=attempt.combined_text(),
                    )
                )
        for name, values in scores.items():
            competency[name].append(Point(when=when, value=round(fmean(values), 2)))
        for name, present in hits.items():
            star[name].append(Point(when=when, value=round(sum(present) / len(present), 2)))
        if session_gaps:
            gaps.append(Point(when=when, value=round(fmean(session_gaps), 2)))
    questions = [
        QuestionProgress(
            question_id=question_id,
            text=texts[question_id],
            best=max(a.score for a in attempts),
            average=round(fmean(a.score for a in attempts), 2),
            attempts=sorted(attempts, key=lambda a: a.when),
        )
        for question_id, attempts in by_question.items()
    ]
    questions.sort(key=lambda q: (-len(q.attempts), q.question_id))
    return Progress(
        session_count=len(ordered),
        competency_scores=dict(sorted(competency.items())),
        star_hit_rate=star,
        self_gap=gaps,
        questions=questions,
    )
