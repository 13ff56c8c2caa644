"""The session summary computed from a session driven through the engine with known answers."""

from __future__ import annotations

import pytest

from practice.interview.engine import InterviewEngine, Phase
from practice.interview.models import Mode, SelfAssessment, SessionSettings
from practice.interview.summary import summarize
from tests.interview.fakes import FAKE_GRADER, FakeGrader, small_bank

# The fake grader: a criterion is covered when its first word (customers / metrics / obstacles)
# appears; STAR parts by the words situation / task / "i did" / result.
ANSWERS = {
    "q1": "Customers were unhappy. The situation was bad and I did things.",  # 1 of 3, S+A, no figures
    "q2": "Customers, metrics and obstacles: 3 plans in order.",  # situational, all covered
    "q3": "Customers and metrics mattered. Situation, task, I did it, result 10%.",  # misses obstacles
    "q4": "Customers only. The task was mine.",  # 1 of 3, T only, no figures
}
CLAIM = SelfAssessment(situation=True, task=True, action=True, result=True, score=5)


@pytest.fixture
def engine() -> InterviewEngine:
    settings = SessionSettings(track="leading", question_count=4, seed=2, mode=Mode.coach, max_follow_ups=0)
    engine = InterviewEngine.start(small_bank(), settings, FakeGrader(), FAKE_GRADER, probe=FakeGrader())
    while engine.phase != Phase.finished:
        engine.submit_answer(ANSWERS[engine.question.id], seconds_taken=30)
        engine.submit_self_assessment(CLAIM)
        if engine.question.id == "q1":
            engine.retry()  # the second try misses the same areas again
            engine.submit_answer(ANSWERS["q1"] + " Still only that.", seconds_taken=45)
            engine.submit_self_assessment(CLAIM)
        engine.next_question()
    return engine


def test_per_question_scores_attempts_and_time(engine: InterviewEngine) -> None:
    summary = engine.summary()
    by_id = {q.question_id: q for q in summary.questions}
    assert by_id["q1"].attempt_scores == [2.33, 2.33] and by_id["q1"].seconds == 45
    assert by_id["q2"].score == 5.0 and by_id["q3"].score == 3.67
    assert summary.answered == summary.question_count == 4
    assert summary.total_seconds == 45 + 30 * 3
    assert summary.mean_score == round((2.33 + 5 + 3.67 + 2.33) / 4, 2)


def test_weakest_criteria_name_the_question_and_how_often_they_were_missed(engine: InterviewEngine) -> None:
    weakest = engine.summary().weakest_criteria
    assert (weakest[0].question_id, weakest[0].count) == ("q1", 2)  # missed in both attempts: first
    assert {(w.question_id, w.criterion_id) for w in weakest} == {
        ("q1", "c2"),
        ("q1", "c3"),
        ("q3", "c3"),
        ("q4", "c2"),
        ("q4", "c3"),
    }
    assert all(w.text and w.question_text for w in weakest)


def test_star_hit_rate_counts_behavioral_questions_only(engine: InterviewEngine) -> None:
    rates = {r.part: (r.hits, r.total) for r in engine.summary().star}
    # q1 (latest): S, A; q3: S, T, A, R; q4: T.  q2 is situational and not counted.
    assert rates == {"situation": (2, 3), "task": (2, 3), "action": (2, 3), "result": (1, 3)}


def test_self_assessment_gaps(engine: InterviewEngine) -> None:
    summary = engine.summary()
    q4 = next(g for g in summary.self_gaps if g.question_id == "q4")
    assert (q4.self_score, q4.grader_score, q4.gap) == (5, 2.33, 2.67)
    assert q4.star_disagreements == ["situation", "action", "result"]
    assert next(g for g in summary.self_gaps if g.question_id == "q2").star_disagreements == []  # STAR n/a
    assert len(summary.self_gaps) == 5  # one per graded attempt
    assert summary.mean_self_gap == pytest.approx(round(sum(g.gap for g in summary.self_gaps) / 5, 2))


def test_practise_next_is_concrete(engine: InterviewEngine) -> None:
    suggestions = engine.summary().practise_next
    kinds = [s.kind for s in suggestions]
    assert kinds[:2] == ["question", "question"]
    assert {s.target for s in suggestions[:2]} == {"q1", "q4"}
    q1 = next(s for s in suggestions if s.target == "q1")
    assert "Metrics used to judge success" in q1.text and "2.33" in q1.text
    assert any(s.kind == "star" and s.target == "result" for s in suggestions)
    assert len(suggestions) <= 5


def test_nothing_to_suggest_after_a_strong_session() -> None:
    settings = SessionSettings(track="leading", question_count=2, seed=2, max_follow_ups=0)
    engine = InterviewEngine.start(small_bank(), settings, FakeGrader(), FAKE_GRADER, probe=FakeGrader())
    while engine.phase != Phase.finished:
        engine.submit_answer("Situation and task: customers. I did metrics work; obstacles cleared; result 12%.")
        engine.submit_self_assessment(SelfAssessment(situation=True, task=True, action=True, result=True, score=5))
        engine.next_question()
    summary = summarize(engine.session)
    assert summary.practise_next == [] and summary.weakest_criteria == []
    assert summary.mean_self_gap == 0


def test_a_session_finished_early_suggests_the_questions_it_did_not_reach() -> None:
    settings = SessionSettings(track="leading", question_count=3, seed=2, max_follow_ups=0)
    engine = InterviewEngine.start(small_bank(), settings, FakeGrader(), FAKE_GRADER, probe=FakeGrader())
    answered = engine.question.id
    engine.submit_answer("Situation and task: customers. I did metrics work; result 12%.")  # no obstacles
    engine.submit_self_assessment(CLAIM)
    engine.finish()
    summary = summarize(engine.session)
    unreached = [q.question_id for q in summary.questions if not q.answered]
    assert len(unreached) == 2
    texts = [s.text for s in summary.practise_next]
    assert f"this session did not reach: {', '.join(unreached)}." in texts[0]
    # Scored well, yet one area was left out entirely: named, so the next try covers it.
    assert summary.questions[0].score is not None and summary.questions[0].score >= 3
    assert any(s.kind == "criterion" and s.target == answered and "also cover" in s.text for s in summary.practise_next)
