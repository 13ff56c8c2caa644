"""Realistic sessions for export, review and history tests, built from the real models.

`hostile` lets a test put the same text into every user-controlled field at once, so escaping
is checked everywhere rather than only where someone remembered to look.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from practice.bank.models import Criterion, FollowUp, Question, QuestionType, RoleLevel
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
    STORED,
    Answer,
    AnswerKind,
    AnswerReview,
    Attempt,
    CoachReview,
    Draft,
    Mode,
    QuestionRecord,
    SelfAssessment,
    Session,
    SessionSettings,
    SessionStatus,
)

OFFLINE = GraderInfo(kind="offline", version="1.0")
LLM = GraderInfo(kind="llm", version="1.0", model="gpt-4o-mini", prompt_version="grade-v3")
START = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)


def behavioral_question(extra: str = "") -> Question:
    return Question(
        id="ccl-01",
        track="customer-centric-leadership",
        text=f"Tell me about a time you changed a process because of customer feedback.{extra}",
        type=QuestionType.behavioral,
        competencies=["customer-focus", "change-leadership"],
        criteria=[
            Criterion(id="feedback-source", text=f"How the feedback was gathered{extra}"),
            Criterion(id="change-made", text="What changed and who was involved"),
            Criterion(id="measured-result", text="The measured result"),
        ],
        follow_ups=[
            FollowUp(id="fu-result", text=f"How did you measure the result?{extra}", targets=["measured-result"])
        ],
        sample_answer=f"In my last role our NPS comments kept mentioning slow refunds…{extra}",
    )


def situational_question(extra: str = "") -> Question:
    return Question(
        id="hos-03",
        track="head-of-support",
        text=f"How would you structure a support team for 24/7 coverage?{extra}",
        type=QuestionType.situational,
        competencies=["team-design"],
        criteria=[Criterion(id="coverage-model", text="A coverage model (follow-the-sun, shifts)")],
    )


def feedback(question: Question, score: float, *, grader: GraderInfo = OFFLINE, extra: str = "") -> Feedback:
    return Feedback(
        question_id=question.id,
        score=score,
        reasons=[f"Two of three areas covered{extra}"],
        criteria=[
            CriterionResult(
                criterion_id=c.id,
                text=c.text,
                status=CriterionStatus.covered if i == 0 else CriterionStatus.missing,
                evidence=f"We read every survey comment{extra}" if i == 0 else None,
            )
            for i, c in enumerate(question.criteria)
        ],
        star=Star(
            applicable=question.type == QuestionType.behavioral,
            situation=StarPart(present=True, evidence=f"Refunds took nine days{extra}"),
            task=StarPart(present=True),
            action=StarPart(present=True, evidence="I rewrote the refund flow"),
            result=StarPart(present=False),
        ),
        specificity=Specificity(
            word_count=142,
            speaking_seconds=55,
            numbers=[f"nine days{extra}"],
            concrete_actions=["rewrote the refund flow"],
            first_person_actions=3,
            we_actions=1,
        ),
        strengths=[f"Concrete situation{extra}"],
        improvements=[f"Say what changed in numbers{extra}"],
        flags=[Flag(kind=FlagKind.too_short, message=f"Short for a behavioral answer{extra}")] if extra else [],
        grader=grader,
        offline_score=2.5 if grader.kind == "llm" else None,
    )


def build_session(
    *,
    hostile: str = "",
    created_at: datetime = START,
    track: str = "customer-centric-leadership",
    competencies: list[str] | None = None,
    scores: tuple[float, float, float] = (2.0, 3.5, 4.0),
    finished: bool = True,
    reviewed: bool = True,
    session_id: str | None = None,
) -> Session:
    """Two questions: the behavioral one answered twice (the first time with a follow-up and a
    skipped one), the situational one once; self-assessments; a coach review when asked."""
    behavioral = behavioral_question(hostile)
    situational = situational_question(hostile)
    first = Attempt(
        number=1,
        started_at=created_at,
        answers=[
            Answer(
                kind=AnswerKind.main,
                prompt=behavioral.text,
                text=f"We had slow refunds.\nI fixed it.{hostile}",
                submitted_at=created_at + timedelta(minutes=2),
                seconds_taken=80,
            ),
            Answer(
                kind=AnswerKind.follow_up,
                prompt=behavioral.follow_ups[0].text,
                follow_up_id="fu-result",
                text=f"Refund time went from nine days to two.{hostile}",
                seconds_taken=30,
            ),
            Answer(kind=AnswerKind.follow_up, prompt=f"Who else was involved?{hostile}", skipped=True),
        ],
        self_assessment=SelfAssessment(situation=True, task=True, action=True, result=True, score=4),
        feedback=feedback(behavioral, scores[0], extra=hostile),
    )
    second = Attempt(
        number=2,
        started_at=created_at + timedelta(minutes=10),
        answers=[
            Answer(
                kind=AnswerKind.main,
                prompt=behavioral.text,
                text=f"Our refunds took nine days; I mapped the flow and cut it to two.{hostile}",
                seconds_taken=95,
            )
        ],
        self_assessment=SelfAssessment(situation=True, task=False, action=True, result=True, score=3),
        feedback=feedback(behavioral, scores[1], grader=LLM, extra=hostile),
    )
    third = Attempt(
        number=1,
        answers=[
            Answer(
                kind=AnswerKind.main,
                prompt=situational.text,
                text=f"Follow the sun across three hubs.{hostile}",
                seconds_taken=60,
            )
        ],
        self_assessment=SelfAssessment(score=5),
        feedback=feedback(situational, scores[2], extra=hostile),
    )
    review = (
        CoachReview(
            reviewer=f"Dana{hostile}",
            session_note=f"Good progress; push on results.{hostile}",
            answers=[
                AnswerReview(
                    question_id=behavioral.id,
                    attempt=2,
                    note=f"Much clearer.{hostile}",
                    adjusted_score=4.0,
                    adjustment_reason=f"Result was measured{hostile}",
                )
            ],
            reviewed=True,
            reviewed_at=created_at + timedelta(days=1),
        )
        if reviewed
        else None
    )
    extra = {"id": session_id} if session_id else {}
    return Session(
        **extra,
        created_at=created_at,
        updated_at=created_at + timedelta(minutes=20),
        settings=SessionSettings(
            track=track,
            competencies=competencies or [],
            question_count=2,
            seed=7,
            mode=Mode.coach,
            role_level=RoleLevel.manager,
        ),
        grader=OFFLINE,
        records=[
            QuestionRecord(question=behavioral, attempts=[first, second]),
            QuestionRecord(question=situational, attempts=[third]),
        ],
        status=SessionStatus.finished if finished else SessionStatus.in_progress,
        draft=None if finished else Draft(question_id=situational.id, kind=AnswerKind.main, text="half an answer"),
        review=review,
    )


def legacy_session(session_id: str) -> Session:
    """A session with an id no file may carry now, as the store may hold one imported before ids
    were checked: the store's id handling must still cope with it."""
    return Session.model_validate(build_session().model_dump() | {"id": session_id}, context=STORED)
