"""The kill drill: SIGKILL the real app at random moments of a scripted session, then check the
store against what the script logged.

After every kill: each answer the script saw saved is in the store; the draft in the store holds
at least what was typed more than DRAFT_LOSS_SECONDS before the kill; and the next start offers
to resume the unfinished session (checked by the next run's log; a last run with no turns
checks the final kill). The kill moments come from a seeded RNG, so a failure can be replayed.

    python -m tests.drills.kill_drill [--kills 20] [--seed 1]

The suite runs a short version (tests/drills/test_kill_drill.py).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from practice.screens.interview import DRAFT_SAVE_SECONDS
from practice.store.sqlite import SessionStore

REPO_ROOT = Path(__file__).resolve().parents[2]
DRAFT_LOSS_SECONDS = DRAFT_SAVE_SECONDS + 1.5
"""The draft is saved every DRAFT_SAVE_SECONDS; the rest is the save itself on a busy machine."""
READY_TIMEOUT_SECONDS = 60.0
WORD_DELAY_SECONDS = 0.08
"""Slow typing: a turn outlasts DRAFT_LOSS_SECONDS, so kills land on drafts old enough to check."""
LONGEST_KILL_DELAY_SECONDS = 12.0
"""Long enough that many kills come well after typing began, so the draft check has work."""


@dataclass
class DrillReport:
    kills: int = 0
    submitted: int = 0
    drafts_checked: int = 0
    lost_answers: list[str] = field(default_factory=list)
    lost_drafts: list[str] = field(default_factory=list)
    missed_resumes: list[str] = field(default_factory=list)
    crashes: list[str] = field(default_factory=list)

    @property
    def survived(self) -> int:
        return self.kills - len(self.crashes)

    @property
    def problems(self) -> list[str]:
        return [*self.lost_answers, *self.lost_drafts, *self.missed_resumes, *self.crashes]

    def summary(self) -> str:
        return (
            f"{self.kills} kills, {self.survived} restarts survived, {self.submitted} answers submitted, "
            f"{self.drafts_checked} drafts checked, "
            f"{len(self.lost_answers)} answers lost, {len(self.lost_drafts)} drafts lost beyond "
            f"{DRAFT_LOSS_SECONDS:g} s, {len(self.missed_resumes)} resumes not offered"
        )


def read_log(path: Path) -> list[dict[str, Any]]:
    if not path.exists():
        return []
    lines = path.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.endswith("}")]  # a line cut by the kill is skipped


def start_candidate(data_dir: Path, log: Path, seed: int, turns: int) -> subprocess.Popen[bytes]:
    environment = {**os.environ, "PRACTICE_DATA_DIR": str(data_dir), "PRACTICE_CONFIG": str(data_dir / "none.toml")}
    for name in ("OPENAI_API_KEY", "OPENAI_BASE_URL", "PRACTICE_MODEL", "PRACTICE_GRADER"):
        environment.pop(name, None)
    command = [
        sys.executable,
        "-m",
        "tests.drills.scripted_session",
        "--log",
        str(log),
        "--seed",
        str(seed),
        "--turns",
        str(turns),
        "--word-delay",
        str(WORD_DELAY_SECONDS),
    ]
    return subprocess.Popen(command, cwd=REPO_ROOT, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def wait_for_event(process: subprocess.Popen[bytes], log: Path, event: str) -> list[dict[str, Any]]:
    deadline = time.monotonic() + READY_TIMEOUT_SECONDS
    while time.monotonic() < deadline:
        events = read_log(log)
        if any(e["event"] == event for e in events):
            return events
        if process.poll() is not None:
            stderr = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise RuntimeError(f"the app exited with {process.returncode} before {event!r}:\n{stderr[-2000:]}")
        time.sleep(0.05)  # polling the log file under a deadline
    process.kill()
    raise TimeoutError(f"the app did not log {event!r} within {READY_TIMEOUT_SECONDS:g} s")


def check_store(
    store_file: Path, events: list[dict[str, Any]], killed_at: float, run: int, report: DrillReport
) -> str | None:
    """Returns the id of the session a new start must offer to resume (None: nothing unfinished)."""
    with SessionStore(store_file) as store:
        for event in (e for e in events if e["event"] == "submitted"):
            session = store.load(event["session"])
            texts = [a.text for r in session.records for t in r.attempts for a in t.answers]
            if event["text"] not in texts:
                report.lost_answers.append(f"run {run}: submitted answer missing: {event['text'][:40]!r}")
        last_submission = max((i for i, e in enumerate(events) if e["event"] == "submitted"), default=-1)
        typed = [
            e
            for e in events[last_submission + 1 :]
            if e["event"] == "typed" and e["t"] <= killed_at - DRAFT_LOSS_SECONDS
        ]
        if typed:
            expected = typed[-1]
            report.drafts_checked += 1
            session = store.load(expected["session"])
            kept = [session.draft.text] if session.draft else []
            kept += [a.text for r in session.records for t in r.attempts for a in t.answers]
            if not any(text.startswith(expected["text"]) for text in kept):
                report.lost_drafts.append(
                    f"run {run}: draft typed {killed_at - expected['t']:.1f} s before the kill is not in the store"
                )
        unfinished = store.latest_unfinished()
    return unfinished.id if unfinished else None


def run_drill(kills: int, seed: int, work_dir: Path) -> DrillReport:
    rng = random.Random(seed)
    report = DrillReport()
    store_file = work_dir / "sessions.sqlite3"
    expected_resume: str | None = None
    submitted: list[dict[str, Any]] = []
    for run in range(kills + 1):
        log = work_dir / f"run-{run}.jsonl"
        last = run == kills
        process = start_candidate(work_dir, log, seed * 1000 + run, turns=0 if last else 1000)
        try:
            events = wait_for_event(process, log, "finished" if last else "ready")
        except (RuntimeError, TimeoutError) as error:
            report.crashes.append(f"run {run}: {error}")
            process.kill()
            process.wait()
            break
        offered = next((e["session"] for e in events if e["event"] == "resume_offered"), None)
        if expected_resume is not None and offered != expected_resume:
            report.missed_resumes.append(f"run {run}: expected an offer to resume {expected_resume}, got {offered}")
        if last:
            if process.wait(timeout=READY_TIMEOUT_SECONDS) != 0:
                report.crashes.append(f"run {run}: the last start exited with {process.returncode}")
            break
        time.sleep(rng.uniform(0.0, LONGEST_KILL_DELAY_SECONDS))  # the random moment of the kill
        killed_at = time.time()
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        report.kills += 1
        events = read_log(log)
        submitted += [e for e in events if e["event"] == "submitted"]
        report.submitted = len(submitted)
        expected_resume = check_store(store_file, [*submitted, *events], killed_at, run, report)
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="practice-kill-drill-") as directory:
        report = run_drill(args.kills, args.seed, Path(directory))
    print(report.summary())
    for problem in report.problems:
        print(f"  {problem}")
    return 1 if report.problems else 0


if __name__ == "__main__":
    raise SystemExit(main())
