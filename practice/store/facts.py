"""What progress counts, kept beside each saved session as plain rows: one per graded attempt
(score, self score, coach score, STAR parts found), one per graded attempt and competency of
its question, and one per spoken answer of a graded attempt (its words, speaking time, fillers
and long pauses). Each row carries its session's start, so a chart groups rows without a join.

Progress aggregates these rows in SQL, so it covers every saved session, however many, without
parsing a single session body. They are derived data: rewritten with the session on every save,
and built from the bodies once when a store is upgraded to the version that has them.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from datetime import UTC, datetime
from typing import Any

from practice.interview.models import STAR_PARTS, STORED, Session

ATTEMPT_COLUMNS = (
    "session_id, question_id, attempt, session_started, started_at, question_text, score, coach_score, self_score, "
    + ", ".join(STAR_PARTS)
)
COMPETENCY_COLUMNS = "session_id, question_id, attempt, competency, session_started, score"
SPOKEN_COLUMNS = (
    "session_id, question_id, attempt, answer_id, session_started, speaking_seconds, word_count, filler_count, "
    "long_pauses"
)


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


def spoken_rows(session: Session) -> list[tuple[Any, ...]]:
    """One row per spoken answer the grader read (a skipped follow-up is not one), in graded
    attempts only, so delivery over time sits beside the scores of the same answers."""
    return [
        (
            session.id,
            record.question.id,
            attempt.number,
            answer.id,
            stamp(session.created_at),
            answer.delivery.speaking_seconds,
            answer.delivery.word_count,
            len(answer.delivery.fillers),
            len(answer.delivery.pauses),
        )
        for record in session.records
        for attempt in record.attempts
        if attempt.feedback is not None
        for answer in attempt.graded_answers()
        if answer.delivery is not None
    ]


def replace(connection: sqlite3.Connection, session: Session) -> None:
    """The session's rows as they are now (a grade or a coach's score may have changed them)."""
    replace_scores(connection, session)
    replace_spoken(connection, session)


def replace_scores(connection: sqlite3.Connection, session: Session) -> None:
    """The graded attempts' and competencies' rows (schema 2)."""
    _delete_scores(connection, session.id)
    attempts = attempt_rows(session)
    connection.executemany(
        f"INSERT INTO graded_attempts ({ATTEMPT_COLUMNS}) VALUES ({', '.join('?' * (len(STAR_PARTS) + 9))})", attempts
    )
    connection.executemany(
        f"INSERT INTO competency_scores ({COMPETENCY_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?)",
        competency_rows(session, attempts),
    )


def replace_spoken(connection: sqlite3.Connection, session: Session) -> None:
    """The spoken answers' rows (schema 4)."""
    connection.execute("DELETE FROM spoken_answers WHERE session_id = ?", (session.id,))
    connection.executemany(
        f"INSERT INTO spoken_answers ({SPOKEN_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", spoken_rows(session)
    )


def delete(connection: sqlite3.Connection, session_id: str) -> None:
    _delete_scores(connection, session_id)
    connection.execute("DELETE FROM spoken_answers WHERE session_id = ?", (session_id,))


def _delete_scores(connection: sqlite3.Connection, session_id: str) -> None:
    connection.execute("DELETE FROM graded_attempts WHERE session_id = ?", (session_id,))
    connection.execute("DELETE FROM competency_scores WHERE session_id = ?", (session_id,))


Rows = Callable[[sqlite3.Connection, Session], None]


def backfill(connection: sqlite3.Connection, bodies: Iterable[tuple[str]], rows: Rows) -> None:
    """`rows` (replace_scores, replace_spoken) for sessions saved before their tables existed:
    each upgrade step fills only its own tables, which are all that exist when it runs. A body
    this version cannot read is skipped: it cannot be opened either, and counts once it is saved
    again by a version that can."""
    for (body,) in bodies:
        try:
            session = Session.model_validate_json(body, context=STORED)
        except ValueError:
            continue
        rows(connection, session)
