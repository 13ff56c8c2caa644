"""Reading the app's own validated data files (the grader's knowledge, delivery rules): one reader,
so every such file fails alike, with the file, the JSON path and the line of each problem."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TypeVar

from pydantic import BaseModel, ValidationError

from practice.bank.loader import describe_validation_error
from practice.errors import BadInputError

M = TypeVar("M", bound=BaseModel)


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
