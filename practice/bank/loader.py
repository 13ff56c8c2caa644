"""Reading a question bank from disk, with errors a bank's author can act on.

A bank is often hand-edited, so every failure names the file, the place (JSON path and line)
and what to do; nothing here lets a traceback reach the user. Loading is cached per file
version because the app and the commands ask for the bank many times.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable
from functools import lru_cache, partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from practice import jsontext, locations
from practice.bank.models import QuestionBank, bank_reference_problems
from practice.config import load_settings
from practice.errors import BadInputError
from practice.jsontext import JsonContentError
from practice.textfiles import MAX_INPUT_BYTES, read_input_text

# Every problem is reported in one run, so an author never fixes three to meet three more; past
# this many, the rest are counted.
MAX_ERRORS_SHOWN = 50
# The largest bank read; `bank import` refuses to write a larger one.
MAX_BANK_BYTES = MAX_INPUT_BYTES

BANK_HINT = "Fix the bank file; `practice bank schema` prints the expected shape."

JsonPath = tuple[str | int, ...]


def load_bank(path: Path | None = None) -> QuestionBank:
    """None means the bank shipped with the app."""
    given = (path or locations.bundled_bank_path()).expanduser()
    try:
        stat = given.stat()
    except OSError:
        # Let the reader produce the specific message (missing, unreadable...).
        return _parse_bank(given, read_input_text(given, what="bank", max_bytes=MAX_BANK_BYTES))
    return _load_version(given, given.resolve(), stat.st_mtime_ns, stat.st_size)


@lru_cache(maxsize=8)
def _load_version(given: Path, resolved: Path, mtime_ns: int, size: int) -> QuestionBank:
    """Keyed by the real file (`resolved`) and its modification time and size, so an edited bank
    is re-read and an unchanged one is not; errors name the path as the user gave it."""
    return _parse_bank(given, read_input_text(given, what="bank", max_bytes=MAX_BANK_BYTES))


def parse_bank_text(text: str, *, origin: str) -> QuestionBank:
    """Validate bank JSON already in memory; `origin` names it in errors."""
    return _parse_bank(Path(origin), text)


def _parse_bank(path: Path, text: str) -> QuestionBank:
    try:
        data = jsontext.loads(text)
    except json.JSONDecodeError as error:
        raise BadInputError(
            f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}",
            hint="Fix the JSON syntax at that place (a missing comma or quote is the usual cause).",
        ) from error
    except JsonContentError as error:
        raise BadInputError(f"{path}: {error}", hint=BANK_HINT) from error
    except RecursionError as error:
        raise BadInputError(f"{path}: JSON nested too deeply to be a question bank", hint=BANK_HINT) from error
    if not isinstance(data, dict):
        raise BadInputError(
            f'{path}:1: the top level must be a JSON object with "tracks" and "questions", found {_json_type(data)}',
            hint=BANK_HINT,
        )
    try:
        bank = QuestionBank.model_validate(data)
    except ValidationError as error:
        raise BadInputError(describe_validation_error(path, text, error, bank_data=data), hint=BANK_HINT) from error
    except RecursionError as error:
        raise BadInputError(f"{path}: JSON nested too deeply to be a question bank", hint=BANK_HINT) from error
    _check_vocabulary(path, text, bank)
    return bank


def _check_vocabulary(path: Path, text: str, bank: QuestionBank) -> None:
    from practice.grading.knowledge import available_vocabularies  # the grader's data, read only when a bank names one

    known = available_vocabularies()
    if bank.vocabulary is not None and bank.vocabulary not in known:
        raise BadInputError(
            f"{_place(text, ('vocabulary',)).join((str(path) + ': ', ''))}: unknown grader vocabulary "
            f"{bank.vocabulary!r} (known: {', '.join(known)})",
            hint='Name one of those, or leave "vocabulary" out to be graded with the field-neutral one.',
        )


def bank_from_args(args: argparse.Namespace) -> QuestionBank:
    """The bank a command should use: --bank, else the configured bank, else the shipped one."""
    path = getattr(args, "bank", None)
    if path is None:
        path = load_settings().bank
    return load_bank(Path(path) if path is not None else None)


def describe_validation_error(
    path: Path,
    text: str,
    error: ValidationError,
    *,
    what: str = "question bank",
    bank_data: dict[str, Any] | None = None,
) -> str:
    """Every problem with its JSON path and line: the grader's data files are reported alike.
    With `bank_data` (a bank's raw JSON), the bank-wide checks are run on it too when the fields
    fail, so every problem is reported in one run."""
    # Each line is written only if shown: placing a problem reads the text for its line, and a
    # hostile file may hold a hundred thousand problems.
    found: list[Callable[[], str]] = []
    bank_checked = bank_data is None
    for problem in error.errors(include_url=False):
        loc: JsonPath = tuple(problem["loc"])
        bank_checked = bank_checked or not loc
        for index in range(str(problem["msg"]).count("\n") + 1):
            found.append(partial(_problem_line, text, loc, problem, index))
    if not bank_checked:
        # The bank-wide checks run only once every field is valid; run them on the raw data too.
        found += [
            partial(_placed, text, message) for message in bank_reference_problems(*_raw_references(bank_data or {}))
        ]
    lines = [f"{path}: not a valid {what} ({len(found)} problem{'s' if len(found) != 1 else ''}):"]
    lines += [f"  {line()}" for line in found[:MAX_ERRORS_SHOWN]]
    if len(found) > MAX_ERRORS_SHOWN:
        lines.append(f"  … and {len(found) - MAX_ERRORS_SHOWN} more")
    return "\n".join(lines)


def _problem_line(text: str, loc: JsonPath, problem: Any, index: int) -> str:
    message = _problem_message(text, loc, problem).split("\n")[index]
    # Model checks that already start with a more precise place need no outer one.
    if _starts_with_place(problem, message):
        return message
    # A missing field has no place of its own: point at the object that lacks it.
    return f"{_place(text, loc[:-1] if problem['type'] == 'missing' else loc)}: {message}"


def _placed(text: str, message: str) -> str:
    return _RELATIVE_PLACE.sub(lambda match: _place(text, (match.group(1), int(match.group(2)))), message)


def _starts_with_place(problem: Any, message: str) -> bool:
    return str(problem["type"]) == "value_error" and bool(re.match(r"^\S+ \(line \d+\)|^[a-z_]+\[\d+\]", message))


def _raw_references(data: dict[str, Any]) -> tuple[list[object], list[tuple[object, object]]]:
    def items(field: str) -> list[dict[str, Any]]:
        value = data.get(field)
        return [item if isinstance(item, dict) else {} for item in value] if isinstance(value, list) else []

    return [t.get("id") for t in items("tracks")], [(q.get("id"), q.get("track")) for q in items("questions")]


def _problem_message(text: str, loc: JsonPath, problem: Any) -> str:
    kind = problem["type"]
    if kind == "missing":
        return f"missing required field {loc[-1]!r}"
    if kind == "extra_forbidden":
        return f"unknown field {loc[-1]!r} (a typo?)"
    message = str(problem["msg"]).removeprefix("Value error, ")
    if kind.endswith("_type") or kind.endswith("_parsing"):
        message += f", got {_json_type(problem['input'])}"
    # Model checks name places relative to where they ran (e.g. `criteria[0] and criteria[4]`):
    # give each its full path and line so the author can find both.
    return _RELATIVE_PLACE.sub(lambda match: _place(text, (*loc, match.group(1), int(match.group(2)))), message)


_RELATIVE_PLACE = re.compile(r"\b([a-z_]+)\[(\d+)\]")


def _place(text: str, loc: JsonPath) -> str:
    shown = json_path(loc) or "top level"
    line = line_of(text, loc)
    return f"{shown} (line {line})" if line else shown


def json_path(loc: JsonPath) -> str:
    """`('questions', 3, 'criteria')` → `questions[3].criteria`, the form people search for."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# Strings as "[^"\\]*(?:\\.[^"\\]*)*": a run of plain characters is matched at once. The plainer
# "(?:[^"\\]|\\.)*" keeps a backtracking entry per character: gigabytes for a long string.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


def line_of(text: str, loc: JsonPath) -> int | None:
    """The line where the value at `loc` starts, or where its nearest existing parent starts
    (a missing field is reported at the object that lacks it).

    A flat scan over JSON tokens with an explicit stack: no recursion, so any nesting depth is
    safe, and the text is already known to be valid JSON.
    """
    best_depth, best_offset = -1, None
    frames: list[list[Any]] = []  # [is_object, key_or_index, expecting_key]

    def value_starts(offset: int) -> None:
        nonlocal best_depth, best_offset
        path = tuple(frame[1] for frame in frames)
        if len(path) > best_depth and loc[: len(path)] == path:
            best_depth, best_offset = len(path), offset

    for match in _TOKEN.finditer(text):
        token, offset = match.group(), match.start()
        top = frames[-1] if frames else None
        if token in ("{", "["):
            value_starts(offset)
            if best_depth == len(loc):
                break
            frames.append([token == "{", None if token == "{" else 0, token == "{"])
        elif token in ("}", "]"):
            frames.pop()
        elif token == ",":
            if top is not None and top[0]:
                top[2] = True
            elif top is not None:
                top[1] += 1
        elif token == ":":
            continue
        elif top is not None and top[0] and top[2]:
            top[1], top[2] = json.loads(token), False
        else:
            value_starts(offset)
            if best_depth == len(loc):
                break
    return None if best_offset is None else text.count("\n", 0, best_offset) + 1


def _json_type(value: object) -> str:
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)
