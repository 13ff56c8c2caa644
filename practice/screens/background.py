"""Glue for work off the UI thread: saving sessions in order, and turning any failure into a
notification. Screens use these so no worker error can crash the app or lose an answer."""

from __future__ import annotations

import logging
import threading
from datetime import datetime
from functools import partial
from typing import TYPE_CHECKING, Any

from textual.app import App
from textual.worker import get_current_worker

from practice.errors import PracticeError
from practice.interview.models import Draft, Session

if TYPE_CHECKING:
    from practice.store.sqlite import SessionStore

log = logging.getLogger(__name__)


def describe_failure(what: str, error: BaseException) -> str:
    if isinstance(error, PracticeError):
        return f"{what}: {error}"
    return f"{what}: unexpected error ({type(error).__name__}: {error})"


def notify_failure(app: App[Any], what: str, error: BaseException) -> None:
    """Safe from any thread: the message is delivered on the UI thread."""
    if not isinstance(error, PracticeError):
        log.exception("%s", what, exc_info=error)
    # An error quotes data (a file name, a server's words): PracticeApp.notify shows it as plain,
    # terminal-safe text.
    notice = partial(app.notify, describe_failure(what, error), severity="error", timeout=10)
    try:
        app.call_from_thread(notice)
    except RuntimeError:  # already on the UI thread
        notice()


class SessionWriter:
    """Serialises store writes from thread workers. A write whose worker was superseded
    (exclusive group, a newer snapshot queued) is skipped, so an older snapshot can never
    overwrite a newer one.

    `failing` is set by a failed write and cleared by the next whole-session save that lands:
    while it is set the screen keeps the session in memory and retries the whole session (a
    draft-only write cannot repair a missing row), and tells the user once, not on every retry."""

    def __init__(self, store: SessionStore) -> None:
        self._store = store
        self._lock = threading.Lock()
        self._saved_up_to: datetime | None = None
        self.failing = False

    def save(self, snapshot: Session) -> bool:
        """True when this save ended a run of failures (the user was told; now tell them it is saved).
        A snapshot older than one already saved is skipped: a retry must not undo a later save."""
        with self._lock:
            if get_current_worker().is_cancelled or (
                self._saved_up_to is not None and snapshot.updated_at < self._saved_up_to
            ):
                return False
            try:
                self._store.save(snapshot)
            except BaseException:
                self.failing = True
                raise
            self._saved_up_to = snapshot.updated_at
            recovered, self.failing = self.failing, False
            return recovered

    def save_draft(self, session_id: str, draft: Draft | None) -> None:
        with self._lock:
            if not get_current_worker().is_cancelled:
                try:
                    self._store.save_draft(session_id, draft)
                except BaseException:
                    self.failing = True
                    raise

    def save_now(self, snapshot: Session) -> None:
        """On quit, from the UI thread: the last write must land before the process ends."""
        with self._lock:
            self._store.save(snapshot)
