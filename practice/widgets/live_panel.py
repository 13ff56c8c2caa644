"""The live panel under the answer box: words, estimated speaking time, the STAR meter and the timer.

Numbers a candidate can act on while typing (too short? no result yet?), without a grade.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Static

from practice.widgets.answer_timer import AnswerTimer, Clock, format_clock
from practice.widgets.star_meter import StarMeter


class LivePanel(Horizontal):
    def __init__(self, timer_seconds: int | None, clock: Clock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._timer_seconds = timer_seconds
        self._clock = clock

    def compose(self) -> ComposeResult:
        yield Static("0 words", id="live-words")
        yield StarMeter(id="live-star")
        yield AnswerTimer(self._timer_seconds, self._clock, id="live-timer")

    def show(self, word_count: int, speaking_seconds: float, star: dict[str, bool]) -> None:
        plural = "word" if word_count == 1 else "words"
        self.query_one("#live-words", Static).update(
            f"{word_count} {plural} · ~{format_clock(speaking_seconds)} spoken"
        )
        self.query_one(StarMeter).show(star)

    @property
    def timer(self) -> AnswerTimer:
        return self.query_one(AnswerTimer)
