"""Model-written example answers, written once per question and kept in the session store.

The bank has no sample answer for some questions; a generated one is kept keyed by question id,
labelled as generated with the model and prompt version, so it is never mistaken for the source
document's. It lives in the store's own table, so it has the store's privacy, locking and error
reporting; before that it was a JSON file beside the store, which the schema upgrade imports once
(`import_legacy_file`).
"""

from __future__ import annotations

import logging
import os
import sqlite3
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from practice import prompts
from practice.bank.models import Question
from practice.store.facts import stamp

if TYPE_CHECKING:
    from practice.store.sqlite import SessionStore

log = logging.getLogger(__name__)

LABEL = "Example answer written by a model (not from the source guide)"
LEGACY_FILE = "generated_examples.json"
"""Where practice kept the examples before the store did: in the data directory, beside the store."""
IMPORTED_SUFFIX = ".imported.json"
CORRUPT_SUFFIX = ".corrupt.json"

COLUMNS = "question_id, text, model, prompt_version, label, generated_at"
KEEP = f"INSERT INTO example_answers ({COLUMNS}) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (question_id) DO NOTHING"
"""An example is written once per question: the first one kept stays."""
FIND = f"SELECT {COLUMNS} FROM example_answers WHERE question_id = ?"


def _now() -> datetime:
    return datetime.now(UTC)


class GeneratedExample(BaseModel):
    model_config = ConfigDict(frozen=True)

    question_id: str
    text: str
    model: str
    prompt_version: str
    label: str = LABEL
    generated_at: datetime = Field(default_factory=_now)


class _LegacyFile(BaseModel):
    """The JSON file's shape, as practice wrote it."""

    examples: dict[str, GeneratedExample] = Field(default_factory=dict)


def example_for(
    store: SessionStore, question: Question, *, write: Callable[[Question], str], model: str
) -> GeneratedExample:
    """The kept example, or a new one written by `write` (the interviewer's write_example_answer)
    and kept before it is returned. The model is asked outside the store's lock: it takes seconds."""
    kept = store.example_answer(question.id)
    if kept is not None:
        return kept
    example = GeneratedExample(
        question_id=question.id,
        text=write(question),
        model=model,
        prompt_version=prompts.load("example_answer").version,
    )
    return store.keep_example_answer(example)


def import_legacy_file(connection: sqlite3.Connection, database: Path) -> Callable[[], None]:
    """Copy the examples of the JSON file beside `database` into its table, within the upgrade's
    transaction. Returns what to do once that transaction is committed: rename the file to a
    backup (…imported.json), so it is never read again and never lost; had the upgrade failed,
    the file stays where it was, to be imported by the next attempt. A file that cannot be read
    was only a cache of generated text: it is moved aside (…corrupt.json) for inspection, as
    practice did when it read such a file."""
    legacy = database.with_name(LEGACY_FILE)
    try:
        stored = _LegacyFile.model_validate_json(legacy.read_bytes())
    except FileNotFoundError:
        return lambda: None
    except (ValidationError, OSError) as error:
        log.warning("%s is unreadable (%s); its examples are not imported", legacy, error)
        return lambda: _set_aside(legacy, CORRUPT_SUFFIX)
    connection.executemany(KEEP, [row(example, question_id) for question_id, example in stored.examples.items()])
    return lambda: _set_aside(legacy, IMPORTED_SUFFIX)


def row(example: GeneratedExample, question_id: str | None = None) -> tuple[str, ...]:
    """`question_id`: the key it was kept under, where that is not its own (a hand-edited file)."""
    return (
        question_id or example.question_id,
        example.text,
        example.model,
        example.prompt_version,
        example.label,
        stamp(example.generated_at),
    )


def from_row(values: tuple[str, ...]) -> GeneratedExample:
    question_id, text, model, prompt_version, label, generated_at = values
    return GeneratedExample(
        question_id=question_id,
        text=text,
        model=model,
        prompt_version=prompt_version,
        label=label,
        generated_at=datetime.fromisoformat(generated_at),
    )


def _set_aside(path: Path, suffix: str) -> None:
    """Best effort: the examples are in the store already (or were unreadable); a file left in
    place is read by nothing."""
    aside = path.with_suffix(suffix)
    number = 1
    while aside.exists():  # an earlier one is kept too
        number += 1
        aside = path.with_suffix(f".{number}{suffix}")
    try:
        os.replace(path, aside)
    except OSError as error:
        log.warning("cannot rename %s to %s: %s", path, aside, error)
        return
    log.info("%s moved to %s", path, aside)
