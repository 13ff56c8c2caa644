"""Text from data is never parsed as markup: a bank whose track titles and question texts hold
Textual markup (a closing tag, a click action) goes through the set-up screen, an interview and
the summary without a crash and without acting; the confirm dialog and notifications too. And
no screen draws data's control sequences: each screen is checked as drawn (its screenshot
holds every character sent to the terminal), the text boxes and titles too."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.pilot import Pilot
from textual.widgets import DataTable, Static

from practice.app import build_app
from practice.bank.loader import load_bank
from practice.config import Settings
from practice.errors import StoreError
from practice.locations import store_path
from practice.screens.background import notify_failure
from practice.screens.confirm import ConfirmScreen
from practice.screens.feedback import FeedbackScreen
from practice.screens.history import HistoryScreen
from practice.screens.interview import InterviewScreen
from practice.screens.progress import ProgressScreen
from practice.screens.review import ReviewScreen
from practice.screens.setup import SetupScreen
from practice.screens.summary import SummaryScreen
from practice.store.sqlite import SessionStore
from practice.terminal import safe
from tests.drills.hostile_files import EVERY_ATTACK, MARKUP_ATTACKS, UNSAFE_FOR_TERMINALS, hostile_bank
from tests.drills.tui_helpers import settle, start_interview
from tests.export.factory import build_session
from tests.tui.conftest import FIXTURE_BANK

ATTACKS = {**MARKUP_ATTACKS, "all at once": EVERY_ATTACK}
ANSWER = "I mapped the refund journey, cut two approval steps, and refunds fell from 9 days to 2."


def attack_app(tmp_path: Path, attack: str) -> Any:
    path = tmp_path / "markup-bank.json"
    path.write_text(hostile_bank(FIXTURE_BANK, attack), encoding="utf-8")
    return build_app(Settings(), load_bank(path), SessionStore(store_path()), seed=3)


@pytest.mark.parametrize("attack", ATTACKS.values(), ids=ATTACKS.keys())
async def test_markup_in_a_bank_reaches_set_up_and_summary_as_text(tmp_path: Path, attack: str) -> None:
    app = attack_app(tmp_path, attack)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        setup = app.screen
        assert isinstance(setup, SetupScreen)
        await pilot.click("#track")  # the list of track titles is drawn
        await settle(pilot)
        await pilot.press("escape")

        setup.query_one("#mode-1").value = True  # mock: straight to the summary
        screen = await start_interview(pilot)
        assert attack in screen.engine.session.records[0].question.text
        screen.answer_box.load_text(ANSWER)
        await pilot.press("ctrl+s")
        await settle(pilot)
        while not isinstance(app.screen, SummaryScreen):
            await pilot.press("ctrl+n" if app.screen is screen else "ctrl+s")
            await settle(pilot)
        table = app.screen.query_one(DataTable)
        shown = str(table.get_row_at(0)[1])
        assert shown.startswith(safe(attack, one_line=True)[:20])  # as written, sequences shown as escapes
        assert not UNSAFE_FOR_TERMINALS & set(shown)
        assert app.is_running  # no click action ran, no markup error ended the app


async def test_a_question_and_a_notification_that_quote_data_are_text(tmp_path: Path) -> None:
    app = attack_app(tmp_path, "[/]")
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        quoted = f"Open {EVERY_ATTACK}?"
        app.ask(quoted, yes="Yes", no="No", then=lambda _: None)
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        shown = str(app.screen.query_one("#confirm-question").render())
        assert "[@click=app.quit]free points[/]" in shown and not UNSAFE_FOR_TERMINALS & set(shown)
        await pilot.press("n")
        notify_failure(app, "Could not save", StoreError(f"/data/{EVERY_ATTACK}: cannot save"))
        await settle(pilot)
        (notice,) = [n for n in app._notifications if n.message.startswith("Could not save")]
        assert "[/]" in notice.message and not notice.markup and not UNSAFE_FOR_TERMINALS & set(notice.message)
        assert app.is_running


async def test_a_session_file_with_markup_opens_in_review(tmp_path: Path) -> None:
    session = build_session(hostile=f" {EVERY_ATTACK}", track=f"t {EVERY_ATTACK}")
    bank = load_bank(FIXTURE_BANK)
    app = build_app(Settings(), bank, SessionStore(store_path()), seed=3, opening=partial(ReviewScreen, session))
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen)
        for _ in range(4):  # through the overview and the answers
            await pilot.press("down")
            await settle(pilot)
            shown = [str(widget.render()) for widget in app.screen.query(Static)]
            assert any("[@click=app.quit]free points[/]" in text for text in shown)
            assert not [text for text in shown if UNSAFE_FOR_TERMINALS & set(text)]
        assert app.is_running


def drawn_safely(app: Any) -> bool:
    """Whether the screen as drawn, notifications included, holds no character a terminal obeys.
    Textual drops BEL, BS and CR as it draws; ESC, C1 controls and bidi overrides it sends on."""
    return not UNSAFE_FOR_TERMINALS & set(app.export_screenshot())


async def visit(pilot: Pilot[Any], *keys: str) -> list[str]:
    """Press each key in turn; the screens drawn unsafely, by name."""
    unsafe = []
    for key in keys:
        await pilot.press(key)
        await settle(pilot)
        if not drawn_safely(pilot.app):
            unsafe.append(f"{type(pilot.app.screen).__name__} after {key!r}")
    assert pilot.app.is_running
    return unsafe


async def test_a_hostile_stored_session_is_drawn_safely_on_every_screen() -> None:
    """History, the session opened (its coach's name and notes, each answer), progress with the
    attempts side by side, and the question picker: a session imported from a file shows there."""
    session = build_session(hostile=f" {EVERY_ATTACK}", track=f"t {EVERY_ATTACK}")
    with SessionStore(store_path()) as store:
        store.save(session)
    app = build_app(Settings(), load_bank(), SessionStore(store_path()), seed=3)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        unsafe = await visit(pilot, "f6", "enter", "down", "down", "down", "down", "escape", "p")
        progress = app.screen
        assert isinstance(progress, ProgressScreen)
        progress.query_one(DataTable).move_cursor(row=0)  # the latest attempts side by side
        unsafe += await visit(pilot, "down", "up", "escape", "t", "escape")
        assert isinstance(app.screen, HistoryScreen)
        assert unsafe == []


async def test_a_hostile_session_file_is_drawn_safely_in_its_review_form() -> None:
    """Opened to review, every field is an editor holding the file's text (the coach's name,
    notes, reasons) and the header names the file."""
    session = build_session(hostile=f" {EVERY_ATTACK}", track=f"t {EVERY_ATTACK}")
    source = Path(f"session {EVERY_ATTACK}.json")
    review = partial(ReviewScreen, session, source=source)
    app = build_app(Settings(), load_bank(FIXTURE_BANK), SessionStore(store_path()), seed=3, opening=review)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        await settle(pilot)
        assert drawn_safely(app)
        assert await visit(pilot, "down", "down", "down", "down") == []
        assert isinstance(app.screen, ReviewScreen) and app.screen.session.review == session.review  # kept exactly


async def test_a_pasted_hostile_answer_is_drawn_safely_from_the_box_to_the_summary(tmp_path: Path) -> None:
    app = attack_app(tmp_path, EVERY_ATTACK)
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await start_interview(pilot)
        assert isinstance(screen, InterviewScreen)
        app.post_message(events.Paste(f"{ANSWER} {EVERY_ATTACK}"))  # as the terminal delivers a paste
        await settle(pilot)
        assert drawn_safely(app)  # the question, and the answer in its box
        unsafe = await visit(pilot, "ctrl+s")
        while not isinstance(app.screen, FeedbackScreen):
            unsafe += await visit(pilot, "ctrl+n" if app.screen is screen else "ctrl+s")
        unsafe += await visit(pilot, "a", "escape", "n")
        assert isinstance(app.screen, SummaryScreen)
        assert unsafe == []
        texts = [a.text for r in screen.engine.session.records for t in r.attempts for a in t.answers]
        assert texts[0] == f"{ANSWER} {EVERY_ATTACK}".replace("\r", "\n")  # kept as pasted (a CR is a line end)
