"""`practice bank list / import / schema` as people and scripts use them."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO_ROOT, SOURCES_DIR

from practice.bank.loader import load_bank, parse_bank_text
from practice.bank.models import QuestionBank
from practice.cli import main

SHIPPED = json.loads((REPO_ROOT / "question_bank.json").read_text(encoding="utf-8"))
SHIPPED_IDS = [q["id"] for q in SHIPPED["questions"]]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err
    return status, captured.out, captured.err


def small_bank(tmp_path: Path, count: int) -> Path:
    data = dict(SHIPPED, questions=SHIPPED["questions"][:count])
    path = tmp_path / f"bank{count}.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


@pytest.mark.parametrize("columns", [60, 120])
def test_list_shows_each_question_whole_with_its_competencies(
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
    columns: int,
) -> None:
    monkeypatch.setenv("COLUMNS", str(columns))
    status, out, _ = run(capsys, "bank", "list")
    lines = out.splitlines()
    assert status == 0
    assert lines[0].split() == ["ID", "TYPE", "TRACK"]
    assert [line.split()[0] for line in lines[1:] if not line.startswith(" ")] == SHIPPED_IDS
    assert all(len(line) <= columns for line in lines)
    hos01 = lines.index(next(line for line in lines if line.startswith("hos-01")))
    assert lines[hos01].split()[1:3] == ["situational", "head-of-customer-support"]
    block = []
    for line in lines[hos01 + 1 :]:
        if not line.startswith(" "):
            break
        block.append(line.strip())
    shipped = next(q for q in SHIPPED["questions"] if q["id"] == "hos-01")
    text = " ".join(block)
    assert shipped["text"] in text  # whole, not cut
    assert f"competencies: {', '.join(shipped['competencies'])}" in text


def test_list_one_track(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "bank", "list", "--track", "customer-empathy")
    assert status == 0
    ids = [line.split()[0] for line in out.splitlines()[1:] if not line.startswith(" ")]
    assert ids and all(i.startswith("emp-") for i in ids)


def test_list_unknown_track_lists_the_known_ones(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, err = run(capsys, "bank", "list", "--track", "sales")
    assert status == 2 and out == ""
    assert "unknown track 'sales'" in err
    for track in SHIPPED["tracks"]:
        assert track["id"] in err


def test_list_json_is_the_questions_for_scripts(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "bank", "list", "--json", "--track", "head-of-customer-support")
    assert status == 0
    listed = json.loads(out)
    assert [q["id"] for q in listed] == [f"hos-{n:02d}" for n in range(1, 25)]
    assert listed == [q for q in SHIPPED["questions"] if q["track"] == "head-of-customer-support"]


def test_bank_flag_works_before_and_after_the_subcommand(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    before, after, configured = small_bank(tmp_path, 1), small_bank(tmp_path, 2), small_bank(tmp_path, 3)
    monkeypatch.setenv("PRACTICE_BANK", str(configured))
    assert len(json.loads(run(capsys, "bank", "list", "--json")[1])) == 3
    assert len(json.loads(run(capsys, "--bank", str(before), "bank", "list", "--json")[1])) == 1
    assert len(json.loads(run(capsys, "bank", "list", "--json", "--bank", str(after))[1])) == 2
    assert len(json.loads(run(capsys, "--bank", str(before), "bank", "list", "--json", "--bank", str(after))[1])) == 2


def test_list_with_a_broken_bank_is_bad_input(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bank.json"
    path.write_text("{", encoding="utf-8")
    status, _, err = run(capsys, "bank", "list", "--bank", str(path))
    assert status == 2 and f"{path}:1:2: not valid JSON" in err


def test_import_to_stdout_is_a_valid_bank(capsys: pytest.CaptureFixture[str]) -> None:
    guide = SOURCES_DIR / "000_7d107d663c1ac165.txt"
    status, out, _ = run(capsys, "bank", "import", str(guide), "--track", "leadership", "--title", "Leadership")
    assert status == 0
    bank = parse_bank_text(out, origin="stdout")
    assert [t.title for t in bank.tracks] == ["Leadership"]
    assert [q.id for q in bank.questions] == [f"leadership-{n:02d}" for n in range(1, 16)]


def test_import_to_a_file_then_validate_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "support.json"
    status, out, err = run(
        capsys,
        "bank",
        "import",
        str(SOURCES_DIR / "002_8239ca1802ff40c9.txt"),
        "-o",
        str(out_path),
        "--track",
        "support",
        "--id-prefix",
        "hos",
    )
    assert status == 0 and out == ""
    assert "24 questions" in err
    status, out, _ = run(capsys, "bank", "validate", str(out_path))
    assert status == 0 and out.strip() == f"{out_path}: OK — 1 track, 24 questions"
    assert load_bank(out_path).questions[23].id == "hos-24"


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"Just some prose.\n", "not an interview guide in a known format"), (b"caf\xe9", "not UTF-8")],
)
def test_import_bad_guides(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: bytes, message: str) -> None:
    guide = tmp_path / "guide.txt"
    guide.write_bytes(content)
    status, out, err = run(capsys, "bank", "import", str(guide))
    assert status == 2 and out == ""
    assert message in err


def test_import_missing_guide_and_unwritable_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "bank", "import", str(tmp_path / "absent.txt"))
    assert status == 2 and "no such guide file" in err
    status, _, err = run(
        capsys,
        "bank",
        "import",
        str(SOURCES_DIR / "000_7d107d663c1ac165.txt"),
        "-o",
        str(tmp_path / "missing-dir" / "out.json"),
    )
    assert status == 2 and "cannot be written" in err


def test_schema_describes_the_bank(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "bank", "schema")
    schema = json.loads(out)
    assert status == 0
    assert schema == QuestionBank.model_json_schema()
    assert {"tracks", "questions"} <= set(schema["required"])
    assert schema["$defs"]["Question"]["additionalProperties"] is False


@pytest.mark.skipif(not os.environ.get("PRACTICE_WHEEL_TEST"), reason="set PRACTICE_WHEEL_TEST=1: builds a venv")
def test_installed_wheel_ships_the_real_bank(tmp_path: Path) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # Build from a copy (symlinks kept as symlinks) so setuptools' build/ never lands in the work tree.
    source = tmp_path / "source"
    shutil.copytree(
        REPO_ROOT,
        source,
        symlinks=True,
        ignore=shutil.ignore_patterns(".git", "build", "*.egg-info", "__pycache__", "tests", ".pytest_cache"),
    )
    assert (source / "practice" / "data" / "question_bank.json").is_symlink()
    subprocess.run([str(python), "-m", "pip", "install", "-q", str(source)], check=True)
    shipped = subprocess.run(
        [
            str(python),
            "-c",
            "from practice.locations import bundled_bank_path as p; import sys; sys.stdout.write(str(p()))",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    installed = Path(shipped)
    assert "site-packages" in str(installed) and not installed.is_symlink()
    assert installed.read_bytes() == (REPO_ROOT / "question_bank.json").read_bytes()
    result = subprocess.run(
        [str(venv / "bin" / "practice"), "bank", "list"], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    listed = [line.split()[0] for line in result.stdout.splitlines()[1:] if line and not line.startswith(" ")]
    assert listed == list(SHIPPED_IDS)
    # The installed grader reads its own data files (language, tuning, the bank's vocabulary).
    graded = subprocess.run(
        [str(venv / "bin" / "practice"), "grade", "ccl-01"],
        input="At my last company I led the support team. I changed our goals to CSAT and it rose from 78 to 88%.",
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert graded.returncode == 0, graded.stderr
    assert "offline grader" in graded.stdout
    shutil.rmtree(venv)


def test_import_refuses_a_bank_the_app_would_refuse_as_too_large(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    from practice.bank import loader

    monkeypatch.setattr(loader, "MAX_BANK_BYTES", 2**14)
    out_path = tmp_path / "bank.json"
    status, _, err = run(capsys, "bank", "import", str(SOURCES_DIR / "002_8239ca1802ff40c9.txt"), "-o", str(out_path))
    assert status == 2 and not out_path.exists()
    assert "practice reads banks of up to 0.0156 MB, so it would refuse this one" in err
    assert "24 questions" in err and "Split the guide" in err
