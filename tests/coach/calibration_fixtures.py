"""Reviewed sessions whose agreement between grader and coach is known by hand.

`known_session()`: four behavioral answers, each graded (covered, missing, missing) on its three
areas and with STAR situation, task and action present, result missing.

    answer  grader  coach  grader               track    coach's corrections
    q1      1       1      offline              alpha    STAR result -> present
    q2      2       2      offline              beta     -
    q3      3       4      llm:gpt-4o-mini      alpha    'The measured result' -> partial
    q4      4       3      llm:gpt-4o-mini      beta     'What changed and who was involved' -> covered

Scores: d = coach rank - grader rank = (0, 0, 1, -1), sum d^2 = 2, so Spearman's
rho = 1 - 6*2 / (4*(16-1)) = 0.80. Quadratic-weighted kappa: observed weighted disagreement
(1 + 1) / 4 = 0.5 (in squared score steps); expected, with both raters' marks 1..4 once each,
sum of (i-j)^2 over the 16 pairs / 16 = 40 / 16 = 2.5; kappa = 1 - 0.5 / 2.5 = 0.80. Coach minus
grader (0, 0, 1, -1): mean 0, sample standard deviation sqrt(2/3) = 0.82.
Areas: 12 verdicts, 10 alike: agreement 0.83. Grader covered 4 / missing 8; coach covered 5 /
partial 1 / missing 6; chance agreement (4*5 + 8*6) / 144 = 68/144; kappa = (120 - 68) / (144 - 68)
= 52/76 = 0.68. STAR result: 3 of 4 alike (0.75), but the grader always said missing, so chance
alone gives 3/4 too: kappa 0. STAR situation, task, action: all alike and all the same: agreement
1.0, kappa undefined (None).
"""

from __future__ import annotations

from export.factory import LLM, OFFLINE, START, behavioral_question, feedback

from practice.interview.models import (
    Answer,
    AnswerKind,
    Attempt,
    QuestionRecord,
    Session,
    SessionSettings,
    SessionStatus,
)
from practice.store import coach_review

ROWS = [
    ("q1", 1.0, 1.0, OFFLINE, "alpha", {}, {"result": ("present", "The result is in the last line")}),
    ("q2", 2.0, 2.0, OFFLINE, "beta", {}, {}),
    ("q3", 3.0, 4.0, LLM, "alpha", {"measured-result": ("partial", "Named the metric, no figure")}, {}),
    ("q4", 4.0, 3.0, LLM, "beta", {"change-made": ("covered", "The on-call rota is the change")}, {}),
]


def known_session(session_id: str = "c0ffee" * 5 + "00", *, reviewed: bool = True) -> Session:
    records = []
    for question_id, grader_score, _, grader, track, _, _ in ROWS:
        question = behavioral_question().model_copy(update={"id": question_id, "track": track})
        records.append(
            QuestionRecord(
                question=question,
                attempts=[
                    Attempt(
                        number=1,
                        answers=[
                            Answer(
                                kind=AnswerKind.main,
                                prompt=question.text,
                                text=f"Answer to {question_id}: we moved the on-call rota and I measured refunds.",
                            )
                        ],
                        feedback=feedback(question, grader_score, grader=grader),
                    )
                ],
            )
        )
    session = Session(
        id=session_id,
        created_at=START,
        updated_at=START,
        grader=OFFLINE,
        records=records,
        settings=SessionSettings(question_count=4, seed=1),
        status=SessionStatus.finished,
    )
    for question_id, grader_score, coach_score, _, _, areas, star in ROWS:
        adjusted = coach_score if coach_score != grader_score else None
        session = coach_review.set_answer_review(
            session,
            question_id,
            1,
            note="",
            adjusted_score=adjusted,
            reason="Judged by hand" if adjusted else None,
            areas=areas,
            star=star,
        )
    return coach_review.mark_reviewed(session, reviewed)
