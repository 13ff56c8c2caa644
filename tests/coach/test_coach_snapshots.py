"""Pictures of the coach's screens at the smallest supported size and a larger one. Sessions are
built by hand with fixed ids and dates, and times are shown in UTC, so only a change in the
screens changes these pictures."""

from __future__ import annotations

import time
from collections.abc import Awaitable, Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from export.factory import START, build_session
from textual.pilot import Pilot
from textual.widgets import OptionList

from practice import locations
from practice.screens.calibration import CalibrationScreen
from practice.screens.history import HistoryScreen
from practice.screens.progress import ProgressScreen
from practice.screens.review import ReviewScreen
from practice.store import coach_review
from practice.store.sqlite import SessionStore

from .calibration_fixtures import known_session
from .delivery_sessions import delivery, spoken_session
from .hosts import ScreenHost

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def store() -> SessionStore:
    with SessionStore(locations.store_path()) as opened:
        for day, scores in enumerate([(2.0, 2.5, 3.0), (2.5, 3.5, 3.0), (3.0, 4.0, 4.5), (4.0, 4.5, 4.0)]):
            opened.save(
                build_session(
                    session_id=f"{day:032d}",
                    created_at=START + timedelta(days=day),
                    scores=scores,
                    finished=day != 3,
                    reviewed=day == 0,
                    track="customer-centric-leadership" if day % 2 else "head-of-support",
                )
            )
        yield opened


def settled(then: Callable[[Pilot[Any]], Awaitable[None]] | None = None) -> Callable[[Pilot[Any]], Awaitable[None]]:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        if then is not None:
            await then(pilot)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES)
def test_history(snap_compare: Any, store: SessionStore, size: tuple[int, int]) -> None:
    app = ScreenHost(HistoryScreen(store, tracks=[("Customer-centric leadership", "customer-centric-leadership")]))
    assert snap_compare(app, terminal_size=size, run_before=settled())


@pytest.mark.parametrize("size", SIZES)
def test_progress(snap_compare: Any, store: SessionStore, size: tuple[int, int]) -> None:
    """Many days: one point per session, each day labelled once."""
    assert snap_compare(ScreenHost(ProgressScreen(store)), terminal_size=size, run_before=settled())


@pytest.mark.parametrize("size", SIZES)
def test_progress_with_spoken_answers(snap_compare: Any, size: tuple[int, int]) -> None:
    """Delivery below the scores: pace steadying into the band, fillers and long pauses falling."""
    with SessionStore(locations.store_path()) as opened:
        for day, (words, fillers, pauses) in enumerate([(95, 9, 3), (110, 6, 2), (175, 4, 2), (140, 2, 0)]):
            opened.save(
                spoken_session(
                    START + timedelta(days=day),
                    delivery(words=words, seconds=60, fillers=fillers, pauses=pauses),
                    session_id=f"{day:032d}",
                )
            )

        async def scroll_to_delivery(pilot: Pilot[Any]) -> None:
            pilot.app.screen.query_one("#progress-body").scroll_to_widget(
                pilot.app.screen.query_one("#delivery-progress"), animate=False, top=True
            )

        app = ScreenHost(ProgressScreen(opened))
        assert snap_compare(app, terminal_size=size, run_before=settled(scroll_to_delivery))


# None: every chart says why it is empty. One: single points, no lines. Many on one day: distinct
# points, the day labelled once.
PROGRESS_STATES = {"none": [], "one": [0], "one-day": [0, 2, 5]}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("state", list(PROGRESS_STATES))
def test_progress_states(snap_compare: Any, state: str, size: tuple[int, int]) -> None:
    with SessionStore(locations.store_path()) as opened:
        for number, hours in enumerate(PROGRESS_STATES[state]):
            opened.save(
                build_session(
                    session_id=f"{number:032d}",
                    created_at=START + timedelta(hours=hours),
                    scores=(2.0 + number, 3.0, 2.5 + number / 2),
                )
            )
        assert snap_compare(ScreenHost(ProgressScreen(opened)), terminal_size=size, run_before=settled())


@pytest.mark.parametrize("size", SIZES)
def test_review_answer_with_coach_form(snap_compare: Any, size: tuple[int, int]) -> None:
    session = build_session(session_id="0123456789abcdef")

    async def pick_adjusted_answer(pilot: Pilot[Any]) -> None:
        pilot.app.screen.query_one("#review-answers", OptionList).highlighted = 2

    app = ScreenHost(ReviewScreen(session, source=Path("sent.json")))
    assert snap_compare(app, terminal_size=size, run_before=settled(pick_adjusted_answer))


@pytest.mark.parametrize("size", SIZES)
def test_review_overview_read_only(snap_compare: Any, size: tuple[int, int]) -> None:
    app = ScreenHost(ReviewScreen(build_session(session_id="0123456789abcdef"), read_only=True))
    assert snap_compare(app, terminal_size=size, run_before=settled())


@pytest.mark.parametrize("size", SIZES)
def test_review_corrected_verdicts(snap_compare: Any, size: tuple[int, int]) -> None:
    """The coach's verdicts beside the grader's checklist, and the form that corrects them."""
    session = coach_review.set_answer_review(
        build_session(session_id="0123456789abcdef"),
        "ccl-01",
        2,
        note="Much clearer.",
        adjusted_score=4.0,
        reason="Result was measured",
        areas={"measured-result": ("partial", "Cut to two days, not measured after")},
        star={"result": ("present", "Two days is the result")},
    )

    async def show_the_corrections(pilot: Pilot[Any]) -> None:
        pilot.app.screen.query_one("#review-answers", OptionList).highlighted = 2
        await pilot.pause()
        pilot.app.screen.query_one("#coach-verdicts").scroll_visible(top=True, animate=False)

    app = ScreenHost(ReviewScreen(session, source=Path("sent.json")))
    assert snap_compare(app, terminal_size=size, run_before=settled(show_the_corrections))


@pytest.mark.parametrize("size", SIZES)
def test_calibration(snap_compare: Any, size: tuple[int, int]) -> None:
    with SessionStore(locations.store_path()) as store:
        store.save(known_session())
        assert snap_compare(ScreenHost(CalibrationScreen(store)), terminal_size=size, run_before=settled())


@pytest.mark.parametrize("size", SIZES)
def test_calibration_disagreements(snap_compare: Any, size: tuple[int, int]) -> None:
    """The end of the report: each disagreement's long lines wrap at their own indent."""

    async def to_the_end(pilot: Pilot[Any]) -> None:
        await pilot.press("end")

    with SessionStore(locations.store_path()) as store:
        store.save(known_session())
        app = ScreenHost(CalibrationScreen(store))
        assert snap_compare(app, terminal_size=size, run_before=settled(to_the_end))


@pytest.mark.parametrize("size", SIZES)
def test_history_searched_on_a_corrected_session(snap_compare: Any, store: SessionStore, size: tuple[int, int]) -> None:
    """A search typed, the cursor on the reviewed session: where the words matched (marked) and
    what the coach changed, under the list; the ✎ mark in the status."""

    async def search(pilot: Pilot[Any]) -> None:
        pilot.app.screen.query_one("#filter-text").value = "nine days"
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        pilot.app.screen.query_one("#history-table").focus()
        await pilot.press("down", "down", "down")  # the oldest: reviewed, its coach adjusted a score

    app = ScreenHost(HistoryScreen(store, tracks=[("Customer-centric leadership", "customer-centric-leadership")]))
    assert snap_compare(app, terminal_size=size, run_before=settled(search))
