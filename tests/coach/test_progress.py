"""Progress over saved sessions, aggregated by the store: per competency, STAR parts, the
self-assessment gap, per question — over every session, not only the latest ones."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from export.factory import START, build_session

from practice import locations
from practice.store import migrations
from practice.store.queries import MAX_POINTS, Period, SessionFilter
from practice.store.sqlite import SessionStore


@pytest.fixture
def store() -> Iterator[SessionStore]:
    with SessionStore(locations.store_path()) as opened:
        yield opened


def _two_sessions(store: SessionStore):  # type: ignore[no-untyped-def]
    early = build_session(created_at=START, scores=(2.0, 3.0, 4.0))
    late = build_session(created_at=START + timedelta(days=3), scores=(3.0, 5.0, 2.0), reviewed=False)
    for session in (late, early):  # saved out of order: points still go by the session's start
        store.save(session)
    return early, late


def test_competency_scores_over_time(store: SessionStore) -> None:
    early, late = _two_sessions(store)
    progress = store.progress()
    assert progress.session_count == 2 and progress.period == Period.session
    # customer-focus is asked only by ccl-01: both attempts count in the session's mean
    assert [(p.when, p.value) for p in progress.competency_scores["customer-focus"]] == [
        (early.created_at, 2.5),
        (late.created_at, 4.0),
    ]
    assert [p.value for p in progress.competency_scores["team-design"]] == [4.0, 2.0]


def test_star_hit_rate_counts_behavioral_answers_only(store: SessionStore) -> None:
    _two_sessions(store)
    progress = store.progress()
    # The factory's STAR: situation, task, action present, result missing; hos-03 is situational.
    assert [p.value for p in progress.star_hit_rate["situation"]] == [1.0, 1.0]
    assert [p.value for p in progress.star_hit_rate["result"]] == [0.0, 0.0]


def test_self_assessment_gap(store: SessionStore) -> None:
    _two_sessions(store)
    # self scores 4, 3, 5 against (2, 3, 4) then (3, 5, 2)
    assert [p.value for p in store.progress().self_gap] == [1.0, round((1 - 2 + 3) / 3, 2)]


def test_best_average_latest_and_attempts_side_by_side(store: SessionStore) -> None:
    early, late = _two_sessions(store)
    by_id = {q.question_id: q for q in store.progress().questions}
    ccl = by_id["ccl-01"]
    assert (ccl.attempt_count, ccl.best, ccl.average, ccl.latest) == (4, 5.0, 3.25, 5.0)
    attempts = store.question_attempts("ccl-01", limit=10)
    assert [(a.session_id, a.attempt, a.score) for a in attempts] == [
        (early.id, 1, 2.0),
        (early.id, 2, 3.0),
        (late.id, 1, 3.0),
        (late.id, 2, 5.0),
    ]
    assert attempts[1].coach_score == 4.0 and attempts[3].coach_score is None
    assert attempts[1].self_score == 3
    assert "Refund time went from nine days to two." in attempts[0].text
    assert [a.attempt for a in store.question_attempts("ccl-01", limit=2)] == [1, 2]  # the latest two
    assert store.question_attempts("ccl-01", limit=2)[0].session_id == late.id


def test_ungraded_attempts_are_left_out(store: SessionStore) -> None:
    session = build_session()
    session.records[1].attempts[0].feedback = None
    store.save(session)
    progress = store.progress()
    assert "team-design" not in progress.competency_scores
    assert [q.question_id for q in progress.questions] == ["ccl-01"]


def test_a_later_save_replaces_what_counts(store: SessionStore) -> None:
    """A coach's adjusted score, or an attempt graded since, counts once the session is saved
    again; a deleted session no longer counts."""
    session = build_session(reviewed=False)
    store.save(session)
    assert store.question_attempts("ccl-01", limit=1)[0].coach_score is None
    reviewed = build_session(session_id=session.id)
    store.save(reviewed)
    assert store.question_attempts("ccl-01", limit=1)[0].coach_score == 4.0
    assert store.progress().questions[0].attempt_count == 2  # not counted twice
    store.delete(session.id)
    assert store.progress().session_count == 0 and store.progress().questions == []


def test_follows_the_filters(store: SessionStore) -> None:
    store.save(build_session(created_at=START, scores=(1.0, 1.0, 1.0)))
    store.save(build_session(created_at=START + timedelta(days=1), track="head-of-support", scores=(5.0, 5.0, 5.0)))
    progress = store.progress(SessionFilter(track="head-of-support"))
    assert progress.session_count == 1
    assert [p.value for p in progress.competency_scores["team-design"]] == [5.0]
    assert [q.best for q in progress.questions] == [5.0, 5.0]
    assert {
        a.score
        for a in store.question_attempts("ccl-01", limit=5, session_filter=SessionFilter(track="head-of-support"))
    } == {5.0}


def test_sessions_older_than_the_latest_200_count(store: SessionStore) -> None:
    """The history's 200 newest sessions all score 5; 50 older ones score 1. Every one counts in
    the best, average and attempt count, and in the charts' earliest points."""
    for number in range(250):
        score = 1.0 if number < 50 else 5.0
        store.save(
            build_session(created_at=START + timedelta(hours=number), scores=(score, score, score), reviewed=False)
        )
    progress = store.progress()
    assert progress.session_count == 250
    team = next(q for q in progress.questions if q.question_id == "hos-03")
    assert team.attempt_count == 250
    assert team.average == round((50 * 1 + 200 * 5) / 250, 2)
    # 250 sessions over about 11 days: one point per day, and the first days are the old ones.
    assert progress.period == Period.day
    first_day = progress.competency_scores["team-design"][0]
    assert first_day.when == datetime(2026, 11, 20, tzinfo=UTC) and first_day.value == 1.0
    assert len(progress.competency_scores["team-design"]) <= MAX_POINTS


def test_many_sessions_are_points_per_week_or_month(store: SessionStore) -> None:
    for number in range(MAX_POINTS + 1):  # one a day: too many days, 15 weeks
        store.save(build_session(created_at=START + timedelta(days=number), reviewed=False))
    progress = store.progress()
    assert progress.period == Period.week
    mondays = [p.when for p in progress.self_gap]
    assert all(when.weekday() == 0 for when in mondays) and len(mondays) == len(set(mondays)) <= MAX_POINTS
    assert mondays[0] == datetime(2026, 11, 16, tzinfo=UTC)  # START is a Friday


def test_an_older_store_gains_the_progress_of_its_sessions(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """A store from before progress had its own rows: upgrading builds them from the sessions,
    and works out which unfinished ones can be resumed."""
    path = tmp_path / "old.sqlite3"
    raw = sqlite3.connect(path, isolation_level=None)
    migrations.upgrade(raw, path, migrations.STEPS[:1])
    session = build_session(session_id="o" * 32, finished=False)
    raw.execute(
        "INSERT INTO sessions (id, created_at, updated_at, track, competencies, question_count, answered, "
        "mean_score, grader_kind, model, mode, status, reviewed, body, draft) "
        "VALUES (?, ?, ?, NULL, '[]', 2, 2, 3.0, 'offline', NULL, 'coach', 'in_progress', 1, ?, NULL)",
        (session.id, session.created_at.isoformat(), session.updated_at.isoformat(), session.model_dump_json()),
    )
    raw.execute(
        "INSERT INTO sessions (id, created_at, updated_at, track, competencies, question_count, answered, "
        "mean_score, grader_kind, model, mode, status, reviewed, body, draft) "
        "VALUES ('unreadable', ?, ?, NULL, '[]', 0, 0, NULL, 'offline', NULL, 'coach', 'finished', 0, '{}', NULL)",
        (session.created_at.isoformat(), session.updated_at.isoformat()),
    )
    raw.close()
    with SessionStore(path) as upgraded:
        progress = upgraded.progress()
        assert progress.session_count == 1 and progress.questions[0].attempt_count == 2
        assert not upgraded.list_sessions()[0].resumable  # unfinished, but without a position
