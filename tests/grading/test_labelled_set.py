"""The labelled set is data the grading benchmark trusts: these tests check the data, not the
grader (every label names a real criterion, every quote is in its answer, every question has a
strong, a medium and a weak answer to order)."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from practice.bank.loader import load_bank
from practice.bank.models import QuestionType
from practice.cli import main
from tests.grading.labelled.metrics import Banks, evidence_matches, sentence_around
from tests.grading.labelled.model import BANK_FILES, SET_FILES, Bank, Case, Kind, LabelledSetError, load_set

BALANCED_FILES = ("dev", "holdout", "holdout2", "holdout3", "holdout4", "holdout5", "dev3", "dev4", "dev5")
"""The regression file reconstructs single cases from the issue, so it is not balanced."""
HELD_OUT = ("holdout", "holdout2", "holdout3", "holdout4", "holdout5")
"""Not read while tuning: they measure answers the grader was not tuned on."""


@pytest.fixture(scope="module")
def banks() -> Banks:
    return Banks.load()


@pytest.fixture(scope="module")
def sets() -> dict[str, list[Case]]:
    return {name: load_set(path).cases for name, path in SET_FILES.items()}


def test_every_case_names_a_real_question_and_labels_exactly_its_criteria(
    sets: dict[str, list[Case]], banks: Banks
) -> None:
    for name, cases in sets.items():
        for case in cases:
            question = banks.question(case)
            assert set(case.areas) == {c.id for c in question.criteria}, (
                f"{name}/{case.id}: areas are not {question.id}'s criteria"
            )


def test_star_is_labelled_for_behavioral_questions_only(sets: dict[str, list[Case]], banks: Banks) -> None:
    for name, cases in sets.items():
        for case in cases:
            behavioral = banks.question(case).type == QuestionType.behavioral
            assert (case.star is not None) == behavioral, f"{name}/{case.id}: star labels must match the question type"
            if case.kind == Kind.empty and case.star is not None:
                assert not any(case.star.parts().values()), f"{name}/{case.id}: an empty answer has no STAR part"


def test_an_answer_to_another_question_names_another_question_of_its_track(
    sets: dict[str, list[Case]], banks: Banks
) -> None:
    """The regression file keeps the issue's one cross-track case (a ccl-01 story asked as hos-01)."""
    for name in BALANCED_FILES:
        for case in sets[name]:
            if case.answers_question is None:
                continue
            asked = banks.question(case)
            answered = banks.of(case).question(case.answers_question)
            assert answered.id != asked.id, f"{name}/{case.id}"
            assert answered.track == asked.track, f"{name}/{case.id}: {answered.id} is in another track"


def test_evidence_is_verbatim_and_in_one_sentence(sets: dict[str, list[Case]]) -> None:
    for name, cases in sets.items():
        for case in cases:
            for area, quote in case.evidence.items():
                assert quote in case.text, f"{name}/{case.id} {area}"
                assert quote in sentence_around(case.text, quote), f"{name}/{case.id} {area}: the quote spans sentences"


def test_each_question_has_a_strong_a_medium_and_a_weak_answer(sets: dict[str, list[Case]]) -> None:
    for name in BALANCED_FILES:
        kinds: dict[str, Counter[Kind]] = {}
        for case in sets[name]:
            kinds.setdefault(case.question_id, Counter())[case.kind] += 1
        for question_id, counts in kinds.items():
            if any(counts[kind] for kind in (Kind.strong, Kind.medium, Kind.weak)):
                assert all(counts[kind] >= 1 for kind in (Kind.strong, Kind.medium, Kind.weak)), (
                    f"{name}/{question_id}: {dict(counts)}"
                )


def test_the_set_spans_every_track_both_question_types_and_every_kind(
    sets: dict[str, list[Case]], banks: Banks
) -> None:
    cases = [case for name in BALANCED_FILES for case in sets[name]]
    covered = {(banks.question(case).track, banks.question(case).type) for case in cases if case.kind == Kind.strong}
    offered = {(q.track, q.type) for bank in banks.all for q in bank.questions}
    assert offered <= covered, f"no strong answer for {sorted(offered - covered)}"
    assert {case.kind for case in cases} == set(Kind)


def test_holdout_is_mostly_other_questions_than_dev(sets: dict[str, list[Case]]) -> None:
    dev = {case.question_id for case in sets["dev"]}
    holdout = {case.question_id for case in sets["holdout"]}
    assert len(holdout & dev) <= len(holdout) // 4, sorted(holdout & dev)


def test_the_second_holdout_asks_only_questions_neither_other_set_uses_in_every_bank(
    sets: dict[str, list[Case]], banks: Banks
) -> None:
    """holdout2 measures generalisation: every question it asks is one nobody tuned the grader on."""
    earlier = {case.question_id for name in ("dev", "holdout") for case in sets[name]}
    asked = {case.question_id for case in sets["holdout2"]}
    assert not asked & earlier, sorted(asked & earlier)
    assert {case.bank for case in sets["holdout2"]} == set(Bank) - {
        Bank.sales,
        Bank.teaching,
        Bank.hospitality,
        Bank.warehouse,
    }, "every bank that existed then"
    shipped_tracks = {banks.question(case).track for case in sets["holdout2"] if case.bank == Bank.shipped}
    assert shipped_tracks == {track.id for track in banks.by_name[Bank.shipped].tracks}


def test_the_third_holdout_asks_only_questions_no_other_set_asks(sets: dict[str, list[Case]], banks: Banks) -> None:
    """holdout3 is a third measure of generalisation, written apart from the grader and the other sets:
    no question it asks (or answers in its other-question cases) is asked anywhere else, it spans the
    three shipped tracks, and it brings the sales bank."""
    elsewhere = {
        case.question_id
        for name, cases in sets.items()
        if name not in ("holdout3", "holdout4", "holdout5")
        for case in cases
    }
    asked = {case.question_id for case in sets["holdout3"]}
    answered = {case.answers_question for case in sets["holdout3"] if case.answers_question is not None}
    assert not asked & elsewhere, sorted(asked & elsewhere)
    assert not answered & elsewhere, sorted(answered & elsewhere)
    assert {case.bank for case in sets["holdout3"]} == {Bank.shipped, Bank.sales}
    assert not any(case.bank == Bank.sales for name, cases in sets.items() if name != "holdout3" for case in cases)
    shipped_tracks = {banks.question(case).track for case in sets["holdout3"] if case.bank == Bank.shipped}
    assert shipped_tracks == {track.id for track in banks.by_name[Bank.shipped].tracks}


def test_the_fourth_holdout_asks_what_no_tune_on_set_asks_or_answers(sets: dict[str, list[Case]]) -> None:
    """holdout4 asks questions no tune-on set asks; holdout3 touches them only as questions its
    other-question cases really answer, and is not tuned on either. One dev case answers hos-07
    (graded against hos-16): the only way the tuning has met any of them."""
    asked = {case.question_id for case in sets["holdout4"]}
    tuned = {name for name in sets if not name.startswith("holdout")}
    tuned_asks = {case.question_id for name in tuned for case in sets[name]}
    tuned_answers = {
        case.answers_question for name in tuned for case in sets[name] if case.answers_question is not None
    }
    held = {case.question_id for name in ("holdout", "holdout2", "holdout3") for case in sets[name]}
    assert not asked & tuned_asks, sorted(asked & tuned_asks)
    assert asked & tuned_answers <= {"hos-07"}, sorted(asked & tuned_answers)
    assert not asked & held, sorted(asked & held)


def test_the_fifth_holdout_asks_and_answers_only_what_no_tune_on_set_uses(sets: dict[str, list[Case]]) -> None:
    """holdout5 was written blind in December 2026 to questions only held-out files had asked, and
    to the warehouse bank, which only it asks: graded before anyone read it, it measures the grader
    on answers nobody tuned on."""
    tuned = [name for name in sets if name not in HELD_OUT]
    tuned_use = {case.question_id for name in tuned for case in sets[name]} | {
        case.answers_question for name in tuned for case in sets[name] if case.answers_question is not None
    }
    used = {case.question_id for case in sets["holdout5"]} | {
        case.answers_question for case in sets["holdout5"] if case.answers_question is not None
    }
    assert not used & tuned_use, sorted(used & tuned_use)
    assert Bank.warehouse in {case.bank for case in sets["holdout5"]}
    assert not any(case.bank == Bank.warehouse for name, cases in sets.items() if name != "holdout5" for case in cases)


@pytest.mark.parametrize("name", ["dev3", "dev4", "dev5"])
def test_the_later_dev_files_leave_the_held_out_questions_alone(sets: dict[str, list[Case]], name: str) -> None:
    """dev3 to dev5 are tuned on: if they asked (or answered) a question a held-out file asks, that
    file would no longer measure answers the grader was not tuned on."""
    held_out = {case.question_id for held in HELD_OUT for case in sets[held]}
    used = {case.question_id for case in sets[name]} | {
        case.answers_question for case in sets[name] if case.answers_question is not None
    }
    assert not used & held_out, sorted(used & held_out)


def test_a_field_is_either_tuned_on_or_held_out(sets: dict[str, list[Case]]) -> None:
    """The teaching and hospitality banks came with dev3 and dev4 and are tuned on; sales and
    warehouse operations are asked only by held-out files, so the grader meets them untuned."""
    tuned_banks = {case.bank for name, cases in sets.items() if name not in HELD_OUT for case in cases}
    held_banks = {case.bank for name in HELD_OUT for case in sets[name]}
    assert {Bank.teaching, Bank.hospitality} <= tuned_banks
    assert {Bank.sales, Bank.warehouse} <= held_banks - tuned_banks


@pytest.mark.parametrize("bank", [bank for bank, path in BANK_FILES.items() if path is not None])
def test_each_other_field_bank_validates_and_names_no_vocabulary(
    bank: Bank, capsys: pytest.CaptureFixture[str]
) -> None:
    """A coach's imported bank from another field names no vocabulary, so it is graded with the
    neutral one; these banks stand for it."""
    path = BANK_FILES[bank]
    assert path is not None
    assert main(["bank", "validate", str(path)]) == 0
    assert "OK" in capsys.readouterr().out
    assert load_bank(path).vocabulary is None


def test_a_grader_quote_of_the_labelled_sentence_or_a_clause_of_it_counts() -> None:
    text = "Churn had climbed to 18%. I rebuilt onboarding, and churn fell from 18% to 11% in a year."
    assert evidence_matches(
        text, "churn fell from 18% to 11%", "I rebuilt onboarding, and churn fell from 18% to 11% in a year."
    )
    assert evidence_matches(text, "churn fell from 18% to 11%", "churn fell from 18% to 11% in a year")
    assert not evidence_matches(text, "churn fell from 18% to 11%", "Churn had climbed to 18%.")
    assert not evidence_matches(text, "churn fell from 18% to 11%", None)


def test_a_mislabelled_file_is_refused_with_the_case_and_the_problem(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(
        '{"description": "x", "cases": [{"id": "c1", "bank": "shipped", "question_id": "hos-06", "kind": "weak",'
        ' "text": "I would write articles.", "areas": {"c1": "partial"}, "evidence": {"c1": "I would write FAQs"}}]}',
        encoding="utf-8",
    )
    with pytest.raises(LabelledSetError, match=r"bad\.json: cases\.0 \(case 'c1'\).*not a verbatim substring"):
        load_set(bad)
    bad.write_text('{"description": "x", "cases": [], "extra": 1}', encoding="utf-8")
    with pytest.raises(LabelledSetError, match="extra"):
        load_set(bad)
