"""Start-up stays cheap: every start of `practice` builds the whole command line and opens the
set-up screen, so neither may import what only another command, another screen or a model needs
(benchmarks/bench_startup.py measures the time; these tests keep the imports that it found
costly from creeping back), and the garbage collector, paused while the TUI starts, runs again
from its first frame on."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from practice.app import build_app
from practice.bank.loader import load_bank
from practice.commands.tui import collector_paused_until_drawn
from practice.config import Settings
from practice.screens.setup import SetupScreen
from practice.store.sqlite import SessionStore

LLM_STACK = ("openai", "tiktoken")
OTHER_COMMANDS = (
    "practice.bank.importer",  # practice bank import
    "practice.grading.offline",  # practice grade, and an interview's first grade
    "practice.export.html",  # practice export
    "practice.export.markdown",
    "practice.store.session_file",  # practice review / import
)
OTHER_SCREENS = (
    "practice.screens.interview",
    "practice.screens.feedback",
    "practice.screens.summary",
    "practice.screens.history",
    "practice.screens.progress",
    "practice.screens.review",
    "practice.interview.engine",
    "plotext",  # the progress screen's charts
    "textual_plotext",
)

SETUP_SCREEN_SHOWN = """
import asyncio, sys
from practice import locations
from practice.app import build_app
from practice.bank.loader import load_bank
from practice.config import load_settings
from practice.screens.setup import SetupScreen
from practice.store.sqlite import SessionStore

async def main():
    app = build_app(load_settings(), load_bank(), SessionStore(locations.store_path()), seed=1)
    async with app.run_test() as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        assert isinstance(app.screen, SetupScreen), app.screen
    print("\\n".join(sorted(sys.modules)))

asyncio.run(main())
"""


def modules_after(code: str, tmp_path: Path) -> set[str]:
    """The modules loaded by `code` in a fresh interpreter (this one has imported everything)."""
    environment = {**os.environ, "PRACTICE_DATA_DIR": str(tmp_path), "PRACTICE_CONFIG": str(tmp_path / "none.toml")}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=environment, check=False, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return set(result.stdout.split())


def test_command_line_does_not_import_the_llm_stack(tmp_path: Path) -> None:
    modules = modules_after("import sys, practice.cli; print(*sys.modules)", tmp_path)
    assert sorted(modules & set(LLM_STACK)) == []


def test_building_the_command_line_imports_no_command_s_dependencies(tmp_path: Path) -> None:
    modules = modules_after("import sys, practice.cli; practice.cli.build_parser(); print(*sys.modules)", tmp_path)
    assert sorted(modules & {*OTHER_COMMANDS, "textual"}) == []


def test_the_set_up_screen_opens_without_what_later_screens_need(tmp_path: Path) -> None:
    modules = modules_after(SETUP_SCREEN_SHOWN, tmp_path)
    assert "practice.screens.setup" in modules  # the probe did open the app
    assert sorted(modules & {*LLM_STACK, *OTHER_COMMANDS, *OTHER_SCREENS}) == []


async def test_garbage_collection_resumes_once_the_first_screen_is_drawn(tmp_path: Path) -> None:
    seen_when_drawn: list[bool] = []

    def drawn(resume: Callable[[], None]) -> None:
        seen_when_drawn.append(gc.isenabled())
        resume()

    try:
        with collector_paused_until_drawn() as resume:
            assert not gc.isenabled()
            store = SessionStore(tmp_path / "sessions.sqlite3")
            app = build_app(Settings(), load_bank(), store, seed=1, on_drawn=lambda: drawn(resume))
            async with app.run_test() as pilot:
                await pilot.pause()
                assert isinstance(app.screen, SetupScreen)
                assert seen_when_drawn == [False]
                assert gc.isenabled() and gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()  # this test process's objects must stay collectable


def test_leaving_before_anything_is_drawn_resumes_garbage_collection() -> None:
    with pytest.raises(RuntimeError), collector_paused_until_drawn():
        raise RuntimeError("the app failed to start")
    assert gc.isenabled() and gc.get_freeze_count() == 0


def test_a_collector_someone_else_disabled_stays_disabled() -> None:
    gc.disable()
    try:
        with collector_paused_until_drawn() as resume:
            resume()
        assert not gc.isenabled() and gc.get_freeze_count() == 0
    finally:
        gc.enable()
