"""One view of a graded answer for every renderer: warnings as structured fields, the fallback's
reason as its own field, the coach's corrections beside the grader's; the feedback screen, the
review screen, `practice grade` and both exports show the same warnings and corrections; and
feedback saved before the view existed reads as if graded now."""

from __future__ import annotations

import html as html_text
import json

import pytest
from pydantic import ValidationError
from textual.widgets import OptionList, Static

from practice.commands import grade
from practice.export import html, markdown
from practice.export.text import markdown_inline
from practice.feedback_view import AnswerView, attempt_view, flag_view
from practice.grading.feedback import LEGACY_FALLBACK_PREFIX, Feedback, Flag, FlagKind
from practice.interview.models import Attempt, Session
from practice.screens.feedback import FeedbackScreen
from practice.screens.review import ReviewScreen
from practice.store import coach_review, session_file
from tests.coach.hosts import ScreenHost
from tests.export.factory import build_session

REASON = "cannot reach the model endpoint http://127.0.0.1:9/v1. Check that the server is running."
FLAGS = [
    Flag(kind=FlagKind.too_short, message="Only 40 words: too short to show what you did."),
    Flag(kind=FlagKind.disagreement, message="The model scored 4 and the offline grader 2.5; read the evidence."),
    Flag(kind=FlagKind.llm_fallback, message=REASON),
]


def reviewed_session() -> Session:
    """The second attempt at ccl-01 with three warnings, two corrections and an adjusted score."""
    session = build_session(reviewed=False)
    attempt = session.record("ccl-01").attempts[1]
    assert attempt.feedback is not None
    attempt.feedback = attempt.feedback.model_copy(update={"flags": FLAGS})
    return coach_review.set_answer_review(
        session,
        "ccl-01",
        2,
        note="Much clearer.",
        adjusted_score=4.0,
        reason="Result was measured",
        areas={"measured-result": ("covered", "Cut to two days")},
        star={"result": ("present", "The last sentence is the result")},
    )


def second_attempt(session: Session) -> tuple[Attempt, AnswerView]:
    record = session.record("ccl-01")
    attempt = record.attempts[1]
    assert session.review is not None
    view = attempt_view(record.question, attempt, session.review.for_attempt("ccl-01", 2))
    assert view is not None
    return attempt, view


def test_flags_are_fields_and_the_fallback_reason_is_its_own() -> None:
    short, disagree, fallback = (flag_view(flag) for flag in FLAGS)
    assert (short.label, short.fallback_reason, short.text) == (None, None, FLAGS[0].message)
    assert disagree.label == "The model and the offline grader disagree"
    assert disagree.text == f"The model and the offline grader disagree: {FLAGS[1].message}"
    assert fallback.fallback_reason == REASON
    assert fallback.text == (
        "The model could not grade this answer: cannot reach the model endpoint http://127.0.0.1:9/v1. "
        "Check that the server is running — offline grade shown."
    )
    _, view = second_attempt(reviewed_session())
    assert view.fallback_reason == REASON
    assert [flag.kind for flag in view.flags] == [FlagKind.too_short, FlagKind.disagreement, FlagKind.llm_fallback]


def test_the_coach_s_corrections_sit_on_what_they_correct() -> None:
    _, view = second_attempt(reviewed_session())
    measured = next(c for c in view.criteria if c.text == "The measured result")
    assert measured.coach is not None and measured.coach.beside == "coach: covered — Cut to two days"
    assert [c.line for c in view.corrections()] == [
        "The measured result: covered (grader: missing) — Cut to two days",
        "STAR result: present (grader: missing) — The last sentence is the result",
    ]
    assert view.coach_lines()[2:] == ["Adjusted score 4 / 5: Result was measured", "Much clearer."]
    assert all(c.coach is None for c in view.criteria if c is not measured)


def test_the_text_and_both_exports_show_the_same_warnings_and_corrections() -> None:
    session = reviewed_session()
    _, view = second_attempt(session)
    text = grade.render(view, width=1000)
    document = markdown.render(session)
    page = html.render(session)
    for flag in view.flags:
        assert f"! {flag.text}" in text
        assert f"- {markdown_inline(flag.text)}" in document
        assert html_text.escape(flag.text) in page
    for correction in view.corrections():
        assert f"* {correction.line}" in text
        assert f"**{markdown_inline(correction.beside)}**" in document
        assert html_text.escape(correction.beside) in page
    assert "* Adjusted score 4 / 5: Result was measured" in text and "* Much clearer." in text


async def test_both_screens_show_the_same_warnings_and_corrections() -> None:
    session = reviewed_session()
    attempt, view = second_attempt(session)
    record = session.record("ccl-01")
    assert session.review is not None
    coach = session.review.for_attempt("ccl-01", 2)
    feedback = FeedbackScreen(record, attempt, heading="Feedback", can_continue=False, coach=coach)
    async with ScreenHost(feedback).run_test(size=(120, 50)) as pilot:
        screen = pilot.app.screen
        shown = [str(item.render()) for item in screen.query("#flags .bullet-text").results(Static)]
        assert shown == [flag.text for flag in view.flags]
        said = [str(item.render()) for item in screen.query("#coach .bullet-text").results(Static)]
        assert said == view.coach_lines()
    async with ScreenHost(ReviewScreen(session, read_only=True)).run_test(size=(120, 50)) as pilot:
        screen = pilot.app.screen
        screen.query_one("#review-answers", OptionList).highlighted = 2  # ccl-01, attempt 2
        await pilot.pause()
        shown = [str(item.render()) for item in screen.query("#flags .bullet-text").results(Static)]
        assert shown == [flag.text for flag in view.flags]
        verdicts = str(screen.query_one("#coach-verdicts-text", Static).render())
        assert verdicts.splitlines() == [f"• {c.line}" for c in view.corrections()]


def test_feedback_saved_at_version_1_reads_as_if_graded_now() -> None:
    """The offline grader used to repeat each flag among the reasons, and a fallback's reason sat
    behind a lead-in; both are taken apart once, when the old feedback is read."""
    session = reviewed_session()
    data = json.loads(session_file.dumps(session))
    saved = data["session"]["records"][0]["attempts"][1]["feedback"]
    saved["schema_version"] = 1
    saved["reasons"] = [*saved["reasons"], FLAGS[0].message, FLAGS[1].message]
    saved["flags"][2]["message"] = LEGACY_FALLBACK_PREFIX + REASON
    old = session_file.loads(json.dumps(data), source="old.json")
    assert old == session
    assert old.records[0].attempts[1].feedback is not None
    assert old.records[0].attempts[1].feedback.schema_version == 2  # written back in the current layout
    assert second_attempt(old)[1] == second_attempt(session)[1]


@pytest.mark.parametrize("reasons", ["a reason, not a list", [{"not": "text"}]])
def test_broken_old_feedback_is_a_validation_error_not_a_crash(reasons: object) -> None:
    session = build_session()
    saved = json.loads(session.records[0].attempts[0].model_dump_json())["feedback"]
    with pytest.raises(ValidationError, match="reasons"):
        Feedback.model_validate({**saved, "schema_version": 1, "reasons": reasons})
