"""Model-written example answers, written once per question and kept.

The bank has no sample answer for some questions; a generated one is stored in the data
directory keyed by question id (no SQLite store existed when this was written), labelled as
generated with the model and prompt version, so it is never mistaken for the source document's.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from pydantic import BaseModel, Field, ValidationError

from practice import locations, prompts
from practice.bank.models import Question
from practice.interview.models import utcnow

log = logging.getLogger(__name__)

FILE_NAME = "generated_examples.json"
LABEL = "Example answer written by a model (not from the source guide)"


class GeneratedExample(BaseModel):
    question_id: str
    text: str
    model: str
    prompt_version: str
    label: str = LABEL
    generated_at: datetime = Field(default_factory=utcnow)


class GeneratedExamples(BaseModel):
    examples: dict[str, GeneratedExample] = Field(default_factory=dict)


def store_path() -> Path:
    return locations.data_dir() / FILE_NAME


def load() -> GeneratedExamples:
    path = store_path()
    if not path.exists():
        return GeneratedExamples()
    try:
        return GeneratedExamples.model_validate_json(path.read_bytes())
    except (ValidationError, OSError) as error:
        # Only a cache of generated text: keep the bad file for inspection and start afresh.
        aside = path.with_suffix(".corrupt.json")
        log.warning("%s is unreadable (%s); moved to %s", path, error, aside)
        os.replace(path, aside)
        return GeneratedExamples()


def example_for(question: Question, *, write: Callable[[Question], str], model: str) -> GeneratedExample:
    """The stored example, or a new one written by `write` (the interviewer's
    write_example_answer) and stored before it is returned."""
    stored = load()
    if question.id in stored.examples:
        return stored.examples[question.id]
    example = GeneratedExample(
        question_id=question.id,
        text=write(question),
        model=model,
        prompt_version=prompts.load("example_answer").version,
    )
    stored.examples[question.id] = example
    path = store_path()
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(stored.model_dump(mode="json"), indent=2), encoding="utf-8")
    os.replace(temporary, path)
    return example
