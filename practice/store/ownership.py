"""Who has a live session open: one process at a time, so two windows cannot both answer it
(the last one to save would silently wipe the other's answers).

An OS file lock (flock) per session, in a directory beside the store: the kernel releases it
when its process ends however it ends, kill -9 included, so a crashed window never leaves a
session locked and no heartbeat or timeout is needed. The file also names its holder (process,
host, since when) so the other window can say who has it. Unix only, as the TUI is.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import socket
import time
from datetime import UTC, datetime
from pathlib import Path

from pydantic import BaseModel, ValidationError

from practice.errors import PracticeError

log = logging.getLogger(__name__)

CLAIM_ATTEMPTS = 5
"""Another window only peeking at the lock holds it for microseconds; a claim tries again."""
CLAIM_RETRY_SECONDS = 0.02


class Owner(BaseModel):
    """Who holds a lock, as its file says; all None while the holder has not written it yet."""

    pid: int | None = None
    host: str | None = None
    since: datetime | None = None

    def describe(self) -> str:
        if self.pid is None or self.host is None or self.since is None:
            return "another process"
        where = "this computer" if self.host == socket.gethostname() else self.host
        return f"process {self.pid} on {where}, since {self.since.astimezone():%H:%M}"


class SessionInUseError(PracticeError):
    """The session is open in another practice process."""

    def __init__(self, session_id: str, owner: Owner) -> None:
        super().__init__(
            f"session {session_id} is open in another practice window ({owner.describe()})",
            hint="Answer it there, or open it read-only here.",
        )
        self.owner = owner


class Lease:
    """A held claim on one session; release() (or the process ending) lets others have it."""

    def __init__(self, path: Path | None, descriptor: int | None) -> None:
        self._path = path
        self._descriptor = descriptor

    @property
    def held(self) -> bool:
        return self._descriptor is not None

    def release(self) -> None:
        """Removes the file while still holding the lock, so a claim waiting on it sees the
        file gone (claim checks it locked the file that is still there) rather than locking
        a file nobody can find."""
        if self._descriptor is None:
            return
        if self._path is not None:
            with contextlib.suppress(OSError):
                self._path.unlink()
        os.close(self._descriptor)
        self._descriptor = None


class SessionLocks:
    """The lock files of one store's live sessions."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def claim(self, session_id: str) -> Lease:
        """Owns `session_id` for this process, or raises SessionInUseError naming who does.
        Where no lock can be made (a read-only data directory), the lease holds nothing: the
        store cannot be written there either, and refusing would stop the interview for nothing."""
        path = self._lock_file(session_id)
        for _ in range(CLAIM_ATTEMPTS):
            try:
                self.directory.mkdir(mode=0o700, exist_ok=True)
                descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as error:
                log.warning("cannot lock session %s in %s: %s", session_id, self.directory, error)
                return Lease(None, None)
            try:
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                owner = _read_owner(descriptor)
                os.close(descriptor)
                if owner.pid is None:  # a peek, or a holder not yet named: look again
                    time.sleep(CLAIM_RETRY_SECONDS)
                    continue
                raise SessionInUseError(session_id, owner) from None
            if not _still_there(descriptor, path):  # released (and removed) while we opened it
                os.close(descriptor)
                continue
            me = Owner(pid=os.getpid(), host=socket.gethostname(), since=datetime.now(UTC))
            os.ftruncate(descriptor, 0)
            os.pwrite(descriptor, me.model_dump_json().encode(), 0)
            return Lease(path, descriptor)
        raise SessionInUseError(session_id, Owner())

    def owner(self, session_id: str) -> Owner | None:
        """Who holds the session now (None: nobody; it may be claimed)."""
        try:
            descriptor = os.open(self._lock_file(session_id), os.O_RDONLY)
        except OSError:
            return None
        try:
            try:
                fcntl.flock(descriptor, fcntl.LOCK_SH | fcntl.LOCK_NB)
            except BlockingIOError:
                return _read_owner(descriptor)
            fcntl.flock(descriptor, fcntl.LOCK_UN)
            return None
        finally:
            os.close(descriptor)

    def _lock_file(self, session_id: str) -> Path:
        """Named by a digest: an id from an imported file may hold anything, path separators too."""
        return self.directory / (hashlib.sha256(session_id.encode("utf-8", "surrogatepass")).hexdigest()[:32] + ".lock")


def _read_owner(descriptor: int) -> Owner:
    try:
        return Owner.model_validate(json.loads(os.pread(descriptor, 4096, 0)))
    except (OSError, ValueError, ValidationError):
        return Owner()


def _still_there(descriptor: int, path: Path) -> bool:
    try:
        return os.stat(path).st_ino == os.fstat(descriptor).st_ino
    except FileNotFoundError:
        return False
