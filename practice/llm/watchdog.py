"""One thread that keeps every request's deadline, for the whole process.

A deadline must hold even against a server that drips a byte a second (no read ever times
out), so something outside the request has to close it. A timer thread per request did that,
but starting a thread costs milliseconds on a loaded machine, on every request, before it is
sent (bench_llm.py measured it). This one thread is started once and, in steady use, never even
woken: idle, it looks again after the shortest limit it was ever given, and no deadline it is
handed can fall due sooner than that.
"""

from __future__ import annotations

import heapq
import itertools
import logging
import math
import threading
import time
from collections.abc import Callable

log = logging.getLogger(__name__)


class Deadline:
    """One watched limit; `cancel()` it when the request ends in time."""

    __slots__ = ("action", "at")

    def __init__(self, at: float, action: Callable[[], None]) -> None:
        self.at = at
        self.action: Callable[[], None] | None = action

    def cancel(self) -> None:
        # Dropped, not only flagged: a finished request's stream must not wait here for its hour.
        self.action = None


class Watchdog:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._due: list[tuple[float, int, Deadline]] = []
        self._order = itertools.count()  # ties broken by arrival; Deadlines are not comparable
        self._condition = threading.Condition()
        self._thread: threading.Thread | None = None
        self._wake_at = math.inf
        self._shortest = math.inf

    def watch(self, seconds: float, action: Callable[[], None]) -> Deadline:
        """`action` runs in the watchdog's thread once `seconds` have passed, unless cancelled."""
        deadline = Deadline(self._clock() + seconds, action)
        with self._condition:
            heapq.heappush(self._due, (deadline.at, next(self._order), deadline))
            self._shortest = min(self._shortest, seconds)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="llm-watchdog", daemon=True)
                self._thread.start()
            elif deadline.at < self._wake_at:
                self._condition.notify()
        return deadline

    def _run(self) -> None:
        while True:
            with self._condition:
                now = self._clock()
                fired: list[Callable[[], None]] = []
                while self._due and (self._due[0][0] <= now or self._due[0][2].action is None):
                    action = heapq.heappop(self._due)[2].action
                    if action is not None:
                        fired.append(action)
                self._wake_at = self._due[0][0] if self._due else now + self._shortest
                if not fired:
                    self._condition.wait(self._wake_at - now)
                    continue
            for action in fired:
                try:
                    action()
                except Exception:  # one failed stop must not end every later deadline
                    log.exception("stopping a request at its deadline failed")


_shared = Watchdog()


def watch(seconds: float, action: Callable[[], None]) -> Deadline:
    return _shared.watch(seconds, action)
