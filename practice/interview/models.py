"""A practice session as data: what the engine builds, the store saves, the screens show, the
coach reviews and the exports write. The portable session file wraps exactly this."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime
from enum import StrEnum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, field_validator

from practice.bank.models import Question, RoleLevel
from practice.grading.exchange import Exchange
from practice.grading.feedback import CriterionResult, CriterionStatus, Feedback, GraderInfo
from practice.llm.usage import TokenUsage
from practice.voice.models import Delivery, SpokenTake

# 2: a coach's review may correct each area's verdict and each STAR part (AnswerReview.areas, .star).
# 3: spoken answers: an answer's delivery (Answer.delivery) and the recordings a draft came from
#    (Draft.takes).
SESSION_SCHEMA_VERSION = 3
STAR_PARTS = ("situation", "task", "action", "result")
SESSION_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
"""What practice writes (uuid4 hex), with room for ids from elsewhere; never a path, an escape
or an empty id, which could not be typed back, exported or deleted."""
MAX_ANSWER_CHARS = 1_000_000
"""Far beyond any spoken or typed answer, and far below what costs gigabytes to index and grade;
the same for an answer typed in the TUI and one in a session file, so every session saved can
be exported and imported again."""
STORED = {"stored": True}
"""Validation context for sessions read back from this machine's own store: one imported before
ids were checked keeps loading (so it can still be opened, exported and deleted)."""


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return uuid.uuid4().hex


class Model(BaseModel):
    # defer_build: built when a session is first read or written, not by every start-up's import.
    model_config = ConfigDict(extra="forbid", defer_build=True)


class Mode(StrEnum):
    """Coach: feedback after every answer. Mock: feedback only at the end, as in a real interview."""

    coach = "coach"
    mock = "mock"


class AnswerKind(StrEnum):
    main = "main"
    follow_up = "follow_up"


class SessionStatus(StrEnum):
    in_progress = "in_progress"
    finished = "finished"


class Answer(Model):
    """One submitted turn. A skipped follow-up is kept too, so the transcript stays honest."""

    id: str = Field(default_factory=new_id)
    kind: AnswerKind
    prompt: str = Field(description="The interviewer's words the candidate answered.")
    follow_up_id: str | None = None
    text: str = ""
    skipped: bool = False
    submitted_at: datetime = Field(default_factory=utcnow)
    seconds_taken: float | None = None
    delivery: Delivery | None = Field(default=None, description="How a spoken answer was delivered; None when typed.")


class SelfAssessment(Model):
    situation: bool = False
    task: bool = False
    action: bool = False
    result: bool = False
    score: int = Field(ge=1, le=5)

    def star(self) -> dict[str, bool]:
        return {part: getattr(self, part) for part in STAR_PARTS}


class Attempt(Model):
    number: int = Field(ge=1)
    answers: list[Answer] = Field(default_factory=list)
    self_assessment: SelfAssessment | None = None
    feedback: Feedback | None = None
    started_at: datetime = Field(default_factory=utcnow)
    finished_at: datetime | None = None

    def main_answer(self) -> Answer | None:
        return next((a for a in self.answers if a.kind == AnswerKind.main), None)

    def graded_answers(self) -> list[Answer]:
        """The answers a grader reads: the main one and every follow-up not skipped or left blank."""
        return [a for a in self.answers if not a.skipped and a.text.strip()]

    def combined_text(self) -> str:
        """What the grader reads, as one text: evidence quotes are checked against it."""
        return "\n\n".join(a.text for a in self.graded_answers())

    def exchanges(self) -> list[Exchange]:
        """The graded answers with the interviewer's words before each, so a model grading them
        sees the follow-up questions too."""
        return [Exchange(prompt=a.prompt, answer=a.text) for a in self.graded_answers()]

    def seconds(self) -> float:
        return sum(a.seconds_taken or 0.0 for a in self.answers)

    def delivery_lines(self) -> list[str]:
        """The delivery of every spoken answer, in order; with more than one, each says which
        answer it was, since a follow-up may be spoken more calmly than the first answer."""
        spoken = [a for a in self.graded_answers() if a.delivery is not None]
        lines: list[str] = []
        for answer in spoken:
            assert answer.delivery is not None
            if len(spoken) > 1:
                lines.append("Your answer:" if answer.kind == AnswerKind.main else f"Follow-up “{answer.prompt}”:")
            lines.extend(answer.delivery.lines())
        return lines


class QuestionRecord(Model):
    """A question as it was asked (a snapshot, so a session file stays readable without the bank)."""

    question: Question
    attempts: list[Attempt] = Field(default_factory=list)

    def latest(self) -> Attempt | None:
        return self.attempts[-1] if self.attempts else None


class Draft(Model):
    """The answer being typed, saved every few seconds so a kill loses at most those seconds."""

    question_id: str
    kind: AnswerKind
    follow_up_id: str | None = None
    text: str
    takes: list[SpokenTake] = Field(
        default_factory=list, description="The recordings the text came from, with their delivery."
    )
    saved_at: datetime = Field(default_factory=utcnow)


StarPartName = Literal["situation", "task", "action", "result"]


def criterion_key(criterion: CriterionResult) -> str:
    """How a coach's correction names an area: its id where the bank gave one, else its text
    (a model-graded or guidance-based area may have no id)."""
    return criterion.criterion_id or criterion.text


class AreaCorrection(Model):
    """The coach's verdict on one area to cover where it differs from the grader's."""

    criterion: str = Field(description="The area's id, or its text where it has no id (see criterion_key).")
    status: CriterionStatus
    reason: str = Field(min_length=1)


class StarCorrection(Model):
    """The coach's call on one STAR part where it differs from the grader's."""

    part: StarPartName
    present: bool
    reason: str = Field(min_length=1)


class AnswerReview(Model):
    """A coach's note on one attempt; kept beside the grader's verdict, never over it."""

    question_id: str
    attempt: int = Field(ge=1)
    note: str = ""
    adjusted_score: float | None = Field(default=None, ge=1, le=5)
    adjustment_reason: str | None = None
    areas: list[AreaCorrection] = Field(default_factory=list)
    star: list[StarCorrection] = Field(default_factory=list)

    def area(self, key: str) -> AreaCorrection | None:
        return next((c for c in self.areas if c.criterion == key), None)

    def star_part(self, part: str) -> StarCorrection | None:
        return next((c for c in self.star if c.part == part), None)

    def is_empty(self) -> bool:
        return not (self.note or self.adjusted_score is not None or self.areas or self.star)


class CoachReview(Model):
    reviewer: str | None = None
    session_note: str = ""
    answers: list[AnswerReview] = Field(default_factory=list)
    reviewed: bool = False
    reviewed_at: datetime | None = None

    def for_attempt(self, question_id: str, attempt: int) -> AnswerReview | None:
        return next((r for r in self.answers if r.question_id == question_id and r.attempt == attempt), None)


class Phase(StrEnum):
    """Where an interview stands. Saved with the session (see Cursor) so it resumes exactly there."""

    answering = "answering"
    follow_up = "follow_up"
    self_assessment = "self_assessment"
    feedback = "feedback"
    finished = "finished"


class Cursor(Model):
    """The engine's position: the question, the phase, and the interviewer's words now on screen
    (a follow-up's wording may have been rewritten by a model, so it is kept, not looked up)."""

    question_id: str
    phase: Phase
    follow_up_id: str | None = None
    prompt: str = ""


class SessionSettings(Model):
    track: str | None = None
    competencies: list[str] = Field(default_factory=list)
    question_ids: list[str] = Field(
        default_factory=list,
        description="Questions picked by hand: asked as they are, in this order, instead of a draw.",
    )
    question_count: int = Field(ge=1)
    role_level: RoleLevel = RoleLevel.individual_contributor
    mode: Mode = Mode.coach
    timer_seconds: int | None = Field(default=None, ge=0)
    seed: int
    max_follow_ups: int = Field(default=2, ge=0)


class Session(Model):
    schema_version: int = SESSION_SCHEMA_VERSION
    id: str = Field(default_factory=new_id)
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
    settings: SessionSettings
    grader: GraderInfo
    records: list[QuestionRecord] = Field(default_factory=list)
    status: SessionStatus = SessionStatus.in_progress
    draft: Draft | None = None
    cursor: Cursor | None = None
    review: CoachReview | None = None
    tokens: TokenUsage = Field(default_factory=TokenUsage)

    @field_validator("id")
    @classmethod
    def _a_session_id(cls, value: str, info: ValidationInfo) -> str:
        if SESSION_ID.fullmatch(value) or (info.context or {}).get("stored"):
            return value
        shown = value if len(value) <= 40 else value[:40] + "…"
        raise ValueError(
            f"{shown!r} ({len(value):,} characters) is not a session id: 1 to 64 letters, digits, '-' or '_'"
        )

    @field_validator("schema_version")
    @classmethod
    def _written_as_current(cls, version: int) -> int:
        """An older session reads as it is (every later field has a default) and is written back
        in the current layout, so an older practice meets a clear 'newer version', not unknown fields."""
        return max(version, SESSION_SCHEMA_VERSION)

    def record(self, question_id: str) -> QuestionRecord:
        return next(r for r in self.records if r.question.id == question_id)

    def scores(self) -> list[float]:
        return [a.feedback.score for r in self.records if (a := r.latest()) and a.feedback]

    def mean_score(self) -> float | None:
        scores = self.scores()
        return round(sum(scores) / len(scores), 2) if scores else None
