"""Store failure drills inside a running interview: the store's file read-only, the disk full, the
database locked by another process. Each time: one clear message (not one per retry), the
session kept in memory, and saved as soon as the store works again - nothing lost.

Read-only is PRAGMA query_only (the suite may run as root, which ignores file modes) and a
full disk is PRAGMA max_page_count: both make SQLite fail exactly as the real faults do.
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import pytest

from practice.app import PracticeApp, build_app
from practice.bank.loader import load_bank
from practice.config import Settings
from practice.errors import StoreError
from practice.locations import store_path
from practice.screens.confirm import ConfirmScreen
from practice.screens.interview import InterviewScreen
from practice.store.sqlite import SessionStore
from tests.drills.tui_helpers import settle, start_interview
from tests.store.test_unwritable_store import chattr_works

ANSWER = "I mapped the refund journey, cut two approval steps, and refunds fell from 9 days to 2."
LOCK_HOLDER = """
import sqlite3, sys
connection = sqlite3.connect(sys.argv[1], isolation_level=None)
connection.execute("BEGIN EXCLUSIVE")
print("locked", flush=True)
sys.stdin.read()
connection.execute("COMMIT")
"""


def stored_texts(session_id: str) -> list[str]:
    with SessionStore(store_path()) as store:
        session = store.load(session_id)
    return [a.text for r in session.records for t in r.attempts for a in t.answers]


def stored(session_id: str, text: str) -> bool:
    """Whether the store holds the answer; a store that cannot even be read holds nothing."""
    try:
        return text in stored_texts(session_id)
    except StoreError:
        return False


def save_failures(app: PracticeApp) -> list[str]:
    return [n.message for n in app._notifications if n.message.startswith("Could not save")]


@contextmanager
def read_only(store: SessionStore) -> Iterator[None]:
    store._connection.execute("PRAGMA query_only = ON")
    yield
    store._connection.execute("PRAGMA query_only = OFF")


@contextmanager
def disk_full(store: SessionStore) -> Iterator[None]:
    connection = store._connection
    connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    pages = connection.execute("PRAGMA page_count").fetchone()[0]
    connection.execute(f"PRAGMA max_page_count = {pages}")
    yield
    connection.execute("PRAGMA max_page_count = 1073741823")


@contextmanager
def locked_by_another_process(store: SessionStore) -> Iterator[None]:
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(store.path)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "locked"
    yield
    assert holder.stdin is not None
    holder.stdin.close()
    assert holder.wait(timeout=10) == 0


@contextmanager
def immutable(store: SessionStore) -> Iterator[None]:
    """chattr +i on the store's files, as the red team did (SIGBUS under WAL's mapped -shm)."""
    files = [str(path) for path in store.path.parent.glob(store.path.name + "*")]
    subprocess.run(["chattr", "+i", *files], check=True)
    try:
        yield
    finally:
        subprocess.run(["chattr", "-i", *files], check=True)


FAULTS: dict[str, tuple[Callable[[SessionStore], Any], str]] = {
    "read-only": (read_only, "read-only"),
    "immutable": (immutable, "cannot be written"),
    "disk full": (disk_full, "disk is full"),
    "locked": (locked_by_another_process, "locked by another program"),
}


@pytest.mark.parametrize("fault", FAULTS)
async def test_a_failing_store_keeps_the_session_and_saves_it_when_it_can(fault: str) -> None:
    make_fault, message = FAULTS[fault]
    if fault == "immutable" and not chattr_works(store_path().parent):
        pytest.skip("chattr +i is not available here")
    store = SessionStore(store_path(), busy_seconds=0.2)
    app = build_app(Settings(), load_bank(), store, seed=3)
    long_answer = f"{ANSWER} " + " ".join(f"detail{n}" for n in range(3000))  # the disk-full case must grow the file
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_interview(pilot)
        session_id = screen.engine.session.id
        with make_fault(store):
            screen.answer_box.load_text(long_answer)
            await pilot.press("ctrl+s")
            await settle(pilot)
            await pilot.press(*" and a draft")  # typed while the store is down
            for _ in range(3):  # the draft timer's turns: retries, without a message each time
                screen.save_draft()
                await settle(pilot)
            failures = save_failures(app)
            assert len(failures) == 1 and message in failures[0], failures
            assert app.is_running and app.screen is screen
            attempt = screen.engine.attempt
            assert attempt is not None and attempt.answers[0].text == long_answer
            assert not stored(session_id, long_answer)
            await pilot.press("ctrl+q")  # the quit dialog must not promise what failed
            await settle(pilot)
            assert isinstance(app.screen, ConfirmScreen)
            assert "Everything so far is saved" not in app.screen.question and "not saved" in app.screen.question
            await pilot.press("n")
            await settle(pilot)

        screen.save_draft()  # the next timer tick after the store recovers
        await settle(pilot)
        assert long_answer in stored_texts(session_id)
        with SessionStore(store_path()) as reopened:
            draft = reopened.load(session_id).draft
        assert draft is not None and draft.text.endswith("and a draft")
        assert any(n.message.startswith("Saved") for n in app._notifications)


async def test_recovery_does_not_undo_a_later_save() -> None:
    """A retry snapshot taken before an answer must not overwrite the saved answer."""
    store = SessionStore(store_path())
    app = build_app(Settings(), load_bank(), store, seed=3)
    async with app.run_test(size=(100, 32)) as pilot:
        screen: InterviewScreen = await start_interview(pilot)
        stale = screen.engine.session.model_copy(deep=True)
        screen.answer_box.load_text(ANSWER)
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen.writer.failing = True
        screen._retry_worker(stale)  # a retry that lost the race to the answer's save
        await settle(pilot)
        assert ANSWER in stored_texts(screen.engine.session.id)
