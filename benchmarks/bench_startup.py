"""How long `practice` takes from being run to its first screen drawn, against the floor: a bare
Textual app that draws one label, measured the same way.

    python benchmarks/bench_startup.py [--repeat 5] [--compare-gc]

Each run is a new process on a pseudo-terminal of 100x40 (at 32 rows the set-up screen's start
button is below the fold, never drawn) with the real terminal driver; the clock stops when the
screen's text (the set-up screen's start button; the label) has been written to the terminal, i.e.
mounted and painted. Runs alternate between the two so load on a shared machine hits both alike.
Target: practice within 1.3x of the floor.

`--compare-gc` adds a third arm, practice with the garbage collector left running through
start-up (gc.disable and gc.freeze made no-ops), to see whether pausing and freezing it still pays.
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import select
import signal
import statistics
import struct
import sys
import tempfile
import termios
import time
from pathlib import Path

BARE_APP = """
from textual.app import App
from textual.widgets import Label
class Bare(App):
    def compose(self):
        yield Label("bare textual app drawn")
Bare().run()
"""
# practice as installed, except that start-up leaves the garbage collector alone.
COLLECTOR_UNTOUCHED = """
import gc, sys
gc.disable = gc.freeze = lambda: None
from practice.cli import main
sys.exit(main())
"""
PRACTICE_MARKER = b"Start interview (ctrl+s)"
BARE_MARKER = b"bare textual app drawn"
TIMEOUT_SECONDS = 60.0


def seconds_to_first_screen(argv: list[str], marker: bytes, environment: dict[str, str]) -> float:
    pid, terminal = pty.fork()
    if pid == 0:  # the child: becomes the program, its terminal the pty
        os.execve(argv[0], argv, environment)
    start = time.perf_counter()
    fcntl.ioctl(terminal, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 100, 0, 0))
    seen = b""
    try:
        while marker not in seen:
            ready, _, _ = select.select([terminal], [], [], TIMEOUT_SECONDS)
            if not ready:
                raise TimeoutError(f"{argv}: nothing drawn within {TIMEOUT_SECONDS:g} s")
            seen = seen[-len(marker) :] + os.read(terminal, 65536)
        return time.perf_counter() - start
    finally:
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        os.close(terminal)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--compare-gc", action="store_true", help="also run practice with the collector untouched")
    args = parser.parse_args(argv)
    practice = str(Path(sys.executable).with_name("practice"))
    with tempfile.TemporaryDirectory() as directory:
        environment = {
            **os.environ,
            "TERM": "xterm-256color",
            "PRACTICE_DATA_DIR": directory,
            "PRACTICE_CONFIG": str(Path(directory) / "none.toml"),
        }
        # As installed: pip writes bytecode for both practice and Textual at install time. With
        # PYTHONDONTWRITEBYTECODE set (as in some sandboxes) practice alone, run from its source
        # tree, was compiled on every start (~16 ms) while Textual's bytecode was there; the
        # warm-up runs below write it.
        environment.pop("PYTHONDONTWRITEBYTECODE", None)
        seconds_to_first_screen([practice], PRACTICE_MARKER, environment)  # warm the file cache for both
        seconds_to_first_screen([sys.executable, "-c", BARE_APP], BARE_MARKER, environment)
        app, bare, untouched = [], [], []
        for _ in range(args.repeat):
            app.append(seconds_to_first_screen([practice], PRACTICE_MARKER, environment))
            bare.append(seconds_to_first_screen([sys.executable, "-c", BARE_APP], BARE_MARKER, environment))
            if args.compare_gc:
                argv = [sys.executable, "-c", COLLECTOR_UNTOUCHED]
                untouched.append(seconds_to_first_screen(argv, PRACTICE_MARKER, environment))
    app_ms, bare_ms = statistics.median(app) * 1000, statistics.median(bare) * 1000
    print(f"start-up, practice to the set-up screen drawn:  median {app_ms:8.1f} ms")
    if untouched:
        untouched_ms = statistics.median(untouched) * 1000
        print(f"  the same with the collector left running:     median {untouched_ms:8.1f} ms")
    print(f"start-up, bare Textual app with one label:      median {bare_ms:8.1f} ms")
    print(f"ratio practice / bare (target <= 1.3):           {app_ms / bare_ms:8.2f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
