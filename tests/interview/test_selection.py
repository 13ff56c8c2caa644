"""Question selection: seeded, spread over competencies, with clear errors."""

from __future__ import annotations

import pytest

from practice.bank.loader import load_bank
from practice.bank.models import QuestionBank, Track
from practice.bank.selection import chosen_questions, default_question_count, draw_questions
from practice.errors import BadInputError, NotFoundError, PracticeError
from tests.interview.fakes import guidance, question, small_bank

SEEDS = range(40)


def single_competency_bank(*, distinct: bool = True) -> QuestionBank:
    return QuestionBank(
        tracks=[Track(id="leading", title="Leading", description="d", guidance=guidance(distinct=distinct))],
        questions=[question("a1", ["a"]), question("a2", ["a"]), question("b1", ["b"]), question("c1", ["c"])],
    )


def ids(questions) -> list[str]:
    return [q.id for q in questions]


def test_the_same_seed_draws_the_same_questions_and_seeds_vary_the_draw() -> None:
    bank = small_bank()
    assert ids(draw_questions(bank, track="leading", count=3, seed=5)) == ids(
        draw_questions(bank, track="leading", count=3, seed=5)
    )
    assert len({tuple(ids(draw_questions(bank, track="leading", count=3, seed=s))) for s in SEEDS}) > 1


def test_questions_come_from_the_chosen_track_only() -> None:
    for seed in SEEDS:
        assert all(q.track == "leading" for q in draw_questions(small_bank(), track="leading", count=4, seed=seed))


def test_draws_spread_over_distinct_competencies() -> None:
    for seed in SEEDS:
        drawn = draw_questions(single_competency_bank(), track="leading", count=3, seed=seed)
        assert sorted(q.competencies[0] for q in drawn) == ["a", "b", "c"]


def test_without_the_distinct_rule_a_competency_can_repeat() -> None:
    draws = [draw_questions(single_competency_bank(distinct=False), track="leading", count=3, seed=s) for s in SEEDS]
    assert any({"a1", "a2"} <= set(ids(drawn)) for drawn in draws)


def test_a_competency_filter_covers_each_requested_competency_first() -> None:
    for seed in SEEDS:
        drawn = draw_questions(single_competency_bank(), track="leading", competencies=["a", "c"], count=2, seed=seed)
        assert sorted(q.competencies[0] for q in drawn) == ["a", "c"]


def test_without_a_track_the_whole_bank_is_drawn_from() -> None:
    drawn = draw_questions(small_bank(), competencies=["listening"], count=3, seed=1)
    assert set(ids(drawn)) == {"q1", "q3", "o1"}


def test_the_count_defaults_to_the_track_guidance() -> None:
    bank = small_bank()
    assert len(draw_questions(bank, track="leading", seed=1)) == default_question_count(bank.track("leading")) == 3


def test_unknown_track_names_the_known_ones() -> None:
    with pytest.raises(NotFoundError, match="unknown track 'nope'") as caught:
        draw_questions(small_bank(), track="nope", seed=1)
    assert "leading, other" in str(caught.value)


def test_unknown_competency_is_named() -> None:
    with pytest.raises(NotFoundError, match="unknown competency in track 'leading': juggling") as caught:
        draw_questions(small_bank(), track="leading", competencies=["listening", "juggling"], seed=1)
    assert "empathy" in str(caught.value)


def test_asking_for_more_questions_than_match_is_a_clear_error() -> None:
    with pytest.raises(BadInputError, match=r"track 'leading' with competencies empathy has 2 question.*3 were asked"):
        draw_questions(small_bank(), track="leading", competencies=["empathy"], count=3, seed=1)


def test_a_count_below_one_is_refused() -> None:
    with pytest.raises(BadInputError, match="at least 1"):
        draw_questions(small_bank(), track="leading", count=0, seed=1)


def test_every_shipped_track_gives_a_full_interview() -> None:
    bank = load_bank()
    for track in bank.tracks:
        drawn = draw_questions(bank, track=track.id, seed=11)
        assert len(drawn) == default_question_count(track)
        assert len(set(ids(drawn))) == len(drawn)
        first_competencies = [q.competencies for q in drawn]
        assert len({c for cs in first_competencies for c in cs}) > len(first_competencies)


def test_questions_chosen_by_hand_are_asked_as_chosen_in_that_order() -> None:
    bank = small_bank()
    picked = [bank.questions[2].id, bank.questions[0].id]
    assert ids(chosen_questions(bank, picked)) == picked


@pytest.mark.parametrize(
    ("chosen", "message"),
    [
        ([], "no questions were chosen"),
        (["nope"], "unknown question id(s): nope"),
        (["twice", "twice"], "chosen twice"),
    ],
)
def test_a_bad_hand_picked_list_is_refused_with_what_is_wrong(chosen: list[str], message: str) -> None:
    bank = small_bank()
    chosen = [bank.questions[0].id if c == "twice" else c for c in chosen]
    with pytest.raises(PracticeError) as raised:
        chosen_questions(bank, chosen)
    assert message in raised.value.message
