"""Time and size as a user lives them, against the fake endpoint over real HTTP: a hard deadline
even for a server that drips a byte at a time, a size cap, cancel closing the connection, and
odd replies ending as clean reasons, never tracebacks."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

import pytest
from pydantic import BaseModel

from practice.bank.models import Question, RoleLevel
from practice.config import Settings
from practice.grading import service
from practice.grading.feedback import FlagKind
from practice.llm.client import LlmClient
from practice.llm.errors import Fault, LlmError

from . import fake_server as fake
from .fake_server import FakeServer
from .helpers import ANSWER, verdict

HANG_UP_SECONDS = 5.0


class Pair(BaseModel):
    a: int
    b: str


def ask(client: LlmClient) -> Pair:
    return client.structured([{"role": "user", "content": "hi"}], Pair, repair=lambda p: p, max_tokens=40)


def failure_of(call: Callable[[], object]) -> LlmError:
    with pytest.raises(LlmError) as raised:
        call()
    return raised.value


def test_a_server_dripping_a_byte_at_a_time_is_stopped_at_the_deadline(
    server: FakeServer, make_settings: Callable[..., Settings]
) -> None:
    server.script(fake.drip(every=0.1))
    client = LlmClient(make_settings(timeout_seconds=0.8, first_token_timeout_seconds=0.5))

    started = time.monotonic()
    error = failure_of(lambda: ask(client))

    assert error.fault == Fault.deadline and "not complete after 0.8 s" in error.message
    assert time.monotonic() - started < 0.8 + 1.0
    assert server.streams.client_hung_up.wait(HANG_UP_SECONDS)  # the connection was closed, not left running
    assert len(server.requests) == 1  # and a reply still being generated is not asked for again


def test_a_reply_past_the_size_cap_is_stopped(server: FakeServer, make_settings: Callable[..., Settings]) -> None:
    server.script(fake.endless_stream("0123456789", limit=10_000, pause=0.0))
    client = LlmClient(make_settings(max_reply_bytes=500))

    error = failure_of(lambda: "".join(client.stream_text([{"role": "user", "content": "hi"}], max_tokens=20)))

    assert error.fault == Fault.too_large and "passed 500 bytes" in error.message
    assert server.streams.client_hung_up.wait(HANG_UP_SECONDS)


@pytest.mark.parametrize("status", [400, 500])
def test_an_error_reply_is_read_no_further_than_the_size_cap(
    status: int, server: FakeServer, make_settings: Callable[..., Settings]
) -> None:
    """The SDK reads an error's body whole to quote it: a 130 MB one took 29 s and 870 MB. An
    endless one makes the difference plain: read whole, the deadline would stop it."""
    server.script(*[fake.endless_error(status)] * 3)
    client = LlmClient(make_settings(timeout_seconds=30.0, max_reply_bytes=10_000, max_retries=0))

    error = failure_of(lambda: "".join(client.stream_text([{"role": "user", "content": "hi"}], max_tokens=20)))

    assert error.fault in (Fault.bad_request, Fault.server_error), error.message
    assert f"HTTP {status}" in error.message and len(error.message) < 1000
    assert server.streams.client_hung_up.wait(HANG_UP_SECONDS)


def run_in_thread(call: Callable[[], object]) -> tuple[threading.Thread, list[BaseException]]:
    raised: list[BaseException] = []

    def target() -> None:
        try:
            call()
        except BaseException as error:
            raised.append(error)

    thread = threading.Thread(target=target)
    thread.start()
    return thread, raised


def wait_for(condition: Callable[[], bool], seconds: float = 5.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the condition never held"
        time.sleep(0.01)


def test_cancel_mid_reply_closes_the_connection_and_says_so(server: FakeServer, settings: Settings) -> None:
    server.script(fake.endless_stream('{"a": 1, ', limit=5000, pause=0.01))
    client = LlmClient(settings)
    thread, raised = run_in_thread(lambda: ask(client))
    wait_for(lambda: (activity := client.activity()) is not None and activity.tokens > 3)

    assert client.cancel() is True
    thread.join(HANG_UP_SECONDS)

    assert isinstance(raised[0], LlmError) and raised[0].fault == Fault.cancelled
    assert server.streams.client_hung_up.wait(HANG_UP_SECONDS)
    assert client.activity() is None


def test_cancel_while_the_server_has_not_answered_yet_ends_the_wait(server: FakeServer, settings: Settings) -> None:
    server.script(fake.hang(30))
    client = LlmClient(settings.model_copy(update={"timeout_seconds": 30.0, "first_token_timeout_seconds": 30.0}))
    thread, raised = run_in_thread(lambda: ask(client))
    wait_for(lambda: client.activity() is not None and len(server.requests) == 1)

    started = time.monotonic()
    client.cancel()
    thread.join(HANG_UP_SECONDS)

    assert not thread.is_alive() and time.monotonic() - started < HANG_UP_SECONDS
    assert isinstance(raised[0], LlmError) and raised[0].fault == Fault.cancelled


def test_after_cancel_new_requests_are_refused_until_resumed(server: FakeServer, settings: Settings) -> None:
    server.script(fake.reply_json({"a": 1, "b": "x"}))
    client = LlmClient(settings)
    client.cancel()

    assert failure_of(lambda: ask(client)).fault == Fault.cancelled
    assert server.requests == []
    client.resume()
    assert ask(client).a == 1


def test_a_server_that_ignores_stream_true_is_read_as_one_completion(server: FakeServer, settings: Settings) -> None:
    body = fake.completion('{"a": 2, "b": "y"}')
    server.script(fake.raw(200, fake.json.dumps(body).encode(), "application/json"))
    assert ask(LlmClient(settings)) == Pair(a=2, b="y")


ODD_REPLIES = {
    "invalid UTF-8 body": (fake.raw(200, b'{"choices": "\xff\xfe"}', "application/json"), "not UTF-8"),
    "choices none": (fake.raw(200, b'{"choices": "none"}', "application/json"), "choices are 'none', not a list"),
    "choices none, streamed": (fake.raw_events(b'{"choices": "none"}'), "choices are 'none', not a list"),
    "chunk not JSON": (fake.raw_events(b"{oops"), "a chunk that is not JSON"),
    "invalid UTF-8 chunk": (fake.raw_events(b'{"choices": [{"delta": {"content": "\xff"}}]}'), "not UTF-8"),
}


@pytest.mark.parametrize("odd", list(ODD_REPLIES))
def test_odd_replies_give_a_clean_fallback_reason(
    odd: str, server: FakeServer, settings: Settings, question: Question, capsys: pytest.CaptureFixture[str]
) -> None:
    action, words = ODD_REPLIES[odd]
    server.script(action)

    feedback = service.grade(question, ANSWER, settings=settings, role_level=RoleLevel.manager)

    reason = next(f.message for f in feedback.flags if f.kind == FlagKind.llm_fallback)
    assert words in reason, reason
    assert "see the log" not in reason and "unexpectedly" not in reason
    assert "Traceback" not in capsys.readouterr().err


def test_a_grade_that_streams_is_visible_as_it_comes(
    server: FakeServer, settings: Settings, question: Question
) -> None:
    """The screen's progress line reads activity(): the grade's purpose and its tokens so far."""
    text = fake.json.dumps(verdict())
    server.script(fake.stream([text[i : i + 8] for i in range(0, len(text), 8)]))
    client = LlmClient(settings)
    seen: list[tuple[str, int]] = []
    thread, raised = run_in_thread(
        lambda: service.grade(question, ANSWER, settings=settings, role_level=RoleLevel.manager, client=client)
    )
    while thread.is_alive():
        activity = client.activity()
        if activity is not None:
            seen.append((activity.purpose, activity.tokens))
        time.sleep(0.001)
    thread.join()

    assert raised == []
    assert {purpose for purpose, _ in seen} == {"grading"}
