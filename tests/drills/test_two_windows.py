"""Two windows on one data directory: the real app in a child process mid-interview, and a
second app here. The second must not resume the live session (the last to save would wipe the
other's answers): it says the session is open elsewhere and offers it read-only or a new one.
Once the first is killed (SIGKILL), its session can be resumed here."""

from __future__ import annotations

import signal
from pathlib import Path

from practice.app import build_app
from practice.bank.loader import load_bank
from practice.config import Settings
from practice.locations import store_path
from practice.screens.confirm import ConfirmScreen
from practice.screens.interview import InterviewScreen
from practice.screens.review import ReviewScreen
from practice.screens.setup import SetupScreen
from practice.store.sqlite import SessionStore
from tests.drills.kill_drill import start_candidate, wait_for_event
from tests.drills.tui_helpers import settle


async def test_a_live_session_is_offered_read_only_in_a_second_window(
    isolated_environment: Path, tmp_path: Path
) -> None:
    log = tmp_path / "window-a.jsonl"
    window_a = start_candidate(isolated_environment, log, seed=4, turns=1000)
    try:
        events = wait_for_event(window_a, log, "submitted")
        session_id = next(e["session"] for e in events if e["event"] == "submitted")
        answered_in_a = next(e["text"] for e in events if e["event"] == "submitted")

        window_b = build_app(Settings(), load_bank(), SessionStore(store_path()), seed=3)
        async with window_b.run_test(size=(100, 32)) as pilot:
            await settle(pilot)
            offer = window_b.screen
            assert isinstance(offer, ConfirmScreen), offer
            assert f"open in another practice window (process {window_a.pid} " in offer.question
            assert "Resume" not in offer.yes and offer.yes == "Open read-only"
            await pilot.press("y")
            await settle(pilot)
            review = window_b.screen
            assert isinstance(review, ReviewScreen) and review.read_only
            assert review.session.id == session_id
            await pilot.press("escape")
            await settle(pilot)

            # The history's "resume" (or a race with the offer) goes through the same claim.
            window_b.resume_chosen(review.session, True)
            await settle(pilot)
            assert isinstance(window_b.screen, ConfirmScreen)
            await pilot.press("n")  # start new instead
            await settle(pilot)
            assert isinstance(window_b.screen, SetupScreen)
            assert not any(isinstance(screen, InterviewScreen) for screen in window_b.screen_stack)
    finally:
        window_a.send_signal(signal.SIGKILL)
        window_a.wait(timeout=30)

    window_c = build_app(Settings(), load_bank(), SessionStore(store_path()), seed=3)
    async with window_c.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(window_c.screen, ConfirmScreen) and window_c.screen.yes == "Resume"
        await pilot.press("y")
        await settle(pilot)
        interview = window_c.screen
        assert isinstance(interview, InterviewScreen) and interview.engine.session.id == session_id
        store = window_c.store
        owner = store.owner_of(session_id)
        assert owner is not None and owner.pid != window_a.pid
        texts = [a.text for r in store.load(session_id).records for t in r.attempts for a in t.answers]
        assert answered_in_a in texts
