"""The session store against real SQLite files in a temporary directory."""

from __future__ import annotations

import hashlib
import os
import sqlite3
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from practice import locations
from practice.bank.models import RoleLevel
from practice.errors import BadInputError, NotFoundError, StoreError
from practice.interview.engine import InterviewEngine, Phase
from practice.interview.models import AnswerKind, Draft, Mode, SelfAssessment, Session, SessionSettings, SessionStatus
from practice.store import migrations
from practice.store.queries import SessionFilter
from practice.store.sqlite import SessionStore
from tests.conftest import REPO_ROOT
from tests.interview.fakes import FAKE_GRADER, FakeGrader, small_bank

FULL = "Customers and their problem came first; metrics rose 20%; obstacles were budget. Result: churn fell."
SELF = SelfAssessment(situation=True, task=True, action=True, result=True, score=4)


def new_engine(*, track: str = "leading", seed: int = 1, mode: Mode = Mode.coach) -> InterviewEngine:
    settings = SessionSettings(
        track=track, question_count=1 if track == "other" else 3, seed=seed, mode=mode, role_level=RoleLevel.manager
    )
    return InterviewEngine.start(small_bank(), settings, FakeGrader(), FAKE_GRADER, probe=FakeGrader())


def finished_session(answer: str = FULL, **kwargs: object) -> Session:
    engine = new_engine(**kwargs)
    while engine.phase != Phase.finished:
        engine.submit_answer(answer)
        while engine.phase == Phase.follow_up:
            engine.skip_follow_up()
        engine.submit_self_assessment(SELF)
        engine.next_question()
    return engine.session


@pytest.fixture
def store_file(tmp_path: Path) -> Path:
    return tmp_path / "sessions.sqlite3"


@pytest.fixture
def store(store_file: Path) -> SessionStore:
    opened = SessionStore(store_file)
    yield opened
    opened.close()


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- saving and loading -----------------------------------------------------------------------


def test_a_session_comes_back_exactly_as_saved(store: SessionStore) -> None:
    session = finished_session()
    store.save(session)
    assert store.load(session.id) == session


def test_save_replaces_the_row_and_its_summary(store: SessionStore) -> None:
    engine = new_engine()
    store.save(engine.session)
    engine.submit_answer(FULL)
    engine.submit_self_assessment(SELF)
    store.save(engine.session)
    [row] = store.list_sessions()
    assert (row.answered, row.question_count, row.mean_score) == (1, 3, 5.0)
    assert row.status == SessionStatus.in_progress and row.track == "leading"
    assert store.load(engine.session.id) == engine.session


def test_save_draft_writes_only_the_draft_and_none_clears_it(store: SessionStore) -> None:
    engine = new_engine()
    store.save(engine.session)
    engine.save_draft("first words")
    store.save_draft(engine.session.id, engine.session.draft)
    loaded = store.load(engine.session.id)
    assert loaded.draft is not None and loaded.draft.text == "first words"
    assert loaded.model_copy(update={"draft": None}) == engine.session.model_copy(update={"draft": None})
    store.save_draft(engine.session.id, None)
    assert store.load(engine.session.id).draft is None


def test_draft_of_an_unknown_session_is_an_error(store: SessionStore) -> None:
    with pytest.raises(NotFoundError, match="no session 'nope'"):
        store.save_draft("nope", Draft(question_id="q1", kind=AnswerKind.main, text="x"))


def test_unknown_session_is_not_found(store: SessionStore) -> None:
    with pytest.raises(NotFoundError, match="sessions list"):
        store.load("missing")


def test_delete_removes_the_session_and_its_answers_from_search(store: SessionStore) -> None:
    kept, gone = finished_session(), finished_session("Customers first; walrus metrics and obstacles.")
    store.save(kept)
    store.save(gone)
    assert [r.id for r in store.list_sessions(SessionFilter(text="walrus"))] == [gone.id]
    store.delete(gone.id)
    assert store.list_sessions(SessionFilter(text="walrus")) == []
    assert [r.id for r in store.list_sessions()] == [kept.id]
    with pytest.raises(NotFoundError):
        store.delete(gone.id)


def test_every_intent_saved_survives_a_crash(store_file: Path) -> None:
    """save() after every intent, then a second store on the same file (the first never
    closed, as after a kill) sees everything, and latest_unfinished offers it for resume."""
    store = SessionStore(store_file)
    engine = new_engine()
    intents = [
        lambda: engine.submit_answer("Customers and their problem."),
        lambda: engine.submit_answer("The metrics were NPS."),
        lambda: engine.save_draft("obstacles were"),
        lambda: engine.skip_follow_up(),
        lambda: engine.submit_self_assessment(SELF),
        lambda: engine.retry(),
        lambda: engine.submit_answer(FULL),
        lambda: engine.submit_self_assessment(SELF),
        lambda: engine.next_question(),
        lambda: engine.save_draft("half of the second answer"),
    ]
    for intent in intents:
        intent()
        store.save(engine.session)
        assert SessionStore(store_file).load(engine.session.id) == engine.session
    resumed = SessionStore(store_file).latest_unfinished()
    assert resumed == engine.session
    assert [len(r.attempts) for r in resumed.records] == [2, 1, 0]
    back = InterviewEngine.resume(small_bank(), resumed, FakeGrader(), probe=FakeGrader())
    assert back.phase == Phase.answering and back.question_index == 1
    assert back.draft_text == "half of the second answer"
    back.finish()
    store.save(back.session)
    assert SessionStore(store_file).latest_unfinished() is None


CRASHING_WRITER = """
import os, signal, sys
from pathlib import Path
from practice.store.sqlite import SessionStore
from tests.store.test_sqlite import new_engine
engine = new_engine()
engine.submit_answer("Customers and their problem, typed before the crash.")
engine.save_draft("and a draft")
store = SessionStore(Path(sys.argv[1]))
store.save(engine.session)
store.save_draft(engine.session.id, engine.session.draft)
print(engine.session.id, flush=True)
os.kill(os.getpid(), signal.SIGKILL)
"""


def test_a_killed_process_loses_nothing_it_saved(store_file: Path) -> None:
    run = subprocess.run(
        [sys.executable, "-c", CRASHING_WRITER, str(store_file)], cwd=REPO_ROOT, capture_output=True, text=True
    )
    assert run.returncode == -9, run.stderr
    session_id = run.stdout.strip()
    session = SessionStore(store_file).latest_unfinished()
    assert session is not None and session.id == session_id
    assert session.records[0].attempts[0].answers[0].text.endswith("typed before the crash.")
    assert session.draft.text == "and a draft"


def test_latest_unfinished_is_the_most_recently_touched(store: SessionStore) -> None:
    assert store.latest_unfinished() is None
    older, newer = new_engine(seed=1).session, new_engine(seed=2).session
    newer.updated_at = older.updated_at + timedelta(seconds=5)
    store.save(newer)
    store.save(older)
    store.save(finished_session())
    assert store.latest_unfinished().id == newer.id


def test_store_lives_in_the_data_directory(isolated_environment: Path) -> None:
    session = finished_session()
    with SessionStore(locations.store_path()) as store:
        store.save(session)
    assert (isolated_environment / "sessions.sqlite3").is_file()


# --- listing ---------------------------------------------------------------------------------


def test_list_filters_and_pages(store: SessionStore) -> None:
    base = datetime(2026, 11, 1, tzinfo=UTC)
    sessions = []
    for day in range(5):
        session = finished_session(
            f"Customers and their problem; metrics; obstacles; day{day} note.",
            track="other" if day == 4 else "leading",
            seed=day,
        )
        session.created_at = session.updated_at = base + timedelta(days=day)
        store.save(session)
        sessions.append(session)
    newest_first = [s.id for s in reversed(sessions)]
    assert [r.id for r in store.list_sessions()] == newest_first
    assert [r.id for r in store.list_sessions(limit=2, offset=1)] == newest_first[1:3]
    assert [r.id for r in store.list_sessions(SessionFilter(track="other"))] == [sessions[4].id]
    assert store.count_sessions(SessionFilter(track="leading")) == 4
    assert [
        r.id for r in store.list_sessions(SessionFilter(since=base + timedelta(days=1), until=base + timedelta(days=3)))
    ] == [
        sessions[2].id,
        sessions[1].id,
    ]
    assert [r.id for r in store.list_sessions(SessionFilter(text="DAY3"))] == [sessions[3].id]
    assert {r.id for r in store.list_sessions(SessionFilter(text="day"))} == {s.id for s in sessions}  # word prefix
    prioritizing = {s.id for s in sessions if any("prioritizing" in r.question.competencies for r in s.records)}
    assert {r.id for r in store.list_sessions(SessionFilter(competency="prioritizing"))} == prioritizing
    assert store.list_sessions(SessionFilter(competency="nobody")) == []


@pytest.mark.parametrize(
    ("text", "matches"),
    [
        ('"unbalanced', 0),
        ("AND OR NOT", 0),
        ("near(a b)", 0),
        ("col:umn*", 0),
        ('customers" OR', 0),
        ('"customers"*', 1),
        ("churn)", 1),
        ("^-+*", 0),
        ("", 0),
    ],
)
def test_search_text_is_never_read_as_query_syntax(store: SessionStore, text: str, matches: int) -> None:
    store.save(finished_session())
    assert len(store.list_sessions(SessionFilter(text=text))) == matches


def test_negative_paging_is_bad_input(store: SessionStore) -> None:
    with pytest.raises(BadInputError, match="must not be negative"):
        store.list_sessions(limit=-1)


# --- schema versions -------------------------------------------------------------------------


def test_a_new_store_is_at_the_latest_version(store: SessionStore, store_file: Path) -> None:
    raw = sqlite3.connect(store_file)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == len(migrations.STEPS)


def add_notes_column(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE sessions ADD COLUMN notes TEXT")


def broken_step(connection: sqlite3.Connection) -> None:
    connection.execute("ALTER TABLE sessions ADD COLUMN half_done TEXT")
    raise sqlite3.OperationalError("step failed")


def test_an_older_database_is_upgraded_with_its_data(store: SessionStore, store_file: Path) -> None:
    session = finished_session()
    store.save(session)
    raw = sqlite3.connect(store_file, isolation_level=None)
    migrations.upgrade(raw, store_file, (*migrations.STEPS, add_notes_column))
    assert migrations.schema_version(raw) == len(migrations.STEPS) + 1
    assert "notes" in [column[1] for column in raw.execute("PRAGMA table_info(sessions)")]
    assert store.load(session.id) == session


def test_a_failed_upgrade_leaves_the_old_version_and_data(store: SessionStore, store_file: Path) -> None:
    session = finished_session()
    store.save(session)
    raw = sqlite3.connect(store_file, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrations.upgrade(raw, store_file, (*migrations.STEPS, broken_step))
    assert migrations.schema_version(raw) == len(migrations.STEPS)
    assert "half_done" not in [column[1] for column in raw.execute("PRAGMA table_info(sessions)")]
    assert store.load(session.id) == session


def test_a_version_zero_file_is_created_from_the_first_step(store_file: Path) -> None:
    sqlite3.connect(store_file).close()  # an empty database: user_version 0
    with SessionStore(store_file) as store:
        store.save(finished_session())
        assert len(store.list_sessions()) == 1


def test_a_newer_database_is_refused_untouched(store_file: Path) -> None:
    raw = sqlite3.connect(store_file)
    raw.execute("CREATE TABLE future (x)")
    raw.execute("INSERT INTO future VALUES ('kept')")
    raw.execute("PRAGMA user_version = 99")
    raw.commit()
    raw.close()
    before = digest(store_file)
    with pytest.raises(StoreError, match=r"newer version of practice.*schema version 99") as caught:
        SessionStore(store_file)
    assert str(store_file) in str(caught.value)
    assert digest(store_file) == before
    assert sorted(p.name for p in store_file.parent.iterdir()) == [store_file.name]


# --- failures ----------------------------------------------------------------------------------


def test_a_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="is a directory") as caught:
        SessionStore(tmp_path)
    assert str(tmp_path) in str(caught.value) and caught.value.hint


def test_a_file_that_is_not_a_database_is_refused_untouched(store_file: Path) -> None:
    store_file.write_bytes(b"my notes, not a database\n" * 200)
    before = digest(store_file)
    with pytest.raises(StoreError, match="not a practice session store") as caught:
        SessionStore(store_file)
    assert str(store_file) in str(caught.value) and "Move it aside" in str(caught.value)
    assert digest(store_file) == before


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores file permissions")
def test_a_read_only_file_is_reported(store_file: Path) -> None:
    with SessionStore(store_file) as store:
        store.save(finished_session())
    for path in store_file.parent.iterdir():
        path.chmod(0o444)
    store_file.parent.chmod(0o555)
    try:
        with pytest.raises(StoreError, match=r"read-only|cannot be opened"):
            SessionStore(store_file).save(finished_session())
    finally:
        store_file.parent.chmod(0o755)


def test_a_write_refused_as_read_only_is_reported_and_keeps_the_data(store: SessionStore) -> None:
    saved = finished_session()
    store.save(saved)
    store._connection.execute("PRAGMA query_only = 1")  # what SQLite reports for a read-only file
    with pytest.raises(StoreError, match="read-only") as caught:
        store.save(finished_session())
    assert str(store.path) in str(caught.value) and "permissions" in str(caught.value)
    store._connection.execute("PRAGMA query_only = 0")
    assert [r.id for r in store.list_sessions()] == [saved.id]


def test_a_locked_database_is_reported_and_nothing_is_lost(store_file: Path) -> None:
    store = SessionStore(store_file, busy_seconds=0.05)
    saved = finished_session()
    store.save(saved)
    other = sqlite3.connect(store_file, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")
    pending = finished_session()
    with pytest.raises(StoreError, match="locked by another program") as caught:
        store.save(pending)
    assert str(store_file) in str(caught.value)
    other.execute("ROLLBACK")
    store.save(pending)
    assert {r.id for r in store.list_sessions()} == {saved.id, pending.id}
    assert store.load(saved.id) == saved


def test_a_full_disk_is_reported_and_earlier_sessions_survive(store_file: Path) -> None:
    store = SessionStore(store_file)
    saved = finished_session()
    store.save(saved)
    pages = store._connection.execute("PRAGMA page_count").fetchone()[0]
    store._connection.execute(f"PRAGMA max_page_count = {pages}")  # no room to grow, as on a full disk
    huge = finished_session("Customers, metrics, obstacles. " + "word " * 199_990)  # just under the answer limit
    with pytest.raises(StoreError, match="disk is full") as caught:
        store.save(huge)
    assert "Free some disk space" in str(caught.value)
    reopened = SessionStore(store_file)
    assert reopened.load(saved.id) == saved
    with pytest.raises(NotFoundError):
        reopened.load(huge.id)


def test_a_session_this_version_cannot_read_is_reported_not_crashed_on(store: SessionStore) -> None:
    good = finished_session()
    store.save(good)
    future = finished_session()
    store.save(future)
    body = future.model_dump(mode="json") | {"schema_version": 99, "hologram": True}
    raw = sqlite3.connect(store.path)
    raw.execute("UPDATE sessions SET body = ? WHERE id = ?", (__import__("json").dumps(body), future.id))
    raw.execute("UPDATE sessions SET body = '{\"id\": 3}' WHERE id = ?", (good.id,))
    raw.commit()
    with pytest.raises(StoreError, match=f"session {future.id} cannot be read: it was saved by a newer version"):
        store.load(future.id)
    with pytest.raises(StoreError, match="not a valid session") as caught:
        store.load(good.id)
    assert f"practice sessions delete {good.id}" in str(caught.value)
    assert len(store.list_sessions()) == 2  # the history still lists them


# --- threads -----------------------------------------------------------------------------------


def test_saves_and_drafts_from_many_threads(store: SessionStore) -> None:
    engines = [new_engine(seed=seed) for seed in range(8)]
    errors: list[BaseException] = []

    def work(engine: InterviewEngine) -> None:
        try:
            store.save(engine.session)
            for turn in range(15):
                engine.save_draft(f"draft {turn}")
                store.save_draft(engine.session.id, engine.session.draft)
                store.save(engine.session)
                store.list_sessions(limit=5)
        except BaseException as error:
            errors.append(error)

    threads = [threading.Thread(target=work, args=(engine,)) for engine in engines]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert store.count_sessions() == len(engines)
    for engine in engines:
        assert store.load(engine.session.id) == engine.session
