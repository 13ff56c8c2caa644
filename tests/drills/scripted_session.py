"""A candidate played by a script: the real app, built as `practice` builds it, run headless in
its own process and driven by a Pilot, logging what it did to a JSON-lines file.

The kill drill SIGKILLs this process at random moments and then checks the store against the
log; the memory benchmark runs it to the end and reads its peak resident memory. Each log line
is flushed as soon as it is written, so it survives the kill (the kernel keeps the page):

    {"event": "resume_offered", "session": ID}              a new start found the unfinished session
    {"event": "ready"}                                      the first screen is up (after any offer)
    {"event": "typed", "session": ID, "text": T, "t": UNIX} the answer box held T at time t
    {"event": "submitted", "session": ID, "text": T}        T is in the store (read back after the save)
    {"event": "finished", "maxrss_kib": N}                  the script ran to its end

    python -m tests.drills.scripted_session --log FILE [--seed N] [--turns N] [--word-delay S]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import time
from collections.abc import Callable
from pathlib import Path
from typing import IO, Any

from textual.pilot import Pilot
from textual.widgets import Input

from practice import locations
from practice.app import PracticeApp, build_app
from practice.bank.loader import load_bank
from practice.config import load_settings
from practice.interview.engine import Phase
from practice.screens.confirm import ConfirmScreen
from practice.screens.feedback import FeedbackScreen
from practice.screens.interview import InterviewScreen
from practice.screens.self_assessment import SelfAssessmentScreen
from practice.screens.setup import SetupScreen
from practice.screens.summary import SummaryScreen
from practice.store.sqlite import SessionStore

STEP_TIMEOUT_SECONDS = 30.0
POLL_SECONDS = 0.02
WORDS = (
    "customers",
    "churn",
    "ticket",
    "queue",
    "I",
    "we",
    "measured",
    "CSAT",
    "from",
    "to",
    "percent",
    "rose",
    "fell",
    "team",
    "lead",
    "pilot",
    "weeks",
    "refund",
    "policy",
    "escalation",
    "my",
    "goal",
    "result",
    "learned",
    "dashboard",
    "survey",
    "NPS",
    "hired",
    "trained",
    "coached",
    "12",
    "40",
    "because",
    "so",
    "then",
    "after",
    "before",
    "within",
    "quarter",
    "month",
    "support",
    "journey",
    "feedback",
    "loop",
)


class ScriptLog:
    def __init__(self, stream: IO[str]) -> None:
        self._stream = stream

    def write(self, event: str, **fields: Any) -> None:
        self._stream.write(json.dumps({"event": event, **fields}) + "\n")
        self._stream.flush()


def answer_words(rng: random.Random, turn: int) -> list[str]:
    """A tagged answer: the tag makes every submitted text unique, so the check can find it."""
    return [f"turn{turn}-{rng.randrange(10**6)}", *rng.choices(WORDS, k=rng.randint(60, 120))]


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], what: str) -> None:
    deadline = time.monotonic() + STEP_TIMEOUT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError(f"scripted session: gave up waiting for {what}")
        await pilot.pause(POLL_SECONDS)


async def settle(pilot: Pilot[Any]) -> None:
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


class Candidate:
    def __init__(self, app: PracticeApp, log: ScriptLog, *, seed: int, turns: int, word_delay: float) -> None:
        self.app = app
        self.log = log
        self.rng = random.Random(seed)
        self.turns = turns
        self.word_delay = word_delay

    async def __call__(self, pilot: Pilot[Any]) -> None:
        await wait_until(
            pilot, lambda: any(isinstance(s, SetupScreen) for s in self.app.screen_stack), "the set-up screen"
        )
        await settle(pilot)  # the look for an unfinished session has run
        offered = isinstance(self.app.screen, ConfirmScreen)
        if offered:
            unfinished = self.app.store.latest_unfinished()
            self.log.write("resume_offered", session=unfinished.id if unfinished else None)
        self.log.write("ready")
        if offered:
            await pilot.press("y")
        turn = 0
        while turn < self.turns:
            await self.settle(pilot)
            screen = self.app.screen
            if isinstance(screen, SetupScreen):
                screen.query_one("#count", Input).value = "2"
                await pilot.press("ctrl+s")
            elif isinstance(screen, InterviewScreen) and screen.engine.phase in (Phase.answering, Phase.follow_up):
                await self.answer(pilot, screen, turn)
                turn += 1
            elif isinstance(screen, SelfAssessmentScreen):
                await self.self_assess(pilot)
            elif isinstance(screen, (FeedbackScreen, SummaryScreen)):
                await pilot.press("n")
        self.log.write("finished", maxrss_kib=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
        self.app.exit()

    async def settle(self, pilot: Pilot[Any]) -> None:
        """Between steps: every worker done (a drill may watch the screen meanwhile)."""
        await settle(pilot)

    async def self_assess(self, pilot: Pilot[Any]) -> None:
        await pilot.press("space", "4", "ctrl+s")

    async def answer(self, pilot: Pilot[Any], screen: InterviewScreen, turn: int) -> None:
        session_id = screen.engine.session.id
        box = screen.answer_box
        words = answer_words(self.rng, turn)
        already = len(box.text.split())  # a resumed draft: finish the answer, do not start over
        for word in words[: max(5, len(words) - already)]:
            box.insert(("" if not box.text or box.text.endswith(" ") else " ") + word)
            self.log.write("typed", session=session_id, text=box.text, t=time.time())
            await pilot.pause(self.word_delay)  # a typist's pace, so the draft timer gets its turns
        text = box.text
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not screen.busy and box.text != text, "the answer to be taken")
        store = self.app.store
        await wait_until(pilot, lambda: text in stored_answers(store, session_id), "the answer to be saved")
        self.log.write("submitted", session=session_id, text=text)


def stored_answers(store: SessionStore, session_id: str) -> list[str]:
    session = store.load(session_id)
    return [answer.text for record in session.records for attempt in record.attempts for answer in attempt.answers]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--turns", type=int, default=1000, help="answers to type before exiting")
    parser.add_argument("--word-delay", type=float, default=0.03, help="seconds between typed words")
    args = parser.parse_args(argv)
    settings = load_settings()
    app = build_app(settings, load_bank(settings.bank), SessionStore(locations.store_path()), seed=args.seed)
    with args.log.open("a", encoding="utf-8") as stream:
        candidate = Candidate(app, ScriptLog(stream), seed=args.seed, turns=args.turns, word_delay=args.word_delay)
        app.run(headless=True, size=(100, 32), auto_pilot=candidate)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
