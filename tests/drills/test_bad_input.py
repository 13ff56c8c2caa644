"""The bad-input drill: hostile banks through `practice bank validate`, hostile session files
through `practice review` and `practice import`. Each one: a message naming the file, exit
status 2, no traceback, and the store exactly as it was."""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from practice.app import PracticeApp
from practice.cli import main
from practice.locations import bundled_bank_path, store_path
from practice.store import session_file
from practice.store.sqlite import SessionStore
from tests.drills.hostile_files import BANK_SPECIFIC, SESSION_SPECIFIC, write_corpus
from tests.export.factory import build_session

REPO_ROOT = Path(__file__).resolve().parents[2]
SUBPROCESS_SAMPLE = ("binary garbage", "deeply nested", "a newer file version")


@pytest.fixture
def store_fingerprint() -> str:
    """A store holding one session, closed (so the WAL is folded in): its bytes' hash."""
    with SessionStore(store_path()) as store:
        store.save(build_session())
    return fingerprint()


def fingerprint() -> str:
    files = sorted(store_path().parent.glob(store_path().name + "*"))
    return hashlib.sha256(b"".join(f.name.encode() + f.read_bytes() for f in files)).hexdigest()


Run = tuple[str, list[str], Path]
"""What is tried (command: hostile file), the command line, the file."""


@pytest.fixture(scope="module")
def hostile_runs(tmp_path_factory: pytest.TempPathFactory) -> list[Run]:
    """Written once for the module: some files are megabytes."""
    directory = tmp_path_factory.mktemp("hostile")
    good_session = session_file.write(directory / "good-session.json", build_session())
    banks = write_corpus(bundled_bank_path(), BANK_SPECIFIC, directory / "banks")
    sessions = write_corpus(good_session, SESSION_SPECIFIC, directory / "sessions")
    runs = [(f"bank validate: {name}", ["bank", "validate", str(path)], path) for name, path in banks.items()]
    for command in ("review", "import"):
        runs += [(f"{command}: {name}", [command, str(path)], path) for name, path in sessions.items()]
    return runs


def test_the_corpus_is_large_enough(hostile_runs: list[Run]) -> None:
    names = {name.split(": ", 1)[1] for name, _, _ in hostile_runs}
    assert len(names) >= 30


def test_every_hostile_file_is_a_clear_error_with_status_2_and_no_change_to_the_store(
    hostile_runs: list[Run], store_fingerprint: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def opened(*_: object, **__: object) -> None:
        raise AssertionError("a hostile session file got as far as opening the review TUI")

    monkeypatch.setattr(PracticeApp, "run", opened)  # a failure, not a test hanging in a TUI
    failures: list[str] = []
    for name, argv, path in hostile_runs:
        status = main(argv)
        err = capsys.readouterr().err
        shown = path.name if path.name != "does-not-exist.json" else "does-not-exist"
        if status != 2 or not err.startswith("practice: ") or "Traceback" in err or shown not in err:
            failures.append(f"{name}: exit {status}, stderr {err[:300]!r}")
    assert failures == []
    assert fingerprint() == store_fingerprint


THE_ISSUES_BANKS = (
    "a 5,000-digit number",
    "a newer bank schema",
    "true for an integer",
    "a key given twice",
    "an escaped NUL",
    "a 16 MB question text",
)
"""Bank files of issue 16, each once a traceback or silently accepted in more than `bank validate`."""


@pytest.mark.parametrize(
    "command",
    [["bank", "list", "--bank"], ["grade", "ccl-01", "--answer-file", "{answer}", "--bank"], ["--bank"]],
    ids=["bank list", "grade", "the TUI"],
)
def test_the_issues_banks_are_refused_by_every_command_that_reads_a_bank(
    command: list[str],
    hostile_runs: list[Run],
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def opened(*_: object, **__: object) -> None:
        raise AssertionError("a hostile bank got as far as opening the TUI")

    monkeypatch.setattr(PracticeApp, "run", opened)
    answer = tmp_path / "answer.txt"
    answer.write_text("I cut refund time from 9 days to 2.", encoding="utf-8")
    banks = {name.split(": ", 1)[1]: path for name, _, path in hostile_runs if name.startswith("bank validate: ")}
    failures = []
    for name in THE_ISSUES_BANKS:
        argv = [part.replace("{answer}", str(answer)) for part in command] + [str(banks[name])]
        status = main(argv)
        err = capsys.readouterr().err
        if status != 2 or not err.startswith("practice: ") or "Traceback" in err or banks[name].name not in err:
            failures.append(f"{name}: exit {status}, stderr {err[:300]!r}")
    assert failures == []


PEAK_MEMORY = """
import resource, subprocess, sys
done = subprocess.run([sys.executable, "-m", "practice", *sys.argv[1:]], capture_output=True, text=True)
print(done.returncode, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, flush=True)
sys.stderr.write(done.stderr)
"""
BOUNDED_MEMORY_KIB = 400 * 1024
"""Refusing a huge file costs about 65 MB; importing the 15 MB answer once peaked at 1.8 GB."""


@pytest.mark.parametrize(
    ("command", "name"),
    [("import", "a 15 MB answer"), ("review", "a 16 MB question text"), ("bank validate", "a 16 MB question text")],
)
def test_a_huge_text_is_refused_in_bounded_memory(command: str, name: str, hostile_runs: list[Run]) -> None:
    """In a process of its own, whose peak resident memory its parent reads."""
    (path,) = [
        path for run, _, path in hostile_runs if run == f"{command.split()[0]}: {name}" or run == f"{command}: {name}"
    ]
    result = subprocess.run(
        [sys.executable, "-c", PEAK_MEMORY, *command.split(), str(path)],
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=300,
        check=False,
    )
    status, peak_kib = (int(field) for field in result.stdout.split())
    assert status == 2 and path.name in result.stderr and "Traceback" not in result.stderr
    assert peak_kib < BOUNDED_MEMORY_KIB, f"{peak_kib / 1024:.0f} MB"


@pytest.mark.parametrize("name", SUBPROCESS_SAMPLE)
def test_a_sample_through_the_real_command(name: str, hostile_runs: list[Run], store_fingerprint: str) -> None:
    runs = [run for run in hostile_runs if run[0].endswith(f": {name}")]
    assert runs
    for _, argv, path in runs:
        result = subprocess.run(
            [sys.executable, "-m", "practice", *argv],
            capture_output=True,
            text=True,
            cwd=REPO_ROOT,
            env=os.environ.copy(),
            timeout=120,
            check=False,
        )
        assert result.returncode == 2, result.stderr
        assert result.stderr.startswith("practice: ") and path.name in result.stderr
        assert "Traceback" not in result.stderr
    assert fingerprint() == store_fingerprint
