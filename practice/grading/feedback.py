"""The one Feedback model: produced by both graders, shown by the TUI, saved by the store,
written by every export. Changing it changes all of them, so it is versioned."""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, model_validator

from practice.grading.text import spoken_clock

# 2: a flag is said once, in `flags`, not again among the reasons; an llm_fallback flag's message
# is the reason alone, without LEGACY_FALLBACK_PREFIX.
FEEDBACK_SCHEMA_VERSION = 2
LEGACY_FALLBACK_PREFIX = "Offline grade shown: "


class Model(BaseModel):
    # defer_build: built at the first grade, not by every start-up's import.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class CriterionStatus(StrEnum):
    covered = "covered"
    partial = "partial"
    missing = "missing"


class CriterionResult(Model):
    criterion_id: str | None = None
    text: str
    status: CriterionStatus
    evidence: str | None = Field(default=None, description="A sentence quoted verbatim from the answer.")
    note: str | None = None
    confidence: float | None = Field(
        default=None,
        ge=0,
        le=1,
        description="How sure the grader is of this status (1 = plainly so); below 0.6 the note says to check.",
    )


class StarPart(Model):
    present: bool
    evidence: str | None = None
    confidence: float | None = Field(
        default=None, ge=0, le=1, description="How sure the grader is that the part is (or is not) there."
    )


class Star(Model):
    """STAR applies to behavioral questions; for situational ones `applicable` is False and the
    parts are still filled in as information, not counted in the score."""

    applicable: bool = True
    situation: StarPart
    task: StarPart
    action: StarPart
    result: StarPart

    def parts(self) -> dict[str, StarPart]:
        return {"situation": self.situation, "task": self.task, "action": self.action, "result": self.result}

    def hit_count(self) -> int:
        return sum(part.present for part in self.parts().values())


class Specificity(Model):
    word_count: int
    speaking_seconds: float = Field(description="Estimated at a conversational pace.")
    numbers: list[str] = Field(default_factory=list, description="Figures and measured results quoted from the answer.")
    concrete_actions: list[str] = Field(default_factory=list)
    first_person_actions: int = 0
    we_actions: int = 0
    obstacles: list[str] = Field(default_factory=list)
    lessons: list[str] = Field(default_factory=list)

    def lines(self) -> list[str]:
        """The signals in words, one line each, the same on the screen, in `practice grade` and in
        exports; a signal that is absent says so, since its absence is the advice."""
        lines = [
            f"{self.word_count} words, about {spoken_clock(self.speaking_seconds)} spoken",
            f'Your own actions ("I"): {self.first_person_actions}; team actions ("we"): {self.we_actions}',
        ]
        for label, values in (
            ("Numbers and results", self.numbers),
            ("Concrete actions", self.concrete_actions),
            ("Obstacles", self.obstacles),
            ("Lessons", self.lessons),
        ):
            lines.append(f"{label}: {'; '.join(values) if values else 'none found'}")
        return lines


class FlagKind(StrEnum):
    empty = "empty"
    too_short = "too_short"
    keyword_list = "keyword_list"
    off_topic = "off_topic"
    other_question = "other_question"
    """The answer fits another question of the bank far better than the one asked."""
    vague = "vague"
    """On topic, but general: it says what one does in general, not what was done."""
    story_for_plan = "story_for_plan"
    """The question asks for a plan (a first 90 days); the answer tells a past story instead."""
    injection = "injection"
    disagreement = "disagreement"
    quotes_dropped = "quotes_dropped"
    trimmed = "trimmed"
    llm_fallback = "llm_fallback"
    """The model gave no verdict and the offline grade stands in; the message is why."""


class Flag(Model):
    kind: FlagKind
    message: str


class GraderInfo(Model):
    """Which grader produced this, so exports and coaches can tell verdicts apart."""

    kind: str = Field(description="'offline' or 'llm'")
    version: str
    model: str | None = None
    prompt_version: str | None = None


class Feedback(Model):
    schema_version: int = FEEDBACK_SCHEMA_VERSION
    question_id: str
    score: float = Field(ge=1, le=5)
    reasons: list[str] = Field(
        default_factory=list, description="Why this score; what a flag says is in `flags`, not again here."
    )
    criteria: list[CriterionResult]
    star: Star
    structure: list[str] = Field(default_factory=list, description="For situational answers: structure observations.")
    specificity: Specificity
    strengths: list[str] = Field(default_factory=list)
    improvements: list[str] = Field(default_factory=list)
    flags: list[Flag] = Field(default_factory=list)
    grader: GraderInfo
    offline_score: float | None = Field(
        default=None, description="With an LLM verdict: the offline grader's score, kept beside it."
    )
    role_level: str | None = None

    @model_validator(mode="before")
    @classmethod
    def _upgrade(cls, data: Any) -> Any:
        """Feedback saved at version 1 reads as if graded now: the offline grader repeated each
        flag's message among the reasons, and a fallback's reason sat behind a fixed lead-in.
        Done once, here, so no view has to take texts apart again."""
        version = data.get("schema_version") if isinstance(data, dict) else None
        if not isinstance(version, int) or version >= 2:
            return data  # current, or not feedback at all: the fields' own validation says what is wrong
        flags = data.get("flags", [])
        reasons = data.get("reasons", [])
        if not isinstance(flags, list) or not isinstance(reasons, list):
            return data
        upgraded = [_upgraded_flag(flag) for flag in flags]
        said = {flag["message"] for flag in flags if isinstance(flag, dict) and isinstance(flag.get("message"), str)}
        kept = [reason for reason in reasons if not (isinstance(reason, str) and reason in said)]
        return {**data, "schema_version": FEEDBACK_SCHEMA_VERSION, "flags": upgraded, "reasons": kept}

    def weakest_criteria(self) -> list[CriterionResult]:
        """Missing first, then partial: what a follow-up should probe."""
        order = {CriterionStatus.missing: 0, CriterionStatus.partial: 1}
        return sorted((c for c in self.criteria if c.status in order), key=lambda c: order[c.status])

    def has_flag(self, kind: FlagKind) -> bool:
        return any(flag.kind == kind for flag in self.flags)


def _upgraded_flag(flag: Any) -> Any:
    if isinstance(flag, dict) and flag.get("kind") == FlagKind.llm_fallback and isinstance(flag.get("message"), str):
        return {**flag, "message": flag["message"].removeprefix(LEGACY_FALLBACK_PREFIX)}
    return flag
