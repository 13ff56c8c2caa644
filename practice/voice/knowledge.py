"""The delivery knowledge (filler words and their context rules, the comfortable pace, pause
thresholds, the recogniser's initial prompt) lives in practice/data/delivery.json; this module
validates it, so a bad edit fails with the file and the field named."""

from __future__ import annotations

from enum import StrEnum
from functools import lru_cache
from importlib import resources
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from practice.datafiles import read_validated


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class FillerWhen(StrEnum):
    always = "always"
    """Never a word with meaning (um, uh)."""
    set_off = "set_off"
    """Only when a comma, a sentence break or a pause sets it off ('it was, like, huge')."""
    anywhere = "anywhere"
    """Wherever it stands, except beside the words in not_after / not_before."""


class FillerRule(Strict):
    phrase: str = Field(min_length=1)
    variants: list[str] = Field(default_factory=list, description="Spellings of a one-word filler.")
    when: FillerWhen
    not_after: list[str] = Field(default_factory=list, description="Not a filler right after these words.")
    not_before: list[str] = Field(default_factory=list, description="Not a filler right before these words.")
    comment: str | None = None

    @field_validator("not_after", "not_before", "variants")
    @classmethod
    def _lower(cls, words: list[str]) -> list[str]:
        return [word.strip().lower() for word in words]

    @field_validator("phrase")
    @classmethod
    def _phrase_words(cls, value: str) -> str:
        return " ".join(value.lower().split())

    @model_validator(mode="after")
    def _variants_are_single_words(self) -> FillerRule:
        if self.variants and " " in self.phrase:
            raise ValueError(f"{self.phrase!r}: variants are for one-word fillers only")
        return self

    def words(self) -> tuple[str, ...]:
        return tuple(self.phrase.split())

    def spellings(self) -> set[str]:
        return {self.phrase, *self.variants}


class PaceBand(Strict):
    comfortable_min_wpm: int = Field(gt=0)
    comfortable_max_wpm: int = Field(gt=0)

    @model_validator(mode="after")
    def _ordered(self) -> PaceBand:
        if self.comfortable_min_wpm >= self.comfortable_max_wpm:
            raise ValueError("comfortable_min_wpm must be below comfortable_max_wpm")
        return self


class TrailOffRule(Strict):
    max_tail_words: int = Field(ge=1)
    comment: str | None = None


class KeptThroughEdits(Strict):
    min_share_of_words: float = Field(gt=0, le=1)
    comment: str | None = None


class DeliveryKnowledge(Strict):
    version: int
    pace: PaceBand
    long_pause_seconds: float = Field(gt=0)
    set_off_pause_seconds: float = Field(gt=0)
    trail_off: TrailOffRule
    kept_through_edits: KeptThroughEdits
    initial_prompt: str
    fillers: list[FillerRule] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_spellings(self) -> DeliveryKnowledge:
        seen: dict[str, str] = {}
        for rule in self.fillers:
            for spelling in rule.spellings():
                if spelling in seen:
                    raise ValueError(f"filler {spelling!r} is listed under both {seen[spelling]!r} and {rule.phrase!r}")
                seen[spelling] = rule.phrase
        return self


def bundled_path() -> Path:
    return Path(str(resources.files("practice") / "data" / "delivery.json"))


def load_knowledge(path: Path) -> DeliveryKnowledge:
    return read_validated(
        path,
        DeliveryKnowledge,
        what="delivery knowledge file",
        hint="Fix the delivery knowledge file (see the comments in it), or restore it from the repository.",
    )


@lru_cache(maxsize=1)
def bundled_knowledge() -> DeliveryKnowledge:
    return load_knowledge(bundled_path())
