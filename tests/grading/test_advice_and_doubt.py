"""Advice that fits the question and the answer, doubt said where the grader cannot tell, and
sensible grades in a field the grader has no vocabulary for."""

from __future__ import annotations

import json

import pytest

from practice.bank.loader import load_bank
from practice.bank.models import QuestionType
from practice.cli import main
from practice.grading import offline
from practice.grading.feedback import CriterionStatus, FlagKind
from tests.grading.labelled.metrics import Banks, areas, ordering, star
from tests.grading.labelled.model import OTHER_FIELD_BANK, SET_FILES, Bank, Kind, load_set

from .answers import EXCELLENT, HOS_01, VAGUE
from .shipped import grade

PHASES_ADVICE = offline.STRUCTURE_CHECKS["phases"][1]


@pytest.mark.parametrize("question_id", ["hos-16", "hos-24", "hos-15"])
def test_planning_advice_only_where_the_question_asks_for_a_plan(question, question_id: str) -> None:
    q = question(question_id)
    assert q.type == QuestionType.situational
    feedback = grade(q, VAGUE[HOS_01])
    assert PHASES_ADVICE not in feedback.improvements
    assert not any(line.startswith("Phased plan") or "phases" in line for line in feedback.structure)


def test_a_plan_question_is_still_told_to_lay_out_phases(question) -> None:
    feedback = grade(
        question(HOS_01), "I would listen to the team and customers, fix what hurts most and hire well. " * 4
    )
    assert PHASES_ADVICE in feedback.improvements


@pytest.mark.parametrize("question_id", ["hos-23", "hos-24"])
def test_a_question_about_the_candidate_is_not_told_to_list_steps_or_a_measure(question, question_id: str) -> None:
    """ "Why are you excited about leading Support here?" and "your leadership style" ask what
    guides the candidate: steps to follow and a target to watch fit neither."""
    feedback = grade(question(question_id), VAGUE[HOS_01])
    for name in ("steps", "measurement"):
        assert offline.STRUCTURE_CHECKS[name][1] not in feedback.improvements, name
    structure = next(reason for reason in feedback.reasons if reason.startswith("Structure:"))
    assert "steps" not in structure and "measure" not in structure
    assert grade(question("hos-16"), VAGUE[HOS_01]).improvements.count(offline.STRUCTURE_CHECKS["steps"][1]) == 1


def test_every_verdict_says_how_sure_it_is_and_doubt_is_said_in_words(question) -> None:
    feedback = grade(question("ccl-01"), EXCELLENT["ccl-01"])
    data = json.loads(feedback.model_dump_json())
    assert all(0 <= area["confidence"] <= 1 for area in data["criteria"])
    assert all(
        0 <= part["confidence"] <= 1
        for part in (data["star"][name] for name in ("situation", "task", "action", "result"))
    )
    for result in feedback.criteria:
        doubtful = result.confidence is not None and result.confidence < 0.6
        assert doubtful == ("check this yourself" in (result.note or "")), result


def test_the_json_contract_keeps_its_fields(tmp_path, capsys) -> None:
    answer = tmp_path / "answer.txt"
    answer.write_text(EXCELLENT["ccl-01"], encoding="utf-8")
    assert main(["grade", "ccl-01", "--json", "--answer-file", str(answer)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"score", "star", "criteria"} <= set(data)
    assert {"present", "evidence"} <= set(data["star"]["situation"])
    assert {"text", "status", "evidence"} <= set(data["criteria"][0])


def test_another_field_is_graded_with_the_neutral_vocabulary() -> None:
    """A software-engineering bank names no vocabulary: its strong answers are still told apart
    from weak ones, and none is flagged, with no customer-support word in sight."""
    bank = load_bank(OTHER_FIELD_BANK)
    banks = Banks.load()
    cases = [case for case in load_set(SET_FILES["dev"]).cases if case.bank == Bank.other_field]
    graded = [
        (case, offline.grade(banks.question(case), case.text, bank=bank.questions, vocabulary=bank.vocabulary))
        for case in cases
    ]
    assert len({case.question_id for case, _ in graded}) >= 2
    assert ordering(graded).value >= 0.9
    for case, feedback in graded:
        if case.kind == Kind.strong:
            assert feedback.flags == [] and feedback.score >= 3.5, (case.id, feedback.score, feedback.flags)


def test_the_labelled_development_set_stays_above_its_floors() -> None:
    """Floors just under the measured figures (benchmarks/bench_grading_quality.py prints them all):
    a change that makes the grader's judgement worse on these answers fails here."""
    banks = Banks.load()
    cases = [case for name in ("dev", "regressions") for case in load_set(SET_FILES[name]).cases]
    graded = [
        (
            case,
            offline.grade(
                banks.question(case), case.text, bank=banks.of(case).questions, vocabulary=banks.of(case).vocabulary
            ),
        )
        for case in cases
    ]
    assert ordering(graded).value >= 0.95
    assert areas(graded).f1.value >= 0.78
    parts = star(graded)
    assert parts["all"].value >= 0.92 and parts["task"].value >= 0.9
    flagged = [
        case.id
        for case, feedback in graded
        if case.kind in (Kind.strong, Kind.medium) and feedback.has_flag(FlagKind.other_question)
    ]
    # One is still wrongly flagged (dev2-hos18-medium-nonnative reads as hos-22 for "After we
    # launched"): the floor is what is measured, so a second one fails here.
    assert len(flagged) <= 1, flagged
    for kind, cap in ((Kind.keyword_list, 2.0), (Kind.injection, 2.0)):
        assert max(feedback.score for case, feedback in graded if case.kind == kind) <= cap
    assert all(
        result.status != CriterionStatus.covered
        for case, feedback in graded
        if case.kind == Kind.keyword_list
        for result in feedback.criteria
    )


def test_an_area_missing_from_an_otherwise_specific_answer_is_not_asserted_missing(question) -> None:
    """On the labelled answers, an area not found in an answer that covers most of the others is
    labelled present about half the time: the grader says it may be there in other words."""
    specific = (
        "In my first month I'd read 300 recent tickets, shadow every agent for a shift and interview ten of our "
        "largest customers. By day 60 I'd ship quick wins: SLAs per channel, the first 20 help articles and a "
        "weekly dashboard for first response time and CSAT. By day 90 I'd present a hiring plan and a tooling "
        "roadmap for the next year, tied to first response under four hours."
    )
    feedback = grade(question(HOS_01), specific)
    assert [result.status for result in feedback.criteria] == [
        CriterionStatus.covered,
        CriterionStatus.missing,
        CriterionStatus.covered,
    ]
    prioritising = feedback.criteria[1]
    assert prioritising.confidence is not None and prioritising.confidence < 0.6
    assert prioritising.note and "check this yourself" in prioritising.note
    # The advice does not tell the candidate the answer lacks what the grader doubts it lacks.
    [advice] = [line for line in feedback.improvements if "prioritize ruthlessly" in line]
    assert "nothing in the answer" not in advice and advice.startswith('Make "prioritize ruthlessly" plain')

    thin = "I'd start by listening to customers and the team, then fix some things quickly and plan for growth later."
    thin_feedback = grade(question(HOS_01), thin)
    unshown = thin_feedback.criteria[1]
    assert unshown.status == CriterionStatus.missing and unshown.confidence == 1.0 and unshown.note is None
    assert any(line.startswith('Cover "prioritize ruthlessly": nothing') for line in thin_feedback.improvements)
