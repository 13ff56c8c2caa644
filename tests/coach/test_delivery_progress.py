"""Delivery over time: the store sums the spoken answers of graded attempts per period (pace as
all words over all speaking time; fillers and long pauses per minute spoken), follows the
history's filters, and builds the rows for sessions saved before it had them. Typed sessions
add nothing. The progress screen shows it below the scores, or says there is none yet."""

from __future__ import annotations

import sqlite3
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from datetime import timedelta
from pathlib import Path

import pytest
from export.factory import START, build_session
from textual.widgets import Static

from practice import locations
from practice.screens.progress import ProgressScreen
from practice.store import migrations
from practice.store.queries import SessionFilter
from practice.store.sqlite import SessionStore
from practice.widgets.delivery_progress import DeliveryProgressView, hesitation_spec, pace_spec
from practice.widgets.series_chart import SeriesChart

from .delivery_sessions import delivery, spoken_session
from .hosts import ScreenHost


@pytest.fixture
def store() -> Iterator[SessionStore]:
    with SessionStore(locations.store_path()) as opened:
        yield opened


def test_each_point_sums_its_sessions_spoken_answers(store: SessionStore) -> None:
    store.save(
        spoken_session(
            START,
            delivery(words=100, seconds=60, fillers=6, pauses=1),
            delivery(words=200, seconds=60, fillers=0, pauses=1),
        )
    )
    store.save(spoken_session(START + timedelta(days=2), delivery(words=140, seconds=60, fillers=1)))
    store.save(build_session(created_at=START + timedelta(days=1)))  # typed only

    spoken = store.progress().delivery

    assert (spoken.answer_count, spoken.session_count) == (3, 2)
    # 300 words in two minutes, not the mean of 100 and 200 a minute (the same here), fillers 6
    # in two minutes, and two long pauses in two minutes.
    assert [p.value for p in spoken.words_per_minute] == [150.0, 140.0]
    assert [p.value for p in spoken.fillers_per_minute] == [3.0, 1.0]
    assert [p.value for p in spoken.long_pauses_per_minute] == [1.0, 0.0]
    assert [p.when for p in spoken.words_per_minute] == [START, START + timedelta(days=2)]


def test_a_long_answer_weighs_more_than_a_short_one(store: SessionStore) -> None:
    store.save(spoken_session(START, delivery(words=30, seconds=30), delivery(words=450, seconds=180)))

    (point,) = store.progress().delivery.words_per_minute

    assert point.value == round(480 / 3.5, 2)  # not (60 + 150) / 2


def test_typed_sessions_have_no_delivery(store: SessionStore) -> None:
    store.save(build_session())

    spoken = store.progress().delivery

    assert spoken.answer_count == 0 and spoken.words_per_minute == [] and spoken.long_pauses_per_minute == []


def test_only_graded_attempts_count_and_a_later_save_replaces_them(store: SessionStore) -> None:
    session = spoken_session(START, delivery(words=120, seconds=60), delivery(words=180, seconds=60))
    session.records[0].attempts[1].feedback = None
    store.save(session)
    assert store.progress().delivery.answer_count == 1

    store.save(spoken_session(START, delivery(words=120, seconds=60), session_id=session.id))
    assert store.progress().delivery.answer_count == 1  # replaced, not counted twice
    store.delete(session.id)
    assert store.progress().delivery.answer_count == 0


def test_follows_the_filters(store: SessionStore) -> None:
    store.save(spoken_session(START, delivery(words=100, seconds=60)))
    later = spoken_session(START + timedelta(days=1), delivery(words=160, seconds=60))
    later.settings.track = "head-of-support"
    store.save(later)

    chosen = store.progress(SessionFilter(track="head-of-support")).delivery

    assert [p.value for p in chosen.words_per_minute] == [160.0]


def test_an_older_store_gains_the_delivery_of_its_sessions(tmp_path: Path) -> None:
    """A store of schema 3 holds spoken answers in its sessions but no rows for them: the
    upgrade builds them, and the scores' rows are left as they were."""
    path = tmp_path / "old.sqlite3"
    with SessionStore(path) as current:
        current.save(spoken_session(START, delivery(words=130, seconds=60, fillers=2)))
    raw = sqlite3.connect(path, isolation_level=None)
    raw.execute("DROP TABLE spoken_answers")
    raw.execute("PRAGMA user_version = 3")
    scores_before = raw.execute("SELECT * FROM graded_attempts ORDER BY 1, 2, 3").fetchall()
    raw.close()

    with SessionStore(path) as upgraded:
        spoken = upgraded.progress().delivery

    assert [p.value for p in spoken.words_per_minute] == [130.0]
    assert [p.value for p in spoken.fillers_per_minute] == [2.0]
    raw = sqlite3.connect(path)
    assert raw.execute("PRAGMA user_version").fetchone()[0] == len(migrations.STEPS)
    assert raw.execute("SELECT * FROM graded_attempts ORDER BY 1, 2, 3").fetchall() == scores_before
    raw.close()


@asynccontextmanager
async def shown(store: SessionStore) -> AsyncIterator[tuple[DeliveryProgressView, str]]:
    """The progress screen once it has read the store: its delivery section and latest line."""
    screen = ProgressScreen(store)
    async with ScreenHost(screen).run_test(size=(120, 60)) as pilot:
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()
        view = screen.query_one(DeliveryProgressView)
        yield view, str(view.query_one(".delivery-latest", Static).render())


async def test_the_progress_screen_shows_delivery_beside_the_scores(store: SessionStore) -> None:
    store.save(spoken_session(START, delivery(words=100, seconds=60, fillers=6, pauses=2)))
    store.save(spoken_session(START + timedelta(days=1), delivery(words=140, seconds=60, fillers=1)))
    async with shown(store) as (view, latest):
        assert latest == (
            "2 spoken answers in 2 sessions. Latest: 140 words per minute (comfortable), "
            "1.0 fillers and 0.0 long pauses a minute."
        )
        assert view.query_one(".charts").display
        pace = view.query_one("#pace-chart", SeriesChart)
        assert pace.border_title == "Words per minute (comfortable 120–160)"
        assert "words per minute" in str(pace.query_one(".chart-legend", Static).render())
        legend = str(view.query_one("#hesitation-chart .chart-legend", Static).render())
        assert "fillers" in legend and "long pauses" in legend


async def test_a_pace_off_the_band_is_named_and_the_axis_holds_it(store: SessionStore) -> None:
    store.save(spoken_session(START, delivery(words=300, seconds=60, fillers=12)))

    async with shown(store) as (_, latest):
        assert "300 words per minute (fast: comfortable is 120–160), 12.0 fillers" in latest
    assert pace_spec().axis(300)[0][-1] == 300 and hesitation_spec().axis(12)[0][-1] == 12


async def test_typed_sessions_say_there_are_no_spoken_answers_yet(store: SessionStore) -> None:
    store.save(build_session())

    async with shown(store) as (view, latest):
        assert latest.startswith("No spoken answers yet: press ctrl+r in an interview to answer aloud")
        assert not view.query_one(".charts").display
