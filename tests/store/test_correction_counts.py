"""The history marks each session whose coach corrected the grader: how many verdicts were
corrected (adjusted scores, area verdicts, STAR parts), counted in the store for one page."""

from __future__ import annotations

from practice import locations
from practice.store import coach_review
from practice.store.sqlite import SessionStore
from tests.export.factory import build_session


def test_corrections_are_counted_per_session_and_only_where_there_are_any() -> None:
    with SessionStore(locations.store_path()) as store:
        corrected = build_session(session_id="a" * 32)  # the factory's coach adjusted one score
        corrected = coach_review.set_answer_review(
            corrected,
            "ccl-01",
            1,
            note="",
            adjusted_score=None,
            reason=None,
            areas={"measured-result": ("partial", "nine days to two"), "change-made": ("covered", "the flow")},
            star={"result": ("present", "refund time fell")},
        )
        noted = coach_review.set_answer_review(
            build_session(session_id="b" * 32, reviewed=False),
            "ccl-01",
            1,
            note="Nice",
            adjusted_score=None,
            reason=None,
        )
        for session in (corrected, noted, build_session(session_id="c" * 32, reviewed=False)):
            store.save(session)
        assert store.correction_counts(["a" * 32, "b" * 32, "c" * 32, "missing"]) == {"a" * 32: 4}
        assert store.correction_counts([]) == {}
