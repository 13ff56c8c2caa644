"""The first spoken answer with base.en configured and not on this machine, against the fake hub
(fake_hub.py): the candidate is told the size and asked before anything is fetched; the download
shows a progress bar while typing goes on, and then hears the answer with the downloaded model;
Escape stops it, leaving nothing half-done; without the hub or when the download fails, the
packaged tiny.en stands in, saying so; "not now" leaves typing."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from practice.app import PracticeApp, build_app
from practice.bank.loader import load_bank
from practice.config import Settings
from practice.locations import store_path
from practice.screens.interview import InterviewScreen
from practice.screens.model_download import ModelDownloadScreen
from practice.store.sqlite import SessionStore
from practice.voice.hearing import load_transcriber
from practice.voice.model_location import find_local
from practice.voice.voice_input import ModelSupply, VoiceInput
from tests.drills.tui_helpers import settle, start_interview
from tests.llm.fake_server import closed_port_url
from tests.tui.conftest import FIXTURE_BANK, SEED, ManualClock
from tests.voice.conftest import recording
from tests.voice.fake_hub import FakeHub, Gate, files_in
from tests.voice.fake_microphone import FileMicrophone
from tests.voice.test_speaking_tui import panel_text

BASE = "Systran/faster-whisper-base.en"


def app_for(model: str = "base.en") -> PracticeApp:
    """As the CLI builds it, but the microphone plays a recording."""
    settings = Settings(voice_model=model)
    voice = VoiceInput(
        lambda: FileMicrophone(recording("steady")),
        lambda: load_transcriber(settings),
        None,
        model=ModelSupply(settings.voice_model, settings.voice_model_path),
    )
    return build_app(
        settings, load_bank(FIXTURE_BANK), SessionStore(store_path()), clock=ManualClock(), seed=SEED, voice_input=voice
    )


async def ask(pilot: Pilot[Any]) -> tuple[InterviewScreen, ModelDownloadScreen]:
    screen = await start_interview(pilot)
    await pilot.press("ctrl+r")
    await settle(pilot)
    dialog = pilot.app.screen
    assert isinstance(dialog, ModelDownloadScreen)
    return screen, dialog


def notes(app: PracticeApp) -> list[str]:
    return [notification.message for notification in app._notifications]


async def test_the_size_is_said_first_then_a_bar_and_then_the_downloaded_model_hears(
    fake_hub: FakeHub, hf_cache: Path
) -> None:
    repo = fake_hub.serve(BASE)
    gate = repo.gates.setdefault("model.bin", Gate(after_bytes=24 << 20))
    size = f"{sum(path.stat().st_size for path in repo.files.values()) / 1e6:.1f} MB"
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        screen, dialog = await ask(pilot)
        said = str(dialog.query_one("#model-question").render())
        assert "needs the base.en speech model" in said and f"fetches {size} from Hugging Face ({BASE})" in said
        assert fake_hub.downloads() == []  # nothing fetched before the yes

        await pilot.press("d")
        assert await asyncio.to_thread(gate.reached.wait, 30)
        await pilot.pause()
        bar = panel_text(screen)
        assert bar.startswith("Downloading base.en ") and f" of {size}" in bar and "esc stops it" in bar
        assert "█" in bar and " 0%" not in bar  # the small files are in: the bar has moved
        await pilot.press(*"typing meanwhile")
        assert screen.answer_box.text == "typing meanwhile"

        gate.opened.set()
        await settle(pilot)
        assert "The base.en speech model is ready: ctrl+r to speak" in panel_text(screen)
        assert find_local("base.en") is not None

        await pilot.press("ctrl+r", "ctrl+r")
        await settle(pilot)
        assert "customer" in screen.answer_box.text.lower()
        assert isinstance(app.screen, InterviewScreen)  # not asked again


async def test_escape_stops_the_download_and_ctrl_r_asks_again(fake_hub: FakeHub, hf_cache: Path) -> None:
    gate = fake_hub.serve(BASE).gates.setdefault("model.bin", Gate(after_bytes=0))
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        screen, _ = await ask(pilot)
        await pilot.press("d")
        assert await asyncio.to_thread(gate.reached.wait, 30)
        await pilot.press("escape")
        gate.opened.set()
        await settle(pilot)

        assert "Download of base.en stopped: nothing half-downloaded is kept" in panel_text(screen)
        assert find_local("base.en") is None
        assert not [name for name in files_in(hf_cache) if name.endswith(("model.bin", ".incomplete"))]
        await pilot.press("ctrl+r")
        await settle(pilot)
        assert isinstance(app.screen, ModelDownloadScreen)


async def test_a_failed_download_falls_back_to_the_packaged_model(fake_hub: FakeHub) -> None:
    fake_hub.serve(BASE).failing.add("model.bin")
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        screen, _ = await ask(pilot)
        await pilot.press("d")
        await settle(pilot)

        (note,) = notes(app)
        assert note.startswith("Download failed: the base.en speech model could not be downloaded: Server error '500")
        assert note.endswith("The packaged tiny.en hears your answers instead.")
        await pilot.press("ctrl+r", "ctrl+r")
        await settle(pilot)
        assert "customer" in screen.answer_box.text.lower()


async def test_without_the_hub_the_packaged_model_hears_at_once_saying_why(hf_cache: Path, monkeypatch: Any) -> None:
    monkeypatch.setenv("HF_ENDPOINT", closed_port_url())
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_interview(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)

        (note,) = notes(app)
        assert note.startswith("No download: the base.en speech model cannot be downloaded now: ")
        assert "The packaged tiny.en hears your answers instead." in note
        assert "Recording" in panel_text(screen)


async def test_not_now_leaves_typing_and_fetches_nothing(fake_hub: FakeHub) -> None:
    fake_hub.serve(BASE)
    app = app_for()
    async with app.run_test(size=(100, 32)) as pilot:
        screen, _ = await ask(pilot)
        await pilot.press("n")
        await settle(pilot)

        assert "Type your answer; ctrl+r asks about the base.en model again." in panel_text(screen)
        assert fake_hub.downloads() == [] and not screen.voice_active


async def test_a_model_already_here_is_not_asked_about(fake_hub: FakeHub) -> None:
    """tiny.en with its package installed: straight to the microphone, the hub never asked."""
    app = app_for("tiny.en")
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_interview(pilot)
        await pilot.press("ctrl+r")
        await settle(pilot)

        assert "Recording" in panel_text(screen)
        assert fake_hub.requests == []
