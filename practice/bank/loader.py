"""Reading a question bank from disk, with errors a bank's author can act on.

A bank is often hand-edited, so every failure names the file, the place (JSON path and line)
and what to do; nothing here lets a traceback reach the user. Loading is cached per file
version because the app and the commands ask for the bank many times.
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from practice import jsontext, locations
from practice.bank.models import QuestionBank, bank_reference_problems
from practice.datafiles import shipped_data, vocabulary_names
from practice.errors import BadInputError
from practice.jsonplaces import describe_validation_error, json_type, place
from practice.jsontext import JsonContentError
from practice.textfiles import MAX_INPUT_BYTES, read_input_text

# The largest bank read; `bank import` refuses to write a larger one.
MAX_BANK_BYTES = MAX_INPUT_BYTES

BANK_HINT = "Fix the bank file; `practice bank schema` prints the expected shape."


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
            f'{path}:1: the top level must be a JSON object with "tracks" and "questions", found {json_type(data)}',
            hint=BANK_HINT,
        )
    try:
        bank = QuestionBank.model_validate(data)
    except ValidationError as error:
        references = _raw_references(data)
        problems = describe_validation_error(
            path, text, error, what="question bank", whole_problems=lambda: bank_reference_problems(*references)
        )
        raise BadInputError(problems, hint=BANK_HINT) from error
    except RecursionError as error:
        raise BadInputError(f"{path}: JSON nested too deeply to be a question bank", hint=BANK_HINT) from error
    _check_vocabulary(path, text, bank)
    return bank


def _check_vocabulary(path: Path, text: str, bank: QuestionBank) -> None:
    """A bank names the grader vocabulary its answers are graded with; the grader's data folder
    says which exist (the grader itself is not needed to know)."""
    if bank.vocabulary is None:
        return
    known = vocabulary_names(shipped_data("grading"))
    if bank.vocabulary not in known:
        raise BadInputError(
            f"{place(text, ('vocabulary',)).join((str(path) + ': ', ''))}: unknown grader vocabulary "
            f"{bank.vocabulary!r} (known: {', '.join(known)})",
            hint='Name one of those, or leave "vocabulary" out to be graded with the field-neutral one.',
        )


def _raw_references(data: dict[str, Any]) -> tuple[list[object], list[tuple[object, object]]]:
    def items(field: str) -> list[dict[str, Any]]:
        value = data.get(field)
        return [item if isinstance(item, dict) else {} for item in value] if isinstance(value, list) else []

    return [t.get("id") for t in items("tracks")], [(q.get("id"), q.get("track")) for q in items("questions")]
