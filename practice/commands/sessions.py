"""`practice sessions list`: the history, headless — the same rows and filters as the history screen;
`practice sessions delete`. Ids are shown by their first 8 characters (more where two ids start alike), and
quoted where a shell needs it, so an id pasted back into a command finds its session. The handlers
import the store when they run (see practice/commands/__init__.py)."""

from __future__ import annotations

import argparse
import json
import shlex
import sys

from practice.commands import open_user_store
from practice.history_rows import HEADINGS, summary_cells
from practice.terminal import safe, say

COLUMNS = ("ID", *HEADINGS)


def register(subcommands: argparse._SubParsersAction) -> None:
    sessions = subcommands.add_parser("sessions", help="list or delete saved sessions")
    actions = sessions.add_subparsers(dest="sessions_command", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="list saved sessions, newest first")
    listing.add_argument("--json", action="store_true", help="a JSON list, for scripts")
    listing.add_argument("--track", metavar="ID", help="only sessions of this track")
    listing.add_argument(
        "--competency", metavar="ID", help="only sessions practising a competency whose name contains ID"
    )
    listing.add_argument("--since", metavar="YYYY-MM-DD", help="only sessions started on or after this day")
    listing.add_argument("--until", metavar="YYYY-MM-DD", help="only sessions started on or before this day")
    listing.add_argument("--search", metavar="TEXT", help="only sessions whose answers contain TEXT")
    listing.add_argument("--limit", type=_positive, default=50, metavar="N", help="at most N sessions (default 50)")
    listing.add_argument("--offset", type=_not_negative, default=0, metavar="N", help="skip the newest N")
    listing.set_defaults(handler=run_list)
    deleting = actions.add_parser("delete", help="delete a saved session")
    deleting.add_argument(
        "session_id",
        metavar="SESSION_ID",
        help="as `practice sessions list` shows it, or any start of it naming one session",
    )
    deleting.set_defaults(handler=run_delete)


def _positive(raw: str) -> int:
    return _integer(raw, minimum=1)


def _not_negative(raw: str) -> int:
    return _integer(raw, minimum=0)


def _integer(raw: str, *, minimum: int) -> int:
    try:
        value = int(raw)
    except ValueError:
        value = minimum - 1
    if value < minimum:
        raise argparse.ArgumentTypeError(f"{raw!r} is not a whole number of at least {minimum}")
    return value


def run_list(args: argparse.Namespace) -> int:
    from practice.store.queries import SessionFilter

    session_filter = SessionFilter.parse(
        track=args.track, competency=args.competency, since=args.since, until=args.until, text=args.search
    )
    store = open_user_store()
    rows = store.list_sessions(session_filter, limit=args.limit, offset=args.offset)
    if args.json:
        say(json.dumps([row.model_dump(mode="json") for row in rows], ensure_ascii=False, indent=2))
        return 0
    if not rows:
        print("No saved sessions yet." if session_filter.chooses_all else "No saved sessions match.")
        return 0
    short = store.short_ids([row.id for row in rows])
    cells = [(shlex.quote(short[row.id]), *summary_cells(row)) for row in rows]
    print(format_table([tuple(safe(cell, one_line=True) for cell in row) for row in cells]))
    if len(rows) == args.limit:
        # On stderr, so a script reading the table is not disturbed.
        total = store.count_sessions(session_filter)
        last = args.offset + len(rows)
        if total > last:
            print(f"Showing {args.offset + 1}-{last} of {total}; see more with --offset {last}.", file=sys.stderr)
    return 0


def run_delete(args: argparse.Namespace) -> int:
    store = open_user_store()
    session_id = store.resolve_id(args.session_id)
    store.delete(session_id)
    say(f"Deleted session {shlex.quote(session_id)}", stream=sys.stderr)
    return 0


def format_table(rows: list[tuple[str, ...]]) -> str:
    widths = [max(len(str(cell)) for cell in column) for column in zip(COLUMNS, *rows, strict=False)]
    lines = [
        "  ".join(cell.ljust(width) for cell, width in zip(line, widths, strict=True)).rstrip()
        for line in [COLUMNS, *rows]
    ]
    return "\n".join(lines)
