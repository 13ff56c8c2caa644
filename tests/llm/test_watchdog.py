"""The one watchdog thread that keeps every request's deadline: it fires what is due, in order,
never what was cancelled, and requests start no thread of their own for it (a thread per
request cost milliseconds before each was sent: benchmarks/bench_llm.py)."""

from __future__ import annotations

import threading

from pydantic import BaseModel

from practice.config import Settings
from practice.llm import watchdog
from practice.llm.client import LlmClient

from . import fake_server as fake
from .fake_server import FLAVOURS, FakeServer

WAIT = 5.0


def test_a_due_deadline_fires_and_a_cancelled_one_never_does() -> None:
    dog = watchdog.Watchdog()
    fired: list[str] = []
    last = threading.Event()
    cancelled = dog.watch(0.01, lambda: fired.append("cancelled"))
    dog.watch(0.02, lambda: fired.append("first"))
    dog.watch(0.05, lambda: (fired.append("second"), last.set()))
    cancelled.cancel()

    assert last.wait(WAIT)
    assert fired == ["first", "second"]


def test_a_sooner_deadline_wakes_a_watchdog_waiting_for_a_later_one() -> None:
    dog = watchdog.Watchdog()
    soon = threading.Event()
    dog.watch(60.0, lambda: None)
    dog.watch(0.01, soon.set)
    assert soon.wait(WAIT)


def test_requests_share_one_watchdog_thread(server: FakeServer, settings: Settings) -> None:
    server.script(*[fake.stream(["Why?"]) for _ in range(6)])
    client = LlmClient(settings)

    def ask() -> None:
        "".join(client.stream_text([{"role": "user", "content": "hi"}], max_tokens=5))

    def ours() -> set[threading.Thread]:
        """The client's threads (the fake server starts one per request of its own)."""
        return {thread for thread in threading.enumerate() if thread.name.startswith("llm-")}

    ask()  # the first request starts the shared watchdog, and the client's request helper
    before = ours()
    for _ in range(5):
        ask()
    assert ours() - before == set()  # no thread started (others may end)
    assert watchdog._shared._thread is not None and watchdog._shared._thread.is_alive()
    assert not any(isinstance(thread, threading.Timer) for thread in threading.enumerate())


class Pair(BaseModel):
    a: int
    b: str


def test_on_sending_is_called_once_though_negotiation_sends_twice(server: FakeServer, settings: Settings) -> None:
    server.flavour = FLAVOURS["llama-cpp-python"]
    server.script(fake.reply_json({"a": 1, "b": "x"}))
    calls: list[int] = []
    LlmClient(settings).structured(
        [{"role": "user", "content": "hi"}],
        Pair,
        repair=lambda p: p,
        max_tokens=20,
        on_sending=lambda: calls.append(len(server.requests)),
    )
    # Once, as the first request was written (the server may have read it by then), not per send.
    assert len(server.requests) == 2 and len(calls) == 1 and calls[0] <= 1
