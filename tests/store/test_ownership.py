"""One live session, one owner: the lock files beside the store (practice/store/ownership.py)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from practice.store.ownership import SessionInUseError, SessionLocks
from tests.conftest import REPO_ROOT

HOLD = """
import sys
from pathlib import Path
from practice.store.ownership import SessionLocks
lease = SessionLocks(Path(sys.argv[1])).claim(sys.argv[2])
print("held", flush=True)
sys.stdin.read()
"""


def test_a_claimed_session_cannot_be_claimed_again_until_released(tmp_path: Path) -> None:
    locks = SessionLocks(tmp_path / "live")
    lease = locks.claim("abc")
    with pytest.raises(SessionInUseError, match=f"open in another practice window \\(process {os.getpid()} "):
        locks.claim("abc")
    owner = locks.owner("abc")
    assert owner is not None and owner.pid == os.getpid()
    other = locks.claim("other")  # other sessions are free
    lease.release()
    assert locks.owner("abc") is None
    assert len(list((tmp_path / "live").iterdir())) == 1  # the released lock's file is gone
    locks.claim("abc").release()
    other.release()


@pytest.mark.parametrize("session_id", ["", "../../x", "a/b", "\x1b]0;title\x07", "x" * 100_000, "\ud800"])
def test_any_id_gets_a_lock_file_inside_the_directory(tmp_path: Path, session_id: str) -> None:
    locks = SessionLocks(tmp_path / "live")
    lease = locks.claim(session_id)
    assert [path.parent for path in (tmp_path / "live").iterdir()] == [tmp_path / "live"]
    assert locks.owner(session_id) is not None
    lease.release()
    assert list((tmp_path / "live").iterdir()) == []


def test_a_lock_dies_with_its_process_even_by_sigkill(tmp_path: Path) -> None:
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(tmp_path / "live"), "abc"],
        cwd=REPO_ROOT,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
    locks = SessionLocks(tmp_path / "live")
    with pytest.raises(SessionInUseError) as refused:
        locks.claim("abc")
    assert refused.value.owner.pid == holder.pid
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    assert locks.owner("abc") is None  # the file is left behind, its lock is not
    assert locks.claim("abc").held


def test_where_no_lock_can_be_made_the_interview_still_goes_on(tmp_path: Path) -> None:
    blocker = tmp_path / "live"
    blocker.write_text("a file where the lock directory would be")
    lease = SessionLocks(blocker).claim("abc")
    assert not lease.held
    lease.release()
