"""A small bank and a deterministic stand-in grader, so engine tests control exactly which
criteria an answer covers: a criterion counts as covered when the first word of its text
appears in the answer (e.g. "Metrics ..." is covered by any answer saying "metrics")."""

from __future__ import annotations

import re
from collections.abc import Sequence

from practice.bank.models import (
    Criterion,
    FollowUp,
    InterviewGuidance,
    Question,
    QuestionBank,
    QuestionType,
    RoleLevel,
    Track,
)
from practice.grading.exchange import Exchange
from practice.grading.feedback import (
    CriterionResult,
    CriterionStatus,
    Feedback,
    GraderInfo,
    Specificity,
    Star,
    StarPart,
)

FAKE_GRADER = GraderInfo(kind="offline", version="fake")
STAR_WORDS = {"situation": "situation", "task": "task", "action": "i did", "result": "result"}


def question(
    qid: str,
    competencies: list[str],
    *,
    track: str = "leading",
    kind: QuestionType = QuestionType.behavioral,
) -> Question:
    return Question(
        id=qid,
        track=track,
        text=f"Tell me about {qid}.",
        type=kind,
        competencies=competencies,
        criteria=[
            Criterion(id="c1", text="Customers and their problem"),
            Criterion(id="c2", text="Metrics used to judge success"),
            Criterion(id="c3", text="Obstacles met on the way"),
        ],
        follow_ups=[
            FollowUp(id="f-metrics", text=f"{qid}: which metrics did you use?", targets=["c2"]),
            FollowUp(id="f-obstacles", text=f"{qid}: what got in the way?", targets=["c3"]),
            FollowUp(id="f-general", text=f"{qid}: anything else?"),
        ],
    )


def guidance(*, low: int = 2, high: int = 3, distinct: bool = True) -> InterviewGuidance:
    return InterviewGuidance(
        questions_per_interview_min=low, questions_per_interview_max=high, distinct_competencies=distinct
    )


def small_bank() -> QuestionBank:
    return QuestionBank(
        tracks=[
            Track(id="leading", title="Leading", description="Leading teams.", guidance=guidance()),
            Track(id="other", title="Other", description="Another track.", guidance=guidance()),
        ],
        questions=[
            question("q1", ["listening"]),
            question("q2", ["prioritizing"], kind=QuestionType.situational),
            question("q3", ["listening", "empathy"]),
            question("q4", ["empathy"]),
            question("o1", ["listening"], track="other"),
        ],
    )


class FakeGrader:
    """Records every call, so tests can see what was graded and when."""

    def __init__(self) -> None:
        self.calls: list[tuple[str, str]] = []
        self.exchanges: list[list[Exchange]] = []

    def __call__(
        self, q: Question, text: str, role_level: RoleLevel, *, exchanges: Sequence[Exchange] = ()
    ) -> Feedback:
        self.calls.append((q.id, text))
        self.exchanges.append(list(exchanges))
        return fake_feedback(q, text)


def fake_feedback(q: Question, text: str) -> Feedback:
    lowered = text.lower()
    results = [
        CriterionResult(
            criterion_id=c.id,
            text=c.text,
            status=CriterionStatus.covered if c.text.split()[0].lower() in lowered else CriterionStatus.missing,
        )
        for c in q.criteria
    ]
    covered = sum(r.status == CriterionStatus.covered for r in results)
    parts = {part: StarPart(present=word in lowered) for part, word in STAR_WORDS.items()}
    return Feedback(
        question_id=q.id,
        score=round(1 + 4 * covered / len(results), 2),
        criteria=results,
        star=Star(applicable=q.type == QuestionType.behavioral, **parts),
        specificity=Specificity(
            word_count=len(text.split()),
            speaking_seconds=len(text.split()) / 2.5,
            numbers=re.findall(r"\d+%?", text),
        ),
        grader=FAKE_GRADER,
    )
