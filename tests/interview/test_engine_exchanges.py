"""The grader is given the transcript of the attempt (each interviewer prompt and the candidate's
words), so a model sees the follow-up questions; skipped and blank turns are left out."""

from __future__ import annotations

from practice.bank.models import RoleLevel
from practice.grading.exchange import Exchange
from practice.interview.engine import InterviewEngine, Phase
from practice.interview.models import Mode, SelfAssessment, SessionSettings
from tests.interview.fakes import FAKE_GRADER, FakeGrader, small_bank

THIN = "We talked to customers about their problem."
FOLLOW_UP = "We watched the metrics weekly."
SELF = SelfAssessment(situation=True, task=False, action=True, result=False, score=3)


def start(grader: FakeGrader, mode: Mode = Mode.coach) -> InterviewEngine:
    settings = SessionSettings(
        track="leading", question_count=2, mode=mode, seed=7, max_follow_ups=2, role_level=RoleLevel.manager
    )
    return InterviewEngine.start(small_bank(), settings, grader, FAKE_GRADER, probe=FakeGrader())


def test_the_grade_sees_each_follow_up_question_and_not_the_skipped_turn() -> None:
    grader = FakeGrader()
    engine = start(grader)
    question = engine.question
    assert question is not None
    engine.submit_answer(THIN)
    assert engine.phase == Phase.follow_up
    first_follow_up = engine.prompt
    engine.submit_answer(FOLLOW_UP)
    assert engine.phase == Phase.follow_up, "the fake grader still finds an area missing"
    engine.skip_follow_up()
    engine.submit_self_assessment(SELF)

    assert grader.exchanges == [
        [Exchange(prompt=question.text, answer=THIN), Exchange(prompt=first_follow_up, answer=FOLLOW_UP)]
    ]
    assert grader.calls == [(question.id, f"{THIN}\n\n{FOLLOW_UP}")]


def test_a_mock_interview_graded_at_the_end_passes_each_attempts_own_transcript() -> None:
    grader = FakeGrader()
    engine = start(grader, Mode.mock)
    asked = []
    while engine.phase != Phase.finished:
        while engine.phase in (Phase.answering, Phase.follow_up):
            asked.append(engine.prompt)
            engine.submit_answer(f"answer {len(asked)}")
        engine.submit_self_assessment(SELF)

    prompts_per_grade = [[e.prompt for e in exchanges] for exchanges in grader.exchanges]
    assert [p for grade in prompts_per_grade for p in grade] == asked
    assert [len(grade) for grade in prompts_per_grade] == [len(r.latest().answers) for r in engine.session.records]
