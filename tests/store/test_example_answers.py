"""Model-written example answers live in the session store: a store from before (schema 2, with
its examples in generated_examples.json beside it) gains them once on upgrade, losing nothing.

tests/store/data/store_v2/ was made by practice at commit 6c4ca45, the last version that kept
the examples in a JSON file: one finished session saved by its SessionStore, two examples kept by
its `example_answers.example_for`.
"""

from __future__ import annotations

import json
import shutil
import sqlite3
from datetime import datetime
from pathlib import Path

import pytest

from practice.store import examples, migrations
from practice.store.examples import GeneratedExample
from practice.store.sqlite import SessionStore

MADE_BEFORE = Path(__file__).parent / "data" / "store_v2"
SESSION_ID = "24213516eac04a218eb5da754a143bab"


@pytest.fixture
def old_store(tmp_path: Path) -> Path:
    """A copy of the store made by the previous version, its examples file beside it."""
    shutil.copytree(MADE_BEFORE, tmp_path / "data")
    return tmp_path / "data" / "sessions.sqlite3"


def raw_rows(path: Path, sql: str) -> list[tuple[object, ...]]:
    connection = sqlite3.connect(path)
    try:
        return connection.execute(sql).fetchall()
    finally:
        connection.close()


def legacy(store_file: Path) -> Path:
    return store_file.with_name(examples.LEGACY_FILE)


def test_the_fixture_is_a_store_of_the_previous_schema(old_store: Path) -> None:
    assert raw_rows(old_store, "PRAGMA user_version") == [(2,)]
    assert legacy(old_store).is_file()


def test_upgrading_imports_every_example_and_keeps_the_file_as_a_backup(old_store: Path) -> None:
    original = legacy(old_store).read_bytes()
    written = json.loads(original)["examples"]
    body_before = raw_rows(old_store, "SELECT body, draft FROM sessions")

    with SessionStore(old_store) as store:
        for question_id, fields in written.items():
            kept = store.example_answer(question_id)
            assert kept is not None
            assert kept.model_dump(mode="json", exclude={"generated_at"}) == {
                key: value for key, value in fields.items() if key != "generated_at"
            }
            assert kept.generated_at == datetime.fromisoformat(fields["generated_at"])
        assert store.load(SESSION_ID).id == SESSION_ID
        assert [row.id for row in store.list_sessions()] == [SESSION_ID]

    assert len(written) == 2
    assert raw_rows(old_store, "PRAGMA user_version") == [(len(migrations.STEPS),)]
    assert raw_rows(old_store, "SELECT body, draft FROM sessions") == body_before  # the session untouched
    assert not legacy(old_store).exists()
    backup = legacy(old_store).with_suffix(examples.IMPORTED_SUFFIX)
    assert backup.read_bytes() == original


def test_the_file_is_imported_once(old_store: Path) -> None:
    SessionStore(old_store).close()
    later = '{"examples": {"ccl-01": {"question_id": "ccl-01", "text": "Later.", "model": "m", "prompt_version": "v"}}}'
    legacy(old_store).write_text(later, encoding="utf-8")

    with SessionStore(old_store) as store:
        kept = store.example_answer("ccl-01")

    assert kept is not None and kept.text == "In my last role I cut refund time from 9 days to 2."
    assert legacy(old_store).read_text(encoding="utf-8") == later  # read by nothing, left as it was


def test_an_unreadable_file_is_moved_aside_and_the_store_opens(old_store: Path) -> None:
    legacy(old_store).write_text("{not json", encoding="utf-8")

    with SessionStore(old_store) as store:
        assert store.example_answer("ccl-01") is None
        assert store.load(SESSION_ID).id == SESSION_ID

    assert legacy(old_store).with_suffix(examples.CORRUPT_SUFFIX).read_text(encoding="utf-8") == "{not json"
    assert not legacy(old_store).exists()


def test_an_earlier_file_set_aside_is_never_overwritten(old_store: Path) -> None:
    earlier = legacy(old_store).with_suffix(examples.CORRUPT_SUFFIX)
    earlier.write_text("set aside by the previous version", encoding="utf-8")
    legacy(old_store).write_text("{not json", encoding="utf-8")

    SessionStore(old_store).close()

    assert earlier.read_text(encoding="utf-8") == "set aside by the previous version"
    assert legacy(old_store).with_suffix(".2" + examples.CORRUPT_SUFFIX).read_text(encoding="utf-8") == "{not json"


def broken_step(connection: sqlite3.Connection) -> None:
    raise sqlite3.OperationalError("step failed")


def test_a_failed_upgrade_leaves_the_file_for_the_next_one(old_store: Path) -> None:
    original = legacy(old_store).read_bytes()
    raw = sqlite3.connect(old_store, isolation_level=None)
    with pytest.raises(sqlite3.OperationalError):
        migrations.upgrade(raw, old_store, (*migrations.STEPS, broken_step))
    assert migrations.schema_version(raw) == 2
    assert raw.execute("SELECT name FROM sqlite_master WHERE name = 'example_answers'").fetchall() == []
    raw.close()
    assert legacy(old_store).read_bytes() == original

    with SessionStore(old_store) as store:
        assert store.example_answer("ccl-01") is not None


def test_a_new_store_beside_an_examples_file_imports_it(tmp_path: Path) -> None:
    """A data directory whose store was removed but whose examples file was not."""
    shutil.copy(MADE_BEFORE / examples.LEGACY_FILE, tmp_path / examples.LEGACY_FILE)
    with SessionStore(tmp_path / "sessions.sqlite3") as store:
        assert store.example_answer("ccl-02") is not None


def test_the_first_example_kept_for_a_question_stays(tmp_path: Path) -> None:
    """Two windows writing an example for the same question: both show the one kept first."""
    path = tmp_path / "sessions.sqlite3"
    first = GeneratedExample(question_id="q", text="first", model="m", prompt_version="v")
    second = GeneratedExample(question_id="q", text="second", model="m", prompt_version="v")
    with SessionStore(path) as one, SessionStore(path) as other:
        assert one.keep_example_answer(first) == first
        assert other.keep_example_answer(second) == first
        assert one.example_answer("q") == first
