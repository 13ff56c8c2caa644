"""What a report says about a session, independent of how it is written out.

Markdown and HTML render the same `Report`, so what a coach sees (scores, the coach's adjustments
beside the grader's, who graded what with which model and prompt) cannot drift between formats.
Strings here are still raw user text; each renderer escapes them for its own syntax.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

from practice.grading.feedback import CriterionResult, Feedback, GraderInfo
from practice.interview.models import (
    STAR_PARTS,
    Answer,
    AnswerKind,
    AnswerReview,
    Attempt,
    QuestionRecord,
    Session,
    criterion_key,
)
from practice.interview.scores import mean_text
from practice.interview.summary import summarize


class Part(BaseModel):
    model_config = ConfigDict(frozen=True)


class Turn(Part):
    """One exchange: what the interviewer asked and what the candidate said (or that they skipped)."""

    speaker_prompt: str
    text: str
    is_follow_up: bool
    skipped: bool


class CriterionLine(Part):
    status: str
    text: str
    evidence: str | None
    note: str | None
    coach_status: str | None = None
    coach_reason: str | None = None

    def coach_verdict(self) -> str | None:
        """The coach's correction in words, e.g. "coach: partial — named the survey only"."""
        return f"coach: {self.coach_status} — {self.coach_reason}" if self.coach_status else None


class StarLine(Part):
    part: str
    present: bool
    evidence: str | None
    self_claimed: bool | None
    coach_present: bool | None = None
    coach_reason: str | None = None

    def verdict(self) -> str:
        """The grader's call with the candidate's own claim beside it, e.g. "Action: present (you said: no)"."""
        claimed = "" if self.self_claimed is None else f" (you said: {'yes' if self.self_claimed else 'no'})"
        return f"{self.part.title()}: {'present' if self.present else 'missing'}{claimed}"

    def coach_verdict(self) -> str | None:
        if self.coach_present is None:
            return None
        return f"coach: {'present' if self.coach_present else 'missing'} — {self.coach_reason}"


class AttemptReport(Part):
    number: int
    turns: list[Turn]
    seconds: float
    score: float | None
    offline_score: float | None
    grader: str | None
    self_score: int | None
    self_gap: float | None
    coach_score: float | None
    coach_reason: str | None
    coach_note: str | None
    reasons: list[str]
    criteria: list[CriterionLine]
    star_applicable: bool
    star: list[StarLine]
    structure: list[str]
    specifics: list[str]
    delivery: list[str]
    strengths: list[str]
    improvements: list[str]
    flags: list[str]

    def verdict(self) -> list[VerdictLine]:
        """The score lines, with the coach's adjustment beside the grader's, never in its place."""
        if self.score is None:
            return []
        lines = [VerdictLine(label="Score", text=f"{self.score:.1f} / 5 ({self.grader or ''})")]
        if self.offline_score is not None:
            lines.append(VerdictLine(label="Offline grader’s score", text=f"{self.offline_score:.1f} / 5"))
        if self.self_score is not None and self.self_gap is not None:
            lines.append(VerdictLine(label="Self-assessment", text=f"{self.self_score} / 5 (gap {self.self_gap:+.1f})"))
        if self.coach_score is not None:
            reason = f" — {self.coach_reason}" if self.coach_reason else ""
            lines.append(
                VerdictLine(label="Coach’s adjusted score", text=f"{self.coach_score:.1f} / 5{reason}", coach=True)
            )
        if self.seconds:
            lines.append(VerdictLine(label="Time", text=f"{round(self.seconds)} s"))
        return lines

    def notes(self) -> list[tuple[str, list[str]]]:
        """The plain lists under an attempt, titled, in the one order every format uses."""
        sections = (
            ("Why this score", self.reasons),
            ("Structure", self.structure),
            ("Specifics", self.specifics),
            ("Delivery (spoken)", self.delivery),
            ("Strengths", self.strengths),
            ("To improve", self.improvements),
            ("Flags", self.flags),
        )
        return [(title, lines) for title, lines in sections if lines]


class VerdictLine(Part):
    label: str
    text: str
    coach: bool = False


class QuestionReport(Part):
    number: int
    question_id: str
    text: str
    type: str
    competencies: list[str]
    sample_answer: str | None
    attempts: list[AttemptReport]


class Report(Part):
    title: str
    facts: list[tuple[str, str]]
    session_note: str | None
    summary: list[tuple[str, list[str]]]
    """The session at a glance, titled lists (weakest areas, STAR hit rate, what to practise next)."""
    questions: list[QuestionReport]


def describe_grader(grader: GraderInfo) -> str:
    """The one wording of 'who produced this verdict' used by every export."""
    parts = [f"{grader.kind} grader {grader.version}"]
    if grader.model:
        parts.append(f"model {grader.model}")
    if grader.prompt_version:
        parts.append(f"prompt {grader.prompt_version}")
    return ", ".join(parts)


def build_report(session: Session) -> Report:
    review = session.review
    facts = [
        ("Session", session.id),
        ("Started", _when(session.created_at)),
        ("Last saved", _when(session.updated_at)),
        ("Status", session.status.value.replace("_", " ")),
        ("Mode", session.settings.mode.value),
        ("Track", session.settings.track or "—"),
        ("Competencies", ", ".join(session.settings.competencies) or "—"),
        ("Role level", session.settings.role_level.value.replace("_", " ")),
        ("Mean score", _score(session.mean_score())),
        ("Grader", describe_grader(session.grader)),
    ]
    if review is not None:
        state = "reviewed" if review.reviewed else "review in progress"
        when = f" on {_when(review.reviewed_at)}" if review.reviewed_at else ""
        facts.append(("Coach review", f"{state}{when}" + (f" by {review.reviewer}" if review.reviewer else "")))
        adjusted = coach_adjusted_mean(session)
        if adjusted is not None and adjusted != session.mean_score():
            facts.append(("Mean with the coach's adjustments", _score(adjusted)))
    return Report(
        title=f"Interview practice — {session.settings.track or 'mixed competencies'}",
        facts=facts,
        session_note=(review.session_note or None) if review else None,
        summary=session_summary(session),
        questions=[_question(number, record, session) for number, record in enumerate(session.records, 1)],
    )


def _question(number: int, record: QuestionRecord, session: Session) -> QuestionReport:
    question = record.question
    return QuestionReport(
        number=number,
        question_id=question.id,
        text=question.text,
        type=question.type.value,
        competencies=list(question.competencies),
        sample_answer=question.sample_answer,
        attempts=[_attempt(attempt, _coach(session, question.id, attempt.number)) for attempt in record.attempts],
    )


def _attempt(attempt: Attempt, coach: AnswerReview | None) -> AttemptReport:
    feedback = attempt.feedback
    claimed = attempt.self_assessment
    return AttemptReport(
        number=attempt.number,
        turns=[_turn(answer) for answer in attempt.answers],
        seconds=attempt.seconds(),
        score=feedback.score if feedback else None,
        offline_score=feedback.offline_score if feedback else None,
        grader=describe_grader(feedback.grader) if feedback else None,
        self_score=claimed.score if claimed else None,
        self_gap=round(claimed.score - feedback.score, 2) if claimed and feedback else None,
        coach_score=coach.adjusted_score if coach else None,
        coach_reason=coach.adjustment_reason if coach else None,
        coach_note=(coach.note or None) if coach else None,
        reasons=feedback.unflagged_reasons() if feedback else [],
        criteria=[_criterion(c, coach) for c in (feedback.criteria if feedback else [])],
        star_applicable=feedback.star.applicable if feedback else False,
        star=_star(feedback, claimed.star() if claimed else None, coach),
        structure=list(feedback.structure) if feedback else [],
        specifics=feedback.specificity.lines() if feedback else [],
        delivery=attempt.delivery_lines(),
        strengths=list(feedback.strengths) if feedback else [],
        improvements=list(feedback.improvements) if feedback else [],
        flags=[f"{flag.kind.value}: {flag.message}" for flag in feedback.flags] if feedback else [],
    )


def session_summary(session: Session) -> list[tuple[str, list[str]]]:
    """What the summary screen shows, in words: the areas least covered across the session, how
    often each STAR part was found in behavioral answers, and what to practise next."""
    summary = summarize(session)
    weakest = [
        f"{area.text} ({area.status.value}, question {area.question_id}"
        f"{f', {area.count} attempts' if area.count > 1 else ''})"
        for area in summary.weakest_criteria
    ]
    star = [
        f"{rate.part.title()}: {rate.hits} of {rate.total} behavioral answers" for rate in summary.star if rate.total
    ]
    sections = (
        ("Weakest areas across the session", weakest),
        ("STAR parts found", star),
        ("What to practise next", [suggestion.text for suggestion in summary.practise_next]),
    )
    return [(title, lines) for title, lines in sections if lines]


def coach_adjusted_mean(session: Session) -> float | None:
    """The mean of the latest attempts, taking the coach's score where they adjusted one (the
    grader's mean is always reported too)."""
    scores = []
    for record in session.records:
        attempt = record.latest()
        if attempt is None or attempt.feedback is None:
            continue
        coach = _coach(session, record.question.id, attempt.number)
        scores.append(coach.adjusted_score if coach and coach.adjusted_score is not None else attempt.feedback.score)
    return round(sum(scores) / len(scores), 2) if scores else None


def _coach(session: Session, question_id: str, attempt: int) -> AnswerReview | None:
    return session.review.for_attempt(question_id, attempt) if session.review else None


def _turn(answer: Answer) -> Turn:
    return Turn(
        speaker_prompt=answer.prompt,
        text=answer.text,
        is_follow_up=answer.kind == AnswerKind.follow_up,
        skipped=answer.skipped,
    )


def _criterion(criterion: CriterionResult, coach: AnswerReview | None) -> CriterionLine:
    correction = coach.area(criterion_key(criterion)) if coach else None
    return CriterionLine(
        status=criterion.status.value,
        text=criterion.text,
        evidence=criterion.evidence,
        note=criterion.note,
        coach_status=correction.status.value if correction else None,
        coach_reason=correction.reason if correction else None,
    )


def _star(feedback: Feedback | None, claimed: dict[str, bool] | None, coach: AnswerReview | None) -> list[StarLine]:
    if feedback is None:
        return []
    parts = feedback.star.parts()
    lines = []
    for name in STAR_PARTS:
        correction = coach.star_part(name) if coach else None
        lines.append(
            StarLine(
                part=name,
                present=parts[name].present,
                evidence=parts[name].evidence,
                self_claimed=claimed[name] if claimed else None,
                coach_present=correction.present if correction else None,
                coach_reason=correction.reason if correction else None,
            )
        )
    return lines


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return (moment.astimezone(UTC) if moment.tzinfo else moment).strftime("%Y-%m-%d %H:%M UTC")


def _score(score: float | None) -> str:
    return f"{mean_text(score)} / 5" if score is not None else "not graded"
