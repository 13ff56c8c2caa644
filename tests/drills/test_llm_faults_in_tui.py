"""The LLM fault matrix under a running interview: the grader's endpoint fails in every way the
LLM tests know (tests/llm/test_grader.py), while a candidate answers in the TUI. Every answer is
graded - by the model or by the offline fallback, saying why - and saved; none is lost."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr
from textual.pilot import Pilot
from textual.widgets._toast import Toast

from practice.app import build_app
from practice.bank.loader import load_bank
from practice.config import GraderKind, Settings
from practice.export import formats
from practice.export.formats import ExportFormat
from practice.grading.feedback import Feedback, FlagKind
from practice.interview.engine import Phase
from practice.interview.models import Attempt
from practice.locations import store_path
from practice.screens.feedback import FeedbackScreen
from practice.screens.interview import InterviewScreen
from practice.store.sqlite import SessionStore
from tests.drills.hostile_files import EVERY_ATTACK, UNSAFE_FOR_TERMINALS
from tests.drills.tui_helpers import settle, start_interview
from tests.llm import fake_server as fake
from tests.llm.fake_server import FakeServer
from tests.llm.helpers import API_KEY

ANSWER = (
    "At Acme I ran support for billing. Customers told us refunds took too long, so I mapped the refund "
    "process with finance and cut two approval steps. Refund time fell from 9 days to 2 and CSAT rose 12 points."
)
FAULTS: dict[str, list[fake.Action]] = {
    "timeout": [fake.hang(5)] * 3,
    "401": [fake.error(401, "bad key")],
    "404": [fake.error(404, "no such model")],
    "429": [fake.error(429, "slow down", headers={"Retry-After": "0"})] * 3,
    "5xx": [fake.error(502, "bad gateway")] * 3,
    "invalid json": [fake.reply("{oops"), fake.reply("still {oops")],
    "empty reply": [fake.reply(""), fake.reply("")],
    "refusal": [fake.reply(None, refusal="I won't grade this.")],
    "context": [fake.error(400, "maximum context length", code="context_length_exceeded")],
    "not an API": [fake.web_page()],
    "cut stream of a grade": [fake.stream(['{"criteria": ['], finish=False)] * 2,
    "the key echoed back": [fake.echo_authorization(400)] * 4,  # each form of reply asked for
}


@pytest.fixture(autouse=True)
def no_encoding_download(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An empty tiktoken cache: token counts are estimated, never fetched."""
    (tmp_path / "tiktoken").mkdir()
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", str(tmp_path / "tiktoken"))


@pytest.fixture
def server() -> Iterator[FakeServer]:
    running = FakeServer().start()
    yield running
    running.stop()


def llm_settings(base_url: str) -> Settings:
    return Settings(
        grader=GraderKind.llm,
        base_url=base_url,
        api_key=SecretStr(API_KEY),
        model="gpt-4o-mini",
        timeout_seconds=0.3,
        max_retries=2,
        retry_wait_seconds=0.001,
        retry_wait_cap_seconds=0.01,
    )


async def answer_to_feedback(pilot: Pilot[None], screen: InterviewScreen) -> Feedback:
    screen.answer_box.load_text(ANSWER)
    await pilot.press("ctrl+s")
    await settle(pilot)
    while screen.engine.phase == Phase.follow_up:
        await pilot.press("ctrl+n")
        await settle(pilot)
    await pilot.press("4", "ctrl+s")
    await settle(pilot)
    assert isinstance(pilot.app.screen, FeedbackScreen)
    attempt = screen.engine.attempt
    assert attempt is not None and attempt.feedback is not None
    return attempt.feedback


def fallback_reason(feedback: Feedback) -> str:
    reasons = [flag.message for flag in feedback.flags if flag.kind == FlagKind.llm_fallback]
    assert len(reasons) == 1 and reasons[0].strip()
    assert API_KEY not in reasons[0]
    return reasons[0]


def saved_attempts(session_id: str) -> list[Attempt]:
    with SessionStore(store_path()) as store:
        saved = store.load(session_id)
    assert API_KEY not in saved.model_dump_json()
    return saved.records[0].attempts


async def test_every_fault_in_one_interview_leaves_every_answer_graded_and_saved(server: FakeServer) -> None:
    """One attempt per fault (Try again after each feedback), as a long session meets them."""
    app = build_app(llm_settings(server.base_url), load_bank(), SessionStore(store_path()), seed=2)
    graded: dict[str, Feedback] = {}
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_interview(pilot)
        for fault, actions in FAULTS.items():
            server.script(*actions)
            graded[fault] = await answer_to_feedback(pilot, screen)
            fallback_reason(graded[fault])
            await pilot.press("r")
            await settle(pilot)
        session_id = screen.engine.session.id
    attempts = [a for a in saved_attempts(session_id) if a.answers]
    assert len(attempts) == len(FAULTS)
    with SessionStore(store_path()) as store:
        saved = store.load(session_id)
    assert not [kind for kind in ExportFormat if API_KEY in formats.render(saved, kind)]  # nor any export
    assert [a.feedback for a in attempts] == list(graded.values())
    assert all(a.answers[0].text == ANSWER for a in attempts)


async def test_a_refused_connection_is_graded_offline_and_saved() -> None:
    # A refused connection fails at once: a roomy time limit keeps a loaded machine from turning
    # it into a timeout.
    settings = llm_settings(fake.closed_port_url()).model_copy(update={"timeout_seconds": 5.0})
    app = build_app(settings, load_bank(), SessionStore(store_path()), seed=2)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_interview(pilot)
        feedback = await answer_to_feedback(pilot, screen)
        assert "connect" in fallback_reason(feedback).lower()
    assert saved_attempts(screen.engine.session.id)[0].feedback == feedback


async def test_a_good_model_verdict_is_used(server: FakeServer) -> None:
    """The matrix's control: with a working endpoint the same path gives the model's grade."""
    settings = Settings(
        grader=GraderKind.llm,
        base_url=server.base_url,
        api_key=SecretStr(API_KEY),
        model="gpt-4o-mini",
        timeout_seconds=2,
    )
    bank = load_bank()
    app = build_app(settings, bank, SessionStore(store_path()), seed=2)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_interview(pilot)
        question = screen.engine.question
        assert question is not None
        server.script(fake.reply_json(verdict_for(question.criteria[0].id, [c.id for c in question.criteria])))
        feedback = await answer_to_feedback(pilot, screen)
        assert feedback.grader.kind == "llm"
        assert not [flag for flag in feedback.flags if flag.kind == FlagKind.llm_fallback]


async def test_a_server_error_holding_markup_and_sequences_is_notified_as_text(server: FakeServer) -> None:
    """The fallback's notification quotes the server's error body. Drawn (the test harness draws
    no toast unless asked), a "[/]" read as markup ended the app with a MarkupError, and the
    sequences reached the terminal."""
    settings = llm_settings(server.base_url).model_copy(update={"timeout_seconds": 5.0})
    app = build_app(settings, load_bank(), SessionStore(store_path()), seed=2)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        screen = await start_interview(pilot)
        server.script(*[fake.error(400, f"bad request [/] {EVERY_ATTACK}")] * 8)  # each form of reply asked for
        feedback = await answer_to_feedback(pilot, screen)
        assert EVERY_ATTACK in fallback_reason(feedback)  # kept as the server said it
        await settle(pilot)
        toasts = [str(toast.render()) for toast in app.screen.query(Toast)]
        assert any("[@click=app.quit]free points[/]" in toast for toast in toasts), toasts
        assert not [toast for toast in toasts if UNSAFE_FOR_TERMINALS & set(toast)]
        assert not UNSAFE_FOR_TERMINALS & set(app.export_screenshot())
        assert app.is_running


def verdict_for(first: str, criteria: list[str]) -> dict[str, object]:
    """The first area covered by the answer's second sentence (its action), the rest missing."""
    return {
        "criteria": {
            c: {"status": "covered" if c == first else "missing", "sentence": 2 if c == first else 0} for c in criteria
        },
        "star": {"situation": 0, "task": 0, "action": 2, "result": 0},
        "reason": "Thin.",
        "strength": "Own action",
        "improvement": "Say the result",
        "score": 2,
    }
