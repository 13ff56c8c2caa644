"""The store's schema, as ordered upgrade steps. `PRAGMA user_version` holds how many have run.

A database is only ever moved forward, all pending steps in one transaction: a failed upgrade
leaves it at its old version with its data, and a database from a newer practice (a version
this code has no steps for) is refused before anything is written to it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from pathlib import Path

from practice.errors import StoreError
from practice.store import examples, facts

AfterCommit = Callable[[], None]
Step = Callable[[sqlite3.Connection], AfterCommit | None]
"""A step may return what to do once the whole upgrade is committed (a file renamed, say): done
then, never for an upgrade that was rolled back."""

_VERSION_1 = (
    """
    CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        track TEXT,
        competencies TEXT NOT NULL,
        question_count INTEGER NOT NULL,
        answered INTEGER NOT NULL,
        mean_score REAL,
        grader_kind TEXT NOT NULL,
        model TEXT,
        mode TEXT NOT NULL,
        status TEXT NOT NULL,
        reviewed INTEGER NOT NULL,
        body TEXT NOT NULL,
        draft TEXT
    )
    """,
    "CREATE INDEX sessions_by_updated ON sessions (updated_at DESC, id)",
    "CREATE INDEX sessions_by_status ON sessions (status, updated_at DESC)",
    "CREATE INDEX sessions_by_track ON sessions (track, updated_at DESC, id)",
    "CREATE INDEX sessions_by_created ON sessions (created_at)",
    """
    CREATE TABLE session_competencies (
        session_id TEXT NOT NULL,
        competency TEXT NOT NULL,
        PRIMARY KEY (session_id, competency)
    ) WITHOUT ROWID
    """,
    """
    CREATE TABLE answers (
        rowid INTEGER PRIMARY KEY,
        session_id TEXT NOT NULL,
        answer_id TEXT NOT NULL,
        text TEXT NOT NULL,
        UNIQUE (session_id, answer_id)
    )
    """,
    # External-content full-text index over the answers: the text is stored once, in `answers`.
    "CREATE VIRTUAL TABLE answers_fts USING fts5(text, content='answers', content_rowid='rowid')",
    """
    CREATE TRIGGER answers_indexed AFTER INSERT ON answers BEGIN
        INSERT INTO answers_fts (rowid, text) VALUES (new.rowid, new.text);
    END
    """,
    """
    CREATE TRIGGER answers_unindexed AFTER DELETE ON answers BEGIN
        INSERT INTO answers_fts (answers_fts, rowid, text) VALUES ('delete', old.rowid, old.text);
    END
    """,
)


def _create_version_1(connection: sqlite3.Connection) -> None:
    for statement in _VERSION_1:
        connection.execute(statement)


_VERSION_2 = (
    # Whether the history can offer to resume a session: unfinished, and with a position to
    # resume at (a session imported from a file has none). A column, so pages never parse bodies.
    "ALTER TABLE sessions ADD COLUMN resumable INTEGER NOT NULL DEFAULT 0",
    "UPDATE sessions SET resumable = (status = 'in_progress' AND json_extract(body, '$.cursor') IS NOT NULL)",
    "CREATE INDEX sessions_resumable ON sessions (resumable, updated_at DESC)",
    # Progress over every session, aggregated in SQL (practice/store/facts.py fills them).
    """
    CREATE TABLE graded_attempts (
        session_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        session_started TEXT NOT NULL,
        started_at TEXT NOT NULL,
        question_text TEXT NOT NULL,
        score REAL NOT NULL,
        coach_score REAL,
        self_score INTEGER,
        situation INTEGER,
        task INTEGER,
        action INTEGER,
        result INTEGER,
        PRIMARY KEY (session_id, question_id, attempt)
    ) WITHOUT ROWID
    """,
    # Per question: best, average and count read from the index alone; the latest found at its end
    # (the key's own columns break ties in started_at, so no sort is needed to find it).
    "CREATE INDEX graded_attempts_by_question ON graded_attempts (question_id, started_at, session_id, attempt, score)",
    """
    CREATE TABLE competency_scores (
        session_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        competency TEXT NOT NULL,
        session_started TEXT NOT NULL,
        score REAL NOT NULL,
        PRIMARY KEY (session_id, question_id, attempt, competency)
    ) WITHOUT ROWID
    """,
    # The chart per competency reads this index alone, already in competency and time order.
    "CREATE INDEX competency_scores_by_time ON competency_scores (competency, session_started, score)",
)


def _add_resumable_and_progress(connection: sqlite3.Connection) -> None:
    for statement in _VERSION_2:
        connection.execute(statement)
    facts.backfill(connection, connection.execute("SELECT body FROM sessions"), facts.replace_scores)


_VERSION_3 = (
    """
    CREATE TABLE example_answers (
        question_id TEXT PRIMARY KEY,
        text TEXT NOT NULL,
        model TEXT NOT NULL,
        prompt_version TEXT NOT NULL,
        label TEXT NOT NULL,
        generated_at TEXT NOT NULL
    ) WITHOUT ROWID
    """,
)


def _add_example_answers(connection: sqlite3.Connection) -> AfterCommit | None:
    """Model-written example answers move into the store, from the JSON file they were kept in
    beside it (practice/store/examples.py); a database without a file has none beside it."""
    for statement in _VERSION_3:
        connection.execute(statement)
    database = next(str(row[2]) for row in connection.execute("PRAGMA database_list") if row[1] == "main")
    return examples.import_legacy_file(connection, Path(database)) if database else None


_VERSION_4 = (
    # Delivery over time: one row per spoken answer of a graded attempt (practice/store/facts.py).
    # Progress sums words, speaking time, fillers and long pauses per period, so a point's pace
    # is its words over its speaking time, not an average of rates.
    """
    CREATE TABLE spoken_answers (
        session_id TEXT NOT NULL,
        question_id TEXT NOT NULL,
        attempt INTEGER NOT NULL,
        answer_id TEXT NOT NULL,
        session_started TEXT NOT NULL,
        speaking_seconds REAL NOT NULL,
        word_count INTEGER NOT NULL,
        filler_count INTEGER NOT NULL,
        long_pauses INTEGER NOT NULL,
        PRIMARY KEY (session_id, question_id, attempt, answer_id)
    ) WITHOUT ROWID
    """,
)


def _add_spoken_answers(connection: sqlite3.Connection) -> None:
    for statement in _VERSION_4:
        connection.execute(statement)
    facts.backfill(connection, connection.execute("SELECT body FROM sessions"), facts.replace_spoken)


STEPS: tuple[Step, ...] = (_create_version_1, _add_resumable_and_progress, _add_example_answers, _add_spoken_answers)
"""STEPS[n] upgrades a database at version n to n + 1. Append; never edit a released step."""


def schema_version(connection: sqlite3.Connection) -> int:
    return int(connection.execute("PRAGMA user_version").fetchone()[0])


def refuse_newer(version: int, path: Path, steps: Sequence[Step] = STEPS) -> None:
    if version > len(steps):
        raise StoreError(
            f"{path}: the session store was written by a newer version of practice "
            f"(schema version {version}; this version knows up to {len(steps)}); it was left untouched",
            hint="Update practice, or set PRACTICE_DATA_DIR to use another data directory.",
        )


def upgrade(
    connection: sqlite3.Connection,
    path: Path,
    steps: Sequence[Step] = STEPS,
    *,
    on_upgrade: Callable[[int, int], None] | None = None,
) -> None:
    """Run the pending steps. The version is re-read under the write lock, so two processes
    opening a new store at once do not both create it. `connection` must be in autocommit
    mode (isolation_level=None), so the transaction here is the only one. `on_upgrade(old,
    new)` is told before an existing store (not a new one) is upgraded: with thousands of
    sessions that takes seconds, and the person waiting should know why."""
    version = schema_version(connection)
    refuse_newer(version, path, steps)
    if version == len(steps):
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(connection)
        refuse_newer(version, path, steps)
        if version and version < len(steps) and on_upgrade is not None:
            on_upgrade(version, len(steps))
        after_commit = [steps[number](connection) for number in range(version, len(steps))]
        connection.execute(f"PRAGMA user_version = {len(steps):d}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
    for action in after_commit:
        if action is not None:
            action()
