"""The progress screen's table and side-by-side attempts, and how the app reaches the coach's
screens: History on F6 from the set-up screen, and a single review run that ends with its screen."""

from __future__ import annotations

from datetime import timedelta
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from export.factory import START, build_session
from textual.widgets import DataTable, Static

from practice import locations
from practice.app import build_app
from practice.bank.loader import load_bank
from practice.config import Settings
from practice.screens.history import HistoryScreen
from practice.screens.progress import ProgressScreen
from practice.screens.review import ReviewScreen
from practice.screens.setup import SetupScreen
from practice.store import session_file
from practice.store.queries import SessionFilter
from practice.store.sqlite import SessionStore

from .hosts import ScreenHost

FIXTURE_BANK = Path(__file__).parent.parent / "tui" / "fixtures" / "bank.json"


@pytest.fixture
def store() -> SessionStore:
    with SessionStore(locations.store_path()) as opened:
        yield opened


async def _settle(pilot: Any) -> None:
    # Messages first (a cursor move posts the highlight that starts a worker), then the workers.
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def test_progress_table_and_side_by_side(store: SessionStore) -> None:
    store.save(build_session(session_id="a" * 32, created_at=START, scores=(2.0, 3.0, 4.0)))
    store.save(
        build_session(
            session_id="b" * 32, created_at=START + timedelta(days=1), scores=(3.0, 4.5, 2.0), track="head-of-support"
        )
    )
    screen = ProgressScreen(store, SessionFilter())
    async with ScreenHost(screen).run_test(size=(120, 60)) as pilot:
        await _settle(pilot)
        table = screen.query_one("#question-table", DataTable)
        assert [table.get_row_at(i)[1:] for i in range(table.row_count)] == [
            ["4", "4.5", "3.1", "4.5"],
            ["2", "4", "3.0", "2"],
        ]
        columns = screen.query("#side-by-side > .attempt")
        assert len(columns) == 3  # the latest three of four attempts
        assert [c.border_title for c in columns][-1] == "try 2 · 4.5 · you 3 · coach 4 · 2026-11-21"
        table.move_cursor(row=1)
        await _settle(pilot)
        texts = [str(c.query_one(Static).render()) for c in screen.query("#side-by-side > .attempt")]
        assert texts == ["Follow the sun across three hubs.", "Follow the sun across three hubs."]


async def test_the_latest_attempts_say_which_try_they_are_at_80_columns(store: SessionStore) -> None:
    store.save(build_session(session_id="a" * 32, created_at=START, scores=(2.0, 3.0, 4.0)))
    store.save(build_session(session_id="b" * 32, created_at=START + timedelta(days=1), scores=(3.0, 4.5, 2.0)))
    screen = ProgressScreen(store, SessionFilter())
    async with ScreenHost(screen).run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        columns = list(screen.query("#side-by-side > .attempt"))
        assert len(columns) == 3 and all(c.region.right <= 80 for c in columns)
        for column in columns:
            shown = column.border_title[: column.region.width - 6]  # the corners and the title's padding
            assert shown.startswith("try ") and shown[4].isdigit(), column.border_title


async def test_progress_follows_the_history_filter(store: SessionStore) -> None:
    store.save(build_session(session_id="a" * 32, created_at=START))
    store.save(build_session(session_id="b" * 32, created_at=START + timedelta(days=1), track="head-of-support"))
    screen = ProgressScreen(store, SessionFilter(track="head-of-support"))
    async with ScreenHost(screen).run_test(size=(120, 60)) as pilot:
        await _settle(pilot)
        assert screen.progress is not None and screen.progress.session_count == 1


async def test_history_opens_from_the_set_up_screen(store: SessionStore) -> None:
    store.save(build_session(session_id="a" * 32))
    app = build_app(Settings(), load_bank(FIXTURE_BANK), store, seed=7)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        await pilot.press("f6")
        await _settle(pilot)
        assert isinstance(app.screen, HistoryScreen)
        assert [row.id for row in app.screen.rows] == ["a" * 32]
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, SetupScreen)


async def test_a_review_run_opens_the_file_and_ends_with_it(store: SessionStore, tmp_path: Path) -> None:
    sent = session_file.write(tmp_path / "sent.json", build_session(session_id="d" * 32))
    opening = partial(ReviewScreen, session_file.read(sent), source=sent, store=store)
    app = build_app(Settings(), load_bank(FIXTURE_BANK), store, seed=7, opening=opening)
    async with app.run_test(size=(120, 40)) as pilot:
        await _settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.source == sent
        await pilot.press("f6")  # no history in a review run
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert not app.is_running and app.return_code == 0
    assert store.list_sessions() == []  # reviewing never touched the history


async def test_the_question_table_shows_its_figures_at_80_columns(store: SessionStore) -> None:
    """A question's words are longer than the screen: they are cut (…), not the figures."""
    store.save(build_session(session_id="a" * 32, created_at=START, scores=(2.0, 3.0, 4.0)))
    screen = ProgressScreen(store, SessionFilter())
    async with ScreenHost(screen).run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        table = screen.query_one("#question-table", DataTable)
        assert sum(column.get_render_width(table) for column in table.columns.values()) <= table.size.width
        header = table.render_line(0).text
        assert all(heading in header for heading in ("Question", "Attempts", "Best", "Average", "Latest"))
        assert "Tell me about a time you changed a proce" in table.render_line(1).text
        assert "…" in table.render_line(1).text
