"""The command palette's own commands as a candidate meets them: Quit asks like ctrl+q, a
screenshot is saved even without ~/Downloads (and says where), and a theme picked there is kept
in the config file for the next start."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.command import CommandList, CommandPalette

from practice.app import PracticeApp, build_app
from practice.bank.models import QuestionBank
from practice.config import Settings, load_settings
from practice.locations import config_path, store_path
from practice.screens.confirm import ConfirmScreen
from practice.store.sqlite import SessionStore
from tests.tui.conftest import SEED, ManualClock
from tests.tui.test_tui_flows import settle, start

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def run_from_palette(pilot: Any, title: str) -> None:
    """As a candidate does: ctrl+p, type the command's name, enter."""
    await pilot.press("ctrl+p")
    await settle(pilot)
    assert isinstance(pilot.app.screen, CommandPalette)
    palette = pilot.app.screen
    await pilot.press(*title.lower())
    matches = palette.query_one(CommandList)
    while not matches.option_count:  # the palette searches its providers in a task of its own
        await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES)
async def test_quit_from_the_palette_asks_first_and_keeps_the_typed_answer(
    make_app: Any, size: tuple[int, int]
) -> None:
    app: PracticeApp = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot)
        screen.answer_box.load_text("half an answer")
        await run_from_palette(pilot, "Quit")
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")
        await settle(pilot)
        assert app.screen is screen and screen.answer_box.text == "half an answer"
        await run_from_palette(pilot, "Quit")
        await pilot.press("y")
        await settle(pilot)
    unfinished = SessionStore(store_path()).latest_unfinished()
    assert unfinished is not None and unfinished.draft is not None and unfinished.draft.text == "half an answer"


async def test_quit_from_the_palette_outside_an_interview_just_quits(make_app: Any) -> None:
    app: PracticeApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await run_from_palette(pilot, "Quit")
    assert app.return_code == 0


async def test_a_screenshot_without_a_downloads_folder_is_saved_in_the_data_directory(
    make_app: Any, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("XDG_DOWNLOAD_DIR", raising=False)
    app: PracticeApp = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        await run_from_palette(pilot, "Screenshot")
        saved = list((store_path().parent / "screenshots").glob("*.svg"))
        assert len(saved) == 1 and "<svg" in saved[0].read_text(encoding="utf-8")
        assert not (home / "Downloads").exists()
        shown = [n.message for n in app._notifications]
        assert any(str(saved[0]) in message for message in shown)


async def test_a_theme_picked_in_the_app_is_kept_after_a_restart(bank: QuestionBank, clock: ManualClock) -> None:
    config_path().write_text('# my settings\ngrader = "offline"\n', encoding="utf-8")
    first = build_app(load_settings(), bank, SessionStore(store_path()), clock=clock, seed=SEED)
    async with first.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        first.theme = "solarized-light"  # what the palette's theme picker does
        await settle(pilot)
    text = config_path().read_text(encoding="utf-8")
    assert text.startswith('# my settings\ngrader = "offline"\n') and 'theme = "solarized-light"' in text

    second = build_app(load_settings(), bank, SessionStore(store_path()), clock=clock, seed=SEED)
    async with second.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert second.theme == "solarized-light"


async def test_the_theme_the_app_started_with_is_not_written_back(
    bank: QuestionBank, clock: ManualClock, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PRACTICE_THEME", "nord")
    app = build_app(load_settings(), bank, SessionStore(store_path()), clock=clock, seed=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"
    assert not config_path().exists()


async def test_a_new_config_file_written_for_a_theme_is_private(bank: QuestionBank, clock: ManualClock) -> None:
    app = build_app(load_settings(), bank, SessionStore(store_path()), clock=clock, seed=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await settle(pilot)
    assert config_path().stat().st_mode & 0o777 == 0o600


async def test_a_broken_config_file_is_not_overwritten_by_a_theme(bank: QuestionBank, clock: ManualClock) -> None:
    app = build_app(Settings(), bank, SessionStore(store_path()), clock=clock, seed=SEED)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        config_path().write_text("theme = [unclosed\n", encoding="utf-8")
        app.theme = "nord"
        await settle(pilot)
        assert any("not valid TOML" in n.message for n in app._notifications)
    assert config_path().read_text(encoding="utf-8") == "theme = [unclosed\n"
