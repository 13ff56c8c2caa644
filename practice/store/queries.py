"""Progress across sessions: what the progress screen charts and tabulates.

The store's summary columns answer "which sessions"; progress needs what is inside them (scores
per competency, STAR parts, self-assessments), so it reads whole sessions — only the most recent
`PROGRESS_SESSION_LIMIT`, which keeps it quick with thousands saved and is more than a chart can
show anyway. The arithmetic is a pure function over sessions, testable without a store.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import UTC, date, datetime, time, timedelta
from statistics import fmean
from typing import Any, Protocol

from pydantic import BaseModel, ConfigDict

from practice.errors import BadInputError
from practice.interview.models import STAR_PARTS, Session

PROGRESS_SESSION_LIMIT = 200


class Frozen(BaseModel):
    # defer_build: built when progress is first shown, not by every start-up's import.
    model_config = ConfigDict(frozen=True, defer_build=True)


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


class SessionFilter(Frozen):
    """The history's filters, shared by `practice sessions list` and the history screen."""

    track: str | None = None
    competency: str | None = None
    since: datetime | None = None
    until: datetime | None = None
    text: str | None = None

    @classmethod
    def parse(
        cls,
        *,
        track: str | None = None,
        competency: str | None = None,
        since: str | None = None,
        until: str | None = None,
        text: str | None = None,
    ) -> SessionFilter:
        """From what a user typed: blank means 'any'; days are whole days, `until` included."""
        since_day = parse_day(since, "since")
        until_day = parse_day(until, "until")
        if since_day and until_day and since_day > until_day:
            raise BadInputError(f"--since {since_day} is after --until {until_day}", hint="Swap the two dates.")
        return cls(
            track=_blank_to_none(track),
            competency=_blank_to_none(competency),
            since=datetime.combine(since_day, time.min, UTC) if since_day else None,
            # The store's `until` is exclusive: the start of the next day includes the whole day.
            until=datetime.combine(until_day + timedelta(days=1), time.min, UTC) if until_day else None,
            text=_blank_to_none(text),
        )

    def as_kwargs(self) -> dict[str, object]:
        return self.model_dump(exclude_none=True)


def parse_day(raw: str | None, what: str) -> date | None:
    if raw is None or not raw.strip():
        return None
    try:
        return date.fromisoformat(raw.strip())
    except ValueError:
        raise BadInputError(
            f"{what}: {raw.strip()!r} is not a date", hint="Write dates as YYYY-MM-DD, e.g. 2026-11-23."
        ) from None


def _blank_to_none(value: str | None) -> str | None:
    return (value.strip() or None) if value is not None else None


def summary_cells(row: Any) -> tuple[str, ...]:
    """A store SessionRow as the history shows it, on screen and in `practice sessions list`."""
    mean = f"{row.mean_score:.1f}" if row.mean_score is not None else "–"
    return (
        f"{row.created_at.astimezone():%Y-%m-%d %H:%M}",
        row.track or "across tracks",
        f"{row.answered}/{row.question_count}",
        mean,
        str(row.grader_kind),
        row.model or "–",
        ("finished" if str(row.status) == "finished" else "unfinished") + (", reviewed" if row.reviewed else ""),
    )


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
