"""The portable session file: what a candidate sends a coach, what `practice export --format json`
writes, and what `practice review` / `practice import` read back.

A file from someone else is untrusted input. Reading it either yields a complete, valid Session
or raises BadInputError naming the file and the problem — never a half-read session, so callers
can import or review it without ever touching the store on failure. Writing never replaces an
existing file unless the caller asks, and replaces atomically when it does.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from practice import jsontext
from practice.errors import BadInputError, NotFoundError, PracticeError
from practice.interview.models import MAX_ANSWER_CHARS, SESSION_SCHEMA_VERSION, Session, utcnow
from practice.jsontext import JsonContentError
from practice.store.coach_review import merge_review
from practice.textfiles import MAX_INPUT_BYTES, read_input_text

if TYPE_CHECKING:
    from practice.store.sqlite import SessionStore

FORMAT_NAME: Final = "practice-session"
FORMAT_VERSION: Final = 1
# A real session is tens of kilobytes; anything far beyond is not one, and reading it whole
# would only cost memory.
MAX_FILE_BYTES = MAX_INPUT_BYTES
# Sessions nest about a dozen levels deep; a file nested far deeper is hostile or broken, and
# checking the depth first keeps json/pydantic from recursing into it.
MAX_NESTING = 64
SHOWN_ERRORS = 3
EARLIEST = datetime(1970, 1, 1, tzinfo=UTC)
LATEST = datetime(9000, 1, 1, tzinfo=UTC)
"""Times outside these are typing mistakes or attacks; at the very edges of Python's range
they cannot even be turned into UTC or local time."""
# JSON strings (skipped whole, so brackets inside answers do not count) or a bracket.
# A run of plain characters is matched at once: "(?:[^"\\]|\\.)*" would keep a backtracking
# entry per character (gigabytes for a 15 MB answer).
_STRUCTURE = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[\[\]{}]')


class PortableSession(BaseModel):
    """The versioned envelope: `format` and `version` say what the file is before any of it is
    trusted, so a future layout gets a clear 'update practice' rather than a wall of errors."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["practice-session"] = FORMAT_NAME
    version: Literal[1] = FORMAT_VERSION
    exported_at: datetime = Field(default_factory=utcnow)
    session: Session


def dumps(session: Session) -> str:
    return PortableSession(session=session).model_dump_json(indent=2) + "\n"


def loads(text: str, *, source: str) -> Session:
    """Parse a portable session file's text; `source` names the file in every message."""
    if not text.strip():
        raise BadInputError(f"{source}: the file is empty", hint="Ask for the session file to be exported again.")
    _check_nesting(text, source)
    try:
        data = jsontext.loads(text, allow_nul=True)
    except json.JSONDecodeError as error:
        raise BadInputError(
            f"{source}: not valid JSON at line {error.lineno}, column {error.colno}: {error.msg}",
            hint="The file may be truncated or hand-edited; ask for it to be exported again.",
        ) from error
    except JsonContentError as error:
        raise BadInputError(
            f"{source}: not a valid session file: {error}",
            hint="The file may have been hand-edited; ask for it to be exported again.",
        ) from error
    _check_envelope(data, source)
    try:
        envelope = PortableSession.model_validate(data)
    except ValidationError as error:
        raise BadInputError(
            f"{source}: not a valid session file:\n{_describe(error)}",
            hint="The file may have been hand-edited; ask for it to be exported again.",
        ) from error
    problems = session_problems(envelope.session)
    if problems:
        shown = "\n".join(f"  {problem}" for problem in problems[:SHOWN_ERRORS])
        more = f"\n  … and {len(problems) - SHOWN_ERRORS} more problem(s)" if len(problems) > SHOWN_ERRORS else ""
        raise BadInputError(
            f"{source}: not a valid session file:\n{shown}{more}",
            hint="The file may have been hand-edited; ask for it to be exported again.",
        )
    return envelope.session


def session_problems(session: Session) -> list[str]:
    """What the models cannot see field by field: ids that must be unique within the session
    (the store and the review screen rely on it), answer lengths, and times. The id's form is
    the model's own check (Session._a_session_id)."""
    problems: list[str] = []
    questions: dict[str, int] = {}
    answers: dict[str, str] = {}
    for index, record in enumerate(session.records):
        place = f"session.records[{index}]"
        first = questions.setdefault(record.question.id, index)
        if first != index:
            problems.append(f"{place}: question {record.question.id!r} is already at session.records[{first}]")
        numbers: dict[int, int] = {}
        for position, attempt in enumerate(record.attempts):
            earlier = numbers.setdefault(attempt.number, position)
            if earlier != position:
                problems.append(
                    f"{place}.attempts[{position}]: attempt number {attempt.number} is already at attempts[{earlier}]"
                )
            for turn, answer in enumerate(attempt.answers):
                where = f"{place}.attempts[{position}].answers[{turn}]"
                if answers.setdefault(answer.id, where) != where:
                    problems.append(f"{where}: answer id {answer.id!r} is already at {answers[answer.id]}")
                if len(answer.text) > MAX_ANSWER_CHARS:
                    problems.append(
                        f"{where}.text: {len(answer.text):,} characters; an answer holds at most {MAX_ANSWER_CHARS:,}"
                    )
    problems += _time_problems(session)
    return problems


def _time_problems(session: Session) -> list[str]:
    stack: list[tuple[str, Any]] = [("session", session.model_dump())]
    problems: list[str] = []
    while stack:
        path, value = stack.pop()
        if isinstance(value, dict):
            stack.extend((f"{path}.{key}", item) for key, item in value.items())
        elif isinstance(value, list):
            stack.extend((f"{path}[{index}]", item) for index, item in enumerate(value))
        elif isinstance(value, datetime) and not _plausible(value):
            problems.append(f"{path}: the time {value.isoformat()} is outside {EARLIEST.year} to {LATEST.year}")
    return sorted(problems)


def _plausible(moment: datetime) -> bool:
    try:
        aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
        return EARLIEST <= aware.astimezone(UTC) <= LATEST
    except OverflowError:
        return False


def read(path: Path) -> Session:
    return loads(read_input_text(path, what="session", max_bytes=MAX_FILE_BYTES), source=str(path))


def write(path: Path, session: Session, *, overwrite: bool = False) -> Path:
    return write_text(path, dumps(session), overwrite=overwrite)


def write_text(path: Path, text: str, *, overwrite: bool = False, how_to_replace: str = "") -> Path:
    """Write atomically (a temporary file renamed over the target), so an interrupted save never
    leaves a half-written file where a good one was; an existing file is replaced only on request.
    `how_to_replace` names the caller's way to ask ("add --force to replace it")."""
    if path.exists() and not overwrite:
        raise BadInputError(
            f"{path}: already exists",
            hint=f"Choose another file name, or {how_to_replace or 'ask explicitly to replace it'}.",
        )
    temporary: Path | None = None
    try:
        descriptor, name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        temporary = Path(name)
        with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
    except OSError as error:
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        raise PracticeError(
            f"{path}: cannot be written: {error.strerror or error}",
            hint="Check that the folder exists, is writable and has free space.",
        ) from error
    return path


def _check_nesting(text: str, source: str) -> None:
    """Count bracket depth outside strings: cheap, and it runs before anything recursive does."""
    depth = 0
    for token in _STRUCTURE.finditer(text):
        bracket = token.group()
        if bracket in ("[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                raise BadInputError(
                    f"{source}: nested more than {MAX_NESTING} levels deep; not a session file",
                    hint="Check that this is the file exported by `practice export --format json`.",
                )
        elif bracket in ("]", "}"):
            depth -= 1


def _check_envelope(data: Any, source: str) -> None:
    """Say what the file is before validating it, so the message fits the mistake."""
    if not isinstance(data, dict):
        raise BadInputError(
            f"{source}: not a session file (the JSON is a {type(data).__name__}, not an object)",
            hint="Check that this is the file exported by `practice export --format json`.",
        )
    if data.get("format") != FORMAT_NAME:
        looks_like = " (it looks like a question bank)" if {"tracks", "questions"} <= data.keys() else ""
        raise BadInputError(
            f"{source}: not a practice session file{looks_like}: 'format' is {data.get('format')!r}, "
            f"expected {FORMAT_NAME!r}",
            hint="Session files are written by `practice export SESSION_ID --format json`.",
        )
    version = data.get("version")
    session = data.get("session")
    inner_version = session.get("schema_version") if isinstance(session, dict) else None
    for what, found, known in (("file", version, FORMAT_VERSION), ("session", inner_version, SESSION_SCHEMA_VERSION)):
        if isinstance(found, int) and not isinstance(found, bool) and found > known:
            raise BadInputError(
                f"{source}: written by a newer version of practice ({what} format version {found}; "
                f"this version reads up to {known})",
                hint="Update practice (pip install -U practice) to open it.",
            )


def _describe(error: ValidationError) -> str:
    lines = []
    for problem in error.errors()[:SHOWN_ERRORS]:
        where = "".join(f"[{part}]" if isinstance(part, int) else f".{part}" for part in problem["loc"]).lstrip(".")
        lines.append(f"  {where or 'top level'}: {problem['msg']}")
    if error.error_count() > SHOWN_ERRORS:
        lines.append(f"  … and {error.error_count() - SHOWN_ERRORS} more problem(s)")
    return "\n".join(lines)


def import_session(store: SessionStore, session: Session, *, replace: bool = False) -> list[str] | None:
    """Add a validated session to the store in one save, so a failed import leaves it untouched.
    Where the store already holds the session, the file's coach review is merged into that copy
    (unless asked to replace it) and what changed is returned, in words; None for a new session."""
    existing = None
    if not replace:
        try:
            existing = store.load(session.id)
        except NotFoundError:
            existing = None
    if existing is None:
        store.save(session)
        return None
    merged, changes = merge_review(existing, session)
    if changes:
        store.save(merged)
    return changes


def describe_import(session: Session, changes: list[str] | None, *, source: str) -> str:
    """The one wording of an import's outcome, for the command line and the review screen."""
    if changes is None:
        return f"Imported session {session.id} ({len(session.records)} question(s)) from {source}"
    if not changes:
        return f"Session {session.id} is already in your history with this review; nothing changed"
    listed = "".join(f"\n  - {change}" for change in changes)
    return f"Merged the coach's review from {source} into session {session.id}:{listed}"
