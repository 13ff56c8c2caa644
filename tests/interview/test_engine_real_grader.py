"""The engine with the shipped bank and the real offline grader, end to end: the follow-up
choice and the verdicts come from the product's own grading, not from a fake."""

from __future__ import annotations

import pytest

from practice.bank.loader import load_bank
from practice.bank.models import QuestionBank, RoleLevel
from practice.bank.selection import default_question_count
from practice.grading import offline
from practice.grading.feedback import CriterionStatus
from practice.interview.engine import InterviewEngine, Phase
from practice.interview.models import Mode, SelfAssessment, SessionSettings, SessionStatus

TRANSFORMATION = (
    "In 2022 I led the support organisation at a SaaS company where churn had climbed to 14% because teams "
    "optimised for ticket speed rather than customer outcomes. I ran a gap assessment: I interviewed 30 customers "
    "and mapped where our processes ignored their needs. I set a vision that every team would own a customer "
    "outcome, and I got buy-in by running workshops with each team lead and sharing customer call recordings. "
    "We implemented a weekly voice-of-customer review and a customer effort score dashboard."
)
RESISTANCE = (
    "The strongest resistance came from two senior engineers who saw the reviews as overhead. I paired them with "
    "customers on calls for a week, and after hearing the pain first-hand they became the loudest advocates."
)
GENERIC = (
    "In my last role our customers struggled with slow answers. My task was to fix that, so I mapped the journey, "
    "I interviewed 12 customers, I changed our triage and I trained the team. As a result satisfaction rose from "
    "78% to 91% in two quarters and churn fell by 3 points. I learned to measure before I change anything."
)
SELF = SelfAssessment(situation=True, task=True, action=True, result=True, score=4)


def grade(question, text, level, *, exchanges=()):
    return offline.grade(question, text, role_level=level)


def test_the_follow_up_asked_targets_what_the_real_grader_found_missing() -> None:
    bank = load_bank()
    question = bank.question("ccl-01")
    missing = [
        c.criterion_id for c in offline.grade(question, TRANSFORMATION).criteria if c.status == CriterionStatus.missing
    ]
    assert missing == ["a6"]  # resistance is the area this answer leaves out
    only_this = QuestionBank(tracks=bank.tracks, questions=[question])
    settings = SessionSettings(track=question.track, question_count=1, seed=0, role_level=RoleLevel.manager)
    engine = InterviewEngine.start(only_this, settings, grade, offline_grader_info())
    engine.submit_answer(TRANSFORMATION)
    assert engine.phase == Phase.follow_up
    assert "a6" in engine.follow_up.targets
    engine.submit_answer(RESISTANCE)
    feedback_before = offline.grade(question, TRANSFORMATION, role_level=RoleLevel.manager)
    while engine.phase == Phase.follow_up:
        engine.skip_follow_up()
    feedback = engine.submit_self_assessment(SELF)
    resistance = next(c for c in feedback.criteria if c.criterion_id == "a6")
    assert resistance.status != CriterionStatus.missing  # the follow-up answer counted
    assert feedback.score >= feedback_before.score


def offline_grader_info():
    return offline.grade(load_bank().questions[0], "x").grader


@pytest.mark.parametrize("mode", [Mode.coach, Mode.mock])
def test_whole_sessions_with_the_shipped_bank(mode: Mode) -> None:
    bank = load_bank()
    track = bank.track("customer-empathy")
    settings = SessionSettings(
        track=track.id, question_count=default_question_count(track), seed=3, mode=mode, max_follow_ups=1
    )
    engine = InterviewEngine.start(bank, settings, grade, offline_grader_info())
    shown = []
    while engine.phase != Phase.finished:
        engine.submit_answer(GENERIC, seconds_taken=90)
        if engine.phase == Phase.follow_up:
            engine.submit_answer("I would also follow up with the customer a week later to confirm it worked.")
        assert engine.phase == Phase.self_assessment
        shown.append(engine.submit_self_assessment(SELF))
        if engine.phase == Phase.feedback:
            engine.next_question()
    assert engine.session.status == SessionStatus.finished
    assert len(engine.session.records) == default_question_count(track)
    assert all(f is not None for f in shown) if mode == Mode.coach else shown == [None] * len(shown)
    assert all(r.latest().feedback is not None for r in engine.session.records)
    summary = engine.summary()
    assert summary.answered == summary.question_count
    assert summary.mean_score == engine.session.mean_score() and summary.mean_score is not None
    assert all(q.seconds >= 90 for q in summary.questions)


THIN = "I would handle it well. I always put the customer first and work hard with my team."


def only(question_id: str) -> tuple[QuestionBank, SessionSettings]:
    bank = load_bank()
    question = bank.question(question_id)
    return QuestionBank(tracks=bank.tracks, questions=[question]), SessionSettings(
        track=question.track, question_count=1, seed=0
    )


@pytest.mark.parametrize("question_id", [q.id for q in load_bank().questions])
def test_every_question_of_the_shipped_bank_probes_a_thin_answer_where_it_is_thin(question_id: str) -> None:
    bank, settings = only(question_id)
    question = bank.questions[0]
    missed = {c.criterion_id for c in offline.grade(question, THIN).weakest_criteria()}
    engine = InterviewEngine.start(bank, settings, grade, offline_grader_info())
    engine.submit_answer(THIN)
    assert engine.phase == Phase.follow_up, f"{question_id} went straight to self-assessment"
    assert set(engine.follow_up.targets) & missed
    assert engine.prompt == engine.follow_up.text


@pytest.mark.parametrize(
    ("question_id", "answer", "probed"),
    [
        (
            "hos-18",
            "Last year I cut cost per contact from $7.40 to $5.10 in two quarters and customer effort "
            "score improved from 3.9 to 4.4.",
            "c2",
        ),
        ("hos-02", "I track FRT, CSAT, backlog and cost per contact every week.", "c2"),
    ],
)
def test_the_derived_probe_asked_is_the_one_for_the_area_the_answer_missed(
    question_id: str, answer: str, probed: str
) -> None:
    """The answer covers one area and misses the other (per the real grader): the probe asked
    is the derived one aimed at the missed area, not the first in the list."""
    bank, settings = only(question_id)
    statuses = {c.criterion_id: c.status for c in offline.grade(bank.questions[0], answer).criteria}
    assert statuses["c1"] == CriterionStatus.covered and statuses[probed] == CriterionStatus.missing
    engine = InterviewEngine.start(bank, settings, grade, offline_grader_info())
    engine.submit_answer(answer)
    assert engine.follow_up.targets == [probed] and engine.follow_up.derived
