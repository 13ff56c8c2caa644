"""The LLM interviewer inside the real app, driven by Pilot: a follow-up streamed from the fake
endpoint into the transcript, and Escape stopping a turn mid-stream."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import pytest
from textual.pilot import Pilot

from practice.app import PracticeApp, build_app
from practice.bank.models import (
    InterviewGuidance,
    Question,
    QuestionBank,
    RoleLevel,
    Track,
)
from practice.config import Settings
from practice.interview.interviewer import Interviewer
from practice.interview.llm_interviewer import LlmInterviewer
from practice.llm.client import LlmClient
from practice.locations import store_path
from practice.screens.interview import InterviewScreen
from practice.store.sqlite import SessionStore
from practice.widgets.transcript import Transcript, Turn

from . import fake_server as fake
from .fake_server import FakeServer

MAX_PAUSES = 500


@pytest.fixture
def make_app(settings: Settings, question: Question) -> Callable[[], PracticeApp]:
    track = Track(
        id=question.track,
        title="Customer-centric leadership",
        description="One question, for these tests.",
        guidance=InterviewGuidance(questions_per_interview_min=1, questions_per_interview_max=1),
    )
    bank = QuestionBank(tracks=[track], questions=[question])
    client = LlmClient(settings)

    def interviewer_for(level: RoleLevel) -> Interviewer:
        return LlmInterviewer(client, role_level=level)

    return lambda: build_app(
        settings, bank, SessionStore(store_path()), interviewer_for=interviewer_for, clock=lambda: 1000.0, seed=7
    )


def interviewer_turns(app: PracticeApp) -> list[str]:
    return [turn.text for turn in app.screen.query_one(Transcript).query(Turn) if turn.speaker == "interviewer"]


async def start_interview(app: PracticeApp, pilot: Pilot[None]) -> InterviewScreen:
    await pilot.press("ctrl+s")
    for _ in range(MAX_PAUSES):
        if isinstance(app.screen, InterviewScreen):
            return app.screen
        await pilot.pause()
    raise AssertionError("the interview screen never opened")


async def turn_finished(app: PracticeApp, pilot: Pilot[None]) -> None:
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_llm_follow_up_streams_into_the_transcript(
    server: FakeServer, make_app: Callable[[], PracticeApp], question: Question
) -> None:
    server.script(
        fake.stream(["Welcome! ", "Let's begin. ", question.text]),
        fake.stream(["How did you ", "measure ", "the impact?"]),
    )
    app = make_app()
    async with app.run_test() as pilot:
        screen = await start_interview(app, pilot)
        await turn_finished(app, pilot)
        assert interviewer_turns(app)[-1] == f"Welcome! Let's begin. {question.text}"
        footer_keys = list(screen.query("FooterKey"))
        assert "escape" in [key.key for key in footer_keys]  # greyed between a model's turns

        screen.answer_box.load_text("We changed the refund process.")
        await pilot.press("ctrl+s")
        await turn_finished(app, pilot)

        assert interviewer_turns(app)[-1] == "How did you measure the impact?"
        # Nothing in the footer was rebuilt from one turn to the next: the first words of a turn
        # never wait behind it to be painted.
        assert list(screen.query("FooterKey")) == footer_keys
        assert screen.engine.prompt == "How did you measure the impact?"
        follow_up_prompt = server.requests[1].text("user")
        assert "We changed the refund process." in follow_up_prompt
        assert "The measured impact on customers" in follow_up_prompt


async def test_escape_stops_a_streaming_turn_and_shows_the_bank_words(
    server: FakeServer, make_app: Callable[[], PracticeApp], question: Question
) -> None:
    server.script(fake.endless_stream("word ", pause=0.2))  # slow enough that it still streams when Escape comes
    app = make_app()
    async with app.run_test() as pilot:
        screen = await start_interview(app, pilot)
        for _ in range(MAX_PAUSES):
            if "word" in "".join(interviewer_turns(app)):
                break
            await pilot.pause()
        assert screen.streaming

        await pilot.press("escape")
        assert await asyncio.to_thread(server.streams.client_hung_up.wait, 10), "the stream was never closed"
        await turn_finished(app, pilot)

        assert not screen.streaming
        assert interviewer_turns(app) == [question.text]
        assert server.streams.chunks_sent < 2000
