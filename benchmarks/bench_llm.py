"""The LLM path against the local fake OpenAI-compatible server (tests/llm/fake_server.py): what
the app adds to a full grade and to a streamed interviewer turn, over the bare `openai` SDK
making the very request the app made to the same server; and how soon a streamed first token is
on screen after the server sent it.

    python benchmarks/bench_llm.py [--repeat 30]

Targets: the app adds under 10%; the first token is painted within one frame (1/60 s).
The app's grade includes its offline grade (always run beside the model's), so that is in the figure.
The grade and the turn are timed against the fake server in a process of its own, as any real
endpoint is: in the benchmark's own process the server's Python work would wait for the same
interpreter lock as the app's, so nothing the app does while a request is out could overlap it.
"""

from __future__ import annotations

import argparse
import asyncio
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).parent))
import openai
from bench_grading import answer_of
from pydantic import SecretStr

from practice.app import PracticeApp, build_app
from practice.bank.loader import load_bank
from practice.bank.models import Question, RoleLevel
from practice.config import GraderKind, Settings
from practice.grading import service
from practice.interview.llm_interviewer import LlmInterviewer
from practice.llm.client import LlmClient
from practice.screens.interview import InterviewScreen
from practice.store.sqlite import SessionStore
from practice.widgets.transcript import Transcript
from tests.llm import fake_server as fake
from tests.llm.fake_server import FakeServer, Handler

FRAME_MS = 1000 / 60
KEY = "sk-bench"
PIECES = [f"word{n} " for n in range(39)] + ["word39?"]  # a turn must ask something
ANSWER_WORDS = 300
# A server that takes this long to answer a grade, far quicker than any real model, shows what
# the app's own work costs once the request's wait can hide it.
THINK_MS = 20
# A model's time to its first streamed token, at the quick end of hosted models: time enough
# for the screen to be built before the first chunk comes, as it is in real use.
FIRST_TOKEN_MS = 200
FIRST_CHUNKS = ("opening, first chunk", "follow-up, first chunk")


def verdict(question: Question, answer: str) -> dict[str, object]:
    """Every area partly covered, each citing the answer's first sentence."""
    return {
        "criteria": {c.id: {"status": "partial", "sentence": 1} for c in question.criteria},
        "star": dict.fromkeys(("situation", "task", "action", "result"), 1),
        "reason": "r",
        "strength": "s",
        "improvement": "i",
        "score": 3,
    }


def medians_ms(actions: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Each action's median, the actions taking turns, so the app and its baseline meet the
    same moments of a shared, noisy machine."""
    samples: dict[str, list[float]] = {label: [] for label in actions}
    for action in actions.values():
        action()  # warm: connections, caches
    for _ in range(repeat):
        for label, action in actions.items():
            start = time.perf_counter()
            action()
            samples[label].append(time.perf_counter() - start)
    return {label: statistics.median(times) * 1000 for label, times in samples.items()}


class TimedInterviewer(LlmInterviewer):
    """Notes when each chunk reaches the app (the interviewer's generator yields it)."""

    arrived: ClassVar[list[float]] = []

    def opening(self, question: Question, index: int, count: int) -> Iterator[str]:
        return self._timed(super().opening(question, index, count))

    def follow_up(self, *args: Any, **kwargs: Any) -> Iterator[str]:
        return self._timed(super().follow_up(*args, **kwargs))

    def _timed(self, chunks: Iterator[str]) -> Iterator[str]:
        for chunk in chunks:
            self.arrived.append(time.perf_counter())
            yield chunk


def paced_stream(pieces: list[str], pause: float, think: float) -> fake.Action:
    """The fake server's stream, `think` seconds before the first chunk (a model's time to its
    first token) and `pause` before each later one."""

    def act(handler: Handler) -> None:
        handler.start_events()
        for index, piece in enumerate(pieces):
            time.sleep(pause if index else think)
            handler.send_event(fake._chunk(piece))
        handler.send_event(fake._chunk(None, "stop"))
        handler.send_event("[DONE]")

    return act


async def chunk_lags_ms(
    server: FakeServer, settings: Settings, repeat: int, directory: Path, think: float
) -> dict[str, list[float]]:
    """From a chunk reaching the app to the repaint that shows it: the first chunk of the
    opening turn (with no `think`, the screen is still being built when it comes), a later
    chunk of it (the screen idle), and the first chunk of a follow-up (the turn just laid out)."""
    painted: list[float] = []
    original = Transcript.append_chunk

    def append_chunk(self: Transcript, chunk: str) -> None:
        original(self, chunk)
        self.call_after_refresh(lambda: painted.append(time.perf_counter()))

    # Instrumented in place (restored below): the app's own streaming calls are what is timed.
    Transcript.append_chunk = append_chunk  # type: ignore[method-assign]
    client = LlmClient(settings)
    bank = load_bank()
    lags: dict[str, list[float]] = {
        "opening, first chunk": [],
        "opening, later chunk": [],
        "follow-up, first chunk": [],
    }
    for run in range(repeat):
        TimedInterviewer.arrived.clear()
        painted.clear()
        server.script(
            paced_stream(["Tell me ", "about it?"], 0.2, think),
            paced_stream(["How did ", "you measure it?"], 0.2, think),
        )
        app = build_app(
            settings,
            bank,
            SessionStore(directory / f"{run}-{think}.sqlite3"),
            seed=run,
            interviewer_for=lambda level: TimedInterviewer(client, role_level=level),
        )
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.press("ctrl+s")
            while len(painted) < 2 or not isinstance(app.screen, InterviewScreen):
                await pilot.pause(0.001)  # polling for the paint
            await app.workers.wait_for_complete()
            await pilot.pause()
            screen = app.screen
            screen.answer_box.load_text("We fixed it.")  # thin: the interviewer follows up
            await pilot.press("ctrl+s")
            while len(painted) < 3 and screen.engine.phase.value != "self_assessment":
                await pilot.pause(0.001)
            await app.workers.wait_for_complete()
        for label, index in zip(lags, range(3), strict=True):
            if len(painted) > index:
                lags[label].append((painted[index] - TimedInterviewer.arrived[index]) * 1000)
    Transcript.append_chunk = original  # type: ignore[method-assign]  # the instrumentation undone
    return lags


class SteadyServer(FakeServer):
    """Answers every request alike (a grade's verdict, or a turn's stream), so it can run in a
    process of its own, where the benchmark cannot script it. A URL under /think-MS/ waits MS
    milliseconds before answering, as a model takes its time."""

    def __init__(self, grade_reply: dict[str, object]) -> None:
        super().__init__()
        self.grade_reply = grade_reply

    def next_action(self) -> fake.Action:
        request = self.requests.pop()
        think = THINK.match(request.path)
        reply = fake.reply_json(self.grade_reply) if "response_format" in request.body else fake.stream(PIECES)

        def act(handler: Handler) -> None:
            if think:
                time.sleep(int(think.group(1)) / 1000)
            reply(handler)

        return act


THINK = re.compile(r"/think-(\d+)/")


def serve() -> None:
    """The child process: prints its URL, serves until the parent closes our standard input."""
    question = load_bank().question("ccl-01")
    server = SteadyServer(verdict(question, answer_of(ANSWER_WORDS))).start()
    print(server.base_url.removesuffix("/v1"), flush=True)
    sys.stdin.read()
    server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    parser.add_argument("--serve", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.serve:
        serve()
        return 0
    question = load_bank().question("ccl-01")
    answer = answer_of(ANSWER_WORDS)
    server = FakeServer().start()  # scripted, in process: to record requests, and for the screen
    remote = subprocess.Popen(
        [sys.executable, __file__, "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    assert remote.stdout is not None and remote.stdin is not None
    remote_root = remote.stdout.readline().strip()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory() as directory:
        import os

        os.environ["TIKTOKEN_CACHE_DIR"] = directory  # estimates, never a download
        settings = Settings(
            grader=GraderKind.llm,
            base_url=server.base_url,
            api_key=SecretStr(KEY),
            model="gpt-4o-mini",
            timeout_seconds=10,
        )
        # The very requests the app makes, recorded by the scripted server, for the bare SDK.
        recorder = LlmClient(settings)
        server.script(fake.reply_json(verdict(question, answer)), fake.stream(PIECES))
        service.grade(question, answer, settings=settings, role_level=RoleLevel.individual_contributor, client=recorder)
        "".join(LlmInterviewer(recorder, role_level=RoleLevel.individual_contributor).opening(question, 0, 3))
        grade_request, turn_request = (dict(request.body) for request in server.requests[-2:])

        for think in (0, THINK_MS):
            url = f"{remote_root}/think-{think}/v1"
            timed = settings.model_copy(update={"base_url": url})
            bare = openai.OpenAI(base_url=url, api_key=KEY, max_retries=0)
            app = build_app(timed, load_bank(), SessionStore(Path(directory) / f"grades-{think}.sqlite3"))

            def app_grade(app: PracticeApp = app) -> None:  # what the interview's grading worker calls
                app.grade(question, answer, RoleLevel.individual_contributor)

            def bare_grade(bare: openai.OpenAI = bare) -> None:
                "".join(
                    c.choices[0].delta.content or "" for c in bare.chat.completions.create(**grade_request) if c.choices
                )

            grades = medians_ms({"app": app_grade, "bare": bare_grade}, args.repeat)
            results |= {f"{label} {think}": figure for label, figure in grades.items()}

        url = f"{remote_root}/think-0/v1"
        interviewer = LlmInterviewer(
            LlmClient(settings.model_copy(update={"base_url": url})), role_level=RoleLevel.individual_contributor
        )
        bare = openai.OpenAI(base_url=url, api_key=KEY, max_retries=0)

        def app_turn() -> None:
            "".join(interviewer.opening(question, 0, 3))

        def bare_turn() -> None:
            "".join(c.choices[0].delta.content or "" for c in bare.chat.completions.create(**turn_request) if c.choices)

        results |= medians_ms({"app turn": app_turn, "bare turn": bare_turn}, args.repeat)
        runs = max(3, args.repeat // 6)
        lags = asyncio.run(chunk_lags_ms(server, settings, runs, Path(directory), think=0))
        thinking = asyncio.run(chunk_lags_ms(server, settings, runs, Path(directory), think=FIRST_TOKEN_MS / 1000))
    server.stop()
    remote.stdin.close()
    remote.wait(timeout=10)
    for think, how in ((0, "answering at once"), (THINK_MS, f"thinking {THINK_MS} ms")):
        print(
            f"full grade through the app ({ANSWER_WORDS} words), server {how + ':':<18} "
            f"median {results[f'app {think}']:7.2f} ms"
        )
        print(f"same request, bare openai SDK, server {how + ':':<27} median {results[f'bare {think}']:7.2f} ms")
        ratio = results[f"app {think}"] / results[f"bare {think}"]
        print(f"ratio app / bare, server {how} (target < 1.10):   {ratio:7.2f} x")
    print(f"streamed interviewer turn (40 chunks), app:      median {results['app turn']:7.2f} ms")
    print(f"same stream, bare openai SDK:                    median {results['bare turn']:7.2f} ms")
    print(f"ratio app / bare (target < 1.10):                 {results['app turn'] / results['bare turn']:7.2f} x")
    for label, samples in [
        *lags.items(),
        *((f"{label} after {FIRST_TOKEN_MS} ms", thinking[label]) for label in FIRST_CHUNKS),
    ]:
        if samples:
            print(
                f"chunk in app to painted, {label + ':':<24} median {statistics.median(samples):7.2f} ms, "
                f"max {max(samples):.2f} ms (a frame is {FRAME_MS:.1f} ms)"
            )
    return 0


if __name__ == "__main__":
    sys.exit(main())
