"""One graded answer as every renderer shows it: the feedback screen, the coach's review screen,
`practice grade`'s text and the exports all read an `AnswerView`, built once from a `Feedback`
(with the question, the candidate's self-assessment, a spoken answer's delivery and the coach's
review where there are any).

Every wording a candidate or coach reads more than one place (a warning, the fallback's reason,
a coach's correction, who graded) is decided here, from structured fields, so the four cannot
drift apart again; the renderers only lay the texts out and escape them for their medium.
Strings here are still raw user text.
"""

from __future__ import annotations

from collections.abc import Sequence

from pydantic import BaseModel, ConfigDict

from practice.bank.models import Question, QuestionType
from practice.grading.feedback import CriterionResult, CriterionStatus, Feedback, Flag, FlagKind, GraderInfo, StarPart
from practice.interview.models import STAR_PARTS, AnswerReview, Attempt, SelfAssessment, criterion_key

FLAG_LABELS = {
    FlagKind.disagreement: "The model and the offline grader disagree",
    FlagKind.quotes_dropped: "Quotes dropped",
    FlagKind.trimmed: "Answer trimmed for the model",
}
"""What each model-related warning is about, said in front of its message: the message alone
does not tell a candidate that it is about the model."""


class View(BaseModel):
    # defer_build: built when the first answer is shown, not by every start-up's import.
    model_config = ConfigDict(frozen=True, extra="forbid", defer_build=True)


def describe_grader(grader: GraderInfo) -> str:
    """The one wording of 'who produced this verdict', for an answer and for a whole session."""
    parts = [f"{grader.kind} grader {grader.version}"]
    if grader.model:
        parts.append(f"model {grader.model}")
    if grader.prompt_version:
        parts.append(f"prompt {grader.prompt_version}")
    return ", ".join(parts)


def adjustment_text(score: float, reason: str | None) -> str:
    """A coach's adjusted score with why, e.g. "Adjusted score 4 / 5: the result was there"."""
    return f"Adjusted score {score:g} / 5: {reason or ''}"


class FlagView(View):
    kind: FlagKind
    label: str | None
    """What the warning is about, where its message does not say (see FLAG_LABELS)."""
    message: str
    fallback_reason: str | None
    """Why the model gave no verdict (llm_fallback only): the offline grade stands in for it."""

    @property
    def text(self) -> str:
        """The warning as one line, the same in every view."""
        if self.fallback_reason is not None:
            return f"The model could not grade this answer: {self.fallback_reason.rstrip('.')} — offline grade shown."
        return f"{self.label}: {self.message}" if self.label else self.message


def flag_view(flag: Flag) -> FlagView:
    return FlagView(
        kind=flag.kind,
        label=FLAG_LABELS.get(flag.kind),
        message=flag.message,
        fallback_reason=flag.message if flag.kind == FlagKind.llm_fallback else None,
    )


class Correction(View):
    """A coach's verdict on an area or a STAR part where it differs from the grader's, and why."""

    target: str
    graded: str
    verdict: str
    reason: str

    @property
    def line(self) -> str:
        """On its own, e.g. "The measured result: partial (grader: missing) — nine days to two"."""
        return f"{self.target}: {self.verdict} (grader: {self.graded}) — {self.reason}"

    @property
    def beside(self) -> str:
        """Next to the grader's verdict it corrects, which already names the target and the
        grader's call, e.g. "coach: partial — nine days to two"."""
        return f"coach: {self.verdict} — {self.reason}"


class CriterionView(View):
    text: str
    status: CriterionStatus
    evidence: str | None
    note: str | None
    coach: Correction | None


def present_word(present: bool) -> str:
    return "present" if present else "missing"


class StarPartView(View):
    part: str
    present: bool
    evidence: str | None
    self_claimed: bool | None
    """What the candidate ticked in the self-assessment; None without one."""
    coach: Correction | None

    @property
    def verdict(self) -> str:
        """The grader's call with the candidate's own claim beside it, e.g. "Action: present (you said: no)"."""
        claimed = "" if self.self_claimed is None else f" (you said: {'yes' if self.self_claimed else 'no'})"
        return f"{self.part.title()}: {present_word(self.present)}{claimed}"


class AnswerView(View):
    question: Question
    score: float
    offline_score: float | None
    """With a model's verdict: the offline grader's score, kept beside it."""
    grader: str
    role_level: str | None
    reasons: tuple[str, ...]
    flags: tuple[FlagView, ...]
    criteria: tuple[CriterionView, ...]
    star_applicable: bool
    star: tuple[StarPartView, ...]
    structure: tuple[str, ...]
    specifics: tuple[str, ...]
    delivery: tuple[str, ...]
    strengths: tuple[str, ...]
    improvements: tuple[str, ...]
    self_score: int | None
    coach_score: float | None
    coach_reason: str | None
    coach_note: str | None

    @property
    def situational(self) -> bool:
        """STAR is information only: the structure notes are the verdict on the answer's shape."""
        return self.question.type == QuestionType.situational or not self.star_applicable

    @property
    def fallback_reason(self) -> str | None:
        return next((flag.fallback_reason for flag in self.flags if flag.fallback_reason is not None), None)

    @property
    def self_gap(self) -> float | None:
        return None if self.self_score is None else round(self.self_score - self.score, 2)

    def corrections(self) -> list[Correction]:
        """The coach's corrections in the grader's order: the areas, then the STAR parts."""
        found = [criterion.coach for criterion in self.criteria] + [part.coach for part in self.star]
        return [correction for correction in found if correction is not None]

    def coach_adjustment(self) -> str | None:
        return None if self.coach_score is None else adjustment_text(self.coach_score, self.coach_reason)

    def coach_lines(self) -> list[str]:
        """Everything the coach said about this answer, for a view that shows it in one place."""
        lines = [correction.line for correction in self.corrections()]
        if adjustment := self.coach_adjustment():
            lines.append(adjustment)
        if self.coach_note:
            lines.append(self.coach_note)
        return lines


def answer_view(
    question: Question,
    feedback: Feedback,
    *,
    self_assessment: SelfAssessment | None = None,
    delivery: Sequence[str] = (),
    coach: AnswerReview | None = None,
) -> AnswerView:
    claimed = self_assessment.star() if self_assessment else None
    parts = feedback.star.parts()
    return AnswerView(
        question=question,
        score=feedback.score,
        offline_score=feedback.offline_score,
        grader=describe_grader(feedback.grader),
        role_level=feedback.role_level.replace("_", " ") if feedback.role_level else None,
        reasons=tuple(feedback.reasons),
        flags=tuple(flag_view(flag) for flag in feedback.flags),
        criteria=tuple(_criterion(criterion, coach) for criterion in feedback.criteria),
        star_applicable=feedback.star.applicable,
        star=tuple(_star_part(name, parts[name], claimed, coach) for name in STAR_PARTS),
        structure=tuple(feedback.structure),
        specifics=tuple(feedback.specificity.lines()),
        delivery=tuple(delivery),
        strengths=tuple(feedback.strengths),
        improvements=tuple(feedback.improvements),
        self_score=self_assessment.score if self_assessment else None,
        coach_score=coach.adjusted_score if coach else None,
        coach_reason=coach.adjustment_reason if coach else None,
        coach_note=(coach.note or None) if coach else None,
    )


def attempt_view(question: Question, attempt: Attempt, coach: AnswerReview | None = None) -> AnswerView | None:
    """None for an attempt not graded (yet)."""
    if attempt.feedback is None:
        return None
    return answer_view(
        question,
        attempt.feedback,
        self_assessment=attempt.self_assessment,
        delivery=attempt.delivery_lines(),
        coach=coach,
    )


def _criterion(criterion: CriterionResult, coach: AnswerReview | None) -> CriterionView:
    correction = coach.area(criterion_key(criterion)) if coach else None
    return CriterionView(
        text=criterion.text,
        status=criterion.status,
        evidence=criterion.evidence,
        note=criterion.note,
        coach=Correction(
            target=criterion.text,
            graded=criterion.status.value,
            verdict=correction.status.value,
            reason=correction.reason,
        )
        if correction
        else None,
    )


def _star_part(name: str, part: StarPart, claimed: dict[str, bool] | None, coach: AnswerReview | None) -> StarPartView:
    correction = coach.star_part(name) if coach else None
    return StarPartView(
        part=name,
        present=part.present,
        evidence=part.evidence,
        self_claimed=claimed[name] if claimed else None,
        coach=Correction(
            target=f"STAR {name}",
            graded=present_word(part.present),
            verdict=present_word(correction.present),
            reason=correction.reason,
        )
        if correction
        else None,
    )
