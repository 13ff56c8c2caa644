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
from collections.abc import Callable
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))
sys.path.insert(0, str(Path(__file__).parent))
from bench_grading import answer_of  # noqa: E402

import openai  # noqa: E402

from practice.app import build_app  # noqa: E402
from practice.bank.loader import load_bank  # noqa: E402
from practice.bank.models import Question, RoleLevel  # noqa: E402
from practice.config import Settings  # noqa: E402
from practice.grading import service  # noqa: E402
from practice.interview.llm_interviewer import LlmInterviewer  # noqa: E402
from practice.llm.client import LlmClient  # noqa: E402
from practice.screens.interview import InterviewScreen  # noqa: E402
from practice.store.sqlite import SessionStore  # noqa: E402
from practice.widgets.transcript import Transcript  # noqa: E402
from tests.llm import fake_server as fake  # noqa: E402
from tests.llm.fake_server import FakeServer, Handler  # noqa: E402

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


async def first_token_lag_ms(server: FakeServer, settings: Settings, repeat: int, directory: Path) -> list[float]:
    """Server: the moment it writes the first content chunk. Screen: the repaint after it landed."""
    sent: list[float] = []
    painted: list[float] = []

    def timed_stream(handler: Handler) -> None:
        handler.start_events()
        handler.send_event(fake._chunk(None, role="assistant"))  # noqa: SLF001
        sent.append(time.perf_counter())
        handler.send_event(fake._chunk("Hello"))  # noqa: SLF001
        handler.send_event(fake._chunk(None, "stop"))  # noqa: SLF001
        handler.send_event("[DONE]")

    original = Transcript.append_chunk

    def append_chunk(self: Transcript, chunk: str) -> None:
        original(self, chunk)
        if len(painted) < len(sent):
            self.call_after_refresh(lambda: painted.append(time.perf_counter()))

    Transcript.append_chunk = append_chunk  # type: ignore[method-assign]
    client = LlmClient(settings)
    bank = load_bank()
    lags = []
    for run in range(repeat):
        server.script(timed_stream)
        app = build_app(settings, bank, SessionStore(directory / f"{run}.sqlite3"), seed=run,
                        interviewer_for=lambda level: LlmInterviewer(client, role_level=level))
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            await app.workers.wait_for_complete()
            await pilot.press("ctrl+s")
            while not (isinstance(app.screen, InterviewScreen) and len(painted) == len(sent) == run + 1):
                await pilot.pause(0.001)  # polling for the paint
        lags.append((painted[-1] - sent[-1]) * 1000)
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
        settings = Settings(grader="llm", base_url=server.base_url, api_key=KEY, model="gpt-4o-mini", timeout_seconds=10)
        bare = openai.OpenAI(base_url=server.base_url, api_key=KEY, max_retries=0)

        def app_grade() -> None:
            server.script(fake.reply_json(verdict(question, answer)))
            service.grade(question, answer, settings=settings, role_level=RoleLevel.individual_contributor)

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
        lags = asyncio.run(first_token_lag_ms(server, settings, max(3, args.repeat // 6), Path(directory)))
    server.stop()
    print(f"full grade through the app (300 words):          median {results['app']:7.2f} ms")
    print(f"same request, bare openai SDK:                   median {results['bare']:7.2f} ms")
    print(f"ratio app / bare (target < 1.10):                 {results['app'] / results['bare']:7.2f} x")
    print(f"streamed interviewer turn (40 chunks), app:      median {results['app turn']:7.2f} ms")
    print(f"same stream, bare openai SDK:                    median {results['bare turn']:7.2f} ms")
    print(f"ratio app / bare (target < 1.10):                 {results['app turn'] / results['bare turn']:7.2f} x")
    print(f"first token sent to painted (frame {FRAME_MS:.1f} ms):     median {statistics.median(lags):7.2f} ms, max {max(lags):.2f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
