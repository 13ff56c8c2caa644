"""`practice grade` as a candidate and a script use it."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT

from practice.cli import main
from practice.interview.models import MAX_ANSWER_CHARS

from .answers import CCL_01, EXCELLENT, HOS_01


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.out, captured.err


def feed_stdin(monkeypatch: pytest.MonkeyPatch, data: bytes) -> None:
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))


@pytest.fixture
def answer_file(tmp_path: Path) -> Path:
    path = tmp_path / "answer.txt"
    path.write_text(EXCELLENT[CCL_01], encoding="utf-8")
    return path


def test_text_report_for_people(capsys: pytest.CaptureFixture[str], answer_file: Path) -> None:
    status, out, _ = run(capsys, "grade", CCL_01, "--answer-file", str(answer_file))
    assert status == 0
    assert "Score: 5 / 5" in out
    assert "[covered] The process they used to get buy-in from their team" in out
    assert "“To get buy-in, I ran workshops with the team leads" in out
    for heading in ("Areas to cover", "STAR", "Specifics", "Strengths"):
        assert f"\n{heading}" in out
    assert "situation yes" in out
    assert "Numbers and results: 71%; 14%" in out


def test_sample_answer_is_labelled_as_an_example(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "plan.txt"
    path.write_text(EXCELLENT[HOS_01], encoding="utf-8")
    _, out, _ = run(capsys, "grade", HOS_01, "--answer-file", str(path))
    assert "An example answer (one way to answer it, not the only right one)" in out
    assert "STAR (for information: not scored for a situational question)" in out
    assert "\nStructure" in out
    assert "\nWhy employers ask this\n  Employers ask this question" in out


def test_json_for_scripts(capsys: pytest.CaptureFixture[str], answer_file: Path) -> None:
    status, out, _ = run(capsys, "grade", CCL_01, "--answer-file", str(answer_file), "--json")
    assert status == 0
    data = json.loads(out)
    assert isinstance(data["score"], (int, float)) and 1 <= data["score"] <= 5
    assert set(data["star"]) >= {"situation", "task", "action", "result"}
    for name in ("situation", "task", "action", "result"):
        assert isinstance(data["star"][name]["present"], bool)
        assert "evidence" in data["star"][name]
    assert len(data["criteria"]) == 8
    for criterion in data["criteria"]:
        assert {"text", "status", "evidence"} <= set(criterion)
        assert criterion["status"] in {"covered", "partial", "missing"}
        assert criterion["evidence"] is None or criterion["evidence"] in EXCELLENT[CCL_01]
    assert data["grader"]["kind"] == "offline"


def test_answer_from_standard_input(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, answer_file: Path
) -> None:
    _, from_file, _ = run(capsys, "grade", CCL_01, "--answer-file", str(answer_file), "--json")
    feed_stdin(monkeypatch, EXCELLENT[CCL_01].encode("utf-8"))
    status, from_stdin, _ = run(capsys, "grade", CCL_01, "--json")
    assert status == 0
    assert from_stdin == from_file


@pytest.mark.parametrize("data", [b"", b"\n", b"  \n\t\n"], ids=["nothing", "newline", "blanks"])
def test_an_empty_answer_is_refused_with_a_message_and_exit_2(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, data: bytes
) -> None:
    feed_stdin(monkeypatch, data)
    status, out, err = run(capsys, "grade", CCL_01, "--json")
    assert status == 2
    assert out == ""
    assert "standard input: the answer is empty" in err and "--answer-file" in err


def test_an_empty_answer_file_is_refused_naming_the_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    empty = tmp_path / "answer.txt"
    empty.write_text("\n", encoding="utf-8")
    status, out, err = run(capsys, "grade", CCL_01, "--answer-file", str(empty))
    assert (status, out) == (2, "")
    assert f"{empty}: the answer is empty" in err


def test_unknown_question_lists_the_nearest_ids(capsys: pytest.CaptureFixture[str], answer_file: Path) -> None:
    status, out, err = run(capsys, "grade", "ccl-1", "--answer-file", str(answer_file))
    assert status == 2
    assert out == ""
    assert "unknown question id 'ccl-1'" in err
    assert "did you mean" in err and "ccl-" in err
    assert "practice bank list" in err


def test_missing_answer_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    status, _, err = run(capsys, "grade", CCL_01, "--answer-file", str(tmp_path / "nope.txt"))
    assert status == 2
    assert "nope.txt: no such answer file" in err


def test_non_utf8_answer_file(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes("I led the café team.\nRésumé".encode("latin-1"))
    status, _, err = run(capsys, "grade", CCL_01, "--answer-file", str(path))
    assert status == 2
    assert "latin1.txt:1:" in err and "not UTF-8" in err
    assert "Save the answer as UTF-8 text" in err


def test_non_utf8_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    feed_stdin(monkeypatch, b"I led \xff\xfe the team")
    status, _, err = run(capsys, "grade", CCL_01)
    assert status == 2
    assert "standard input:1:7: not UTF-8" in err and "offset 6" in err


def test_role_level_is_passed_to_the_grader(capsys: pytest.CaptureFixture[str], answer_file: Path) -> None:
    _, out, _ = run(capsys, "grade", CCL_01, "--answer-file", str(answer_file), "--json", "--role-level", "executive")
    assert json.loads(out)["role_level"] == "executive"


def test_bad_role_level_is_refused(capsys: pytest.CaptureFixture[str], answer_file: Path) -> None:
    with pytest.raises(SystemExit) as raised:
        main(["grade", CCL_01, "--answer-file", str(answer_file), "--role-level", "intern"])
    assert raised.value.code == 2
    assert "invalid choice: 'intern'" in capsys.readouterr().err


@pytest.mark.parametrize("before", [True, False])
def test_bank_option_before_or_after_the_command(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, answer_file: Path, before: bool
) -> None:
    shipped = json.loads((REPO_ROOT / "question_bank.json").read_text(encoding="utf-8"))
    custom = dict(shipped, questions=[dict(shipped["questions"][0], id="my-01")])
    bank = tmp_path / "bank.json"
    bank.write_text(json.dumps(custom), encoding="utf-8")
    argv = ["grade", "my-01", "--answer-file", str(answer_file), "--json"]
    argv = ["--bank", str(bank), *argv] if before else [*argv, "--bank", str(bank)]
    status, out, _ = run(capsys, *argv)
    assert status == 0
    assert json.loads(out)["question_id"] == "my-01"


def test_real_standard_input_end_to_end(answer_file: Path, tmp_path: Path) -> None:
    with answer_file.open("rb") as stdin:
        done = subprocess.run(
            [sys.executable, "-m", "practice", "grade", CCL_01, "--json"],
            stdin=stdin,
            capture_output=True,
            cwd=REPO_ROOT,
            timeout=120,
            check=False,
        )
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["score"] == 5


def test_oversized_stdin_is_refused(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("practice.commands.grade.MAX_INPUT_BYTES", 1000)
    feed_stdin(monkeypatch, b"I led the team. " * 100)
    status, _, err = run(capsys, "grade", CCL_01)
    assert status == 2
    assert "standard input: too large" in err


def test_an_answer_too_long_for_an_interview_is_refused(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    """A 15 MB answer took 5 s and 265 MB to grade, though no interview or session file holds one."""
    answer = tmp_path / "book.txt"
    answer.write_text("I fixed it. " * (MAX_ANSWER_CHARS // 12 + 1), encoding="utf-8")
    status, out, err = run(capsys, "grade", CCL_01, "--answer-file", str(answer))
    assert status == 2 and out == ""
    assert f"book.txt: the answer is {MAX_ANSWER_CHARS + 12 - MAX_ANSWER_CHARS % 12:,} characters long" in err
    assert f"an answer holds at most {MAX_ANSWER_CHARS:,}" in err
