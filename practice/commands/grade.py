"""`practice grade QUESTION_ID`: grade one answer from a file, standard input or a recording,
without the TUI.

For a candidate trying an answer from an editor, and for scripts (`--json`). The answer is read
exactly as given; an empty answer is graded (as empty), never refused. The grader is imported
when the command runs (see practice/commands/__init__.py).
"""

from __future__ import annotations

import argparse
import difflib
import shutil
import sys
import textwrap
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from practice.bank.models import Question, QuestionBank, RoleLevel
from practice.commands import bank_from_args
from practice.config import load_settings
from practice.errors import BadInputError, NotFoundError
from practice.interview.models import MAX_ANSWER_CHARS
from practice.terminal import say
from practice.textfiles import MAX_INPUT_BYTES, decode_input, read_input_text

if TYPE_CHECKING:
    from practice.config import Settings
    from practice.feedback_view import AnswerView
    from practice.voice.models import SpokenAnswer

MAX_WIDTH = 100


def register(subcommands: argparse._SubParsersAction) -> None:
    parser = subcommands.add_parser(
        "grade",
        help="grade one answer to a question (from a file or standard input)",
        description="Grade an answer to one question of the bank. The answer is read from --answer-file, "
        "or from standard input when no file is given.",
    )
    parser.add_argument("question_id", metavar="QUESTION_ID", help="e.g. ccl-01 (see `practice bank list`)")
    given = parser.add_mutually_exclusive_group()
    given.add_argument("--answer-file", type=Path, metavar="F", help="read the answer from this UTF-8 text file")
    given.add_argument(
        "--audio",
        type=Path,
        metavar="F",
        help="a spoken answer (WAV or another audio file): transcribed offline, graded, and its delivery shown "
        "(needs the voice extra)",
    )
    parser.add_argument("--json", action="store_true", help="print the feedback as JSON, for scripts")
    parser.add_argument(
        "--role-level",
        choices=[level.value for level in RoleLevel],
        default=RoleLevel.individual_contributor.value,
        help="what the answer is judged against (default: individual_contributor)",
    )
    # SUPPRESS: when not given after the subcommand, the same top-level options must still count.
    parser.add_argument(
        "--bank", type=Path, default=argparse.SUPPRESS, metavar="FILE", help="use this question bank (JSON)"
    )
    parser.add_argument("--grader", choices=["offline", "llm"], default=argparse.SUPPRESS, help="which grader to use")
    parser.add_argument("--model", default=argparse.SUPPRESS, metavar="M", help="model name for the LLM grader")
    parser.add_argument("--base-url", default=argparse.SUPPRESS, metavar="U", help="OpenAI-compatible endpoint")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from practice.grading import service

    bank = bank_from_args(args)
    question = _question(bank, args.question_id)
    settings = load_settings(
        grader=getattr(args, "grader", None),
        model=getattr(args, "model", None),
        base_url=getattr(args, "base_url", None),
    )
    spoken = _hear(args.audio, settings) if args.audio is not None else None
    answer = spoken.transcript.text if spoken else _read_answer(args.answer_file)
    source = str(args.audio or args.answer_file or "standard input")
    if not answer.strip():
        raise BadInputError(
            f"{source}: the answer is empty, so there is nothing to grade",
            hint=f"Pipe the answer in (echo 'In my last role…' | practice grade {question.id}) "
            "or pass --answer-file F with the answer in it.",
        )
    if len(answer) > MAX_ANSWER_CHARS:  # as long as the interview takes one, and a session file holds
        raise BadInputError(
            f"{source}: the answer is {len(answer):,} characters long; an answer holds at most {MAX_ANSWER_CHARS:,}",
            hint="Check that this is the answer you meant to grade, or grade its first part.",
        )
    feedback = service.grade(
        question,
        answer,
        settings=settings,
        role_level=RoleLevel(args.role_level),
        bank=bank.questions,
        vocabulary=bank.vocabulary,
    )
    width = min(MAX_WIDTH, shutil.get_terminal_size().columns)
    if args.json:
        from practice.voice.models import SpokenGrade

        say(
            SpokenGrade(feedback=feedback, spoken=spoken).model_dump_json(indent=2)
            if spoken
            else feedback.model_dump_json(indent=2)
        )
    else:
        from practice.feedback_view import answer_view

        text = render(answer_view(question, feedback), width=width)
        say(text + ("\n" + render_spoken(spoken, width=width) if spoken else ""))
    return 0


def _hear(path: Path, settings: Settings) -> SpokenAnswer:
    from practice.voice.hearing import hear, load_transcriber

    if not path.is_file():
        raise BadInputError(
            f"{path}: no such audio file" if not path.exists() else f"{path}: not a regular file",
            hint="Give the path of a recorded answer (WAV).",
        )
    transcriber = load_transcriber(settings)
    note = transcriber.location.stand_in_note()
    if note:
        print(note, file=sys.stderr)
    print(f"Transcribing {path} offline…", file=sys.stderr, flush=True)
    return hear(transcriber, path)


def render_spoken(spoken: SpokenAnswer, *, width: int = MAX_WIDTH) -> str:
    """Delivery after the content feedback, then the transcript the grade was given."""
    lines = ["", f"Delivery (heard by {spoken.delivery.model}, offline)"]
    for line in spoken.delivery.lines():
        lines.extend(textwrap.wrap(line, width=max(40, width), initial_indent="  ", subsequent_indent="    "))
    lines.extend(["", "Transcript (what was graded)"])
    lines.extend(
        textwrap.wrap(
            spoken.transcript.text or "(nothing was heard)",
            width=max(40, width),
            initial_indent="  ",
            subsequent_indent="  ",
        )
    )
    return "\n".join(lines)


def _question(bank: QuestionBank, question_id: str) -> Question:
    try:
        return bank.question(question_id)
    except KeyError:
        ids = [q.id for q in bank.questions]
        near = difflib.get_close_matches(question_id, ids, n=3, cutoff=0.5)
        raise NotFoundError(
            f"unknown question id {question_id!r}" + (f"; did you mean {', '.join(near)}?" if near else ""),
            hint="`practice bank list` shows every question id.",
        ) from None


def _read_answer(path: Path | None) -> str:
    if path is not None:
        return read_input_text(path, what="answer")
    if sys.stdin is None:
        return ""
    if sys.stdin.isatty():
        print("Type or paste the answer, then press Ctrl-D on an empty line.", file=sys.stderr)
    data = sys.stdin.buffer.read(MAX_INPUT_BYTES + 1)
    if len(data) > MAX_INPUT_BYTES:
        raise BadInputError(
            f"standard input: too large for an answer (over {MAX_INPUT_BYTES:,} bytes)",
            hint="Check that this is the answer you meant to grade.",
        )
    return decode_input(data, source="standard input", what="answer")


def render(view: AnswerView, *, width: int = MAX_WIDTH) -> str:
    """Feedback as plain text for people: verdict first, then the evidence behind it, then what
    to do next, then the bank's example — labelled as one way to answer, not the way."""
    width = max(40, width)
    lines: list[str] = []

    def para(text: str, indent: str = "  ", first: str | None = None) -> None:
        lines.extend(
            textwrap.wrap(
                text, width=width, initial_indent=first if first is not None else indent, subsequent_indent=indent
            )
            or [indent.rstrip()]
        )

    def heading(title: str) -> None:
        lines.extend(["", title])

    def listed(title: str, items: Sequence[str], bullet: str) -> None:
        if items:
            heading(title)
            for item in items:
                para(item, first=bullet, indent="    ")

    question = view.question
    para(f"{question.id}: {question.text}", indent="", first="")
    offline = "" if view.offline_score is None else f"    offline grader: {view.offline_score:g}"
    level = f"    role level: {view.role_level}" if view.role_level else ""
    lines.append(f"Score: {view.score:g} / 5 ({view.grader}){offline}{level}")
    for reason in view.reasons:
        para(reason, first="  - ", indent="    ")
    listed("Warnings", [flag.text for flag in view.flags], "  ! ")

    heading("Areas to cover")
    for result in view.criteria:
        para(result.text, first=f"  [{result.status.value}] ", indent="    ")
        if result.evidence:
            para(f"\u201c{result.evidence}\u201d", indent="      ")
        if result.note:
            para(result.note, indent="      ")

    heading("STAR" if view.star_applicable else "STAR (for information: not scored for a situational question)")
    for part in view.star:
        para(f"{part.part:<9} {'yes' if part.present else 'no'}", first="  ", indent="  ")
        if part.evidence:
            para(f"\u201c{part.evidence}\u201d", indent="      ")
    listed("Structure", view.structure, "  - ")

    heading("Specifics")
    for line in view.specifics:
        para(line, first="  ", indent="    ")

    listed("Strengths", view.strengths, "  + ")
    listed("Improvements", view.improvements, "  - ")
    listed("Coach", view.coach_lines(), "  * ")

    if question.sample_answer:
        heading("An example answer (one way to answer it, not the only right one)")
        para(question.sample_answer)
    if question.why_asked:
        heading("Why employers ask this")
        para(question.why_asked)
    return "\n".join(lines)
