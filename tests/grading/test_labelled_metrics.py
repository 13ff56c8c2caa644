"""The benchmark's arithmetic, on verdicts set by hand: a figure the lead steers by must count
ties, partial areas and quotes the way its docstring says."""

from __future__ import annotations

from practice.bank.loader import load_bank
from practice.grading import offline
from practice.grading.feedback import CriterionStatus, Feedback
from tests.grading.labelled import metrics
from tests.grading.labelled.model import Bank, Case, Kind

QUESTION = "hos-16"
TEXT = "I let them finish. Then I say what I will do next and by when."


def _case(case_id: str, kind: Kind, areas: dict[str, CriterionStatus], evidence: dict[str, str] | None = None) -> Case:
    return Case(
        id=case_id, bank=Bank.shipped, question_id=QUESTION, kind=kind, text=TEXT, areas=areas, evidence=evidence or {}
    )


def _verdict(score: float, statuses: dict[str, tuple[CriterionStatus, str | None]]) -> Feedback:
    """A real grade with its score and areas replaced, so only the arithmetic is under test."""
    graded = offline.grade(load_bank().question(QUESTION), TEXT)
    criteria = [
        result.model_copy(
            update={"status": statuses[result.criterion_id][0], "evidence": statuses[result.criterion_id][1]}
        )
        for result in graded.criteria
    ]
    return graded.model_copy(update={"score": score, "criteria": criteria})


COVERED, PARTIAL, MISSING = CriterionStatus.covered, CriterionStatus.partial, CriterionStatus.missing


def test_ordering_counts_a_tie_as_half_and_only_pairs_of_one_question() -> None:
    areas = {"c1": MISSING, "c2": MISSING}
    nothing = {"c1": (MISSING, None), "c2": (MISSING, None)}
    graded = [
        (_case("s", Kind.strong, areas), _verdict(4.0, nothing)),
        (_case("m", Kind.medium, areas), _verdict(3.0, nothing)),
        (_case("w", Kind.weak, areas), _verdict(3.0, nothing)),
        (_case("k", Kind.keyword_list, areas), _verdict(5.0, nothing)),
    ]
    figure = metrics.ordering(graded)
    assert figure.count == 3
    assert figure.value == (1 + 1 + 0.5) / 3
    assert figure.misses == ["m (medium) 3.0 vs w (weak) 3.0"]


def test_area_f1_treats_partial_as_found_and_exact_agreement_does_not() -> None:
    case = _case("c", Kind.medium, {"c1": COVERED, "c2": MISSING}, {"c1": "I let them finish"})
    verdict = _verdict(3.0, {"c1": (PARTIAL, "I let them finish."), "c2": (PARTIAL, "I let them finish.")})
    agreement = metrics.areas([(case, verdict)])
    assert agreement.f1.value == 2 * 1 / (2 * 1 + 1 + 0)
    assert agreement.exact.value == 0
    assert agreement.confusion[(COVERED, PARTIAL)] == 1 and agreement.confusion[(MISSING, PARTIAL)] == 1


def test_evidence_counts_only_areas_both_found_and_checks_the_sentence() -> None:
    case = _case(
        "c", Kind.strong, {"c1": COVERED, "c2": COVERED}, {"c1": "I let them finish", "c2": "what I will do next"}
    )
    verdict = _verdict(4.0, {"c1": (COVERED, "I let them finish."), "c2": (COVERED, "I let them finish.")})
    figure = metrics.evidence([(case, verdict)])
    assert (figure.count, figure.value) == (2, 0.5)
    assert "c c2" in figure.misses[0]
