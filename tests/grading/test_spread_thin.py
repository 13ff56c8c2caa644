"""Evidence stays specific: one general sentence that touches many areas shows none of them."""

from __future__ import annotations

from practice.bank.loader import load_bank
from practice.grading import offline
from practice.grading.feedback import CriterionStatus
from tests.grading.labelled.model import OTHER_FIELD_BANK

from .shipped import grade

GENERAL_LEGACY_PLAN = (
    "Old systems are hard to work in. I would change the code to modern best practices and make it safer for "
    "the people who know it, step by step. That is how I work."
)


def test_a_sentence_that_only_touches_many_areas_counts_for_one() -> None:
    """One general sentence "touching" learning the system, changing it safely and involving its
    people shows none of them: it counts for the area it touches most, and the others say why."""
    bank = load_bank(OTHER_FIELD_BANK)
    feedback = offline.grade(bank.question("se-04"), GENERAL_LEGACY_PLAN, bank=bank.questions)
    quoted = [result for result in feedback.criteria if result.evidence]
    assert len(quoted) == 1
    thin = [result for result in feedback.criteria if result.note and result.note.startswith("Not shown")]
    assert len(thin) >= 2
    assert all(result.status == CriterionStatus.missing and "would do" in (result.note or "") for result in thin)


def test_a_sentence_specific_enough_to_cover_an_area_may_serve_several(question) -> None:
    answer = (
        "At a furniture retailer a customer rang about a sofa delivered torn, the second delivery that month. "
        "I let her finish, said back what I had heard, checked the warehouse while she was on hold, found a "
        "replacement in stock and booked a Saturday delivery so she lost no more days off work. "
        "She called back a week later to thank me."
    )
    feedback = grade(question("emp-03"), answer)
    assert not any(result.note and result.note.startswith("Not shown") for result in feedback.criteria)
