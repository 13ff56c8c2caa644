"""The progress charts' choices: which series are drawn, and how the x axis is labelled."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from practice.store.queries import Period, Point
from practice.widgets.series_chart import PALETTE, shown_series, x_labels

DAY = datetime(2026, 12, 2, 9, tzinfo=UTC)


def test_sessions_on_one_day_are_distinct_points_labelled_once() -> None:
    moments = [DAY, DAY + timedelta(hours=2), DAY + timedelta(hours=5), DAY + timedelta(days=1)]
    assert x_labels(moments, Period.session) == ([1, 4], ["12-02", "12-03"])


def test_many_days_keep_at_most_six_labels() -> None:
    moments = [DAY + timedelta(days=n) for n in range(20)]
    positions, labels = x_labels(moments, Period.day)
    assert len(labels) <= 6 and positions[0] == 1 and len(set(labels)) == len(labels)


def test_months_are_labelled_by_month() -> None:
    assert x_labels([DAY, DAY + timedelta(days=40)], Period.month)[1] == ["2026-12", "2027-01"]


def test_the_most_practised_competencies_first_and_the_rest_on_demand() -> None:
    series = {f"c{n:02d}": [Point(when=DAY + timedelta(days=d), value=3) for d in range(n % 4 + 1)] for n in range(10)}
    series["empty"] = []
    drawn, left_out = shown_series(series, show_all=False)
    assert len(drawn) == len(PALETTE) and "empty" not in drawn
    assert all(len(series[name]) >= len(series[other]) for name in drawn for other in left_out)
    everything, none_left = shown_series(series, show_all=True)
    assert len(everything) == 10 and none_left == []


def test_series_with_as_many_points_keep_the_order_given() -> None:
    point = [Point(when=DAY, value=1.0)]
    series = {"situation": point, "task": point, "action": point * 2, "result": point}
    drawn, _ = shown_series(series, show_all=False)
    assert list(drawn) == ["action", "situation", "task", "result"]
