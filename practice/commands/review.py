"""`practice review FILE` opens a session file someone sent in the coach's review screen;
`practice import FILE` adds it to the coach's own history. Reviewing never touches the history;
importing reads and validates the whole file first, so a bad file imports nothing. Handlers
import what they use when they run (see practice/commands/__init__.py)."""

from __future__ import annotations

import argparse
import sys
from functools import partial
from pathlib import Path

from practice.commands import open_user_store
from practice.errors import PracticeError
from practice.startup_gc import collector_paused_until_drawn
from practice.terminal import say


def register(subcommands: argparse._SubParsersAction) -> None:
    review = subcommands.add_parser("review", help="open a session file in the coach's review screen")
    review.add_argument("file", type=Path, metavar="FILE", help="a session file (practice export --format json)")
    review.set_defaults(handler=run_review)

    importing = subcommands.add_parser("import", help="add a session file to your history")
    importing.add_argument("file", type=Path, metavar="FILE", help="a session file (practice export --format json)")
    importing.add_argument(
        "--replace",
        action="store_true",
        help="replace a session with the same id already there (without it, the file's coach review is merged into it)",
    )
    importing.set_defaults(handler=run_import)


def run_review(args: argparse.Namespace) -> int:
    from practice.bank.loader import load_bank
    from practice.config import load_settings
    from practice.store import session_file

    session = session_file.read(args.file)  # a bad file ends here, before any screen opens
    with collector_paused_until_drawn() as resume:
        # Textual loads only when a screen is about to open, as for the TUI itself.
        from practice.app import build_app
        from practice.screens.review import ReviewScreen

        settings = load_settings(bank=args.bank, base_url=args.base_url, model=args.model, grader=args.grader)
        store = open_user_store()
        opening = partial(ReviewScreen, session, source=args.file, store=store)
        build_app(settings, load_bank(settings.bank), store, opening=opening, on_drawn=resume).run()
    return 0


def run_import(args: argparse.Namespace) -> int:
    from practice.store import session_file
    from practice.store.ownership import SessionInUseError

    session = session_file.read(args.file)
    store = open_user_store()
    try:
        lease = store.claim(session.id)  # a live session's answers are not written over
    except SessionInUseError as error:
        raise PracticeError(error.message, hint="Import it once that window is closed.") from error
    try:
        changes = session_file.import_session(store, session, replace=args.replace)
    finally:
        lease.release()
    say(session_file.describe_import(session, changes, source=str(args.file)), stream=sys.stderr)
    return 0
