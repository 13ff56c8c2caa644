"""The coach's review screen takes the session's lock like an interview does: a session live in
another window opens read-only (said so at once), and nothing in it can be imported over that
window's answers; while the review is open with its lock, no other window can claim it."""

from __future__ import annotations

from pathlib import Path

import pytest
from export.factory import build_session

from practice.cli import main
from practice.locations import store_path
from practice.screens.review import AnswerReviewForm, ReviewScreen, SessionReviewForm
from practice.store import session_file
from practice.store.ownership import SessionInUseError
from practice.store.sqlite import SessionStore

from .hosts import ScreenHost

SESSION_ID = "0123456789abcdef"


@pytest.fixture
def sent_file(tmp_path: Path) -> Path:
    return session_file.write(tmp_path / "sent.json", build_session(reviewed=False, session_id=SESSION_ID))


async def test_a_session_live_in_another_window_opens_read_only_and_is_not_imported(sent_file: Path) -> None:
    with SessionStore(store_path()) as store, SessionStore(store_path()) as other_window:
        store.save(build_session(session_id=SESSION_ID))
        before = store.load(SESSION_ID)
        live = other_window.claim(SESSION_ID)
        try:
            screen = ReviewScreen(session_file.read(sent_file), source=sent_file, store=store)
            app = ScreenHost(screen)
            async with app.run_test(size=(120, 50)) as pilot:
                await pilot.pause()
                assert screen.read_only and screen.lease is None
                (note,) = [n.message for n in app._notifications]
                assert f"session {SESSION_ID} is open in another practice window (process " in note
                assert "opened read-only" in note
                assert "(open in another window)" in str(screen.query_one("#review-status").render())
                assert not screen.query(SessionReviewForm)
                await pilot.press("down")
                await pilot.pause()
                assert not screen.query(AnswerReviewForm)
                await pilot.press("f4", "ctrl+s")
                await app.workers.wait_for_complete()
                await pilot.pause()
                assert screen.check_action("import_session", ()) is False
            assert store.load(SESSION_ID) == before
        finally:
            live.release()


async def test_an_open_review_holds_the_session_until_it_closes(sent_file: Path) -> None:
    with SessionStore(store_path()) as store, SessionStore(store_path()) as other_window:
        screen = ReviewScreen(session_file.read(sent_file), source=sent_file, store=store)
        app = ScreenHost(screen)
        async with app.run_test(size=(120, 50)) as pilot:
            await pilot.pause()
            assert not screen.read_only and screen.lease is not None and screen.lease.held
            with pytest.raises(SessionInUseError):
                other_window.claim(SESSION_ID)
            await pilot.press("f4")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert store.load(SESSION_ID).id == SESSION_ID  # imported, as the lock is ours
            await pilot.press("escape")
            await pilot.pause()
        other_window.claim(SESSION_ID).release()  # released when the review closed


def test_import_on_the_command_line_refuses_a_live_session(sent_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with SessionStore(store_path()) as store:
        store.save(build_session(session_id=SESSION_ID))
        before = store.load(SESSION_ID)
        live = store.claim(SESSION_ID)
        try:
            assert main(["import", str(sent_file)]) == 2
        finally:
            live.release()
        err = capsys.readouterr().err
        assert f"session {SESSION_ID} is open in another practice window" in err
        assert "Import it once that window is closed" in err
        assert store.load(SESSION_ID) == before
        assert main(["import", str(sent_file)]) == 0
