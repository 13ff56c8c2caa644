"""A coach corrects each area's verdict and each STAR part, with a reason, beside the grader's:
the rules, every export, the round trip through a session file, the merge on import."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest
from export.factory import build_session

from practice.errors import BadInputError
from practice.export import html, markdown
from practice.export.report import build_report
from practice.interview.models import SESSION_SCHEMA_VERSION, Session
from practice.store import coach_review, session_file
from practice.store.sqlite import SessionStore


def corrected(session: Session | None = None) -> Session:
    return coach_review.set_answer_review(
        session or build_session(reviewed=False),
        "ccl-01",
        1,
        note="",
        adjusted_score=None,
        reason=None,
        areas={"measured-result": ("partial", "Nine days to two is a result"), "feedback-source": ("", "")},
        star={"result": ("present", "The follow-up gave the result"), "action": ("present", "same as grader")},
    )


def test_corrections_sit_beside_the_grader_and_repeat_no_verdict() -> None:
    session = corrected()
    entry = session.review.for_attempt("ccl-01", 1)
    assert [(c.criterion, c.status.value, c.reason) for c in entry.areas] == [
        ("measured-result", "partial", "Nine days to two is a result")
    ]
    # 'action' was already present: agreeing with the grader is no correction.
    assert [(c.part, c.present) for c in entry.star] == [("result", True)]
    feedback = session.record("ccl-01").attempts[0].feedback
    assert feedback.criteria[2].status.value == "missing" and not feedback.star.result.present
    kept = coach_review.set_answer_review(session, "ccl-01", 1, note="Keep going", adjusted_score=None, reason=None)
    assert kept.review.for_attempt("ccl-01", 1).areas == entry.areas  # None keeps the corrections
    cleared = coach_review.set_answer_review(
        kept, "ccl-01", 1, note="", adjusted_score=None, reason=None, areas={}, star={}
    )
    assert cleared.review.for_attempt("ccl-01", 1) is None


@pytest.mark.parametrize(
    ("areas", "star", "message"),
    [
        ({"measured-result": ("covered", " ")}, None, "say why 'The measured result' is covered, not missing"),
        ({"nope": ("covered", "x")}, None, "no area 'nope'"),
        ({"measured-result": ("great", "x")}, None, "not one of covered, partial, missing"),
        (None, {"result": ("present", "")}, "say why the result is present, not missing"),
        (None, {"outcome": ("present", "x")}, "no part 'outcome'"),
        (None, {"task": ("maybe", "x")}, "not present or missing"),
    ],
)
def test_a_correction_needs_a_reason_and_a_known_target(areas: dict | None, star: dict | None, message: str) -> None:
    with pytest.raises(BadInputError, match=message):
        coach_review.set_answer_review(
            build_session(), "ccl-01", 1, note="", adjusted_score=None, reason=None, areas=areas, star=star
        )


def test_every_export_shows_the_correction_beside_the_grader() -> None:
    session = corrected()
    graded = build_report(session).questions[0].attempts[0].graded
    assert graded is not None
    area = next(c for c in graded.criteria if c.text == "The measured result")
    assert area.coach is not None
    assert (area.status, area.coach.beside) == ("missing", "coach: partial — Nine days to two is a result")
    text = markdown.render(session)
    assert "- ✘ missing — The measured result — **coach: partial — Nine days to two is a result**" in text
    assert "- Result: missing (you said: yes) — **coach: present — The follow-up gave the result**" in text
    page = html.render(session)
    assert '<strong class="coach"><bdi dir="auto">coach: partial — Nine days to two is a result</bdi></strong>' in page
    assert "coach: present — The follow-up gave the result" in page
    assert json.loads(session_file.dumps(session))["session"]["review"]["answers"][0]["areas"] == [
        {"criterion": "measured-result", "status": "partial", "reason": "Nine days to two is a result"}
    ]


def test_hostile_reasons_stay_text_in_exports() -> None:
    session = coach_review.set_answer_review(
        build_session(),
        "ccl-01",
        1,
        note="",
        adjusted_score=None,
        reason=None,
        areas={"measured-result": ("covered", "<script>x</script> [link](http://e.vil)")},
    )
    assert "<script>" not in html.render(session)
    assert "\\[link\\](http\\://e.vil)" in markdown.render(session)


def test_corrections_round_trip_through_export_and_import(tmp_path: Path) -> None:
    session = coach_review.mark_reviewed(corrected())
    path = session_file.write(tmp_path / "s.json", session)
    assert session_file.read(path) == session
    with SessionStore(tmp_path / "store" / "sessions.sqlite3") as store:
        assert session_file.import_session(store, session_file.read(path)) is None
        assert store.load(session.id) == session


def test_a_session_written_before_corrections_still_loads() -> None:
    data = json.loads(session_file.dumps(build_session()))
    data["session"]["schema_version"] = 1
    for entry in data["session"]["review"]["answers"]:
        del entry["areas"], entry["star"]
    session = session_file.loads(json.dumps(data), source="old.json")
    assert session.review.for_attempt("ccl-01", 2).adjusted_score == 4.0
    assert session.schema_version == SESSION_SCHEMA_VERSION  # written back in the current layout


def test_merge_says_what_changed_and_keeps_the_history_s_own_notes() -> None:
    mine = coach_review.set_answer_review(
        build_session(), "hos-03", 1, note="my own note", adjusted_score=None, reason=None
    )
    theirs = corrected(build_session())
    merged, changes = coach_review.merge_review(mine, theirs)
    assert merged.review.for_attempt("hos-03", 1).note == "my own note"
    assert merged.review.for_attempt("ccl-01", 1).area("measured-result").status.value == "partial"
    assert changes == ["ccl-01, attempt 1: 'The measured result' partial", "ccl-01, attempt 1: STAR result present"]
    back = coach_review.set_answer_review(
        merged,
        "ccl-01",
        1,
        note="",
        adjusted_score=None,
        reason=None,
        areas={},
        star={"result": ("present", "The follow-up gave the result")},
    )
    _, changes = coach_review.merge_review(merged, back)
    assert changes == ["ccl-01, attempt 1: 'The measured result' back to the grader's verdict"]


def test_merge_refuses_a_review_of_an_attempt_the_history_lacks() -> None:
    session = build_session()
    fewer = session.model_copy(update={"records": session.records[:1]})
    with pytest.raises(BadInputError, match=r"attempt 1 at question 'hos-03'.*does not hold"):
        coach_review.merge_review(
            fewer, coach_review.set_answer_review(session, "hos-03", 1, note="n", adjusted_score=None, reason=None)
        )


def test_the_store_and_its_folder_are_private(tmp_path: Path) -> None:
    folder = tmp_path / "new" / "data"
    with SessionStore(folder / "sessions.sqlite3") as store:
        store.save(build_session())
        for path in folder.iterdir():
            assert stat.S_IMODE(path.stat().st_mode) == 0o600, path.name
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700


def test_a_store_left_readable_is_tightened_on_open(tmp_path: Path) -> None:
    path = tmp_path / "sessions.sqlite3"
    SessionStore(path).close()
    path.chmod(0o644)
    tmp_path.chmod(0o755)
    SessionStore(path).close()
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(tmp_path.stat().st_mode) == 0o700
