"""The command line. `practice` alone opens the TUI; subcommands do the headless jobs.

Every handler raises PracticeError for bad input; this module turns it into a message on stderr
and an exit status, so no user ever sees a traceback for something they can fix.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from practice import __version__
from practice.commands import bank, calibrate, exporting, grade, review, sessions, tui
from practice.errors import PracticeError
from practice.terminal import say, warnings_to_stderr

COMMAND_MODULES = (tui, bank, grade, sessions, review, exporting, calibrate)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="practice",
        description="A terminal mock-interview coach. With no command, opens the interview TUI.",
    )
    parser.add_argument("--version", action="version", version=f"practice {__version__}")
    tui.add_app_arguments(parser)
    subcommands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(subcommands)
    parser.set_defaults(handler=tui.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    warnings_to_stderr()
    try:
        return int(args.handler(args) or 0)
    except PracticeError as error:
        say(f"practice: {error}", stream=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print("practice: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
