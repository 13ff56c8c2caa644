"""How fast the history is with many saved sessions, where a user waits on it.

    python benchmarks/bench_history.py [--sessions 10000] [--repeat 20] [--store PATH]

Fills a store with --sessions realistic sessions (4 questions answered and graded; the sessions
come from bench_store.py's builder) in a temporary directory, or reuses --store if it already
holds them, then prints medians of:
  - `practice sessions list` (table and --json), in process, and as a whole command (a new
    Python process, as a user runs it);
  - the history screen: from the app starting to the first page of rows on screen (headless);
  - progress over every session: the store's aggregate queries, beside reading the latest 200
    sessions whole (what progress did before, over 200 sessions only); and the progress screen
    from the app starting to its charts, table and side-by-side attempts drawn, beside the same
    screen over a store of 12 sessions (its cost of drawing alone);
  - exporting one session as Markdown, HTML and JSON, and reading a session file back.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import functools
import io
import os
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from bench_store import four_question_session
from textual.app import App
from textual.screen import Screen
from textual.widgets import DataTable, Static

from practice.cli import main as cli_main
from practice.export import formats
from practice.export.formats import ExportFormat
from practice.interview.models import new_id, utcnow
from practice.screens.history import HistoryScreen
from practice.screens.progress import ProgressScreen
from practice.store import session_file
from practice.store.sqlite import SessionStore


def median_ms(action: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


def fill(store: SessionStore, count: int) -> None:
    templates = [four_question_session(seed) for seed in range(12)]
    base = utcnow()
    start = time.perf_counter()
    for index in range(count):
        when = base - timedelta(minutes=index)
        store.save(
            templates[index % len(templates)].model_copy(
                update={"id": new_id(), "created_at": when, "updated_at": when}
            )
        )
    print(f"filled {count} sessions in {time.perf_counter() - start:.1f} s")


@contextlib.contextmanager
def data_dir(path: Path) -> Iterator[None]:
    previous = os.environ.get("PRACTICE_DATA_DIR")
    os.environ["PRACTICE_DATA_DIR"] = str(path)
    try:
        yield
    finally:
        if previous is None:
            os.environ.pop("PRACTICE_DATA_DIR")
        else:
            os.environ["PRACTICE_DATA_DIR"] = previous


def cli_quietly(*argv: str) -> None:
    with contextlib.redirect_stdout(io.StringIO()):
        assert cli_main(list(argv)) == 0


def command_ms(directory: Path, repeat: int) -> float:
    environment = {**os.environ, "PRACTICE_DATA_DIR": str(directory)}
    command = [sys.executable, "-m", "practice", "sessions", "list"]
    return median_ms(lambda: subprocess.run(command, env=environment, check=True, capture_output=True), repeat)


class ScreenHost(App[None]):
    def __init__(self, screen: Callable[[], Screen[Any]]) -> None:
        super().__init__()
        self.make_screen = screen

    def on_mount(self) -> None:
        self.push_screen(self.make_screen())


async def first_page_seconds(store: SessionStore) -> float:
    start = time.perf_counter()
    app = ScreenHost(lambda: HistoryScreen(store))
    async with app.run_test(size=(120, 40)) as pilot:
        while not app.screen.query(DataTable) or app.screen.query_one(DataTable).row_count == 0:
            await pilot.pause()
        return time.perf_counter() - start


async def progress_drawn_seconds(store: SessionStore) -> float:
    """Until the figures are on screen: the status says how many sessions, the table has its
    questions and the highlighted one's attempts are side by side."""
    start = time.perf_counter()
    app = ScreenHost(lambda: ProgressScreen(store))
    async with app.run_test(size=(120, 60)) as pilot:
        while not (
            isinstance(app.screen, ProgressScreen)
            and "session(s)" in str(app.screen.query_one("#progress-status", Static).render())
            and app.screen.query("#side-by-side > .attempt")
        ):
            await pilot.pause()
        return time.perf_counter() - start


def read_latest_whole(store: SessionStore, count: int) -> None:
    for row in store.list_sessions(limit=count):
        store.load(row.id)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--store", type=Path, help="a data directory to fill once and reuse")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as scratch:
        directory = args.store or Path(scratch)
        directory.mkdir(parents=True, exist_ok=True)
        store = SessionStore(directory / "sessions.sqlite3")
        missing = args.sessions - store.count_sessions()
        if missing > 0:
            fill(store, missing)
        print(f"{store.count_sessions()} sessions saved")
        with data_dir(directory):
            for label, arguments in (
                ("practice sessions list (in process):", ("sessions", "list")),
                ("practice sessions list --json:", ("sessions", "list", "--json")),
                ("  --search triage (in every answer):", ("sessions", "list", "--search", "triage")),
            ):
                print(f"{label:41s}median {median_ms(functools.partial(cli_quietly, *arguments), args.repeat):8.2f} ms")
        whole_command = command_ms(directory, max(args.repeat // 4, 3))
        print(f"practice sessions list (whole command):  median {whole_command:8.2f} ms")
        screens = max(args.repeat // 4, 3)
        pages = statistics.median(asyncio.run(first_page_seconds(store)) for _ in range(screens)) * 1000
        print(f"history screen, start to first page:     median {pages:8.2f} ms")
        whole = median_ms(lambda: read_latest_whole(store, 200), screens)
        aggregate = median_ms(store.progress, screens)
        print(f"baseline, 200 sessions read whole:       median {whole:8.2f} ms")
        print(
            f"progress numbers, every session (SQL):   median {aggregate:8.2f} ms "
            f"({aggregate / whole:.2f}x reading 200 whole)"
        )
        with SessionStore(Path(scratch) / "small.sqlite3") as small:
            fill(small, 12)
            few = statistics.median(asyncio.run(progress_drawn_seconds(small)) for _ in range(screens)) * 1000
        drawn = statistics.median(asyncio.run(progress_drawn_seconds(store)) for _ in range(screens)) * 1000
        print(f"baseline, progress screen, 12 sessions:  median {few:8.2f} ms")
        print(f"progress screen, start to drawn:         median {drawn:8.2f} ms ({drawn / few:.2f}x with 12 sessions)")
        session = store.load(store.list_sessions(limit=1)[0].id)
        for export_format in ExportFormat:
            label = f"export one session as {export_format.value}:"
            render = functools.partial(formats.render, session, export_format)
            print(f"{label:41s}median {median_ms(render, args.repeat):8.2f} ms")
        path = session_file.write(Path(scratch) / "one.json", session)
        read_back = median_ms(functools.partial(session_file.read, path), args.repeat)
        print(f"read a session file back:                median {read_back:8.2f} ms")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
