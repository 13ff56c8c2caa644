"""What the feedback screen says about a model's verdict: both scores when the model and the
offline grader disagree, dropped quotes, a trimmed answer, and a fallback with its reason."""

from __future__ import annotations

from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static

from practice.bank.models import QuestionBank
from practice.feedback_view import flag_view
from practice.grading.feedback import Flag, FlagKind, GraderInfo
from practice.screens.feedback import FeedbackScreen, open_feedback
from practice.store import examples
from tests.tui.fixture_sessions import graded_session
from tests.tui.test_tui_snapshots import settle

MODEL = GraderInfo(kind="llm", version="llm-1", model="gpt-4o-mini", prompt_version="1+1+1")
DISAGREE = Flag(
    kind=FlagKind.disagreement,
    message="The model scored 5 and the offline grader 2; read the evidence before trusting either.",
)
DROPPED = Flag(
    kind=FlagKind.quotes_dropped,
    message="2 quote(s) the model gave as evidence were not found in the answer and were dropped.",
)
TRIMMED = Flag(
    kind=FlagKind.trimmed,
    message="The answer was trimmed by about 900 tokens to fit the 8000-token context of gpt-4o-mini; "
    "the model graded only the part kept.",
)
FALLBACK = Flag(
    kind=FlagKind.llm_fallback,
    message="the model endpoint http://x/v1 failed with HTTP 500. The server had a problem; try again later.",
)


def test_a_fallback_gives_the_reason_and_says_the_offline_grade_is_shown() -> None:
    assert flag_view(FALLBACK).text == (
        "The model could not grade this answer: the model endpoint http://x/v1 failed with HTTP 500. "
        "The server had a problem; try again later — offline grade shown."
    )


def test_other_flags_keep_their_words() -> None:
    too_short = Flag(kind=FlagKind.too_short, message="Short for a leadership question.")
    assert flag_view(too_short).text == "Short for a leadership question."


async def test_a_model_verdict_shows_both_scores_and_every_model_warning(make_app: Any, bank: QuestionBank) -> None:
    session = graded_session(bank)
    record = session.records[0]
    attempt = record.attempts[-1]
    assert attempt.feedback is not None
    attempt.feedback = attempt.feedback.model_copy(
        update={"grader": MODEL, "score": 5.0, "offline_score": 2.0, "flags": [DISAGREE, DROPPED, TRIMMED]}
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.push_screen(FeedbackScreen(record, attempt, heading="Feedback", can_continue=True))
        await settle(pilot)
        screen = app.screen
        assert screen.query_one("#score").border_title == "Score 5 / 5 (attempt 2) · offline grader 2"
        warnings = "\n".join(str(item.render()) for item in screen.query("#flags .bullet-text"))
        assert "The model and the offline grader disagree: The model scored 5 and the offline grader 2" in warnings
        assert "Quotes dropped: 2 quote(s)" in warnings
        assert "Answer trimmed for the model: The answer was trimmed by about 900 tokens" in warnings
        graded_by = [str(s.render()) for s in screen.query(Static) if str(s.render()).startswith("Graded by")]
        assert graded_by == ["Graded by: llm grader llm-1, model gpt-4o-mini, prompt 1+1+1"]


def test_snapshot_of_a_model_verdict_with_warnings_and_a_generated_example(
    snap_compare: Any, make_app: Any, bank: QuestionBank
) -> None:
    session = graded_session(bank)
    record = session.records[0]
    attempt = record.attempts[-1]
    assert attempt.feedback is not None and not record.question.sample_answer
    attempt.feedback = attempt.feedback.model_copy(
        update={"grader": MODEL, "score": 5.0, "offline_score": 2.0, "flags": [DISAGREE, DROPPED]}
    )
    example = "At my last company I read 300 detractor comments, found refunds took 9 days, and cut them to 2."
    app = make_app()
    examples.example_for(app.store, record.question, write=lambda _: example, model="gpt-4o-mini")  # kept before

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        # The stored example is read by the caller, off the event loop, and handed to the screen.
        open_feedback(
            pilot.app.screen,
            record,
            attempt,
            heading="Question 1 of 2 - feedback",
            can_continue=True,
            review=None,
            store=app.store,
            write_example=None,
            callback=lambda _: None,
        )
        await settle(pilot)
        assert isinstance(pilot.app.screen, FeedbackScreen) and pilot.app.screen.generated is not None

    # Tall enough for the warnings at the top and the example answer at the bottom in one picture.
    assert snap_compare(app, terminal_size=(120, 80), run_before=run_before)
