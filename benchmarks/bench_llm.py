"""The LLM path against the local fake OpenAI-compatible server (tests/llm/fake_server.py): what
the app adds to a full grade and to a streamed interviewer turn, over the bare `openai` SDK
making the very request the app made to the same server; and how soon a streamed first token is
on screen after the server sent it.

    python benchmarks/bench_llm.py [--repeat 30]

Targets: the app adds under 10%; the first token is painted within one frame (1/60 s).
The app's grade includes its offline grade (always run beside the model's), so that is in the figure.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, ClassVar

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(Path(__file__).parent))
import openai
from bench_grading import answer_of
from pydantic import SecretStr

from practice.app import build_app
from practice.bank.loader import load_bank
from practice.bank.models import Question, RoleLevel
from practice.config import GraderKind, Settings
from practice.interview.llm_interviewer import LlmInterviewer
from practice.llm.client import LlmClient
from practice.screens.interview import InterviewScreen
from practice.store.sqlite import SessionStore
from practice.widgets.transcript import Transcript
from tests.llm import fake_server as fake
from tests.llm.fake_server import FakeServer, Handler

FRAME_MS = 1000 / 60
KEY = "sk-bench"
PIECES = [f"word{n} " for n in range(40)]


def verdict(question: Question, answer: str) -> dict[str, object]:
    quote = answer.split(". ")[0]
    return {
        "criteria": [{"criterion_id": c.id, "status": "partial", "evidence": quote, "note": "n"} for c in question.criteria],
        "star": {p: {"present": True, "evidence": quote} for p in ("situation", "task", "action", "result")},
        "structure": [], "strengths": ["s"], "improvements": ["i"], "reasons": ["r"], "score": 3,
    }


def median_ms(action: Callable[[], object], repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        samples.append(time.perf_counter() - start)
    return statistics.median(samples) * 1000


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


def paced_stream(pieces: list[str], pause: float) -> fake.Action:
    """The fake server's stream, with a pause before each later chunk (as a model thinks)."""

    def act(handler: Handler) -> None:
        handler.start_events()
        for index, piece in enumerate(pieces):
            if index:
                time.sleep(pause)
            handler.send_event(fake._chunk(piece))
        handler.send_event(fake._chunk(None, "stop"))
        handler.send_event("[DONE]")

    return act


async def chunk_lags_ms(server: FakeServer, settings: Settings, repeat: int, directory: Path) -> dict[str, list[float]]:
    """From a chunk reaching the app to the repaint that shows it: the first chunk of the
    opening turn (the screen still being built), a later chunk of it (the screen idle), and the
    first chunk of a follow-up (the transcript just rebuilt for the new turn)."""
    painted: list[float] = []
    original = Transcript.append_chunk

    def append_chunk(self: Transcript, chunk: str) -> None:
        original(self, chunk)
        self.call_after_refresh(lambda: painted.append(time.perf_counter()))

    Transcript.append_chunk = append_chunk  # type: ignore[method-assign]
    client = LlmClient(settings)
    bank = load_bank()
    lags: dict[str, list[float]] = {"opening, first chunk": [], "opening, later chunk": [], "follow-up, first chunk": []}
    for run in range(repeat):
        TimedInterviewer.arrived.clear()
        painted.clear()
        server.script(paced_stream(["Tell me ", "about it."], 0.2), paced_stream(["How did ", "you measure it?"], 0.2))
        app = build_app(settings, bank, SessionStore(directory / f"{run}.sqlite3"), seed=run,
                        interviewer_for=lambda level: TimedInterviewer(client, role_level=level))
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
    Transcript.append_chunk = original  # type: ignore[method-assign]
    return lags


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args(argv)
    question = load_bank().question("ccl-01")
    answer = answer_of(300)
    server = FakeServer().start()
    with tempfile.TemporaryDirectory() as directory:
        import os

        os.environ["TIKTOKEN_CACHE_DIR"] = directory  # estimates, never a download
        settings = Settings(grader=GraderKind.llm, base_url=server.base_url, api_key=SecretStr(KEY), model="gpt-4o-mini", timeout_seconds=10)
        bare = openai.OpenAI(base_url=server.base_url, api_key=KEY, max_retries=0)

        app = build_app(settings, load_bank(), SessionStore(Path(directory) / "grades.sqlite3"))

        def app_grade() -> None:  # what the interview's grading worker calls
            server.script(fake.reply_json(verdict(question, answer)))
            app.grade(question, answer, RoleLevel.individual_contributor)

        app_grade()
        grade_request = dict(server.requests[-1].body)

        def bare_grade() -> None:
            server.script(fake.reply_json(verdict(question, answer)))
            bare.chat.completions.create(**grade_request)

        interviewer = LlmInterviewer(LlmClient(settings), role_level=RoleLevel.individual_contributor)

        def app_turn() -> None:
            server.script(fake.stream(PIECES))
            "".join(interviewer.opening(question, 0, 3))

        app_turn()
        turn_request = dict(server.requests[-1].body)

        def bare_turn() -> None:
            server.script(fake.stream(PIECES))
            "".join(c.choices[0].delta.content or "" for c in bare.chat.completions.create(**turn_request) if c.choices)

        results = {}
        for label, action in (("app", app_grade), ("bare", bare_grade), ("app turn", app_turn), ("bare turn", bare_turn)):
            results[label] = median_ms(action, args.repeat)
        lags = asyncio.run(chunk_lags_ms(server, settings, max(3, args.repeat // 6), Path(directory)))
    server.stop()
    print(f"full grade through the app (300 words):          median {results['app']:7.2f} ms")
    print(f"same request, bare openai SDK:                   median {results['bare']:7.2f} ms")
    print(f"ratio app / bare (target < 1.10):                 {results['app'] / results['bare']:7.2f} x")
    print(f"streamed interviewer turn (40 chunks), app:      median {results['app turn']:7.2f} ms")
    print(f"same stream, bare openai SDK:                    median {results['bare turn']:7.2f} ms")
    print(f"ratio app / bare (target < 1.10):                 {results['app turn'] / results['bare turn']:7.2f} x")
    for label, samples in lags.items():
        if samples:
            print(f"chunk in app to painted, {label + ':':<24} median {statistics.median(samples):7.2f} ms, "
                  f"max {max(samples):.2f} ms (a frame is {FRAME_MS:.1f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
