"""The set-up choices of the last interview started, kept for the next set-up screen.

A small JSON file beside the sessions, validated on the way in: a damaged or foreign file only
means starting from the defaults again, never a failed start. The seed is not kept: a kept seed
would draw the same questions every time without the candidate asking for it.
"""

from __future__ import annotations

import json
import logging
import os
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from practice import locations
from practice.bank.models import RoleLevel
from practice.interview.models import Mode

log = logging.getLogger(__name__)
FILE_NAME = "setup-choices.json"


class SetupChoices(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)

    track: str | None = Field(default=None, description="None: competencies across tracks.")
    competencies: list[str] = Field(default_factory=list)
    question_ids: list[str] = Field(default_factory=list)
    question_count: int | None = Field(default=None, ge=1)
    role_level: RoleLevel = RoleLevel.individual_contributor
    mode: Mode = Mode.coach
    timer_seconds: int | None = Field(default=None, ge=0)


def choices_path() -> Path:
    return locations.data_dir() / FILE_NAME


def load_choices() -> SetupChoices | None:
    """None when nothing was kept yet, or what was kept cannot be read (logged, not raised)."""
    path = choices_path()
    try:
        return SetupChoices.model_validate_json(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValidationError, ValueError) as error:
        log.warning("%s: ignored, the set-up starts from its defaults: %s", path, error)
        return None


def save_choices(choices: SetupChoices) -> None:
    """Written whole and then renamed into place, private like the store beside it."""
    path = choices_path()
    partial = path.with_name(path.name + ".partial")
    descriptor = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
        json.dump(choices.model_dump(mode="json"), handle, ensure_ascii=False)
    os.replace(partial, path)
