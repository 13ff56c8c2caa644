"""Real windows: `practice` run in real terminals (tmux panes), typed into as a candidate types.

Two windows on one data directory, as the red team met them. Before issue 16 the second window
offered to resume the first one's live session, both answered it, and the last to save wiped
the other's answers.

Now: window B is told the session is open in window A and offered it read-only or a new
interview, never the resume; both windows answer (A its session, B a new one) and the store
keeps every answer of both; once A is killed with SIGKILL, window C offers A's session for
resume and shows A's answers.

A store made immutable (chattr +i) under a window mid-interview: once SIGBUS, exit 135 and the
answer lost (WAL's memory-mapped index); now the window says the save failed, its quit dialog
says the session is not saved, and the answer is saved once the files are writable again.

Skipped where tmux (or, for the second, chattr +i) is not available.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from practice.locations import store_path
from practice.store.sqlite import SessionStore
from tests.conftest import REPO_ROOT
from tests.store.test_unwritable_store import chattr_works

WAIT_SECONDS = 60.0
POLL_SECONDS = 0.1
ANSWER_A1 = "At Acme I mapped the refund journey with finance and cut two approval steps."
ANSWER_A2 = "Refund time fell from nine days to two and the complaints about refunds stopped."
ANSWER_B = "I ran weekly calls with churned customers and rewrote the onboarding guide with them."

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="needs tmux")


class Terminal:
    """One tmux pane running `practice`, its process the pane's own (exec), 100 by 32."""

    def __init__(self, socket: Path, name: str, data: Path) -> None:
        self.socket = socket
        self.name = name
        command = (
            f"cd {REPO_ROOT} && exec env PRACTICE_DATA_DIR={data} PRACTICE_CONFIG={data / 'none.toml'} "
            f"{sys.executable} -m practice"
        )
        self.tmux("new-session", "-d", "-s", name, "-x", "100", "-y", "32", command)
        self.tmux("resize-window", "-t", name, "-x", "100", "-y", "32")  # -x alone is not always kept
        self.pid = int(self.tmux("display-message", "-p", "-t", name, "#{pane_pid}").strip())
        self._sized = False

    def _redraw_at_size(self) -> None:
        """A resize that lands while Python is still starting is never seen by the app (it then
        draws at 80 by 24 in a 100 by 32 pane), so once it draws, the pane is resized again."""
        until(lambda: "practice" in self.screen(), f"window {self.name} to draw", self.screen)
        self.tmux("resize-window", "-t", self.name, "-x", "100", "-y", "31")
        self.tmux("resize-window", "-t", self.name, "-x", "100", "-y", "32")
        self._sized = True

    def tmux(self, *arguments: str) -> str:
        done = subprocess.run(
            ["tmux", "-S", str(self.socket), *arguments], capture_output=True, text=True, timeout=30, check=True
        )
        return done.stdout

    def screen(self) -> str:
        """What the pane shows (nothing once its process ended and tmux closed it)."""
        shown = subprocess.run(
            ["tmux", "-S", str(self.socket), "capture-pane", "-p", "-t", self.name],
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        return shown.stdout

    def wait_for(self, text: str) -> str:
        if not self._sized:
            self._redraw_at_size()
        return until(lambda: text in self.screen(), f"{text!r} in window {self.name}", self.screen)

    def wait_for_drawn(self, text: str) -> str:
        """What the pane shows once `text` is there and two captures in a row agree: a dialog is
        painted over the screen in pieces, and a loaded machine can be caught half-way."""
        captures = [""]

        def drawn() -> bool:
            shown = self.screen()
            steady, captures[0] = shown == captures[0], shown
            return steady and text in shown

        until(drawn, f"{text!r} drawn in window {self.name}", self.screen)
        return captures[0]

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", self.name, *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", self.name, "-l", text)

    def running(self) -> bool:
        """Whether the pane is still open: tmux closes it when its process ends (the process
        may stay a zombie a while, so asking the process would not do)."""
        alive = subprocess.run(["tmux", "-S", str(self.socket), "has-session", "-t", self.name], capture_output=True)
        return alive.returncode == 0


def until(condition: Callable[[], bool], what: str, shown: Callable[[], str] = lambda: "") -> str:
    """Polls under a deadline (the windows are other processes: nothing to wait on but this)."""
    deadline = time.monotonic() + WAIT_SECONDS
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}:\n{shown()}")
        time.sleep(POLL_SECONDS)
    return shown()


def answers_in(session_id: str) -> list[str]:
    with SessionStore(store_path()) as store:
        session = store.load(session_id)
    return [a.text for r in session.records for t in r.attempts for a in t.answers]


def session_holding(text: str) -> str | None:
    with SessionStore(store_path()) as store:
        for row in store.list_sessions():
            if text in answers_in(row.id):
                return row.id
    return None


def answer(window: Terminal, text: str) -> str:
    """Typed and sent; the id of the session the store holds it in, once it does."""
    window.type(text)
    window.keys("C-s")
    until(lambda: session_holding(text) is not None, f"{text[:30]!r} from window {window.name} in the store")
    found = session_holding(text)
    assert found is not None
    return found


@pytest.fixture
def tmux_socket(tmp_path: Path) -> Iterator[Path]:
    socket = tmp_path / "tmux.sock"
    # A session that outlives the windows: with none left the server exits, and a window opened
    # just then fails to start (as window C did, after A was killed and B quit).
    subprocess.run(["tmux", "-S", str(socket), "new-session", "-d", "-s", "keep", "sleep 3600"], check=True)
    yield socket
    subprocess.run(["tmux", "-S", str(socket), "kill-server"], capture_output=True, check=False)


def test_two_practice_windows_never_answer_one_session(tmux_socket: Path, isolated_environment: Path) -> None:
    window_a = Terminal(tmux_socket, "A", isolated_environment)
    window_a.wait_for("Start interview")
    window_a.keys("C-s")
    window_a.wait_for("Question 1 of")
    session_a = answer(window_a, ANSWER_A1)

    window_b = Terminal(tmux_socket, "B", isolated_environment)
    offer = window_b.wait_for("Open read-only (y)")
    assert "Start new (n)" in offer and "Resume" not in offer
    assert f"process {window_a.pid}" in " ".join(offer.replace("█", " ").split())
    window_b.keys("n")
    window_b.wait_for("Start interview")
    window_b.keys("C-s")
    window_b.wait_for("Question 1 of")
    session_b = answer(window_b, ANSWER_B)
    assert session_b != session_a

    window_a.wait_for("Interviewer")
    assert answer(window_a, ANSWER_A2) == session_a  # A's follow-up, in A's session
    window_b.keys("C-q")
    window_b.wait_for("Quit (y)")  # the dialog, not the footer
    window_b.keys("y")
    until(lambda: not window_b.running(), "window B to quit", window_b.screen)
    assert answers_in(session_a) == [ANSWER_A1, ANSWER_A2]
    assert answers_in(session_b) == [ANSWER_B]

    os.kill(window_a.pid, signal.SIGKILL)
    until(lambda: not window_a.running(), "window A to die")
    window_c = Terminal(tmux_socket, "C", isolated_environment)
    offer = window_c.wait_for("Resume (y)")
    assert "another practice window" not in " ".join(offer.split())
    window_c.keys("y")
    window_c.wait_for("Question 1 of")
    window_c.wait_for(ANSWER_A2[:30])  # A's session, its transcript ending with A's last answer
    assert answers_in(session_a) == [ANSWER_A1, ANSWER_A2] and answers_in(session_b) == [ANSWER_B]


def chattr(flag: str) -> None:
    files = [str(path) for path in store_path().parent.glob(store_path().name + "*")]
    subprocess.run(["chattr", flag, *files], check=True)


def test_a_window_whose_store_becomes_immutable_keeps_the_answer_and_says_so(
    tmux_socket: Path, isolated_environment: Path
) -> None:
    if not chattr_works(isolated_environment):
        pytest.skip("chattr +i is not available here")
    window = Terminal(tmux_socket, "A", isolated_environment)
    window.wait_for("Start interview")
    window.keys("C-s")
    window.wait_for("Question 1 of")
    session_id = answer(window, ANSWER_A1)
    window.wait_for("Interviewer")
    chattr("+i")
    try:
        window.type(ANSWER_A2)
        window.keys("C-s")
        window.wait_for("Could not save the session")
        window.keys("C-q")
        dialog = window.wait_for_drawn("Quit now?")
        assert "The last saves failed" in dialog and "is not" in dialog and "Everything so far" not in dialog, dialog
        window.keys("n")
        assert window.running()
    finally:
        chattr("-i")
    until(lambda: answers_in(session_id) == [ANSWER_A1, ANSWER_A2], "the retried save", window.screen)
    window.wait_for("Saved")
    window.keys("C-q")
    window.wait_for("Quit (y)")
    window.keys("y")
    until(lambda: not window.running(), "the window to quit")
