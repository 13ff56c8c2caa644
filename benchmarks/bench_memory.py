"""Peak resident memory of a whole interview in the TUI, against a bare Textual app.

    python benchmarks/bench_memory.py [--repeat 3]

Each run is a child process: the scripted candidate (tests/drills/scripted_session.py) runs a
full session headless - set-up, answers typed word by word, follow-ups, self-assessment,
feedback, next question - and the peak is the child's ru_maxrss (getrusage RUSAGE_CHILDREN,
read after each child alone has been waited for, in a fresh parent).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
MEASURE = (
    "import resource, subprocess, sys; subprocess.run(sys.argv[1:], check=True); "
    "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)"
)
BARE_APP = (
    "from textual.app import App\nfrom textual.widgets import Label\n"
    "class Bare(App):\n    def compose(self):\n        yield Label('bare')\n"
    "    def on_mount(self):\n        self.set_timer(0.5, self.exit)\nBare().run(headless=True)\n"
)


def peak_kib(command: list[str], environment: dict[str, str]) -> int:
    """A fresh parent per run, so RUSAGE_CHILDREN holds this child's peak and no other's."""
    result = subprocess.run(
        [sys.executable, "-c", MEASURE, *command],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        env=environment,
        check=True,
        timeout=600,
    )
    return int(result.stdout.strip().splitlines()[-1])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args(argv)
    app, bare = [], []
    for run in range(args.repeat):
        with tempfile.TemporaryDirectory() as directory:
            environment = {**os.environ, "PRACTICE_DATA_DIR": directory, "PRACTICE_CONFIG": f"{directory}/none.toml"}
            session = [
                sys.executable,
                "-m",
                "tests.drills.scripted_session",
                "--log",
                f"{directory}/log.jsonl",
                "--seed",
                str(run),
                "--turns",
                "6",
                "--word-delay",
                "0.005",
            ]
            app.append(peak_kib(session, environment))
            bare.append(peak_kib([sys.executable, "-c", BARE_APP], environment))
    app_mib, bare_mib = statistics.median(app) / 1024, statistics.median(bare) / 1024
    print(f"peak RSS, a whole interview in the TUI (6 answers): median {app_mib:7.1f} MiB")
    print(f"peak RSS, bare Textual app with one label:          median {bare_mib:7.1f} MiB")
    print(f"ratio app / bare:                                    {app_mib / bare_mib:7.2f} x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
