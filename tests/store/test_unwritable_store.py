"""A store whose files stop being writable under a running process (chattr +i), and a store
in a directory that cannot be written: a clear StoreError for writes, reads still work.

The immutable case runs in a child process: the failure it guards against is SIGBUS, which
would otherwise take the test run down with it. It needs chattr and a file system that honours
it (and root); elsewhere it is skipped.
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from practice.cli import main
from practice.errors import StoreError
from practice.store.sqlite import SessionStore
from tests.conftest import REPO_ROOT
from tests.store.test_sqlite import FULL, finished_session

SAVE_WHILE_IMMUTABLE = """
import subprocess, sys
from pathlib import Path
from practice.errors import StoreError
from practice.store.sqlite import SessionStore
from tests.store.test_sqlite import finished_session

path = Path(sys.argv[1])
store = SessionStore(path)
session = finished_session()
store.save(session)
files = [str(p) for p in path.parent.glob(path.name + "*")]
subprocess.run(["chattr", "+i", *files], check=True)
try:
    store.save(finished_session("A second session, saved while the files are immutable."))
    print("saved")
except StoreError as error:
    print("refused:", error)
finally:
    subprocess.run(["chattr", "-i", *files], check=True)
store.save(finished_session("Saved again once the files are writable."))
print("count:", store.count_sessions())
"""


def chattr_works(directory: Path) -> bool:
    directory.mkdir(parents=True, exist_ok=True)
    probe = directory / "chattr-probe"
    probe.write_text("x")
    try:
        made = subprocess.run(["chattr", "+i", str(probe)], capture_output=True).returncode == 0
    except FileNotFoundError:
        return False
    if made:
        subprocess.run(["chattr", "-i", str(probe)], check=True)
    probe.unlink()
    return made


def test_an_immutable_store_refuses_the_save_instead_of_crashing(tmp_path: Path) -> None:
    if not chattr_works(tmp_path):
        pytest.skip("chattr +i is not available here")
    path = tmp_path / "sessions.sqlite3"
    result = subprocess.run(
        [sys.executable, "-c", SAVE_WHILE_IMMUTABLE, str(path)],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, (result.returncode, result.stderr[-2000:])
    assert "refused:" in result.stdout and "cannot be written" in result.stdout, result.stdout
    assert "count: 2" in result.stdout, result.stdout


def test_a_new_store_keeps_a_rollback_journal_not_wal(tmp_path: Path) -> None:
    path = tmp_path / "sessions.sqlite3"
    SessionStore(path).close()
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_an_older_wal_store_is_moved_to_the_journal_with_its_sessions(tmp_path: Path) -> None:
    path = tmp_path / "sessions.sqlite3"
    session = finished_session()
    with SessionStore(path) as store:
        store.save(session)
    sqlite3.connect(path).execute("PRAGMA journal_mode = WAL").fetchone()
    with SessionStore(path) as store:
        assert store.load(session.id) == session
    assert sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0] == "delete"


def test_a_wal_store_held_open_elsewhere_opens_without_waiting(tmp_path: Path) -> None:
    path = tmp_path / "sessions.sqlite3"
    SessionStore(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("PRAGMA journal_mode = WAL")
    holder.execute("SELECT count(*) FROM sessions").fetchone()
    with SessionStore(path, busy_seconds=30) as store:  # would wait 30 s if the switch waited
        assert store.count_sessions() == 0
    holder.close()


@pytest.fixture
def read_only_directory(tmp_path: Path) -> Iterator[Path]:
    """A data directory nobody can write, even root: chattr +i on the directory, else chmod
    (which root ignores, so then the test is skipped)."""
    directory = tmp_path / "data"
    directory.mkdir()
    with SessionStore(directory / "sessions.sqlite3") as store:
        store.save(finished_session())
    if chattr_works(tmp_path) and subprocess.run(["chattr", "+i", str(directory)]).returncode == 0:
        yield directory
        subprocess.run(["chattr", "-i", str(directory)], check=True)
        return
    directory.chmod(0o555)
    if _writable(directory):
        directory.chmod(0o755)
        pytest.skip("cannot make a directory read-only here")
    yield directory
    directory.chmod(0o755)


def _writable(directory: Path) -> bool:
    try:
        (directory / "probe").write_text("x")
    except OSError:
        return False
    (directory / "probe").unlink()
    return True


def test_reads_work_in_a_directory_that_cannot_be_written(read_only_directory: Path) -> None:
    with SessionStore(read_only_directory / "sessions.sqlite3") as store:
        (row,) = store.list_sessions()
        assert FULL in store.load(row.id).records[0].attempts[0].answers[0].text


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Path]:
    """A data directory on a small file system filled to the last byte (a tmpfs: needs root)."""
    mount_point = tmp_path / "small-disk"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount_point)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a small file system here")
    try:
        with SessionStore(mount_point / "sessions.sqlite3") as store:
            store.save(finished_session())
        with (mount_point / "filler").open("wb", buffering=0) as filler:
            try:
                while True:
                    filler.write(b"\0" * 4096)
            except OSError:  # the disk is full
                pass
        yield mount_point
    finally:
        subprocess.run(["umount", "--lazy", str(mount_point)], check=True)  # the CLI leaves its store open


@pytest.mark.parametrize("where", ["read_only_directory", "full_disk"])
def test_list_and_export_read_a_store_that_cannot_be_written(
    where: str, request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    directory: Path = request.getfixturevalue(where)
    monkeypatch.setenv("PRACTICE_DATA_DIR", str(directory))
    assert main(["sessions", "list", "--json"]) == 0, capsys.readouterr().err
    (row,) = json.loads(capsys.readouterr().out)
    assert main(["export", row["id"], "--format", "md"]) == 0, capsys.readouterr().err
    assert FULL in capsys.readouterr().out


def test_a_session_the_store_cannot_index_is_not_blamed_on_the_disk(tmp_path: Path) -> None:
    """Two attempts with one number get past the models (session_file refuses them on import);
    should one reach the store anyway, the message says what is wrong with it."""
    session = finished_session()
    session.records[0].attempts.append(session.records[0].attempts[0].model_copy(deep=True))
    with SessionStore(tmp_path / "sessions.sqlite3") as store, pytest.raises(StoreError) as refused:
        store.save(session)
    assert "the same item twice" in str(refused.value) and "permission" not in str(refused.value)
