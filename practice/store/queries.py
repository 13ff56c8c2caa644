"""Progress across sessions, and the history's filters.

Progress covers every saved session the filters choose, however many: the store aggregates it
in SQL from rows kept beside each session (practice/store/facts.py), so no session is read
whole. Over many sessions, points are per day, week or month rather than per session, so a
chart has at most `MAX_POINTS` of them.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from practice.errors import BadInputError

# Points per chart at most: about what a terminal chart's width can tell apart.
MAX_POINTS = 100


class Frozen(BaseModel):
    # defer_build: built when progress is first shown, not by every start-up's import.
    model_config = ConfigDict(frozen=True, defer_build=True)


class Period(StrEnum):
    """What one point of a chart stands for: the finest of these with at most MAX_POINTS."""

    session = "session"
    day = "day"
    week = "week"
    month = "month"


class Point(Frozen):
    """One value for one period, placed at its start (for a session, when it was started)."""

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
    attempt_count: int
    best: float
    average: float
    latest: float


class DeliveryProgress(Frozen):
    """How the spoken answers were delivered, per period. A point sums its period's answers:
    its pace is all their words over all their speaking time (long pauses left out, as for one
    answer), its fillers and long pauses are per minute of that time, so a long answer weighs
    more than a short one, as it should."""

    answer_count: int
    session_count: int
    words_per_minute: list[Point]
    fillers_per_minute: list[Point]
    long_pauses_per_minute: list[Point]


class Progress(Frozen):
    session_count: int
    period: Period
    competency_scores: dict[str, list[Point]]
    star_hit_rate: dict[str, list[Point]]
    self_gap: list[Point]
    questions: list[QuestionProgress]
    delivery: DeliveryProgress


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

    @property
    def chooses_all(self) -> bool:
        """No filter is set: an empty list then means an empty history, not one without a match."""
        return not self.model_dump(exclude_none=True)


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
