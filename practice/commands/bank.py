"""`practice bank …`: check, list, import and describe question banks without opening the TUI.
Handlers import what they use when they run (see practice/commands/__init__.py)."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import textwrap
from pathlib import Path
from typing import TYPE_CHECKING

from practice.commands import bank_from_args
from practice.errors import BadInputError
from practice.terminal import safe, say, write_document

if TYPE_CHECKING:
    from practice.bank.models import Question, QuestionBank

INDENT = "    "


def register(subcommands: argparse._SubParsersAction) -> None:
    bank = subcommands.add_parser("bank", help="check, list, import and describe question banks")
    actions = bank.add_subparsers(dest="bank_command", metavar="ACTION", required=True)

    validate = actions.add_parser("validate", help="check a bank file and report what is wrong, with line numbers")
    validate.add_argument("file", type=Path, metavar="FILE")
    validate.set_defaults(handler=run_validate)

    listing = actions.add_parser("list", help="list the questions of the bank")
    listing.add_argument("--track", metavar="T", help="only this track's questions")
    listing.add_argument("--json", action="store_true", help="a JSON list of the questions, for scripts")
    _add_bank_option(listing)
    listing.set_defaults(handler=run_list)

    importing = actions.add_parser("import", help="turn an interview guide (text) into a bank file")
    importing.add_argument("guide", type=Path, metavar="GUIDE.txt")
    importing.add_argument("-o", "--output", type=Path, metavar="OUT.json", help="write here (default: stdout)")
    importing.add_argument("--track", metavar="ID", help="the track id (default: from the title)")
    importing.add_argument("--title", metavar="T", help="the track title (default: the guide's heading)")
    importing.add_argument(
        "--id-prefix", metavar="P", help="question ids are P-01, P-02… (default: the track's initials)"
    )
    importing.set_defaults(handler=run_import)

    schema = actions.add_parser("schema", help="print the JSON Schema of a bank file")
    schema.set_defaults(handler=run_schema)


def _add_bank_option(parser: argparse.ArgumentParser) -> None:
    # SUPPRESS: when not given after the subcommand, the top-level `--bank` must still count.
    parser.add_argument(
        "--bank",
        type=Path,
        default=argparse.SUPPRESS,
        metavar="FILE",
        help="use this question bank (JSON) instead of the shipped one",
    )


def run_validate(args: argparse.Namespace) -> int:
    from practice.bank.loader import load_bank

    bank = load_bank(args.file)
    say(f"{args.file}: OK — {_count(len(bank.tracks), 'track')}, {_count(len(bank.questions), 'question')}")
    return 0


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def run_list(args: argparse.Namespace) -> int:
    bank = bank_from_args(args)
    questions = _questions_of(bank, args.track)
    if args.json:
        say(json.dumps([question.model_dump(mode="json") for question in questions], ensure_ascii=False, indent=2))
        return 0
    print("\n".join(_table(questions, shutil.get_terminal_size().columns)))
    return 0


def _questions_of(bank: QuestionBank, track: str | None) -> list[Question]:
    if track is None:
        return list(bank.questions)
    known = [t.id for t in bank.tracks]
    if track not in known:
        raise BadInputError(
            f"unknown track {track!r}; known tracks: {', '.join(known)}", hint="Pass one of them to --track."
        )
    return bank.questions_in(track)


def _table(questions: list[Question], width: int) -> list[str]:
    """A line per question (id, type, track), then its whole text wrapped to the terminal and its
    competencies, indented under it: a question cut at forty characters cannot be chosen by."""
    rows = [("ID", "TYPE", "TRACK")] + [
        tuple(safe(cell, one_line=True) for cell in (q.id, q.type.value, q.track)) for q in questions
    ]
    id_width, type_width = (max(len(row[column]) for row in rows) for column in range(2))
    text_width = max(width - len(INDENT), 20)
    lines = [f"{'ID':<{id_width}}  {'TYPE':<{type_width}}  TRACK"]
    for (qid, qtype, track), question in zip(rows[1:], questions, strict=True):
        lines.append(f"{qid:<{id_width}}  {qtype:<{type_width}}  {track}")
        lines += textwrap.wrap(
            safe(question.text, one_line=True), text_width, initial_indent=INDENT, subsequent_indent=INDENT
        )
        lines += textwrap.wrap(
            safe(f"competencies: {', '.join(question.competencies)}", one_line=True),
            text_width,
            initial_indent=INDENT,
            subsequent_indent=INDENT + "  ",
        )
    return lines


def run_import(args: argparse.Namespace) -> int:
    from practice.bank import loader
    from practice.bank.importer import import_guide
    from practice.textfiles import read_input_text

    text = read_input_text(args.guide, what="guide")
    bank = import_guide(
        text, source_name=args.guide.name, track_id=args.track, title=args.title, id_prefix=args.id_prefix
    )
    output = json.dumps(bank.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n"
    size = len(output.encode("utf-8"))
    if size > loader.MAX_BANK_BYTES:
        raise BadInputError(
            f"{args.guide}: the bank would be {size / 2**20:.1f} MB ({_count(len(bank.questions), 'question')}); "
            f"practice reads banks of up to {loader.MAX_BANK_BYTES / 2**20:.3g} MB, so it would refuse this one",
            hint="Split the guide into smaller ones and import each as its own bank.",
        )
    if args.output is None:
        write_document(output)
        return 0
    try:
        args.output.write_text(output, encoding="utf-8")
    except OSError as error:
        raise BadInputError(
            f"{args.output}: cannot be written: {error.strerror or error}",
            hint="Check that the folder exists and is writable.",
        ) from error
    say(f"{args.output}: wrote {len(bank.questions)} questions in track {bank.tracks[0].id!r}", stream=sys.stderr)
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from practice.bank.models import QuestionBank

    print(json.dumps(QuestionBank.model_json_schema(), ensure_ascii=False, indent=2))
    return 0
