"""Whole interviews driven headless through the engine, in both modes, with a fake grader
whose verdicts the tests control (see fakes.py)."""

from __future__ import annotations

import pytest

from practice.bank.models import RoleLevel
from practice.interview.engine import EngineError, InterviewEngine, Phase
from practice.interview.models import AnswerKind, Mode, SelfAssessment, Session, SessionSettings, SessionStatus
from tests.interview.fakes import FAKE_GRADER, FakeGrader, small_bank

FULL = (
    "The situation: customers and their problem. My task was clear; I did the work, metrics rose 20%, "
    "obstacles overcome. The result held."
)
THIN = "We talked to customers about their problem."
SELF = SelfAssessment(situation=True, task=True, action=True, result=False, score=4)


def start(
    mode: Mode = Mode.coach, *, count: int = 3, max_follow_ups: int = 2, grader: FakeGrader | None = None
) -> InterviewEngine:
    settings = SessionSettings(
        track="leading",
        question_count=count,
        mode=mode,
        seed=7,
        max_follow_ups=max_follow_ups,
        role_level=RoleLevel.manager,
    )
    grade = grader or FakeGrader()
    return InterviewEngine.start(small_bank(), settings, grade, FAKE_GRADER, probe=FakeGrader())


def answer_fully(engine: InterviewEngine) -> None:
    engine.submit_answer(FULL, seconds_taken=60)
    assert engine.phase == Phase.self_assessment


def test_coach_session_gives_feedback_after_each_answer_and_finishes() -> None:
    grader = FakeGrader()
    engine = start(grader=grader)
    seen = []
    for index in range(3):
        assert engine.phase == Phase.answering
        assert engine.question_index == index
        assert engine.prompt == engine.question.text
        seen.append(engine.question.id)
        answer_fully(engine)
        feedback = engine.submit_self_assessment(SELF)
        assert feedback is not None and feedback.score == 5
        assert engine.phase == Phase.feedback
        assert engine.attempt.feedback == feedback and engine.attempt.self_assessment == SELF
        assert len(grader.calls) == index + 1
        engine.next_question()
    assert engine.phase == Phase.finished
    assert engine.question is None
    assert engine.session.status == SessionStatus.finished
    assert len(set(seen)) == 3 and engine.session.mean_score() == 5
    assert len(grader.calls) == 3  # finishing does not grade anything twice


def test_mock_session_grades_only_at_the_end() -> None:
    grader = FakeGrader()
    engine = start(Mode.mock, grader=grader)
    for index in range(3):
        answer_fully(engine)
        assert engine.submit_self_assessment(SELF) is None
        if index < 2:
            assert grader.calls == [] and engine.phase == Phase.answering
    assert engine.phase == Phase.finished and len(grader.calls) == 3
    assert all(r.attempts[0].feedback is not None for r in engine.session.records)
    assert all(r.attempts[0].self_assessment == SELF for r in engine.session.records)
    assert engine.session.status == SessionStatus.finished


@pytest.mark.parametrize(
    ("answer", "expected"),
    [
        ("Customers and their problem; the obstacles were budget.", "f-metrics"),  # misses c2 (metrics)
        ("Customers and their problem; the metrics were NPS and churn.", "f-obstacles"),  # misses c3
    ],
)
def test_follow_up_targets_the_criterion_the_answer_missed(answer: str, expected: str) -> None:
    engine = start()
    engine.submit_answer(answer)
    assert engine.phase == Phase.follow_up
    assert engine.follow_up is not None and engine.follow_up.id == expected
    assert engine.prompt == engine.follow_up.text


def test_no_follow_up_when_every_criterion_is_covered() -> None:
    engine = start()
    engine.submit_answer(FULL)
    assert engine.phase == Phase.self_assessment and engine.follow_up is None


def test_follow_ups_stop_at_the_budget_and_never_repeat() -> None:
    engine = start(max_follow_ups=2)
    engine.submit_answer(THIN)  # misses metrics and obstacles
    first = engine.follow_up.id
    engine.submit_answer("Nothing more to add.")
    second = engine.follow_up.id
    assert (first, second) == ("f-metrics", "f-obstacles")
    engine.submit_answer("Still nothing.")
    assert engine.phase == Phase.self_assessment
    kinds = [a.kind for a in engine.attempt.answers]
    assert kinds == [AnswerKind.main, AnswerKind.follow_up, AnswerKind.follow_up]
    assert [a.follow_up_id for a in engine.attempt.answers] == [None, "f-metrics", "f-obstacles"]


def test_no_follow_ups_when_budget_is_zero() -> None:
    engine = start(max_follow_ups=0)
    engine.submit_answer(THIN)
    assert engine.phase == Phase.self_assessment


def test_follow_up_answer_counts_towards_the_feedback() -> None:
    grader = FakeGrader()
    engine = start(grader=grader)
    engine.submit_answer("Customers and their problem; obstacles were budget.")
    assert engine.follow_up.id == "f-metrics"
    engine.submit_answer("The metrics were churn and NPS.")
    assert engine.phase == Phase.self_assessment  # the follow-up closed the gap
    feedback = engine.submit_self_assessment(SELF)
    assert "The metrics were churn and NPS." in grader.calls[-1][1]
    assert all(c.status == "covered" for c in feedback.criteria)


def test_skip_keeps_the_turn_and_any_draft_but_grades_without_it() -> None:
    grader = FakeGrader()
    engine = start(grader=grader)
    engine.submit_answer(THIN)
    engine.save_draft("half a thought about metrics")
    engine.skip_follow_up()
    skipped = engine.attempt.answers[-1]
    assert skipped.skipped and skipped.text == "half a thought about metrics"
    assert skipped.follow_up_id == "f-metrics"
    assert engine.session.draft is None
    assert engine.follow_up.id == "f-obstacles"  # moves on like an answer would
    engine.skip_follow_up()
    engine.submit_self_assessment(SELF)
    assert grader.calls[-1][1] == THIN


def test_retry_keeps_attempts_side_by_side() -> None:
    engine = start()
    qid = engine.question.id
    engine.submit_answer(THIN)
    engine.skip_follow_up()
    engine.skip_follow_up()
    first = engine.submit_self_assessment(SELF)
    engine.retry()
    assert engine.phase == Phase.answering and engine.question.id == qid
    assert engine.attempt.number == 2
    answer_fully(engine)
    second = engine.submit_self_assessment(SELF)
    attempts = engine.session.record(qid).attempts
    assert [a.feedback.score for a in attempts] == [first.score, second.score]
    assert first.score < second.score
    assert engine.summary().questions[0].attempt_scores == [first.score, second.score]
    transcript = engine.transcript()
    assert [e.attempt for e in transcript if e.speaker == "candidate"] == [1, 1, 1, 2]


def test_retry_after_finish_reopens_the_session() -> None:
    engine = start(count=2)
    for _ in range(2):
        answer_fully(engine)
        engine.submit_self_assessment(SELF)
        engine.next_question()
    first_id = engine.session.records[0].question.id
    engine.retry(first_id)
    assert engine.session.status == SessionStatus.in_progress
    assert engine.question.id == first_id and engine.phase == Phase.answering
    answer_fully(engine)
    engine.submit_self_assessment(SELF)
    engine.next_question()
    assert engine.phase == Phase.finished and engine.session.status == SessionStatus.finished


def test_finish_early_grades_what_was_answered_and_drops_the_open_attempt() -> None:
    grader = FakeGrader()
    engine = start(Mode.mock, grader=grader)
    answer_fully(engine)
    engine.submit_self_assessment(SELF)
    engine.save_draft("an unfinished thought")
    engine.finish()
    records = engine.session.records
    assert engine.phase == Phase.finished and engine.session.status == SessionStatus.finished
    assert records[0].attempts[0].feedback is not None
    assert records[1].attempts == [] and records[2].attempts == []
    assert engine.session.draft.text == "an unfinished thought"  # never thrown away
    assert len(grader.calls) == 1
    summary = engine.summary()
    assert (summary.answered, summary.question_count) == (1, 3)


def test_finish_grades_an_answered_attempt_before_self_assessment() -> None:
    engine = start()
    engine.submit_answer(FULL)
    engine.finish()
    assert engine.session.records[0].attempts[0].feedback is not None
    assert engine.session.records[0].attempts[0].self_assessment is None


def roundtrip(session: Session) -> Session:
    return Session.model_validate_json(session.model_dump_json())


def test_resume_mid_question_restores_phase_prompt_and_draft() -> None:
    engine = start()
    answer_fully(engine)
    engine.submit_self_assessment(SELF)
    engine.next_question()
    engine.save_draft("I was halfway through my answer")
    resumed = InterviewEngine.resume(small_bank(), roundtrip(engine.session), FakeGrader(), probe=FakeGrader())
    assert resumed.phase == Phase.answering
    assert resumed.question_index == 1 and resumed.question == engine.question
    assert resumed.prompt == engine.question.text
    assert resumed.draft_text == "I was halfway through my answer"
    resumed.submit_answer(resumed.draft_text + ": customers, metrics, obstacles.")
    assert resumed.session.draft is None and resumed.draft_text == ""


def test_resume_mid_follow_up_keeps_the_reworded_follow_up() -> None:
    engine = start()
    engine.submit_answer(THIN)
    engine.use_follow_up_text("Which numbers told you it worked?")
    engine.save_draft("NPS went")
    resumed = InterviewEngine.resume(small_bank(), roundtrip(engine.session), FakeGrader(), probe=FakeGrader())
    assert resumed.phase == Phase.follow_up and resumed.follow_up.id == "f-metrics"
    assert resumed.prompt == "Which numbers told you it worked?"
    assert resumed.draft_text == "NPS went"
    resumed.submit_answer("NPS went up 12 points.")
    assert resumed.attempt.answers[-1].prompt == "Which numbers told you it worked?"


def test_draft_of_another_turn_is_not_offered() -> None:
    engine = start()
    engine.save_draft("for the main question")
    draft = engine.session.draft
    engine.submit_answer(THIN)
    engine.session.draft = draft  # e.g. a draft saved late by a worker, after the answer went in
    assert engine.phase == Phase.follow_up and engine.draft_text == ""


def test_a_draft_older_than_the_turn_is_not_offered_again() -> None:
    engine = start(max_follow_ups=0)
    engine.save_draft("my first try")
    stale = engine.session.draft
    engine.submit_answer(FULL)
    engine.submit_self_assessment(SELF)
    engine.retry()
    engine.session.draft = stale  # same question and kind, but from the first attempt
    assert engine.draft_text == ""
    engine.save_draft("my second try")
    assert engine.draft_text == "my second try"


def test_use_follow_up_text_rejects_unknown_follow_up() -> None:
    engine = start()
    engine.submit_answer(THIN)
    with pytest.raises(EngineError, match="no follow-up 'nope'"):
        engine.use_follow_up_text("Something", "nope")
    engine.use_follow_up_text("Tell me what slowed you down.", "f-obstacles")
    assert engine.follow_up.id == "f-obstacles"


@pytest.mark.parametrize(
    "intent",
    [
        lambda e: e.next_question(),
        lambda e: e.skip_follow_up(),
        lambda e: e.submit_self_assessment(SELF),
        lambda e: e.retry(),
        lambda e: e.use_follow_up_text("x"),
    ],
)
def test_wrong_phase_is_refused_and_changes_nothing(intent) -> None:
    engine = start()
    before = engine.session.model_dump()
    with pytest.raises(EngineError, match=r"cannot .* now: the interview is at answering"):
        intent(engine)
    assert engine.session.model_dump() == before


def test_drafts_outside_a_question_clear_or_are_refused_never_dropped() -> None:
    engine = start(max_follow_ups=0)
    engine.save_draft("typed")
    engine.submit_answer(FULL)
    engine.save_draft("")  # e.g. an empty answer box saved on finish: nothing to keep
    assert engine.phase == Phase.self_assessment and engine.session.draft is None
    with pytest.raises(EngineError, match="cannot save a draft now"):
        engine.save_draft("text with no question to belong to")


def test_empty_answer_is_refused() -> None:
    engine = start()
    with pytest.raises(EngineError, match="empty"):
        engine.submit_answer("   \n ")
    assert engine.attempt.answers == []


def test_a_failing_grader_leaves_the_answer_and_the_phase_so_it_can_be_retried() -> None:
    calls = []

    def flaky(question, text, level, *, exchanges=()):
        calls.append(text)
        if len(calls) == 1:
            raise RuntimeError("model timed out")
        return FakeGrader()(question, text, level)

    engine = start(grader=flaky)
    answer_fully(engine)
    with pytest.raises(RuntimeError):
        engine.submit_self_assessment(SELF)
    assert engine.phase == Phase.self_assessment and engine.attempt.answers[0].text == FULL
    assert engine.submit_self_assessment(SELF) is not None and engine.phase == Phase.feedback


def test_transcript_lists_turns_and_the_question_waiting_for_an_answer() -> None:
    engine = start()
    engine.submit_answer(THIN)
    entries = engine.transcript()
    assert [(e.speaker, e.kind) for e in entries] == [
        ("interviewer", AnswerKind.main),
        ("candidate", AnswerKind.main),
        ("interviewer", AnswerKind.follow_up),
    ]
    assert entries[1].text == THIN and entries[2].text == engine.prompt


def test_every_intent_updates_the_session_in_memory_at_once() -> None:
    engine = start()
    stamp = engine.session.updated_at
    engine.submit_answer(THIN, seconds_taken=12.5)
    assert engine.session.records[0].attempts[0].answers[0].text == THIN
    assert engine.session.records[0].attempts[0].answers[0].seconds_taken == 12.5
    assert engine.session.updated_at >= stamp
    assert engine.session.cursor.phase == Phase.follow_up


def test_a_session_without_a_position_cannot_be_resumed() -> None:
    engine = start()
    session = engine.session.model_copy(update={"cursor": None})
    with pytest.raises(EngineError, match="cannot be resumed"):
        InterviewEngine.resume(small_bank(), session, FakeGrader())


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        ({"question_id": "elsewhere"}, "names question 'elsewhere'"),
        ({"phase": Phase.follow_up, "follow_up_id": None, "prompt": ""}, "follow-up that has no words"),
    ],
)
def test_a_damaged_position_is_reported_on_resume(damage: dict, message: str) -> None:
    engine = start()
    session = roundtrip(engine.session)
    session.cursor = session.cursor.model_copy(update=damage)
    with pytest.raises(EngineError, match=message):
        InterviewEngine.resume(small_bank(), session, FakeGrader())


def test_a_question_at_answering_without_an_attempt_is_reported() -> None:
    engine = start()
    session = roundtrip(engine.session)
    session.records[0].attempts = []
    with pytest.raises(EngineError, match="has no attempt"):
        InterviewEngine.resume(small_bank(), session, FakeGrader())


def test_a_question_the_session_did_not_reach_can_be_answered_after_finishing() -> None:
    engine = start(count=3)
    answer_fully(engine)
    engine.submit_self_assessment(SELF)
    engine.finish()
    with pytest.raises(EngineError, match="'nope' is not in this session"):
        engine.retry("nope")
    unreached = engine.session.records[2].question.id
    assert not engine.session.record(unreached).attempts
    engine.retry(unreached)
    assert engine.question.id == unreached and engine.phase == Phase.answering
    assert engine.attempt.number == 1
