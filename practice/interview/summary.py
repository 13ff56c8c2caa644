"""What a session adds up to: the end-of-interview screen, the review screen and exports all
read this, so it is computed from the Session alone (its questions are snapshots) — no bank,
no store, no grader needed to summarise an old session file.
"""

from __future__ import annotations

from collections import defaultdict
from statistics import fmean
from typing import Literal

from pydantic import BaseModel, ConfigDict

from practice.bank.models import QuestionType
from practice.grading.feedback import CriterionStatus, Feedback
from practice.interview.models import STAR_PARTS, Attempt, Mode, QuestionRecord, Session

LOW_SCORE = 3.0
WEAK_STAR_RATE = 0.5
OVERCONFIDENT_GAP = 1.0
SUGGESTION_LIMIT = 5


class Frozen(BaseModel):
    model_config = ConfigDict(frozen=True)


class QuestionSummary(Frozen):
    question_id: str
    text: str
    type: QuestionType
    competencies: list[str]
    answered: bool
    score: float | None
    """Of the latest graded attempt: a retry that is still open does not hide the last verdict."""
    attempt_scores: list[float | None]
    seconds: float
    """Time spent answering in the latest answered attempt (main answer and follow-ups)."""


class WeakCriterion(Frozen):
    question_id: str
    question_text: str
    criterion_id: str | None
    text: str
    status: CriterionStatus
    count: int
    """In how many graded attempts of the question this area was not (fully) covered."""


class StarRate(Frozen):
    part: str
    hits: int
    total: int

    @property
    def rate(self) -> float | None:
        return self.hits / self.total if self.total else None


class SelfGap(Frozen):
    question_id: str
    attempt: int
    self_score: int
    grader_score: float
    gap: float
    """Self minus grader: positive means the candidate rated the answer higher."""
    star_disagreements: list[str]
    """STAR parts the candidate believed covered but the grader did not find, or the reverse."""


class Suggestion(Frozen):
    kind: Literal["question", "criterion", "star", "competency", "specificity", "self_assessment"]
    target: str
    text: str


class SessionSummary(Frozen):
    session_id: str
    mode: Mode
    question_count: int
    answered: int
    mean_score: float | None
    total_seconds: float
    questions: list[QuestionSummary]
    weakest_criteria: list[WeakCriterion]
    star: list[StarRate]
    """Over behavioral questions only: STAR does not apply to situational ones."""
    self_gaps: list[SelfGap]
    mean_self_gap: float | None
    practise_next: list[Suggestion]


def summarize(session: Session) -> SessionSummary:
    questions = [_question_summary(record) for record in session.records]
    weakest = _weakest_criteria(session.records)
    star = _star_rates(session.records)
    gaps = [gap for record in session.records for gap in _self_gaps(record)]
    mean_gap = round(fmean(g.gap for g in gaps), 2) if gaps else None
    return SessionSummary(
        session_id=session.id,
        mode=session.settings.mode,
        question_count=len(session.records),
        answered=sum(q.answered for q in questions),
        mean_score=session.mean_score(),
        total_seconds=sum(q.seconds for q in questions),
        questions=questions,
        weakest_criteria=weakest,
        star=star,
        self_gaps=gaps,
        mean_self_gap=mean_gap,
        practise_next=_practise_next(session.records, questions, weakest, star, mean_gap),
    )


def _latest_graded(record: QuestionRecord) -> Feedback | None:
    return next((a.feedback for a in reversed(record.attempts) if a.feedback), None)


def _latest_answered(record: QuestionRecord) -> Attempt | None:
    return next((a for a in reversed(record.attempts) if a.answers), None)


def _question_summary(record: QuestionRecord) -> QuestionSummary:
    latest = _latest_graded(record)
    answered = _latest_answered(record)
    return QuestionSummary(
        question_id=record.question.id,
        text=record.question.text,
        type=record.question.type,
        competencies=list(record.question.competencies),
        answered=answered is not None,
        score=latest.score if latest else None,
        attempt_scores=[a.feedback.score if a.feedback else None for a in record.attempts],
        seconds=answered.seconds() if answered else 0.0,
    )


def _weakest_criteria(records: list[QuestionRecord]) -> list[WeakCriterion]:
    """Areas still open in each question's latest verdict, the ones missed again and again first."""
    weak: list[WeakCriterion] = []
    for record in records:
        latest = _latest_graded(record)
        if latest is None:
            continue
        misses: dict[str, int] = defaultdict(int)
        for attempt in record.attempts:
            if attempt.feedback:
                for result in attempt.feedback.weakest_criteria():
                    misses[result.criterion_id or result.text] += 1
        weak.extend(
            WeakCriterion(
                question_id=record.question.id,
                question_text=record.question.text,
                criterion_id=result.criterion_id,
                text=result.text,
                status=result.status,
                count=misses[result.criterion_id or result.text],
            )
            for result in latest.weakest_criteria()
        )
    weak.sort(key=lambda w: (w.status != CriterionStatus.missing, -w.count))
    return weak


def _star_rates(records: list[QuestionRecord]) -> list[StarRate]:
    verdicts = [
        feedback
        for record in records
        if record.question.type == QuestionType.behavioral
        and (feedback := _latest_graded(record)) is not None
        and feedback.star.applicable
    ]
    return [
        StarRate(part=part, hits=sum(f.star.parts()[part].present for f in verdicts), total=len(verdicts))
        for part in STAR_PARTS
    ]


def _self_gaps(record: QuestionRecord) -> list[SelfGap]:
    gaps = []
    for attempt in record.attempts:
        claimed, feedback = attempt.self_assessment, attempt.feedback
        if claimed is None or feedback is None:
            continue
        found = {part: value.present for part, value in feedback.star.parts().items()}
        disagreements = (
            [part for part, believed in claimed.star().items() if believed != found[part]]
            if feedback.star.applicable
            else []
        )
        gaps.append(
            SelfGap(
                question_id=record.question.id,
                attempt=attempt.number,
                self_score=claimed.score,
                grader_score=feedback.score,
                gap=round(claimed.score - feedback.score, 2),
                star_disagreements=disagreements,
            )
        )
    return gaps


def _practise_next(
    records: list[QuestionRecord],
    questions: list[QuestionSummary],
    weakest: list[WeakCriterion],
    star: list[StarRate],
    mean_gap: float | None,
) -> list[Suggestion]:
    """Concrete next steps, most useful first: redo what scored low (naming what to add), the
    STAR part most often left out, the weakest competency, figures, and calibration."""
    suggestions: list[Suggestion] = []
    for question in sorted(
        (q for q in questions if q.score is not None and q.score < LOW_SCORE), key=lambda q: q.score or 0
    ):
        missing = [w.text for w in weakest if w.question_id == question.question_id][:2]
        cover = f": cover {'; '.join(missing)}" if missing else ""
        suggestions.append(
            Suggestion(
                kind="question",
                target=question.question_id,
                text=f"Retry {question.question_id} (scored {question.score:g}){cover}.",
            )
        )
    unreached = [q.question_id for q in questions if not q.answered]
    if unreached:
        suggestions.append(
            Suggestion(
                kind="question",
                target=",".join(unreached),
                text=f"Answer the {len(unreached)} question(s) this session did not reach: {', '.join(unreached)}.",
            )
        )
    retried = {s.target for s in suggestions}
    repeated = [w for w in weakest if w.count >= 2 and w.question_id not in retried]
    suggestions.extend(
        Suggestion(
            kind="criterion",
            target=w.question_id,
            text=f"Missed {w.count} times in {w.question_id}: {w.text}.",
        )
        for w in repeated[:2]
    )
    # A good score can still leave an area out entirely, and an interviewer would ask about it:
    # the most often missed such area of each question not named above.
    named = retried | {w.question_id for w in repeated[:2]}
    for w in weakest:
        if w.status == CriterionStatus.missing and w.question_id not in named:
            named.add(w.question_id)
            suggestions.append(
                Suggestion(kind="criterion", target=w.question_id, text=f"In {w.question_id}, also cover: {w.text}.")
            )
    for rate in sorted((r for r in star if r.rate is not None and r.rate < WEAK_STAR_RATE), key=lambda r: r.hits):
        suggestions.append(
            Suggestion(
                kind="star",
                target=rate.part,
                text=f"State the {rate.part} clearly: only {rate.hits} of {rate.total} behavioral answers had one.",
            )
        )
    competency = _weakest_competency(questions)
    if competency is not None:
        name, mean = competency
        suggestions.append(
            Suggestion(kind="competency", target=name, text=f"Practise more {name} questions (mean score {mean:g}).")
        )
    without_numbers = [
        record.question.id
        for record in records
        if (feedback := _latest_graded(record)) is not None and not feedback.specificity.numbers
    ]
    if without_numbers:
        suggestions.append(
            Suggestion(
                kind="specificity",
                target=",".join(without_numbers),
                text=f"Quantify outcomes: {len(without_numbers)} answer(s) gave no figures "
                f"({', '.join(without_numbers)}).",
            )
        )
    if mean_gap is not None and mean_gap >= OVERCONFIDENT_GAP:
        suggestions.append(
            Suggestion(
                kind="self_assessment",
                target="score",
                text=f"You rated yourself {mean_gap:g} points above the grader on average: "
                "check each area to cover before scoring.",
            )
        )
    return suggestions[:SUGGESTION_LIMIT]


def _weakest_competency(questions: list[QuestionSummary]) -> tuple[str, float] | None:
    """Only meaningful when the session spans several competencies and one lags."""
    scores: dict[str, list[float]] = defaultdict(list)
    for question in questions:
        if question.score is not None:
            for name in question.competencies:
                scores[name].append(question.score)
    if len(scores) < 2:
        return None
    name, values = min(scores.items(), key=lambda item: fmean(item[1]))
    mean = round(fmean(values), 2)
    return (name, mean) if mean < LOW_SCORE + 0.5 else None
