"""How fast the session store is where the user waits on it.

    python benchmarks/bench_store.py [--sessions 10000] [--repeat 200]

Prints medians: saving a turn (a whole session with 4 answered questions, graded, as the TUI
saves after every intent), saving a draft (every few seconds while typing), and the history's
first page with --sessions sessions saved (plus a filtered page, a text search and a count).
Everything happens in a temporary directory.
"""

from __future__ import annotations

import argparse
import functools
import statistics
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from datetime import timedelta
from pathlib import Path

from practice.bank.loader import load_bank
from practice.bank.models import Question, RoleLevel
from practice.grading import offline
from practice.grading.exchange import Exchange
from practice.grading.feedback import Feedback
from practice.interview.engine import InterviewEngine, Phase
from practice.interview.models import AnswerKind, Draft, SelfAssessment, Session, SessionSettings, new_id, utcnow
from practice.store.sqlite import SessionStore

ANSWER = (
    "In my last role our customers struggled with slow answers. My task was to fix that, so I mapped the "
    "journey, I interviewed 12 customers, I changed our triage and I trained the team. As a result "
    "satisfaction rose from 78% to 91% in two quarters and churn fell by 3 points. I learned to measure "
    "before I change anything, and I now review the effort score with the team every week."
)
FOLLOW_UP_ANSWER = "We tracked first-contact resolution weekly; it went from 61% to 74% within a quarter."


def grade(question: Question, answer: str, role_level: RoleLevel, *, exchanges: Sequence[Exchange] = ()) -> Feedback:
    return offline.grade(question, answer, role_level=role_level)


def four_question_session(seed: int) -> Session:
    """A realistic session: 4 questions answered, follow-ups answered, every attempt graded."""
    bank = load_bank()
    track = bank.tracks[seed % len(bank.tracks)]
    settings = SessionSettings(track=track.id, question_count=4, seed=seed)
    grader = offline.grade(bank.questions[0], ANSWER).grader
    engine = InterviewEngine.start(bank, settings, grade, grader)
    while engine.phase != Phase.finished:
        engine.submit_answer(f"{ANSWER} (seed {seed})", seconds_taken=95)
        while engine.phase == Phase.follow_up:
            engine.submit_answer(FOLLOW_UP_ANSWER, seconds_taken=30)
        engine.submit_self_assessment(SelfAssessment(situation=True, task=True, action=True, result=True, score=4))
        engine.next_question()
    return engine.session


def median_ms(action: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args(argv)

    templates = [four_question_session(seed) for seed in range(12)]
    with tempfile.TemporaryDirectory() as directory:
        store = SessionStore(Path(directory) / "sessions.sqlite3")
        session = templates[0]

        def save_turn() -> None:
            session.updated_at = utcnow()
            store.save(session)

        def save_turn_with_new_answer() -> None:
            """As after submitting an answer: one answer the index has not seen yet."""
            last = session.records[-1].attempts[-1].answers[-1]
            last.id = new_id()
            save_turn()

        draft = Draft(question_id=session.records[0].question.id, kind=AnswerKind.main, text=ANSWER)
        print(f"session JSON: {len(session.model_dump_json()) / 1024:.1f} KiB, 4 questions answered and graded")
        print(f"save a turn (whole session):      median {median_ms(save_turn, args.repeat):7.2f} ms")
        print(f"  ...with a new answer:           median {median_ms(save_turn_with_new_answer, args.repeat):7.2f} ms")
        save_draft = median_ms(functools.partial(store.save_draft, session.id, draft), args.repeat)
        print(f"save a draft:                     median {save_draft:7.2f} ms")

        base = utcnow()
        start = time.perf_counter()
        for index in range(args.sessions):
            when = base - timedelta(minutes=index)
            copy = templates[index % len(templates)].model_copy(
                update={"id": new_id(), "created_at": when, "updated_at": when}
            )
            store.save(copy)
        filled = time.perf_counter() - start
        print(f"filled {args.sessions} sessions in {filled:.1f} s ({filled / args.sessions * 1000:.2f} ms each)")

        listings: dict[str, Callable[[], object]] = {
            "list_sessions first page": lambda: store.list_sessions(limit=50),
            "  filtered by track": lambda: store.list_sessions(track=templates[1].settings.track, limit=50),
            "  filtered by competency": lambda: store.list_sessions(
                competency=templates[2].records[0].question.competencies[0], limit=50
            ),
            "  text search, rare word": lambda: store.list_sessions(text="walrus", limit=50),
            "  text search, in every answer": lambda: store.list_sessions(text="triage", limit=50),
            "  count (for paging)": lambda: store.count_sessions(),
            "latest_unfinished": store.latest_unfinished,
        }
        for label, action in listings.items():
            print(f"{label + ':':34s}median {median_ms(action, max(args.repeat // 4, 10)):7.2f} ms")
        store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
