"""Reading the app's own validated data files (the grader's knowledge, delivery rules): one reader,
so every such file fails alike, with the file, the JSON path and the line of each problem."""

from __future__ import annotations

import json
from importlib import resources
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from practice.errors import BadInputError
from practice.jsonplaces import describe_validation_error

M = TypeVar("M", bound=BaseModel)


def shipped_data(name: str) -> Path:
    """A file or folder of the data shipped inside the package (practice/data)."""
    return Path(str(resources.files("practice") / "data" / name))


def vocabulary_names(grading: Path) -> list[str]:
    """The grader vocabularies in a grading data folder, by name: the grader reads them, and the
    bank loader checks that a bank names one of them, without needing the grader."""
    return sorted(path.stem for path in (grading / "vocabularies").glob("*.json"))


def read_validated(path: Path, model: type[M], *, what: str, hint: str) -> M:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        raise BadInputError(f"{path}: cannot read the {what}: {error.strerror}", hint=hint) from error
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise BadInputError(f"{path}:{error.lineno}:{error.colno}: not valid JSON: {error.msg}", hint=hint) from error
    try:
        return model.model_validate(data)
    except ValidationError as error:
        raise BadInputError(describe_validation_error(path, text, error, what=what), hint=hint) from error
