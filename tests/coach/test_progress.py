"""Progress arithmetic over sessions: per competency, STAR parts, self-assessment gap, per question."""

from __future__ import annotations

from datetime import timedelta

from export.factory import START, build_session

from practice.store.queries import compute_progress, load_progress


def _two_sessions():
    early = build_session(created_at=START, scores=(2.0, 3.0, 4.0))
    late = build_session(created_at=START + timedelta(days=3), scores=(3.0, 5.0, 2.0), reviewed=False)
    return early, late


def test_competency_scores_over_time() -> None:
    early, late = _two_sessions()
    progress = compute_progress([late, early])  # order of input does not matter
    assert progress.session_count == 2
    # customer-focus is asked only by ccl-01: both attempts count in the session's mean
    assert [(p.when, p.value) for p in progress.competency_scores["customer-focus"]] == [
        (early.created_at, 2.5),
        (late.created_at, 4.0),
    ]
    assert [p.value for p in progress.competency_scores["team-design"]] == [4.0, 2.0]


def test_star_hit_rate_counts_behavioral_answers_only() -> None:
    progress = compute_progress(_two_sessions())
    # The factory's STAR: situation, task, action present, result missing; hos-03 is situational.
    assert [p.value for p in progress.star_hit_rate["situation"]] == [1.0, 1.0]
    assert [p.value for p in progress.star_hit_rate["result"]] == [0.0, 0.0]


def test_self_assessment_gap() -> None:
    progress = compute_progress(_two_sessions())
    # self scores 4, 3, 5 against (2, 3, 4) then (3, 5, 2)
    assert [p.value for p in progress.self_gap] == [1.0, round((1 - 2 + 3) / 3, 2)]


def test_best_average_and_attempts_side_by_side() -> None:
    early, late = _two_sessions()
    by_id = {q.question_id: q for q in compute_progress([early, late]).questions}
    ccl = by_id["ccl-01"]
    assert (ccl.best, ccl.average) == (5.0, 3.25)
    assert [(a.session_id, a.attempt, a.score) for a in ccl.attempts] == [
        (early.id, 1, 2.0), (early.id, 2, 3.0), (late.id, 1, 3.0), (late.id, 2, 5.0)
    ]
    assert ccl.attempts[1].coach_score == 4.0 and ccl.attempts[3].coach_score is None
    assert "Refund time went from nine days to two." in ccl.attempts[0].text


def test_ungraded_attempts_are_left_out() -> None:
    session = build_session()
    session.records[1].attempts[0].feedback = None
    progress = compute_progress([session])
    assert "team-design" not in progress.competency_scores
    assert [q.question_id for q in progress.questions] == ["ccl-01"]


def test_load_progress_reads_the_listed_sessions() -> None:
    early, late = _two_sessions()

    class Row:
        def __init__(self, session_id: str) -> None:
            self.id = session_id

    class FakeStore:
        def __init__(self) -> None:
            self.asked: dict[str, object] = {}

        def list_sessions(self, **filters: object) -> list[Row]:
            self.asked = filters
            return [Row(late.id), Row(early.id)]

        def load(self, session_id: str):
            return {early.id: early, late.id: late}[session_id]

    store = FakeStore()
    progress = load_progress(store, track="customer-centric-leadership")
    assert store.asked == {"limit": 200, "track": "customer-centric-leadership"}
    assert progress.session_count == 2
