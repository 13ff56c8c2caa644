"""Hand-built graded sessions for the feedback, attempts and summary screens: the screens are
tested on fixed Feedback objects, so a change in the offline grader's wording or scores never
changes what these tests see."""

from __future__ import annotations

from datetime import UTC, datetime

from practice.bank.models import QuestionBank
from practice.grading.feedback import (
    CriterionResult,
    CriterionStatus,
    Feedback,
    Flag,
    FlagKind,
    GraderInfo,
    Specificity,
    Star,
    StarPart,
)
from practice.interview.models import (
    Answer,
    AnswerKind,
    Attempt,
    Cursor,
    Mode,
    Phase,
    QuestionRecord,
    SelfAssessment,
    Session,
    SessionSettings,
    SessionStatus,
)

FIXED = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
GRADER = GraderInfo(kind="offline", version="offline-test")

MAIN_ANSWER = (
    "When I joined Acme as support lead, churn was 12% and customers waited 9 hours for a reply. "
    "My task was to cut first response time. I analysed 500 tickets and I introduced a triage rota. "
    "As a result first response time fell to 2 hours and churn dropped to 7% in 6 months."
)
FOLLOW_UP_ANSWER = "I tracked CSAT weekly and reviewed [escalations] with the product team every Friday."


def behavioral_feedback(question_id: str, score: float, *, covered: int) -> Feedback:
    criteria = [
        CriterionResult(
            criterion_id=f"a{i}",
            text=text,
            status=CriterionStatus.covered
            if i <= covered
            else (CriterionStatus.partial if i == covered + 1 else CriterionStatus.missing),
            evidence="I analysed 500 tickets and I introduced a triage rota." if i <= covered else None,
            note="Say which data you collected and how often." if i == covered + 1 else None,
        )
        for i, text in enumerate(
            (
                "The types of customer data or feedback they collected",
                "Their methodology for analyzing and interpreting the data",
                "How they translated insights into strategic recommendations",
                "The impact of these changes on customer experience and business results",
            ),
            start=1,
        )
    ]
    return Feedback(
        question_id=question_id,
        score=score,
        reasons=[f"Areas to cover: {covered} of 4 covered.", "STAR: 3 of 4 parts present."],
        criteria=criteria,
        star=Star(
            situation=StarPart(present=True, evidence="When I joined Acme as support lead, churn was 12%."),
            task=StarPart(present=True, evidence="My task was to cut first response time."),
            action=StarPart(present=True, evidence="I analysed 500 tickets and I introduced a triage rota."),
            result=StarPart(present=False),
        ),
        specificity=Specificity(
            word_count=62,
            speaking_seconds=27,
            numbers=["12%", "500 tickets", "2 hours"],
            concrete_actions=["analysed 500 tickets", "introduced a triage rota"],
            first_person_actions=3,
            we_actions=0,
        ),
        strengths=["Real numbers before and after."],
        improvements=["Say what you learned and what you would do differently."],
        flags=[Flag(kind=FlagKind.too_short, message="Short for a leadership question: aim for 2-3 minutes.")],
        grader=GRADER,
        role_level="manager",
    )


def situational_feedback(question_id: str) -> Feedback:
    return Feedback(
        question_id=question_id,
        score=2.5,
        reasons=["Areas to cover: 1 of 3 covered."],
        criteria=[
            CriterionResult(
                text="Prioritise by customer impact", status=CriterionStatus.covered, evidence="I would rank by impact."
            ),
            CriterionResult(text="Plan staffing for peaks", status=CriterionStatus.missing),
            CriterionResult(text="Measure the plan's results", status=CriterionStatus.partial),
        ],
        star=Star(
            applicable=False,
            situation=StarPart(present=False),
            task=StarPart(present=False),
            action=StarPart(present=True, evidence="I would rank by impact."),
            result=StarPart(present=False),
        ),
        structure=["Opens with a principle, then steps.", "No way to tell whether it worked."],
        specificity=Specificity(word_count=20, speaking_seconds=9),
        grader=GRADER,
    )


def answer(kind: AnswerKind, prompt: str, text: str, seconds: float, *, follow_up_id: str | None = None) -> Answer:
    return Answer(
        id=f"{kind}-{seconds}",
        kind=kind,
        prompt=prompt,
        text=text,
        follow_up_id=follow_up_id,
        submitted_at=FIXED,
        seconds_taken=seconds,
    )


def graded_session(bank: QuestionBank) -> Session:
    """Two questions: a behavioral one tried twice (the second better), a situational one."""
    behavioral = bank.question("ccl-02")
    situational = bank.question("hos-01")
    follow_up = behavioral.follow_ups[0]
    first = Attempt(
        number=1,
        answers=[
            answer(AnswerKind.main, behavioral.text, MAIN_ANSWER, 95),
            answer(AnswerKind.follow_up, follow_up.text, FOLLOW_UP_ANSWER, 30, follow_up_id=follow_up.id),
        ],
        self_assessment=SelfAssessment(situation=True, task=True, action=True, result=True, score=4),
        feedback=behavioral_feedback(behavioral.id, 3, covered=2),
        started_at=FIXED,
        finished_at=FIXED,
    )
    second = Attempt(
        number=2,
        answers=[answer(AnswerKind.main, behavioral.text, MAIN_ANSWER + " I learned to measure first.", 110)],
        self_assessment=SelfAssessment(situation=True, task=True, action=True, result=False, score=4),
        feedback=behavioral_feedback(behavioral.id, 4, covered=3),
        started_at=FIXED,
        finished_at=FIXED,
    )
    third = Attempt(
        number=1,
        answers=[answer(AnswerKind.main, situational.text, "I would rank by impact and staff the peaks.", 40)],
        self_assessment=SelfAssessment(action=True, score=3),
        feedback=situational_feedback(situational.id),
        started_at=FIXED,
        finished_at=FIXED,
    )
    return Session(
        id="fixture-session",
        created_at=FIXED,
        updated_at=FIXED,
        settings=SessionSettings(
            track=None, competencies=["customer-insight", "planning"], question_count=2, mode=Mode.coach, seed=7
        ),
        grader=GRADER,
        records=[
            QuestionRecord(question=behavioral, attempts=[first, second]),
            QuestionRecord(question=situational, attempts=[third]),
        ],
        status=SessionStatus.finished,
        cursor=Cursor(question_id=situational.id, phase=Phase.finished),
    )
