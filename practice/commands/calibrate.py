"""`practice calibrate [FILE…] [--json]`: how far the grader is from the coaches, over every
reviewed session in the history and any session files named. The handler imports the store, the
statistics and the report when it runs (see practice/commands/__init__.py)."""

from __future__ import annotations

import argparse
from pathlib import Path

from practice.commands import open_user_store


def register(subcommands: argparse._SubParsersAction) -> None:
    calibrate = subcommands.add_parser(
        "calibrate", help="how far the grader is from the coaches, over reviewed sessions"
    )
    calibrate.add_argument(
        "files",
        type=Path,
        nargs="*",
        metavar="FILE",
        help="session files to include (practice export --format json), besides your history",
    )
    calibrate.add_argument("--json", action="store_true", help="the figures as JSON, for scripts")
    calibrate.add_argument("--shown", type=int, default=5, metavar="N", help="the N largest disagreements (default 5)")
    calibrate.set_defaults(handler=run_calibrate)


def run_calibrate(args: argparse.Namespace) -> int:
    from practice.calibration import text
    from practice.calibration.collect import calibrate_sessions

    calibration, skipped = calibrate_sessions(open_user_store(), args.files, shown=max(args.shown, 0))
    if args.json:
        print(calibration.model_dump_json(indent=2))
    else:
        print(text.render(calibration, skipped=skipped), end="")
    return 0
