"""The question bank's schema: the one boundary between the source documents and the app.

Everything an interview or a grader needs about a question lives here, so that a coach's own
bank (imported from a guide) is used exactly like the shipped one.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StringConstraints,
    field_validator,
    model_validator,
)

Id = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=64)]
MAX_TEXT_CHARS = 20_000
"""Any one text of a bank (a question, an area, a sample answer), with room to spare over the
longest shipped. Beyond this it is not a question but a pasted document, which only costs
seconds and memory at every grade."""

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=MAX_TEXT_CHARS)]

BANK_SCHEMA_VERSION = 1


class Strict(BaseModel):
    """Unknown keys are errors: a typo in a hand-edited bank must not vanish silently.

    defer_build: validators are built on first use, so loading a bank builds one for the whole
    bank rather than one per nested model at import (~15 ms less on every start)."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class QuestionType(StrEnum):
    """Behavioral questions ask about a past event (graded with STAR); situational ones ask how
    the candidate would act or think (graded on criteria, structure and specifics)."""

    behavioral = "behavioral"
    situational = "situational"


class RoleLevel(StrEnum):
    individual_contributor = "individual_contributor"
    manager = "manager"
    executive = "executive"


class Criterion(Strict):
    """One area to cover: what a complete answer addresses."""

    id: Id
    text: Text


FollowUpOrigin = Literal["document", "derived"]


class FollowUp(Strict):
    """A follow-up question. `targets` names the criteria it probes, so the engine can pick
    the follow-up aimed at what a superficial answer missed.

    `origin` keeps the source documents' own follow-ups apart from the probes written for
    this bank from a question's areas to cover (where a document gives none): the bank stays
    checkable against the documents, and the interview can say which kind it is asking."""

    id: Id
    text: Text
    targets: list[Id] = Field(default_factory=list)
    origin: FollowUpOrigin = "document"

    @property
    def derived(self) -> bool:
        return self.origin == "derived"


class SourceRef(Strict):
    """Where the question came from, so tests and coaches can trace it back."""

    document: str
    title: str | None = None


class Question(Strict):
    id: Id
    track: Id
    text: Text
    type: QuestionType
    competencies: list[Id] = Field(min_length=1)
    criteria: list[Criterion] = Field(min_length=1)
    follow_ups: list[FollowUp] = Field(default_factory=list)
    why_asked: Text | None = None
    guidance: Text | None = None
    sample_answer: Text | None = None
    source: SourceRef | None = None

    @model_validator(mode="after")
    def _references_resolve(self) -> Question:
        criterion_ids = [c.id for c in self.criteria]
        problems = duplicate_problems(criterion_ids, f"criterion id in question {self.id!r}", "criteria")
        problems += duplicate_problems(
            [f.id for f in self.follow_ups], f"follow-up id in question {self.id!r}", "follow_ups"
        )
        known = set(criterion_ids)
        for index, follow_up in enumerate(self.follow_ups):
            problems += [
                f"follow_ups[{index}]: follow-up {follow_up.id!r} of question {self.id!r} targets unknown "
                f"criterion {target!r} (known: {', '.join(criterion_ids)})"
                for target in follow_up.targets
                if target not in known
            ]
        if problems:
            # One line each: the loader reports every problem of a bank in one run.
            raise ValueError("\n".join(problems))
        return self

    def criterion(self, criterion_id: str) -> Criterion:
        return next(c for c in self.criteria if c.id == criterion_id)


class LevelExpectation(Strict):
    """What the documents say to expect from a role type or career level."""

    level: Id
    expectation: Text


class InterviewGuidance(Strict):
    """The documents' advice to the interviewer, in a form the engine can act on."""

    # Strict: `true` or "3" where a number belongs is a mistake in the file, not a 1 or a 3.
    questions_per_interview_min: StrictInt = Field(ge=1)
    questions_per_interview_max: StrictInt = Field(ge=1)
    distinct_competencies: StrictBool = True
    max_follow_ups_per_question: StrictInt = Field(default=2, ge=0)
    notes: list[Text] = Field(default_factory=list)
    role_types: list[LevelExpectation] = Field(default_factory=list)
    career_levels: list[LevelExpectation] = Field(default_factory=list)

    @model_validator(mode="after")
    def _range_is_ordered(self) -> InterviewGuidance:
        if self.questions_per_interview_min > self.questions_per_interview_max:
            raise ValueError("questions_per_interview_min is greater than questions_per_interview_max")
        return self


class Track(Strict):
    id: Id
    title: Text
    description: Text
    source: SourceRef | None = None
    guidance: InterviewGuidance


class QuestionBank(Strict):
    schema_version: StrictInt = BANK_SCHEMA_VERSION
    vocabulary: Id | None = Field(
        default=None,
        description="The grader's vocabulary for this bank's field (a file in practice/data/grading/vocabularies); "
        "none means the field-neutral one.",
    )
    tracks: list[Track] = Field(min_length=1)
    questions: list[Question] = Field(min_length=1)

    @field_validator("schema_version")
    @classmethod
    def _known_version(cls, version: int) -> int:
        if version > BANK_SCHEMA_VERSION:
            raise ValueError(
                f"bank schema {version} is newer than this version of practice reads ({BANK_SCHEMA_VERSION}); "
                "update practice to use this bank"
            )
        if version < 1:
            raise ValueError(f"bank schema {version} does not exist (the first is 1)")
        return version

    @model_validator(mode="after")
    def _ids_unique_and_tracks_known(self) -> QuestionBank:
        problems = bank_reference_problems([t.id for t in self.tracks], [(q.id, q.track) for q in self.questions])
        if problems:
            raise ValueError("\n".join(problems))
        return self

    def question(self, question_id: str) -> Question:
        """Raise KeyError for an unknown id; callers turn it into a user-facing message."""
        for question in self.questions:
            if question.id == question_id:
                return question
        raise KeyError(question_id)

    def track(self, track_id: str) -> Track:
        for track in self.tracks:
            if track.id == track_id:
                return track
        raise KeyError(track_id)

    def questions_in(self, track_id: str) -> list[Question]:
        return [q for q in self.questions if q.track == track_id]


def duplicate_problems(ids: Sequence[object], what: str, field: str) -> list[str]:
    """Names both places (e.g. `questions[2] and questions[7]`) so a hand-edited bank's author
    can find the clash; the loader turns those paths into line numbers."""
    first_index: dict[object, int] = {}
    problems = []
    for index, value in enumerate(ids):
        if not isinstance(value, str):
            continue
        if value in first_index:
            problems.append(f"duplicate {what}: {value!r} at {field}[{first_index[value]}] and {field}[{index}]")
        else:
            first_index[value] = index
    return problems


def bank_reference_problems(track_ids: Sequence[object], questions: Sequence[tuple[object, object]]) -> list[str]:
    """Duplicate ids and unknown tracks, all of them. Takes plain values, so the loader can run it
    on a bank whose fields are still invalid and report these problems in the same run."""
    problems = duplicate_problems(track_ids, "track id", "tracks")
    problems += duplicate_problems([question_id for question_id, _ in questions], "question id", "questions")
    tracks = {track for track in track_ids if isinstance(track, str)}
    for index, (question_id, track) in enumerate(questions):
        if isinstance(track, str) and track not in tracks:
            problems.append(
                f"questions[{index}]: question {question_id!r} names unknown track {track!r} "
                f"(known: {', '.join(sorted(tracks))})"
            )
    return problems
