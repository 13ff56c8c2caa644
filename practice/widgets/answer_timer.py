"""The answer timer: time left, amber then red, and "time's up" at zero.

It never touches the answer: running out of time is information, as in a real interview, not a
reason to cut a candidate off.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Static

Clock = Callable[[], float]


class TimerLevel(StrEnum):
    calm = "calm"
    amber = "amber"
    red = "red"
    up = "up"


def timer_level(total_seconds: float, elapsed: float) -> TimerLevel:
    """Amber in the last third, red in the last sixth: late enough not to nag, early enough to wrap up."""
    left = total_seconds - elapsed
    if left <= 0:
        return TimerLevel.up
    if left <= total_seconds / 6:
        return TimerLevel.red
    if left <= total_seconds / 3:
        return TimerLevel.amber
    return TimerLevel.calm


def format_clock(seconds: float) -> str:
    whole = max(0, int(seconds + 0.999))
    return f"{whole // 60}:{whole % 60:02d}"


class AnswerTimer(Static):
    """Counts down from `total_seconds` from the moment `restart` is called (each new turn)."""

    level: reactive[TimerLevel] = reactive(TimerLevel.calm)

    def __init__(self, total_seconds: int | None, clock: Clock, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total_seconds = total_seconds
        self._clock = clock
        self._started = clock()
        self._ticker: Timer | None = None
        self._stopped = False
        self.display = total_seconds is not None

    def on_mount(self) -> None:
        if self.total_seconds is not None:
            self._ticker = self.set_interval(1, self.tick)
            self.tick()

    def restart(self) -> None:
        self._started = self._clock()
        self._stopped = False
        if self._ticker is not None:
            self._ticker.resume()
        self.tick()

    def stop(self) -> None:
        """Between turns (self-assessment, feedback) no answer is being timed: the count stops
        and "time's up" goes, until `restart` times the next turn."""
        self._stopped = True
        if self._ticker is not None:
            self._ticker.pause()
        self.level = TimerLevel.calm
        self.update("")

    def tick(self) -> None:
        if self.total_seconds is None or self._stopped:
            return
        elapsed = self._clock() - self._started
        self.level = timer_level(self.total_seconds, elapsed)
        if self.level == TimerLevel.up:
            self.update("time's up - finish your thought")
        else:
            self.update(f"{format_clock(self.total_seconds - elapsed)} left")

    def watch_level(self, old: TimerLevel, new: TimerLevel) -> None:
        self.remove_class(f"-{old}")
        self.add_class(f"-{new}")
