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

Step = Callable[[sqlite3.Connection], None]

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


STEPS: tuple[Step, ...] = (_create_version_1,)
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


def upgrade(connection: sqlite3.Connection, path: Path, steps: Sequence[Step] = STEPS) -> None:
    """Run the pending steps. The version is re-read under the write lock, so two processes
    opening a new store at once do not both create it. `connection` must be in autocommit
    mode (isolation_level=None), so the transaction here is the only one."""
    version = schema_version(connection)
    refuse_newer(version, path, steps)
    if version == len(steps):
        return
    connection.execute("BEGIN IMMEDIATE")
    try:
        version = schema_version(connection)
        refuse_newer(version, path, steps)
        for number in range(version, len(steps)):
            steps[number](connection)
        connection.execute(f"PRAGMA user_version = {len(steps):d}")
        connection.execute("COMMIT")
    except BaseException:
        if connection.in_transaction:
            connection.execute("ROLLBACK")
        raise
