"""What a report says about a session, independent of how it is written out.

Markdown and HTML render the same `Report`, so what a coach sees (scores, the coach's adjustments
beside the grader's, who graded what with which model and prompt) cannot drift between formats;
each graded answer in it is the `AnswerView` the screens and `practice grade` show too.
Strings here are still raw user text; each renderer escapes them for its own syntax.
"""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel, ConfigDict

from practice.bank.models import Question
from practice.feedback_view import AnswerView, attempt_view, describe_grader
from practice.interview.models import Answer, AnswerKind, AnswerReview, Attempt, QuestionRecord, Session
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


class AttemptReport(Part):
    number: int
    turns: list[Turn]
    seconds: float
    graded: AnswerView | None
    """The grader's verdict with the candidate's claims and the coach's corrections beside it."""

    def verdict(self) -> list[VerdictLine]:
        """The score lines, with the coach's adjustment beside the grader's, never in its place."""
        graded = self.graded
        if graded is None:
            return []
        lines = [VerdictLine(label="Score", text=f"{graded.score:.1f} / 5 ({graded.grader})")]
        if graded.offline_score is not None:
            lines.append(VerdictLine(label="Offline grader’s score", text=f"{graded.offline_score:.1f} / 5"))
        if graded.self_score is not None and graded.self_gap is not None:
            lines.append(
                VerdictLine(label="Self-assessment", text=f"{graded.self_score} / 5 (gap {graded.self_gap:+.1f})")
            )
        if graded.coach_score is not None:
            reason = f" — {graded.coach_reason}" if graded.coach_reason else ""
            lines.append(
                VerdictLine(label="Coach’s adjusted score", text=f"{graded.coach_score:.1f} / 5{reason}", coach=True)
            )
        if self.seconds:
            lines.append(VerdictLine(label="Time", text=f"{round(self.seconds)} s"))
        return lines

    def notes(self) -> list[tuple[str, list[str]]]:
        """The plain lists under an attempt, titled, in the one order every format uses."""
        graded = self.graded
        if graded is None:
            return []
        sections = (
            ("Why this score", graded.reasons),
            ("Structure", graded.structure),
            ("Specifics", graded.specifics),
            ("Delivery (spoken)", graded.delivery),
            ("Strengths", graded.strengths),
            ("To improve", graded.improvements),
            ("Warnings", tuple(flag.text for flag in graded.flags)),
        )
        return [(title, list(lines)) for title, lines in sections if lines]


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
        attempts=[
            _attempt(question, attempt, _coach(session, question.id, attempt.number)) for attempt in record.attempts
        ],
    )


def _attempt(question: Question, attempt: Attempt, coach: AnswerReview | None) -> AttemptReport:
    return AttemptReport(
        number=attempt.number,
        turns=[_turn(answer) for answer in attempt.answers],
        seconds=attempt.seconds(),
        graded=attempt_view(question, attempt, coach),
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


def _when(moment: datetime | None) -> str:
    if moment is None:
        return "—"
    return (moment.astimezone(UTC) if moment.tzinfo else moment).strftime("%Y-%m-%d %H:%M UTC")


def _score(score: float | None) -> str:
    return f"{mean_text(score)} / 5" if score is not None else "not graded"
