"""Saved sessions: one SQLite file in the data directory.

Each session is stored whole (its JSON, so nothing is lost between versions) beside summary
columns that listing and filtering read, so the history stays fast with thousands of sessions
without parsing any JSON. The draft has its own column because it is saved every few seconds
and must not rewrite the whole session each time. Answer texts go to a full-text index.

Every SQLite failure becomes a StoreError naming the file and what to do, and a failed write is
rolled back whole, so what was saved before is never damaged. The TUI saves from worker
threads: one connection, guarded by a lock.

The store keeps a rollback journal, not WAL. WAL's index is a file mapped into memory (-shm),
and a mapped file that stops being writable under a running process (made immutable, or its
disk gone) kills that process with SIGBUS on the next write, the answer with it; a journal is
written with plain writes, which fail with an error the app can report while the session stays
in memory. Reads need no -shm either, so a read-only directory or a full disk still lists and
exports. The price is a sync per save, on a worker thread.
"""

from __future__ import annotations

import json
import re
import sqlite3
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, date, datetime
from pathlib import Path
from types import TracebackType
from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from practice.errors import BadInputError, NotFoundError, StoreError
from practice.interview.models import (
    SESSION_SCHEMA_VERSION,
    STAR_PARTS,
    STORED,
    AnswerKind,
    Draft,
    Session,
    SessionStatus,
)
from practice.store import examples, facts, migrations, private
from practice.store.examples import GeneratedExample
from practice.store.facts import stamp
from practice.store.ownership import Lease, Owner, SessionLocks
from practice.store.queries import (
    MAX_POINTS,
    DeliveryProgress,
    Period,
    Point,
    Progress,
    QuestionAttempt,
    QuestionProgress,
    SessionFilter,
)
from practice.store.snippets import query_words

DEFAULT_BUSY_SECONDS = 5.0
# Ids are shown at least this long (uuid4 hex: a clash within 8 characters is rare), longer where needed.
SHORT_ID = 8
# An id is looked up by its start from this many characters (git's shortest abbreviation).
MIN_PREFIX = 4
# An ambiguous id prefix names at most this many of the sessions it matches.
AMBIGUOUS_SHOWN = 10
LIST_HINT = "`practice sessions list` shows the saved sessions and their ids."

_ROW_COLUMNS = (
    "id, created_at, updated_at, track, competencies, question_count, answered, mean_score, "
    "grader_kind, model, mode, status, reviewed, resumable"
)


class SessionRow(BaseModel):
    """One line of the history list, read from the summary columns alone. Its validator is built
    when the history is first listed, not by every start-up's import (defer_build)."""

    model_config = ConfigDict(frozen=True, defer_build=True)

    id: str
    created_at: datetime
    updated_at: datetime
    track: str | None
    competencies: list[str]
    question_count: int
    answered: int
    mean_score: float | None
    grader_kind: str
    model: str | None
    mode: str
    status: SessionStatus
    reviewed: bool
    resumable: bool


class SessionStore:
    def __init__(
        self,
        path: Path,
        *,
        busy_seconds: float = DEFAULT_BUSY_SECONDS,
        on_upgrade: Callable[[int, int], None] | None = None,
    ) -> None:
        """`busy_seconds`: how long a write waits for another program holding the database.
        `on_upgrade(old, new)`: told before an existing store's schema is upgraded."""
        self.path = path
        self._on_upgrade = on_upgrade
        if path.is_dir():
            raise StoreError(
                f"{path}: is a directory, not a session store",
                hint="Move it aside, or set PRACTICE_DATA_DIR to another data directory.",
            )
        try:
            path.parent.mkdir(mode=private.FOLDER_MODE, parents=True, exist_ok=True)
        except OSError as error:
            raise StoreError(
                f"{path.parent}: cannot create the data directory: {error.strerror}",
                hint="Check the permissions, or set PRACTICE_DATA_DIR to a writable directory.",
            ) from error
        private.make_private(path)
        self._lock = threading.RLock()
        self._live = SessionLocks(path.with_name(path.stem + ".live"))
        try:
            self._connection = sqlite3.connect(
                path, timeout=busy_seconds, isolation_level=None, check_same_thread=False
            )
        except sqlite3.Error as error:
            raise _store_error(path, "open the session store", error) from error
        try:
            self._prepare()
        except BaseException:
            self._connection.close()
            raise

    def _prepare(self) -> None:
        try:
            # Read before anything is written: a file that is not a database, or a newer
            # schema, must be refused while it is still untouched.
            migrations.refuse_newer(migrations.schema_version(self._connection), self.path)
            _leave_wal(self._connection)
            migrations.upgrade(self._connection, self.path, on_upgrade=self._on_upgrade)
        except sqlite3.Error as error:
            raise _store_error(self.path, "open the session store", error) from error

    def close(self) -> None:
        with self._lock:
            self._connection.close()

    def __enter__(self) -> SessionStore:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None, tb: TracebackType | None) -> None:
        self.close()

    # --- writing ----------------------------------------------------------------------------

    def save(self, session: Session) -> None:
        """Insert or replace the session, its summary columns, draft and answer index in one
        transaction. Answers are immutable once submitted, so only new ones are indexed."""
        body = session.model_dump_json()
        draft = session.draft.model_dump_json() if session.draft else None
        columns = _summary_columns(session)
        answers = {
            answer.id: answer.text
            for record in session.records
            for attempt in record.attempts
            for answer in attempt.answers
            if answer.text.strip()
        }
        competencies = _competencies(session)
        with self._write(f"save session {session.id}") as connection:
            connection.execute(
                f"INSERT INTO sessions ({_ROW_COLUMNS}, body, draft) "
                "VALUES (:id, :created_at, :updated_at, :track, :competencies, :question_count, :answered, "
                ":mean_score, :grader_kind, :model, :mode, :status, :reviewed, :resumable, :body, :draft) "
                "ON CONFLICT (id) DO UPDATE SET created_at = excluded.created_at, updated_at = excluded.updated_at, "
                "track = excluded.track, competencies = excluded.competencies, "
                "question_count = excluded.question_count, answered = excluded.answered, "
                "mean_score = excluded.mean_score, grader_kind = excluded.grader_kind, model = excluded.model, "
                "mode = excluded.mode, status = excluded.status, reviewed = excluded.reviewed, "
                "resumable = excluded.resumable, "
                "body = excluded.body, draft = excluded.draft",
                {**columns, "body": body, "draft": draft},
            )
            known = {
                competency
                for (competency,) in connection.execute(
                    "SELECT competency FROM session_competencies WHERE session_id = ?", (session.id,)
                )
            }
            if known != set(competencies):
                connection.execute("DELETE FROM session_competencies WHERE session_id = ?", (session.id,))
                connection.executemany(
                    "INSERT INTO session_competencies (competency, session_id) VALUES (?, ?)",
                    [(competency, session.id) for competency in competencies],
                )
            indexed = dict(
                connection.execute("SELECT answer_id, text FROM answers WHERE session_id = ?", (session.id,)).fetchall()
            )
            stale = [(session.id, answer_id) for answer_id, text in indexed.items() if answers.get(answer_id) != text]
            connection.executemany("DELETE FROM answers WHERE session_id = ? AND answer_id = ?", stale)
            fresh = [
                (session.id, answer_id, text) for answer_id, text in answers.items() if indexed.get(answer_id) != text
            ]
            connection.executemany("INSERT INTO answers (session_id, answer_id, text) VALUES (?, ?, ?)", fresh)
            facts.replace(connection, session)

    def save_draft(self, session_id: str, draft: Draft | None) -> None:
        """Cheap: writes only the draft column (None clears it)."""
        value = draft.model_dump_json() if draft else None
        with self._write(f"save the draft of session {session_id}") as connection:
            changed = connection.execute("UPDATE sessions SET draft = ? WHERE id = ?", (value, session_id)).rowcount
        if not changed:
            raise self._not_found(session_id)

    def delete(self, session_id: str) -> None:
        with self._write(f"delete session {session_id}") as connection:
            connection.execute("DELETE FROM answers WHERE session_id = ?", (session_id,))
            connection.execute("DELETE FROM session_competencies WHERE session_id = ?", (session_id,))
            facts.delete(connection, session_id)
            removed = connection.execute("DELETE FROM sessions WHERE id = ?", (session_id,)).rowcount
        if not removed:
            raise self._not_found(session_id)

    # --- live sessions ----------------------------------------------------------------------

    def claim(self, session_id: str) -> Lease:
        """Owns a live session for this process until released (raises SessionInUseError):
        two windows answering one session would each save over the other's answers."""
        return self._live.claim(session_id)

    def owner_of(self, session_id: str) -> Owner | None:
        """The process that has the session open now, if any."""
        return self._live.owner(session_id)

    # --- reading ----------------------------------------------------------------------------

    def load(self, session_id: str) -> Session:
        with self._read(f"read session {session_id}") as connection:
            row = connection.execute("SELECT id, body, draft FROM sessions WHERE id = ?", (session_id,)).fetchone()
        if row is None:
            raise self._not_found(session_id)
        return self._parse(*row)

    def latest_unfinished(self) -> Session | None:
        """The session to offer to resume: the most recently touched one still in progress that
        has a position to resume at (a session imported from a file may have none: it can be
        opened for review, but offering to resume it would only fail)."""
        with self._read("look for an unfinished session") as connection:
            row = connection.execute(
                "SELECT id, body, draft FROM sessions WHERE resumable ORDER BY updated_at DESC LIMIT 1"
            ).fetchone()
        return self._parse(*row) if row else None

    def list_sessions(
        self, session_filter: SessionFilter | None = None, *, limit: int = 50, offset: int = 0
    ) -> list[SessionRow]:
        """Newest first, of the sessions `session_filter` chooses (all without one)."""
        if limit < 0 or offset < 0:
            raise BadInputError(f"limit and offset must not be negative (got limit {limit}, offset {offset})")
        where, parameters = _filters(session_filter)
        with self._read("list sessions") as connection:
            rows = connection.execute(
                f"SELECT {_ROW_COLUMNS} FROM sessions {where} ORDER BY updated_at DESC, id LIMIT ? OFFSET ?",
                [*parameters, limit, offset],
            ).fetchall()
        return [_row(values) for values in rows]

    def count_sessions(self, session_filter: SessionFilter | None = None) -> int:
        """How many sessions list_sessions would page through with the same filter."""
        where, parameters = _filters(session_filter)
        with self._read("count sessions") as connection:
            return int(connection.execute(f"SELECT count(*) FROM sessions {where}", parameters).fetchone()[0])

    def correction_counts(self, session_ids: list[str]) -> dict[str, int]:
        """How many of the grader's verdicts the coach corrected in each session given (adjusted
        scores, area verdicts, STAR parts), for the sessions with any: the history marks them.
        Read from the bodies in SQL, one page of the history at a time."""
        if not session_ids:
            return {}
        marks = ", ".join("?" * len(session_ids))
        with self._read("count the coach's corrections") as connection:
            rows = connection.execute(
                "SELECT id, (SELECT count(json_extract(a.value, '$.adjusted_score')) "
                "+ coalesce(sum(json_array_length(a.value, '$.areas')), 0) "
                "+ coalesce(sum(json_array_length(a.value, '$.star')), 0) "
                f"FROM json_each(sessions.body, '$.review.answers') AS a) FROM sessions WHERE id IN ({marks})",
                session_ids,
            ).fetchall()
        return {session_id: count for session_id, count in rows if count}

    # --- progress ---------------------------------------------------------------------------

    def progress(self, session_filter: SessionFilter | None = None) -> Progress:
        """Progress over every session the filter chooses, aggregated in SQL (nothing is read
        whole). Each point averages the graded attempts of its period: a session where there
        are at most MAX_POINTS of them, else a day, a week or a month."""
        where, parameters = _filters(session_filter)
        chosen = _chosen(where)
        with self._read("read progress") as connection:
            sessions, first, last = connection.execute(
                f"SELECT count(DISTINCT session_id), min(session_started), max(session_started) "
                f"FROM graded_attempts WHERE {chosen}",
                parameters,
            ).fetchone()
            period = _period(sessions, first, last)
            key = _PERIOD_GROUPS[period]
            when = "min(session_started)" if period == Period.session else key
            by_competency = connection.execute(
                f"SELECT competency, {when}, avg(score) FROM competency_scores WHERE {chosen} "
                f"GROUP BY competency, {key} ORDER BY competency, 2",
                parameters,
            ).fetchall()
            # One pass for both: avg() skips NULLs, which is where STAR does not apply and where
            # no self-assessment was made.
            star_and_gap = connection.execute(
                f"SELECT {when}, " + ", ".join(f"avg({part})" for part in STAR_PARTS) + ", avg(self_score - score) "
                f"FROM graded_attempts WHERE {chosen} GROUP BY {key} ORDER BY 1",
                parameters,
            ).fetchall()
            # The latest attempt's text and score: one index probe per question, from its end.
            latest = (
                f"FROM graded_attempts l WHERE l.question_id = g.question_id AND {_chosen(where, 'l')} "
                "ORDER BY l.started_at DESC, l.session_id DESC, l.attempt DESC LIMIT 1"
            )
            questions = connection.execute(
                f"SELECT question_id, (SELECT question_text {latest}), count(*), max(score), avg(score), "
                f"(SELECT score {latest}) FROM graded_attempts g WHERE {chosen} "
                "GROUP BY question_id ORDER BY count(*) DESC, question_id",
                [*parameters, *parameters, *parameters],
            ).fetchall()
            spoken = connection.execute(
                f"SELECT {when}, sum(speaking_seconds) / 60.0, sum(word_count), sum(filler_count), sum(long_pauses), "
                f"count(*), count(DISTINCT session_id) FROM spoken_answers WHERE {chosen} GROUP BY {key} ORDER BY 1",
                parameters,
            ).fetchall()
        competency_scores: dict[str, list[Point]] = {}
        for competency, moment, value in by_competency:
            competency_scores.setdefault(competency, []).append(_point(moment, value))
        return Progress(
            session_count=sessions,
            period=period,
            competency_scores=competency_scores,
            star_hit_rate={
                part: [_point(row[0], row[index]) for row in star_and_gap if row[index] is not None]
                for index, part in enumerate(STAR_PARTS, 1)
            },
            self_gap=[_point(row[0], row[-1]) for row in star_and_gap if row[-1] is not None],
            questions=[
                QuestionProgress(
                    question_id=question_id,
                    text=text,
                    attempt_count=attempts,
                    best=best,
                    average=round(average, 2),
                    latest=last,
                )
                for question_id, text, attempts, best, average, last in questions
            ],
            delivery=_delivery_progress(spoken),
        )

    def question_attempts(
        self, question_id: str, *, limit: int, session_filter: SessionFilter | None = None
    ) -> list[QuestionAttempt]:
        """The latest `limit` graded attempts at one question in the sessions the filter chooses,
        oldest first, with their text (read from the few sessions they belong to)."""
        where, parameters = _filters(session_filter)
        with self._read(f"read the attempts at {question_id}") as connection:
            rows = connection.execute(
                "SELECT session_id, attempt, started_at, score, coach_score, self_score FROM graded_attempts "
                f"WHERE question_id = ? AND {_chosen(where)} "
                "ORDER BY started_at DESC, session_id DESC, attempt DESC LIMIT ?",
                [question_id, *parameters, limit],
            ).fetchall()
        sessions = {session_id: self.load(session_id) for session_id in {row[0] for row in rows}}
        return [
            QuestionAttempt(
                session_id=session_id,
                when=datetime.fromisoformat(started),
                attempt=number,
                score=score,
                coach_score=coach,
                self_score=own,
                text=_attempt_text(sessions[session_id], question_id, number),
            )
            for session_id, number, started, score, coach, own in reversed(rows)
        ]

    # --- example answers -------------------------------------------------------------------

    def example_answer(self, question_id: str) -> GeneratedExample | None:
        """The example a model wrote for the question, if one was kept."""
        with self._read(f"read the example answer to {question_id}") as connection:
            row = connection.execute(examples.FIND, (question_id,)).fetchone()
        return examples.from_row(row) if row else None

    def keep_example_answer(self, example: GeneratedExample) -> GeneratedExample:
        """Keeps the example unless one is kept for its question already (another window asked
        first), and returns the one kept: a question has one generated example, whoever wrote it."""
        with self._write(f"save the example answer to {example.question_id}") as connection:
            connection.execute(examples.KEEP, examples.row(example))
            row = connection.execute(examples.FIND, (example.question_id,)).fetchone()
        return examples.from_row(row)

    # --- ids as people type them ------------------------------------------------------------

    def resolve_id(self, prefix: str) -> str:
        """The id of the one session whose id is `prefix` or starts with it (as git takes a
        commit's abbreviation), so an id can be typed as `practice sessions list` shows it.
        An exact id wins over longer ids it starts; two or more others is ambiguous. As in git,
        a start shorter than MIN_PREFIX characters is not looked up: too easy to hit by chance."""
        bound = _prefix_bound(prefix)
        with self._read(f"look up session {prefix}") as connection:
            matches = [
                session_id
                for (session_id,) in connection.execute(
                    "SELECT id FROM sessions WHERE id >= ? " + ("AND id < ? " if bound else "") + "ORDER BY id LIMIT ?",
                    [prefix, *([bound] if bound else []), AMBIGUOUS_SHOWN + 1],
                )
            ]
        if prefix in matches:  # the empty id too, kept by a session imported before ids were checked
            return prefix
        if not prefix:
            raise BadInputError("no session id given", hint=LIST_HINT)
        if not matches:
            raise self._not_found(prefix)
        if len(prefix) < MIN_PREFIX:
            raise BadInputError(
                f"session id {prefix!r} is too short to look up by its start",
                hint=f"Give at least {MIN_PREFIX} characters of the id; {LIST_HINT}",
            )
        if len(matches) == 1:
            return matches[0]
        shown = "\n".join(f"  {session_id}" for session_id in matches[:AMBIGUOUS_SHOWN])
        more = "\n  …and more" if len(matches) > AMBIGUOUS_SHOWN else ""
        raise BadInputError(
            f"session id {prefix!r} is ambiguous; it starts the ids of:\n{shown}{more}",
            hint="Give more of the id.",
        )

    def short_ids(self, session_ids: list[str]) -> dict[str, str]:
        """Each id cut to the shortest prefix (at least SHORT_ID characters) that no other saved
        session's id starts with, so resolve_id takes it back. Two index probes per id: its
        neighbours in id order share the longest prefixes with it."""
        shortened: dict[str, str] = {}
        with self._read("list session ids") as connection:
            for session_id in session_ids:
                before = connection.execute("SELECT max(id) FROM sessions WHERE id < ?", (session_id,)).fetchone()[0]
                after = connection.execute("SELECT min(id) FROM sessions WHERE id > ?", (session_id,)).fetchone()[0]
                shared = max(_common_prefix(session_id, other) for other in (before or "", after or ""))
                shortened[session_id] = session_id[: max(SHORT_ID, shared + 1)]
        return shortened

    # --- mechanics --------------------------------------------------------------------------

    @contextmanager
    def _write(self, doing: str) -> Iterator[sqlite3.Connection]:
        """One transaction, taken with the write lock up front (BEGIN IMMEDIATE), so waiting
        for another writer happens here under the busy timeout, not halfway through."""
        with self._lock:
            connection = self._connection
            try:
                connection.execute("BEGIN IMMEDIATE")
                yield connection
                connection.execute("COMMIT")
            except sqlite3.Error as error:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise _store_error(self.path, doing, error) from error
            except BaseException:
                if connection.in_transaction:
                    connection.execute("ROLLBACK")
                raise

    @contextmanager
    def _read(self, doing: str) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                yield self._connection
            except sqlite3.Error as error:
                raise _store_error(self.path, doing, error) from error

    def _parse(self, session_id: str, body: str, draft: str | None) -> Session:
        """A body this version cannot read (a newer practice, a hand edit) is reported by id,
        with the way out; the other sessions stay usable."""
        try:
            session = Session.model_validate_json(body, context=STORED)
            session.draft = Draft.model_validate_json(draft) if draft else None
        except ValidationError as error:
            version = _declared_version(body)
            if version is not None and version > SESSION_SCHEMA_VERSION:
                problem = (
                    f"it was saved by a newer version of practice (session schema {version}; "
                    f"this version reads up to {SESSION_SCHEMA_VERSION})"
                )
            else:
                first = error.errors()[0]
                where = ".".join(str(part) for part in first["loc"]) or "top level"
                problem = f"it is not a valid session ({where}: {first['msg']})"
            raise StoreError(
                f"{self.path}: session {session_id} cannot be read: {problem}",
                hint=f"Update practice to open it, or remove it with `practice sessions delete {session_id}`.",
            ) from error
        return session

    def _not_found(self, session_id: str) -> NotFoundError:
        return NotFoundError(f"no session {session_id!r} in {self.path}", hint=LIST_HINT)


def _leave_wal(connection: sqlite3.Connection) -> None:
    """A store made by an older version is in WAL mode: move it to the rollback journal. That
    needs the store to itself; while another program holds it open, or the disk cannot take the
    checkpoint, it stays in WAL for now (tried again at the next start) rather than wait or fail."""
    (mode,) = connection.execute("PRAGMA journal_mode").fetchone()
    if mode != "wal":
        return
    (busy_ms,) = connection.execute("PRAGMA busy_timeout").fetchone()
    connection.execute("PRAGMA busy_timeout = 0")
    try:
        connection.execute("PRAGMA journal_mode = DELETE")
    except sqlite3.OperationalError:
        pass
    finally:
        connection.execute(f"PRAGMA busy_timeout = {int(busy_ms)}")


_SQLITE_PROBLEMS: tuple[tuple[tuple[str, ...], str, str], ...] = (
    (
        ("SQLITE_BUSY", "SQLITE_LOCKED"),
        "the database is locked by another program",
        "Close other practice windows, then try again.",
    ),
    (("SQLITE_FULL",), "the disk is full", "Free some disk space, then try again; nothing saved before was lost."),
    (("SQLITE_READONLY",), "the file is read-only", "Check the permissions of the file and its directory."),
    (
        ("SQLITE_NOTADB",),
        "the file is not a practice session store (not an SQLite database)",
        "Move it aside (practice will create a new store), or set PRACTICE_DATA_DIR elsewhere.",
    ),
    (
        ("SQLITE_CORRUPT",),
        "the database is damaged",
        "Move it aside (practice will create a new store), and restore it from a backup if you have one.",
    ),
    (
        ("SQLITE_CONSTRAINT",),
        "the session holds the same item twice (a damaged or hand-edited session)",
        "Nothing of it was saved, and nothing saved before was changed.",
    ),
    (
        ("SQLITE_IOERR_WRITE",),
        "the file cannot be written (made immutable, or the disk is failing)",
        "Check the file's attributes (lsattr) and the disk, then try again; nothing saved before was lost.",
    ),
    (("SQLITE_CANTOPEN",), "the file cannot be opened", "Check that its directory exists and is writable."),
)
"""SQLite's error name (its start) -> what went wrong, and what the user can do about it."""


def _store_error(path: Path, doing: str, error: sqlite3.Error) -> StoreError:
    """Name the file, what failed, and what the user can do about it."""
    code = getattr(error, "sqlite_errorname", "") or ""
    problem, hint = next(
        ((problem, hint) for names, problem, hint in _SQLITE_PROBLEMS if code.startswith(names)),
        (str(error), "Check the disk and the file's permissions, then try again."),
    )
    return StoreError(f"{path}: cannot {doing}: {problem}", hint=hint)


def _competencies(session: Session) -> list[str]:
    asked = [c for record in session.records for c in record.question.competencies]
    return sorted({*session.settings.competencies, *asked})


def _summary_columns(session: Session) -> dict[str, Any]:
    return {
        "id": session.id,
        "created_at": stamp(session.created_at),
        "updated_at": stamp(session.updated_at),
        "track": session.settings.track,
        "competencies": json.dumps(_competencies(session)),
        "question_count": len(session.records),
        "answered": sum(
            any(answer.kind == AnswerKind.main for attempt in record.attempts for answer in attempt.answers)
            for record in session.records
        ),
        "mean_score": session.mean_score(),
        "grader_kind": session.grader.kind,
        "model": session.grader.model,
        "mode": session.settings.mode.value,
        "status": session.status.value,
        "reviewed": bool(session.review and session.review.reviewed),
        "resumable": session.status == SessionStatus.in_progress and session.cursor is not None,
    }


def _filters(session_filter: SessionFilter | None) -> tuple[str, list[Any]]:
    """`since` is inclusive and `until` exclusive, on the creation time; `text` matches answers
    containing every word given (as word prefixes)."""
    clauses: list[str] = []
    parameters: list[Any] = []
    chosen = session_filter or SessionFilter()
    if chosen.track is not None:
        clauses.append("track = ?")
        parameters.append(chosen.track)
    if chosen.competency is not None:
        # EXISTS, not IN: the newest-first scan stops after one page of matches. Any part of the
        # name matches ("metric" finds "metrics-driven"), as a person types it.
        clauses.append(
            "EXISTS (SELECT 1 FROM session_competencies WHERE session_id = sessions.id "
            "AND competency LIKE ? ESCAPE '\\')"
        )
        parameters.append("%" + re.sub(r"([\\%_])", r"\\\1", chosen.competency) + "%")
    if chosen.since is not None:
        clauses.append("created_at >= ?")
        parameters.append(stamp(chosen.since))
    if chosen.until is not None:
        clauses.append("created_at < ?")
        parameters.append(stamp(chosen.until))
    if chosen.text is not None:
        clauses.append(
            "id IN (SELECT session_id FROM answers WHERE rowid IN "
            "(SELECT rowid FROM answers_fts WHERE answers_fts MATCH ?))"
        )
        # Text without a single word can match no answer; '""' is FTS for exactly that.
        parameters.append(_fts_query(chosen.text) or '""')
    return ("WHERE " + " AND ".join(clauses) if clauses else ""), parameters


def _fts_query(text: str) -> str:
    """Words only, each quoted, so what a user types is never read as FTS syntax; every word
    must appear, as a word or the start of one."""
    return " ".join(f'"{word}"*' for word in query_words(text))


# For each Period: what groups attempts into one point; but for sessions, the group is also the
# moment the point is placed at. `session_started` is fixed-width UTC text: its first 10
# characters are the day.
_PERIOD_GROUPS: dict[Period, str] = {
    Period.session: "session_id",
    Period.day: "substr(session_started, 1, 10)",
    Period.week: "date(substr(session_started, 1, 10), 'weekday 0', '-6 days')",  # the Monday
    Period.month: "substr(session_started, 1, 7) || '-01'",
}


def _period(sessions: int, first: str | None, last: str | None) -> Period:
    """The finest period that cannot give more than MAX_POINTS points: sessions while there are
    that few, else whatever the days, weeks or months from the first session to the last allow."""
    if sessions <= MAX_POINTS or first is None or last is None:
        return Period.session
    days = (date.fromisoformat(last[:10]) - date.fromisoformat(first[:10])).days + 1
    if days <= MAX_POINTS:
        return Period.day
    return Period.week if days // 7 + 2 <= MAX_POINTS else Period.month


def _chosen(where: str, table: str = "") -> str:
    """A condition: the row's session is one `where` chooses (always true without filters, so
    progress over everything never probes the sessions table)."""
    column = f"{table}.session_id" if table else "session_id"
    return f"{column} IN (SELECT id FROM sessions {where})" if where else "1"


def _delivery_progress(rows: list[tuple[Any, ...]]) -> DeliveryProgress:
    """From (when, minutes spoken, words, fillers, long pauses, answers, sessions) per period; a
    period whose answers had no speaking time (nothing was heard) has no rate to show."""
    timed = [row for row in rows if row[1]]
    return DeliveryProgress(
        answer_count=sum(row[5] for row in rows),
        session_count=sum(row[6] for row in rows),
        words_per_minute=[_point(row[0], row[2] / row[1]) for row in timed],
        fillers_per_minute=[_point(row[0], row[3] / row[1]) for row in timed],
        long_pauses_per_minute=[_point(row[0], row[4] / row[1]) for row in timed],
    )


def _point(moment: str, value: float) -> Point:
    when = datetime.fromisoformat(moment)
    return Point(when=when if when.tzinfo else when.replace(tzinfo=UTC), value=round(value, 2))


def _attempt_text(session: Session, question_id: str, number: int) -> str:
    record = next((r for r in session.records if r.question.id == question_id), None)
    attempt = next((a for a in record.attempts if a.number == number), None) if record else None
    return attempt.combined_text() if attempt else ""


def _prefix_bound(prefix: str) -> str | None:
    """The least text above every text starting with `prefix`, or None when there is none.
    SQLite compares text by its UTF-8 bytes, which is code point order, so bumping the last
    code point bounds the range (an index range, unlike LIKE, which also folds case)."""
    stem = prefix.rstrip(chr(sys.maxunicode))
    if not stem:
        return None
    following = ord(stem[-1]) + 1
    if 0xD800 <= following <= 0xDFFF:  # surrogates are never in stored text
        following = 0xE000
    return stem[:-1] + chr(following)


def _common_prefix(first: str, second: str) -> int:
    """Characters the two ids share from the start (ids, not paths: compared character by character)."""
    return next(
        (index for index, (a, b) in enumerate(zip(first, second, strict=False)) if a != b), min(len(first), len(second))
    )


def _declared_version(body: str) -> int | None:
    try:
        version = json.loads(body).get("schema_version")
    except (ValueError, AttributeError):
        return None
    return version if isinstance(version, int) else None


def _row(values: tuple[Any, ...]) -> SessionRow:
    (
        id_,
        created,
        updated,
        track,
        competencies,
        count,
        answered,
        mean,
        grader,
        model,
        mode,
        status,
        reviewed,
        resumable,
    ) = values
    return SessionRow(
        id=id_,
        created_at=datetime.fromisoformat(created),
        updated_at=datetime.fromisoformat(updated),
        track=track,
        competencies=json.loads(competencies),
        question_count=count,
        answered=answered,
        mean_score=mean,
        grader_kind=grader,
        model=model,
        mode=mode,
        status=SessionStatus(status),
        reviewed=bool(reviewed),
        resumable=bool(resumable),
    )
