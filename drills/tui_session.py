"""The real-model drill's TUI half: the scripted candidate of tests/drills/scripted_session.py,
with the app built as `practice` builds it for a model (the LLM interviewer and grader through
one client), against whatever endpoint the environment names. Writes one summary line to the
log: answers submitted and lost, grades by the model or fallen back (and why), time from the
self-assessment to the feedback, interviewer turns replaced by the bank's wording, notices,
and whether the grading progress line was seen.

    python -m drills.tui_session --log FILE [--turns N]
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from practice import locations
from practice.app import build_app
from practice.bank.loader import load_bank
from practice.commands.tui import llm_interviewer_factory
from practice.config import load_settings
from practice.grading.feedback import FlagKind
from practice.llm.client import LlmClient
from practice.screens.feedback import FeedbackScreen
from practice.screens.interview import InterviewScreen
from practice.store.sqlite import SessionStore
from tests.drills import scripted_session
from tests.drills.scripted_session import Candidate, ScriptLog, settle, stored_answers

# A CPU model grades in minutes, not the fake server's milliseconds.
scripted_session.STEP_TIMEOUT_SECONDS = 900.0
PROGRESS_WORDS = "the model is grading"


class DrillCandidate(Candidate):
    def __init__(self, *args: Any, log_lines: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.log_lines = log_lines
        self.notices: list[str] = []
        self.feedback_seconds: list[float] = []
        self.submitted: list[str] = []
        self.progress_seen = False

    async def __call__(self, pilot: Pilot[Any]) -> None:
        original = self.app.notify

        def notify(message: str, **options: Any) -> None:
            self.notices.append(str(message))
            original(message, **options)

        # Wrapped in place: the drill records every notice the app shows, then shows it as before.
        self.app.notify = notify  # type: ignore[method-assign]
        await super().__call__(pilot)

    async def answer(self, pilot: Pilot[Any], screen: InterviewScreen, turn: int) -> None:
        await super().answer(pilot, screen, turn)
        self.submitted.append(screen.engine.session.id)

    async def self_assess(self, pilot: Pilot[Any]) -> None:
        started = time.monotonic()
        await super().self_assess(pilot)
        await self.settle(pilot)
        if isinstance(self.app.screen, FeedbackScreen):
            self.feedback_seconds.append(round(time.monotonic() - started, 1))

    async def settle(self, pilot: Pilot[Any]) -> None:
        """Wait for the workers, looking at the grading progress line meanwhile."""
        await pilot.pause()
        while any(worker.is_running for worker in self.app.workers):
            screen = self.app.screen
            if isinstance(screen, InterviewScreen) and PROGRESS_WORDS in screen.model_progress_text().lower():
                self.progress_seen = True
            await pilot.pause(0.5)
        await settle(pilot)


def summarise(candidate: DrillCandidate, store: SessionStore, client: LlmClient | None) -> dict[str, Any]:
    session_ids = set(candidate.submitted)
    texts = [json.loads(line)["text"] for line in candidate.log_lines if json.loads(line)["event"] == "submitted"]
    stored = [text for session_id in session_ids for text in stored_answers(store, session_id)]
    grades = [
        attempt.feedback
        for session_id in session_ids
        for record in store.load(session_id).records
        for attempt in record.attempts
        if attempt.feedback is not None
    ]
    reasons = [flag.message for feedback in grades for flag in feedback.flags if flag.kind == FlagKind.llm_fallback]
    replaced = [notice for notice in candidate.notices if "bank's" in notice]
    return {
        "event": "summary",
        "answers_submitted": len(texts),
        "answers_lost": sum(text not in stored for text in texts),
        "grades_llm": sum(feedback.grader.kind == "llm" for feedback in grades),
        "grades_fallback": len(reasons),
        "fallback_reasons": reasons,
        "feedback_seconds": candidate.feedback_seconds,
        "turns_replaced": len(replaced),
        "notices": candidate.notices,
        "tokens": client.usage.model_dump() if client is not None else None,
        "progress_seen": candidate.progress_seen,
    }


class RecordingLog(ScriptLog):
    """The script's log, kept in memory as well, for the summary."""

    def __init__(self, stream: Any, lines: list[str]) -> None:
        super().__init__(stream)
        self._lines = lines

    def write(self, event: str, **fields: Any) -> None:
        self._lines.append(json.dumps({"event": event, **fields}))
        super().write(event, **fields)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--log", type=Path, required=True)
    parser.add_argument("--turns", type=int, default=4)
    args = parser.parse_args(argv)
    settings = load_settings()
    client = LlmClient(settings)
    store = SessionStore(locations.store_path())
    app = build_app(
        settings,
        load_bank(settings.bank),
        store,
        seed=1,
        interviewer_for=llm_interviewer_factory(client),
        llm_client=client,
    )
    lines: list[str] = []
    with args.log.open("a", encoding="utf-8") as stream:
        log = RecordingLog(stream, lines)
        candidate = DrillCandidate(app, log, seed=1, turns=args.turns, word_delay=0.01, log_lines=lines)
        app.run(headless=True, size=(100, 32), auto_pilot=candidate)
        log.write(**summarise(candidate, store, client))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
