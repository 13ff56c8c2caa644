"""Two fixed faults: finishing with text in the box outside a question (the draft belongs to no
question then, and saving it raised), and an unfinished session with no position to resume at
(imported from a file) being offered for resume, which could only fail."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from practice.bank.models import QuestionBank
from practice.interview.engine import Phase
from practice.interview.models import SessionStatus
from practice.locations import store_path
from practice.screens.history import HistoryScreen
from practice.screens.review import ReviewScreen
from practice.screens.self_assessment import SelfAssessmentScreen
from practice.screens.setup import SetupScreen
from practice.store.sqlite import SessionStore
from tests.tui.fixture_sessions import graded_session
from tests.tui.test_tui_flows import FULL_ANSWER, answer, settle, start


async def test_finish_with_text_in_the_box_during_self_assessment_finishes(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await start(pilot, count=1)
        await answer(pilot, screen, FULL_ANSWER)
        while screen.engine.phase == Phase.follow_up:
            await answer(pilot, screen, FULL_ANSWER)
        assert isinstance(app.screen, SelfAssessmentScreen) and screen.engine.phase == Phase.self_assessment
        screen.answer_box.load_text("typed after the answer went in")

        screen.action_finish()
        await settle(pilot)

        assert screen.engine.phase == Phase.finished
        assert not [n for n in app._notifications if n.severity == "error"]
        assert screen.engine.session.records[0].attempts[0].answers[0].text == FULL_ANSWER


def unresumable(bank: QuestionBank, session_id: str) -> Any:
    return graded_session(bank).model_copy(
        update={"id": session_id, "status": SessionStatus.in_progress, "cursor": None}
    )


def test_the_store_offers_only_sessions_with_a_position(bank: QuestionBank) -> None:
    resumable = graded_session(bank).model_copy(update={"id": "resumable", "status": SessionStatus.in_progress})
    newer = unresumable(bank, "imported")
    newer.updated_at = resumable.updated_at + timedelta(hours=1)
    with SessionStore(store_path()) as store:
        store.save(newer)
        assert store.latest_unfinished() is None
        store.save(resumable)
        found = store.latest_unfinished()
    assert found is not None and found.id == "resumable"


async def test_an_imported_unfinished_session_is_not_offered_for_resume(make_app: Any, bank: QuestionBank) -> None:
    with SessionStore(store_path()) as store:
        store.save(unresumable(bank, "imported"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert isinstance(app.screen, SetupScreen)
        assert not app._notifications


async def test_the_history_does_not_offer_to_resume_a_session_without_a_position(
    make_app: Any, bank: QuestionBank
) -> None:
    """'r' does nothing on it (Resume is dimmed); Enter opens it read-only. Should the app still
    be asked to resume one (the session changed after the history listed it), it opens it for
    review, saying why."""
    with SessionStore(store_path()) as store:
        store.save(unresumable(bank, "imported"))
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("f6")
        await settle(pilot)
        history = app.screen
        assert isinstance(history, HistoryScreen)
        await pilot.press("r")
        await settle(pilot)
        assert app.screen is history and not app._notifications
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.read_only
        assert app.screen.session.id == "imported"
        await pilot.press("escape")
        await settle(pilot)

        app.resume_chosen(unresumable(bank, "imported"), True)
        await settle(pilot)
        assert isinstance(app.screen, ReviewScreen) and app.screen.read_only
        assert any("opened for review instead" in n.message for n in app._notifications)
        assert not any(n.severity == "error" for n in app._notifications)
