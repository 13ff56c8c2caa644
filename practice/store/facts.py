"""What progress counts, kept beside each saved session as plain rows: one per graded attempt
(score, self score, coach score, STAR parts found) and one per graded attempt and competency of
its question. Each row carries its session's start, so a chart groups rows without a join.

Progress aggregates these rows in SQL, so it covers every saved session, however many, without
parsing a single session body. They are derived data: rewritten with the session on every save,
and built from the bodies once when a store is upgraded to the version that has them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import UTC, datetime
from typing import Any

from practice.interview.models import STAR_PARTS, STORED, Session

ATTEMPT_COLUMNS = (
    "session_id, question_id, attempt, session_started, started_at, question_text, score, coach_score, self_score, "
    + ", ".join(STAR_PARTS)
)
COMPETENCY_COLUMNS = "session_id, question_id, attempt, competency, session_started, score"


def stamp(moment: datetime) -> str:
    """Fixed-width UTC text, so the columns sort and compare as times (and their first 10
    characters are the UTC day)."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    return aware.astimezone(UTC).isoformat(timespec="microseconds")


def attempt_rows(session: Session) -> list[tuple[Any, ...]]:
    """One row per graded attempt; STAR parts are NULL where STAR does not apply (situational
    questions), so a hit rate counts behavioral answers only."""
    rows: list[tuple[Any, ...]] = []
    for record in session.records:
        question = record.question
        for attempt in record.attempts:
            feedback = attempt.feedback
            if feedback is None:
                continue
            coach = session.review.for_attempt(question.id, attempt.number) if session.review else None
            claimed = attempt.self_assessment
            star = (
                [int(part.present) for part in feedback.star.parts().values()]
                if feedback.star.applicable
                else [None] * len(STAR_PARTS)
            )
            rows.append(
                (
                    session.id,
                    question.id,
                    attempt.number,
                    stamp(session.created_at),
                    stamp(attempt.started_at),
                    question.text,
                    feedback.score,
                    coach.adjusted_score if coach else None,
                    claimed.score if claimed else None,
                    *star,
                )
            )
    return rows


def competency_rows(session: Session, attempts: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Each graded attempt (a row of attempt_rows) once per competency of its question."""
    competencies = {record.question.id: set(record.question.competencies) for record in session.records}
    return [
        (session_id, question_id, number, competency, started, score)
        for session_id, question_id, number, started, _, _, score, *_ in attempts
        for competency in sorted(competencies[question_id])
    ]


def replace(connection: sqlite3.Connection, session: Session) -> None:
    """The session's rows as they are now (a grade or a coach's score may have changed them)."""
    delete(connection, session.id)
    attempts = attempt_rows(session)
    connection.executemany(
        f"INSERT INTO graded_attempts ({ATTEMPT_COLUMNS}) VALUES ({', '.join('?' * (len(STAR_PARTS) + 9))})", attempts
    )
    connection.executemany(
        f"INSERT INTO competency_scores ({COMPETENCY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
        competency_rows(session, attempts),
    )


def delete(connection: sqlite3.Connection, session_id: str) -> None:
    connection.execute("DELETE FROM graded_attempts WHERE session_id = ?", (session_id,))
    connection.execute("DELETE FROM competency_scores WHERE session_id = ?", (session_id,))


def backfill(connection: sqlite3.Connection, bodies: Iterable[tuple[str]]) -> None:
    """Rows for sessions saved before these tables existed. A body this version cannot read is
    skipped: it cannot be opened either, and counts once it is saved again by a version that can."""
    for (body,) in bodies:
        try:
            session = Session.model_validate_json(body, context=STORED)
        except ValueError:
            continue
        replace(connection, session)
