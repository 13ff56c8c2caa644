"""How speaking looks: the recording line under the answer box (elapsed time, level meter), the
question before a model is downloaded and the download's progress bar, and the delivery section
on the feedback screen."""

from __future__ import annotations

import asyncio
from typing import Any

from textual.pilot import Pilot

from practice.screens.feedback import FeedbackScreen
from practice.widgets.voice_panel import bar, meter
from tests.coach.hosts import ScreenHost
from tests.drills.tui_helpers import settle, start_interview
from tests.voice.conftest import recording
from tests.voice.fake_hub import FakeHub, Gate
from tests.voice.fake_microphone import FileMicrophone
from tests.voice.test_model_download_tui import BASE, app_for
from tests.voice.test_speaking_tui import app_with
from tests.voice.test_stored_delivery import spoken_session


def test_the_meter_follows_loudness_in_decibels() -> None:
    assert meter(0.0) == "░" * 20
    assert meter(1.0) == "█" * 20
    assert meter(0.001) == "░" * 20  # -60 dB: the floor
    assert meter(10 ** (-30 / 20)) == "█" * 10 + "░" * 10  # -30 dB: half way
    assert meter(2.0) == "█" * 20


def test_the_progress_bar_fills_with_the_share_downloaded() -> None:
    assert bar(0.0) == "░" * 20 and bar(0.5) == "█" * 10 + "░" * 10 and bar(1.2) == "█" * 20


def test_the_size_is_asked_about_before_a_download(snap_compare: Any, fake_hub: FakeHub) -> None:
    fake_hub.serve(BASE)

    async def ask(pilot: Pilot[Any]) -> None:
        screen = await start_interview(pilot)
        screen.answer_box.cursor_blink = False  # behind the dialog, still drawn
        await pilot.press("ctrl+r")
        await settle(pilot)

    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=ask)


def test_the_download_shows_a_progress_bar_under_the_answer(snap_compare: Any, fake_hub: FakeHub) -> None:
    """Held before model.bin's first byte: the small files are in, so the bar stands at 3%."""
    gate = fake_hub.serve(BASE).gates.setdefault("model.bin", Gate(after_bytes=0))

    async def download(pilot: Pilot[Any]) -> None:
        screen = await start_interview(pilot)
        screen.answer_box.cursor_blink = False
        await pilot.press("ctrl+r")
        await settle(pilot)
        await pilot.press("d")
        assert await asyncio.to_thread(gate.reached.wait, 30)
        await pilot.pause()

    assert snap_compare(app_for(), terminal_size=(80, 24), run_before=download)


def test_recording_shows_the_time_and_the_level(snap_compare: Any) -> None:
    app = app_with(lambda: FileMicrophone(recording("trail_off"), seconds=3.0))

    async def record(pilot: Pilot[Any]) -> None:
        screen = await start_interview(pilot)
        screen.answer_box.cursor_blink = False  # a blinking cursor would make the picture flicker
        await pilot.press(*"Typed first.", "ctrl+r")
        await pilot.pause()

    assert snap_compare(app, terminal_size=(80, 24), run_before=record)


def test_the_feedback_screen_shows_delivery_beside_the_content_grade(snap_compare: Any) -> None:
    session = spoken_session()
    record = session.records[0]
    screen = FeedbackScreen(record, record.attempts[0], heading="Question 1 of 2 - feedback", can_continue=True)

    async def scroll_to_delivery(pilot: Pilot[Any]) -> None:
        await pilot.pause()
        screen.query_one("#delivery").scroll_visible(animate=False, top=True)
        await pilot.pause()

    assert snap_compare(ScreenHost(screen), terminal_size=(100, 30), run_before=scroll_to_delivery)
