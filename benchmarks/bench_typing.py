"""The TUI while typing: a key press into a 300-word answer, until the box shows it and until the
live panel (words, speaking time, STAR meter) is updated.

    python benchmarks/bench_typing.py [--repeat 40]

Headless (App.run_test). The live panel waits LIVE_DEBOUNCE_SECONDS after the last key on
purpose (so fast typing is not slowed by measuring); the figure that matters is the panel's
time minus that pause. Baseline: the same key into a bare TextArea holding the same text.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from bench_grading import answer_of
from textual.app import App, ComposeResult
from textual.widgets import TextArea

from practice.app import build_app
from practice.bank.loader import load_bank
from practice.config import Settings
from practice.screens import interview
from practice.screens.interview import InterviewScreen
from practice.store.sqlite import SessionStore

ANSWER = answer_of(300)


class BareBox(App[None]):
    def compose(self) -> ComposeResult:
        yield TextArea(ANSWER, soft_wrap=True)


async def bare_key_ms(repeat: int) -> list[float]:
    app = BareBox()
    samples = []
    async with app.run_test(size=(100, 32)) as pilot:
        box = app.query_one(TextArea)
        box.focus()
        box.move_cursor(box.document.end)
        await pilot.pause()
        for _ in range(repeat):
            start = time.perf_counter()
            await pilot.press("a")
            await pilot.pause()
            samples.append((time.perf_counter() - start) * 1000)
    return samples


async def app_key_ms(repeat: int, directory: Path) -> tuple[list[float], list[float], list[float]]:
    app = build_app(Settings(), load_bank(), SessionStore(directory / "s.sqlite3"), seed=1)
    box_ms, panel_ms, measure_ms = [], [], []
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.press("ctrl+s")
        while not isinstance(app.screen, InterviewScreen):
            await pilot.pause()
        screen = app.screen
        await app.workers.wait_for_complete()
        screen.answer_box.load_text(ANSWER)
        screen.answer_box.move_cursor(screen.answer_box.document.end)
        updates: list[float] = []
        original = screen.update_live

        def timed_update() -> None:
            started = time.perf_counter()
            original()
            measure_ms.append((time.perf_counter() - started) * 1000)
            updates.append(time.perf_counter())

        # Instrumented in place: the benchmark times the screen's own calls to it.
        screen.update_live = timed_update  # type: ignore[method-assign]
        await pilot.pause(interview.LIVE_DEBOUNCE_SECONDS * 2)
        for _ in range(repeat):
            updates.clear()
            start = time.perf_counter()
            await pilot.press("a")
            await pilot.pause()
            box_ms.append((time.perf_counter() - start) * 1000)
            while not updates:
                await pilot.pause(0.002)  # polling for the debounced update
            await pilot.pause()  # and its repaint
            panel_ms.append((time.perf_counter() - start) * 1000)
    return box_ms, panel_ms, measure_ms


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=40)
    args = parser.parse_args(argv)
    bare = asyncio.run(bare_key_ms(args.repeat))
    with tempfile.TemporaryDirectory() as directory:
        box, panel, measured = asyncio.run(app_key_ms(args.repeat, Path(directory)))
    debounce_ms = interview.LIVE_DEBOUNCE_SECONDS * 1000
    print(f"key into a 300-word answer, box repainted:       median {statistics.median(box):7.2f} ms")
    print(f"same key into a bare TextArea (baseline):        median {statistics.median(bare):7.2f} ms")
    print(
        f"ratio app / bare TextArea:                        {statistics.median(box) / statistics.median(bare):7.2f} x"
    )
    print(f"key to live panel repainted (incl. {debounce_ms:.0f} ms pause): median {statistics.median(panel):7.2f} ms")
    print(f"  live panel beyond the pause:                   median {statistics.median(panel) - debounce_ms:7.2f} ms")
    print(f"  live panel update itself (measure + widgets):  median {statistics.median(measured):7.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
