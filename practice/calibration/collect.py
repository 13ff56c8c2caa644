"""The sessions a calibration reads: every reviewed one in the history, and the session files
named (a file's copy replaces the history's, as the newer review). Shared by the command line
and the TUI's screen."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from practice.calibration.pairs import attempt_pairs
from practice.errors import PracticeError
from practice.interview.models import Session
from practice.store import session_file

if TYPE_CHECKING:
    from practice.calibration.agreement import Calibration
    from practice.store.sqlite import SessionStore

PAGE = 500


def reviewed_sessions(store: SessionStore) -> list[Session]:
    sessions = []
    offset = 0
    while rows := store.list_sessions(limit=PAGE, offset=offset):
        sessions += [store.load(row.id) for row in rows if row.reviewed]
        offset += len(rows)
    return sessions


def calibrate_sessions(store: SessionStore, files: Sequence[Path], *, shown: int) -> tuple[Calibration, int]:
    """The calibration, and how many named files were left out as not marked reviewed. Every file
    is read before anything is computed, so a bad one stops the run with its name."""
    from_files = [session_file.read(path) for path in files]
    named = {session.id for session in from_files}
    sessions = [s for s in reviewed_sessions(store) if s.id not in named] + from_files
    skipped = sum(1 for session in from_files if not (session.review and session.review.reviewed))
    try:
        from practice.calibration.agreement import calibrate
    except ImportError as error:
        raise PracticeError(
            f"calibration needs the statistics libraries, which are not installed ({error.name})",
            hint="Install them with: pip install 'practice[coach]'",
        ) from error
    return calibrate(attempt_pairs(sessions), shown=shown), skipped
