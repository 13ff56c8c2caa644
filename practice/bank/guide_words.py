"""What the guide importer knows about wording, as data (practice/data/guide_import.json): the
filler words left out of ids and competencies, and the cue phrases of an article that describes
dimensions ("They might ask you to …", "They are listening to …")."""

from __future__ import annotations

import json
from functools import lru_cache
from importlib import resources

from pydantic import BaseModel, ConfigDict, Field


class DimensionAsk(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    cue: str = Field(min_length=1)
    form: str = Field(pattern=r"\{rest\}")
    follow_up: bool = False


class GuideWords(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    schema_version: int = Field(ge=1, le=1)
    filler_words: frozenset[str]
    dimension_asks: tuple[DimensionAsk, ...]
    dimension_listens_for: tuple[str, ...]


@lru_cache(maxsize=1)
def guide_words() -> GuideWords:
    text = (resources.files("practice") / "data" / "guide_import.json").read_text(encoding="utf-8")
    return GuideWords.model_validate(json.loads(text))
