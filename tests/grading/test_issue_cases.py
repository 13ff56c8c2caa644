"""The verdicts a new user saw and stopped trusting (issue 10), each written as a full answer in
tests/grading/labelled/regressions.json: each test holds the grader to what a careful coach
would say about that answer."""

from __future__ import annotations

import pytest

from practice.grading import offline
from practice.grading.feedback import CriterionStatus, Feedback, FlagKind
from tests.grading.labelled.metrics import Banks
from tests.grading.labelled.model import SET_FILES, Case, load_set

MISDIRECTED = (FlagKind.other_question, FlagKind.off_topic)


@pytest.fixture(scope="module")
def banks() -> Banks:
    return Banks.load()


@pytest.fixture(scope="module")
def cases() -> dict[str, Case]:
    return {case.id: case for case in load_set(SET_FILES["regressions"]).cases}


@pytest.fixture(scope="module")
def graded(banks: Banks, cases: dict[str, Case]) -> dict[str, Feedback]:
    return {
        case_id: offline.grade(
            banks.question(case), case.text, bank=banks.of(case).questions, vocabulary=banks.of(case).vocabulary
        )
        for case_id, case in cases.items()
    }


def _area(feedback: Feedback, words: str):
    return next(result for result in feedback.criteria if words in result.text)


@pytest.mark.parametrize("case_id", ["reg-ccl13-tradeoff", "reg-ccl10-culture", "reg-emp04-bakery"])
def test_a_strong_story_is_not_called_an_answer_to_another_question(graded: dict[str, Feedback], case_id: str) -> None:
    feedback = graded[case_id]
    assert not any(feedback.has_flag(kind) for kind in MISDIRECTED), feedback.flags
    assert feedback.score >= 3.5
    assert feedback.star.situation.present


def test_a_long_answer_to_another_question_covers_nothing_and_meets_nothing(graded: dict[str, Feedback]) -> None:
    feedback = graded["reg-hos01-transformation"]
    assert feedback.score <= 2.5
    assert not any(result.status == CriterionStatus.covered for result in feedback.criteria)
    assert not any(reason.startswith("Meets what is expected") for reason in feedback.reasons)
    assert not feedback.strengths


def test_the_impact_is_quoted_from_the_result_not_the_problem(graded: dict[str, Feedback]) -> None:
    """ccl-04: "churn … had climbed to 18%" is the problem; "fell from 18% to 11%" is the impact."""
    feedback = graded["reg-ccl04-churn"]
    quoted = " ".join(result.evidence or "" for result in feedback.criteria if "impact" in result.text.lower())
    assert "climbed" not in quoted
    assert feedback.star.result.present and "climbed" not in (feedback.star.result.evidence or "")


def test_writing_articles_does_not_cover_measuring_them(graded: dict[str, Feedback]) -> None:
    area = _area(graded["reg-hos06-vague"], "measure deflection")
    assert area.status != CriterionStatus.covered


def test_a_vague_on_topic_answer_is_told_it_is_vague_not_off_topic(graded: dict[str, Feedback]) -> None:
    feedback = graded["reg-hos06-vague"]
    assert feedback.has_flag(FlagKind.vague) and not feedback.has_flag(FlagKind.off_topic)
    assert feedback.improvements[0].startswith("Vague:")


def test_the_role_sentence_is_not_evidence_of_sustained_improvement(graded: dict[str, Feedback]) -> None:
    area = _area(graded["reg-ccl08-process"], "sustained improvement")
    assert "I led a team of 12 agents" not in (area.evidence or "")


def test_recognition_quotes_the_compliments_not_the_refund_rule(graded: dict[str, Feedback]) -> None:
    area = _area(graded["reg-ccl10-culture"], "recognized and celebrated")
    assert area.status != CriterionStatus.missing
    assert "compliments were read out" in (area.evidence or "")
    assert "£25" not in (area.evidence or "")


@pytest.mark.parametrize(
    ("case_id", "part", "words"),
    [
        ("reg-ccl05-payroll", "situation", "At a B2B payroll software company where I led"),
        ("reg-hos11-one-owner", "task", "My job as support lead was to save the account"),
        ("reg-ccl10-culture", "task", "I wanted every colleague to feel they could put a problem right"),
        ("reg-emp04-bakery", "result", "She opened on time and later wrote to my manager"),
        ("reg-ccl02-my-task", "task", "My task was to"),
    ],
)
def test_a_star_part_stated_plainly_is_found_where_it_is_said(
    graded: dict[str, Feedback], case_id: str, part: str, words: str
) -> None:
    star = graded[case_id].star.parts()[part]
    assert star.present and words in (star.evidence or ""), star


def test_no_advice_asks_for_a_star_part_the_answer_has(graded: dict[str, Feedback]) -> None:
    for feedback in graded.values():
        present = {name for name, part in feedback.star.parts().items() if part.present}
        asked = {name for name, advice in offline.STAR_ADVICE.items() if advice in feedback.improvements}
        assert not present & asked, (feedback.question_id, present & asked)


def test_figures_are_read_whole_and_times_of_day_are_not_figures(graded: dict[str, Feedback]) -> None:
    assert "1.2 million" in graded["reg-ccl13-tradeoff"].specificity.numbers
    for feedback in (graded["reg-emp04-bakery"], graded["reg-hos11-one-owner"]):
        assert not any(
            figure.endswith(("am", "pm")) or figure in ("3", "4", "8", "9") for figure in feedback.specificity.numbers
        )


def test_an_action_ends_where_its_clause_does(graded: dict[str, Feedback]) -> None:
    actions = graded["reg-hos11-one-owner"].specificity.concrete_actions
    owner = next(action for action in actions if action.startswith("I gave him one owner"))
    assert not owner.endswith(("-", "me"))
