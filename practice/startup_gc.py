"""The one place start-up tunes Python's garbage collector, kept because it is measured to pay:
    python benchmarks/bench_startup.py --repeat 21 --compare-gc
(2 cores, shared: first screen at a median 388 ms paused and frozen, 430 ms left running.)"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


@contextmanager
def collector_paused_until_drawn() -> Iterator[Callable[[], None]]:
    """Yields `resume`, for the app to call once its first screen is drawn.

    Starting the TUI allocates ~100,000 objects (modules, classes, styles, widgets) that live as
    long as the app, and the cyclic garbage collector traversed them over and over: ~40 ms of the
    ~390 ms to the first screen. So it is paused until then; at `resume`, gc.freeze() keeps what
    start-up built out of every later collection (the ~6,000 unreachable objects start-up leaves
    among ~115,000 stay too: a collection to free them would cost ~30 ms just after the first
    frame) and collecting resumes. Leaving the block resumes it as well, whatever happened."""
    if not gc.isenabled():  # whoever runs us chose otherwise (a profiler, a host program)
        yield lambda: None
        return
    gc.disable()

    def resume() -> None:
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    try:
        yield resume
    finally:
        gc.enable()
