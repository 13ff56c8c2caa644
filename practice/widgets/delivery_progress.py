"""Delivery over time on the progress screen, below the scores: pace, and fillers and long
pauses a minute of speaking (long pauses left out of it, as for one answer), for the spoken
answers of the sessions shown, with the latest figures in words.
Sessions answered only by typing have none, and the section says so once (not two empty charts).
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Static

from practice.store.queries import DeliveryProgress, Period
from practice.voice.knowledge import bundled_knowledge
from practice.widgets.series_chart import ChartSpec, SeriesChart

NONE_SPOKEN = (
    "No spoken answers yet: press ctrl+r in an interview to answer aloud, and your pace, filler words "
    "and long pauses show here over time, beside the scores."
)


def pace_spec() -> ChartSpec:
    pace = bundled_knowledge().pace
    return ChartSpec(
        f"Words per minute (comfortable {pace.comfortable_min_wpm}–{pace.comfortable_max_wpm})",
        (0, 60, 120, 180, 240),
        ("0", "60", "120", "180", "240"),
        NONE_SPOKEN,
        grows=True,
    )


def hesitation_spec() -> ChartSpec:
    return ChartSpec(
        f"Fillers and pauses over {bundled_knowledge().long_pause_seconds:g} s a minute",
        (0, 2, 4, 6, 8),
        ("0", "2", "4", "6", "8"),
        NONE_SPOKEN,
        grows=True,
    )


def latest_line(delivery: DeliveryProgress) -> str:
    """How many answers, and the latest point's figures, the pace against the comfortable band."""
    pace = bundled_knowledge().pace
    answers = f"{delivery.answer_count} spoken answer{'s' if delivery.answer_count != 1 else ''}"
    sessions = f"{delivery.session_count} session{'s' if delivery.session_count != 1 else ''}"
    if not delivery.words_per_minute:
        return f"{answers} in {sessions}, with no words heard."
    wpm = delivery.words_per_minute[-1].value
    band = (
        "comfortable"
        if pace.comfortable_min_wpm <= wpm <= pace.comfortable_max_wpm
        else ("slow" if wpm < pace.comfortable_min_wpm else "fast")
        + f": comfortable is {pace.comfortable_min_wpm}–{pace.comfortable_max_wpm}"
    )
    return (
        f"{answers} in {sessions}. Latest: {wpm:.0f} words per minute ({band}), "
        f"{delivery.fillers_per_minute[-1].value:.1f} fillers and "
        f"{delivery.long_pauses_per_minute[-1].value:.1f} long pauses a minute."
    )


class DeliveryProgressView(Vertical):
    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, classes="-none")
        self.border_title = "Delivery of spoken answers"

    def compose(self) -> ComposeResult:
        yield Static(Content.styled(NONE_SPOKEN, "$text-muted italic"), classes="delivery-latest")
        with Horizontal(classes="charts"):
            yield SeriesChart(pace_spec(), id="pace-chart")
            yield SeriesChart(hesitation_spec(), id="hesitation-chart")

    def draw(self, delivery: DeliveryProgress, *, period: Period) -> None:
        charts = self.query_one(".charts", Horizontal)
        line = self.query_one(".delivery-latest", Static)
        charts.display = bool(delivery.words_per_minute)
        self.set_class(not delivery.answer_count, "-none")
        if not delivery.answer_count:
            line.update(Content.styled(NONE_SPOKEN, "$text-muted italic"))
            return
        line.update(Content(latest_line(delivery)))
        self.query_one("#pace-chart", SeriesChart).draw({"words per minute": delivery.words_per_minute}, period=period)
        self.query_one("#hesitation-chart", SeriesChart).draw(
            {"fillers": delivery.fillers_per_minute, "long pauses": delivery.long_pauses_per_minute}, period=period
        )
