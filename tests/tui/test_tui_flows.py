"""Whole interviews driven through the keyboard, as a candidate would: set-up, answers,
follow-ups, skip, self-assessment, feedback, retry, summary, quit and resume after a crash."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Iterator, Sequence
from typing import Any

from textual.pilot import Pilot

from practice.app import PracticeApp, build_app
from practice.bank.models import FollowUp, Question, QuestionBank
from practice.config import Settings
from practice.errors import StoreError
from practice.grading.feedback import CriterionResult
from practice.interview.engine import Phase
from practice.interview.models import Session, SessionStatus
from practice.locations import store_path
from practice.screens.attempts import AttemptsScreen
from practice.screens.confirm import ConfirmScreen
from practice.screens.feedback import FeedbackScreen
from practice.screens.interview import InterviewScreen
from practice.screens.self_assessment import SelfAssessmentScreen
from practice.screens.setup import SetupScreen
from practice.screens.summary import SummaryScreen
from practice.store.sqlite import SessionStore
from practice.widgets.transcript import Turn
from tests.tui.conftest import SEED, ManualClock
from tests.tui.fixture_sessions import FOLLOW_UP_ANSWER

THIN_ANSWER = "I listened to customers and we improved things a lot."
FULL_ANSWER = (
    "When I joined Acme as support lead, churn was 12% and customers waited 9 hours for a reply. "
    "My task was to cut first response time. I analysed 500 tickets, I introduced a triage rota and "
    "I trained the team of 8. As a result first response time fell to 2 hours and churn dropped to 7% "
    "in 6 months. I learned to measure before changing anything."
)


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def start(pilot: Pilot[Any], *, count: int = 2, mock: bool = False, timer_index: int = 0) -> InterviewScreen:
    await settle(pilot)
    setup = pilot.app.screen
    assert isinstance(setup, SetupScreen)
    setup.query_one("#count").value = str(count)
    setup.query_one("#mode-1" if mock else "#mode-0").value = True
    setup.query_one(f"#timer-{timer_index}").value = True
    await pilot.press("ctrl+s")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, InterviewScreen)
    return screen


async def answer(pilot: Pilot[Any], screen: InterviewScreen, text: str) -> None:
    screen.answer_box.load_text(text)
    await pilot.press("ctrl+s")
    await settle(pilot)


def turns(screen: InterviewScreen) -> list[tuple[str, str]]:
    return [(turn.speaker, turn.text) for turn in screen.transcript.query(Turn)]


async def answer_until_self_assessment(pilot: Pilot[Any], screen: InterviewScreen, main: str) -> None:
    await answer(pilot, screen, main)
    while screen.engine.phase == Phase.follow_up:
        await answer(pilot, screen, FOLLOW_UP_ANSWER)
    assert isinstance(pilot.app.screen, SelfAssessmentScreen)


async def assess(pilot: Pilot[Any], *keys: str) -> None:
    await pilot.press(*keys, "ctrl+s")
    await settle(pilot)


def saved(session_id: str) -> Session:
    return SessionStore(store_path()).load(session_id)


async def test_coach_session_with_follow_ups_skip_feedback_retry_and_summary(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot, count=2)
        engine = screen.engine
        first = engine.question
        assert turns(screen) == [("interviewer", first.text)]

        await pilot.press("ctrl+s")  # nothing typed: a warning, nothing recorded
        await settle(pilot)
        assert engine.phase == Phase.answering and engine.attempt.answers == []

        await answer(pilot, screen, THIN_ANSWER)
        assert engine.phase == Phase.follow_up
        asked = engine.prompt
        assert turns(screen)[-2:] == [("candidate", THIN_ANSWER), ("interviewer", asked)]
        assert screen.answer_box.text == ""

        await pilot.press(*"not sure")
        await pilot.press("ctrl+n")  # skip the follow-up: what was typed is kept with it
        await settle(pilot)
        skipped = engine.attempt.answers[-1]
        assert skipped.skipped and skipped.prompt == asked and skipped.text == "not sure"
        while engine.phase == Phase.follow_up:
            await answer(pilot, screen, FOLLOW_UP_ANSWER)

        assert isinstance(app.screen, SelfAssessmentScreen)
        await assess(pilot, "space", "5")  # ticks Situation (focused first), score 5
        feedback_screen = app.screen
        assert isinstance(feedback_screen, FeedbackScreen)
        attempt = engine.attempt
        assert attempt.self_assessment is not None
        assert attempt.self_assessment.situation and not attempt.self_assessment.result
        assert attempt.self_assessment.score == 5
        assert attempt.feedback is not None
        comparison = "\n".join(str(row.render()) for row in feedback_screen.query("#self-vs-grader Static"))
        assert f"{attempt.feedback.score:g}" in comparison and "5" in comparison

        await pilot.press("r")  # try again
        await settle(pilot)
        assert app.screen is screen and engine.phase == Phase.answering
        assert len(engine.record.attempts) == 2
        assert ("candidate", THIN_ANSWER) in turns(screen)  # the first attempt stays in view

        await answer_until_self_assessment(pilot, screen, FULL_ANSWER)
        await assess(pilot, "4")
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(app.screen, AttemptsScreen)
        assert len(app.screen.query(".attempt")) == 2
        await pilot.press("escape")
        await settle(pilot)

        await pilot.press("n")  # next question
        await settle(pilot)
        assert engine.question is not None and engine.question.id != first.id
        await answer_until_self_assessment(pilot, screen, FULL_ANSWER)
        await assess(pilot, "3")
        await pilot.press("n")
        await settle(pilot)

        summary = app.screen
        assert isinstance(summary, SummaryScreen)
        assert [q.question_id for q in summary.summary.questions] == [r.question.id for r in engine.session.records]
        stored = saved(engine.session.id)
        assert stored.status == SessionStatus.finished
        assert [len(r.attempts) for r in stored.records] == [2, 1]
        assert all(a.feedback for r in stored.records for a in r.attempts)

        await pilot.press("r")  # retry the highlighted (first) question from the summary
        await settle(pilot)
        assert app.screen is screen
        assert engine.phase == Phase.answering and engine.question.id == first.id
        assert len(engine.record.attempts) == 3


async def test_mock_session_shows_feedback_only_at_the_end(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot, count=2, mock=True)
        engine = screen.engine
        for _ in range(2):
            await answer_until_self_assessment(pilot, screen, FULL_ANSWER)
            await assess(pilot, "4")
            assert not isinstance(app.screen, FeedbackScreen)
        assert isinstance(app.screen, SummaryScreen)
        stored = saved(engine.session.id)
        assert stored.status == SessionStatus.finished
        assert all(r.latest().feedback is not None for r in stored.records)

        await pilot.press("f")  # feedback of the highlighted question, from the summary
        await settle(pilot)
        assert isinstance(app.screen, FeedbackScreen)
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.screen, SummaryScreen)


async def test_quit_asks_first_and_keeps_the_typed_answer(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        await pilot.press(*"half an answer")
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        await pilot.press("n")  # stay
        await settle(pilot)
        assert app.screen is screen and screen.answer_box.text == "half an answer"

        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
    assert app.return_code == 0
    unfinished = SessionStore(store_path()).latest_unfinished()
    assert unfinished is not None and unfinished.draft is not None
    assert unfinished.draft.text == "half an answer"


async def test_a_notice_on_screen_never_hides_the_quit_question(make_app: Any) -> None:
    """An error notice is drawn over every screen, dialogs too: one still showing when the quit
    question opens (right after "Could not save the session") covered the question's words."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await start(pilot)
        app.notify("Could not save the session: the file cannot be written", severity="error", timeout=10)
        await settle(pilot)
        assert list(app._notifications)
        await pilot.press("ctrl+q")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert not list(app._notifications)


async def test_resume_after_a_crash_restores_answers_and_draft(make_app: Any) -> None:
    first_app = make_app()
    async with first_app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot)
        await answer(pilot, screen, THIN_ANSWER)
        assert screen.engine.phase == Phase.follow_up
        follow_up = screen.engine.prompt
        await pilot.press(*"draft of the follow-up")
        screen.save_draft()  # what the periodic draft timer does
        await settle(pilot)
        # The test ends the app without the normal quit path: nothing else gets saved.

    second_app = make_app()
    async with second_app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(second_app.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        resumed = second_app.screen
        assert isinstance(resumed, InterviewScreen)
        assert resumed.engine.phase == Phase.follow_up
        assert resumed.answer_box.text == "draft of the follow-up"
        assert turns(resumed)[-2:] == [("candidate", THIN_ANSWER), ("interviewer", follow_up)]


async def test_declining_resume_starts_fresh_and_keeps_the_old_session(make_app: Any) -> None:
    async with make_app().run_test() as pilot:
        screen = await start(pilot)
        await answer(pilot, screen, THIN_ANSWER)
        old_id = screen.engine.session.id

    app = make_app()
    async with app.run_test() as pilot:
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
    assert saved(old_id).records[0].attempts[0].answers[0].text == THIN_ANSWER


async def test_setup_rejects_bad_choices_with_a_message_and_stays(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        setup = app.screen
        setup.query_one("#count").value = "0"
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is setup
        assert "Questions" in str(setup.query_one("#setup-error").render())

        setup.query_one("#count").value = "40"  # more than the track has
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen is setup
        assert any(n.severity == "error" and "Cannot start" in n.message for n in app._notifications)


async def test_timer_never_cuts_the_answer(make_app: Any, clock: ManualClock) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot, timer_index=1)  # 1 minute
        screen.answer_box.load_text(THIN_ANSWER)
        timer = screen.query_one("#live-timer")
        clock.advance(42)  # 18 s left: the last third
        timer.tick()
        assert timer.has_class("-amber")
        clock.advance(10)  # 8 s left: the last sixth
        timer.tick()
        assert timer.has_class("-red") and not timer.has_class("-amber")
        clock.advance(23)
        timer.tick()
        assert "time's up" in str(timer.render())
        assert screen.answer_box.text == THIN_ANSWER
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert screen.engine.attempt.answers[0].text == THIN_ANSWER
        assert screen.engine.attempt.answers[0].seconds_taken == 75


class SlowInterviewer:
    """Streams an opening in two chunks and waits between them, like a model mid-reply."""

    name = "slow"
    last_error = None

    def __init__(self) -> None:
        self.first_chunk_sent = threading.Event()
        self.release = threading.Event()
        self.closed = threading.Event()

    def opening(self, question: Question, index: int, count: int) -> Iterator[str]:
        try:
            yield "Let me ask you "
            self.first_chunk_sent.set()
            self.release.wait(timeout=10)
            yield "something long."
        finally:
            self.closed.set()

    def follow_up(
        self,
        question: Question,
        answers: Sequence[str],
        weakest: Sequence[CriterionResult],
        bank_choice: FollowUp | None,
    ) -> Iterator[str]:
        yield f"In your own words: {bank_choice.text if bank_choice else 'say more'}"


async def test_escape_stops_a_streaming_turn_and_removes_its_partial_text(
    bank: QuestionBank, clock: ManualClock
) -> None:
    interviewer = SlowInterviewer()
    app = build_app(
        Settings(), bank, SessionStore(store_path()), interviewer_for=lambda _: interviewer, clock=clock, seed=SEED
    )
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+s")
        assert await asyncio.to_thread(interviewer.first_chunk_sent.wait, 10)
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        assert turns(screen) == [("interviewer", "Let me ask you ")]
        await pilot.press("escape")
        interviewer.release.set()
        await settle(pilot)
        assert interviewer.closed.is_set()
        assert turns(screen) == [("interviewer", screen.engine.question.text)]
        assert not screen.streaming


async def test_a_model_worded_follow_up_is_what_the_answer_records(bank: QuestionBank, clock: ManualClock) -> None:
    interviewer = SlowInterviewer()
    interviewer.release.set()
    app = build_app(
        Settings(), bank, SessionStore(store_path()), interviewer_for=lambda _: interviewer, clock=clock, seed=SEED
    )
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot)
        await answer(pilot, screen, THIN_ANSWER)
        assert screen.engine.phase == Phase.follow_up
        assert screen.engine.prompt.startswith("In your own words: ")
        await answer(pilot, screen, FOLLOW_UP_ANSWER)
        assert screen.engine.attempt.answers[1].prompt.startswith("In your own words: ")


class FailingStore(SessionStore):
    """A store whose disk has gone away after start-up."""

    def save(self, session: Session) -> None:
        raise StoreError(f"{store_path()}: cannot write: disk full", hint="Free some space.")


async def test_a_store_failure_is_a_notification_and_the_answer_is_kept(bank: QuestionBank, clock: ManualClock) -> None:
    app = build_app(Settings(), bank, FailingStore(store_path()), clock=clock, seed=SEED)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot)
        await answer(pilot, screen, THIN_ANSWER)
        assert app.is_running and app.screen is screen
        assert screen.engine.attempt.answers[0].text == THIN_ANSWER
        messages = [n.message for n in app._notifications]
        assert any("Could not save" in m and "disk full" in m for m in messages)


async def test_every_footer_action_is_in_the_command_palette(make_app: Any) -> None:
    app: PracticeApp = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot)
        await answer(pilot, screen, THIN_ANSWER)
        titles = {command.title for command in app.get_system_commands(screen)}
        assert {"Submit answer", "Skip follow-up", "Finish now", "Theme"} <= titles
        skip = next(c for c in app.get_system_commands(screen) if c.title == "Skip follow-up")
        app.call_later(skip.callback)  # as the palette runs a chosen command
        await settle(pilot)
        assert screen.engine.attempt.answers[-1].skipped


async def test_quit_when_the_store_fails_asks_again_before_losing_anything(
    bank: QuestionBank, clock: ManualClock
) -> None:
    app = build_app(Settings(), bank, FailingStore(store_path()), clock=clock, seed=SEED)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot)
        await pilot.press(*"unsaved words")
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        warning = app.screen
        assert isinstance(warning, ConfirmScreen) and "disk full" in warning.question
        await pilot.press("n")  # stay
        await settle(pilot)
        assert app.is_running and app.screen is screen and screen.answer_box.text == "unsaved words"
        await pilot.press("ctrl+q")
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        await pilot.press("y")  # quit anyway
        await settle(pilot)
    assert app.return_code == 0


async def test_a_grading_failure_offers_the_same_step_again(make_app: Any, monkeypatch: Any) -> None:
    from practice.grading import service

    real_grade = service.grade
    failures = iter([StoreError("grader exploded")])

    def flaky_grade(*args: Any, **kwargs: Any) -> Any:
        error = next(failures, None)
        if error is not None:
            raise error
        return real_grade(*args, **kwargs)

    monkeypatch.setattr(service, "grade", flaky_grade)
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start(pilot)
        await answer_until_self_assessment(pilot, screen, FULL_ANSWER)
        await assess(pilot, "4")
        assert any("grader exploded" in n.message for n in app._notifications)
        assert isinstance(app.screen, SelfAssessmentScreen)  # asked again, nothing lost
        assert screen.engine.attempt.answers[0].text == FULL_ANSWER
        await assess(pilot, "4")
        assert isinstance(app.screen, FeedbackScreen)


async def test_competencies_across_tracks_draw_only_those_competencies(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        setup = app.screen
        setup.query_one("#track").value = "__across__"
        await settle(pilot)
        setup.query_one("#count").value = "2"
        await pilot.press("ctrl+s")  # nothing ticked yet: refused with a reason
        await settle(pilot)
        assert app.screen is setup and "tick at least one" in str(setup.query_one("#setup-error").render())

        competencies = setup.query_one("#competencies")
        competencies.select("customer-insight")
        await pilot.press("ctrl+s")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, InterviewScreen)
        session = screen.engine.session
        assert session.settings.track is None and session.settings.competencies == ["customer-insight"]
        assert all("customer-insight" in r.question.competencies for r in session.records)


async def test_resume_between_answer_and_feedback_asks_for_the_self_assessment_again(make_app: Any) -> None:
    async with make_app().run_test(size=(100, 32)) as pilot:
        screen = await start(pilot)
        await answer_until_self_assessment(pilot, screen, FULL_ANSWER)
        session_id = screen.engine.session.id

    app = make_app()
    async with app.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        await pilot.press("y")
        await settle(pilot)
        assert isinstance(app.screen, SelfAssessmentScreen)
        await assess(pilot, "4")
        assert isinstance(app.screen, FeedbackScreen)
    assert saved(session_id).records[0].attempts[0].feedback is not None
