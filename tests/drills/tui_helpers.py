"""Driving the real app in the drills: wait for its workers, start an interview from set-up."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input
from textual.worker import WorkerCancelled

from practice.screens.interview import InterviewScreen
from practice.screens.setup import SetupScreen

SETTLE_ROUNDS = 20


async def settle(pilot: Pilot[Any]) -> None:
    """Wait for every worker. An exclusive worker superseded meanwhile (the app's own timers run
    too) ends as cancelled, which is fine: wait again for the rest."""
    await pilot.pause()
    for _ in range(SETTLE_ROUNDS):
        try:
            await pilot.app.workers.wait_for_complete()
            break
        except WorkerCancelled:
            continue
    await pilot.pause()


async def start_interview(pilot: Pilot[Any], *, count: int = 1) -> InterviewScreen:
    await settle(pilot)
    setup = pilot.app.screen
    assert isinstance(setup, SetupScreen), setup
    setup.query_one("#count", Input).value = str(count)
    await pilot.press("ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen), screen
    return screen
