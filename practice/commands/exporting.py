"""`practice export SESSION_ID --format md|html|json [-o FILE]`: a saved session as a report or as
the portable session file. Without -o the export goes to standard output. The handler imports
what it uses when it runs (see practice/commands/__init__.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from practice.commands import open_user_store
from practice.export import formats
from practice.export.formats import ExportFormat
from practice.terminal import say, write_document


def register(subcommands: argparse._SubParsersAction) -> None:
    export = subcommands.add_parser("export", help="export a saved session as Markdown, HTML or a JSON session file")
    export.add_argument(
        "session_id",
        metavar="SESSION_ID",
        help="as `practice sessions list` shows it, or any start of it naming one session",
    )
    export.add_argument(
        "--format",
        "-f",
        choices=[f.value for f in ExportFormat],
        default=ExportFormat.md.value,
        help="md (documents, e-mail), html (one printable page) or json (session file); default md",
    )
    export.add_argument("-o", "--output", type=Path, metavar="FILE", help="write here (default: standard output)")
    export.add_argument("--force", action="store_true", help="replace FILE if it exists")
    export.set_defaults(handler=run_export)


def run_export(args: argparse.Namespace) -> int:
    from practice.store import session_file

    store = open_user_store()
    session = store.load(store.resolve_id(args.session_id))
    text = formats.render(session, ExportFormat(args.format))
    if args.output is None:
        write_document(text)
        return 0
    session_file.write_text(args.output, text, overwrite=args.force, how_to_replace="add --force to replace it")
    say(f"Exported session {session.id} to {args.output}", stream=sys.stderr)
    return 0
