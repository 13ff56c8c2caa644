"""A broken bank file always ends in a specific message — file, place (JSON path and line),
what is wrong — and exit status 2, never a traceback."""

from __future__ import annotations

import argparse
import copy
import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from conftest import REPO_ROOT

from practice import jsonplaces
from practice.bank import loader
from practice.bank.loader import load_bank
from practice.cli import main
from practice.commands import bank_from_args
from practice.errors import BadInputError
from practice.jsonplaces import json_path, line_of

SHIPPED = json.loads((REPO_ROOT / "question_bank.json").read_text(encoding="utf-8"))


def write_bank(tmp_path: Path, change: Callable[[dict[str, Any]], object]) -> tuple[Path, str]:
    data = copy.deepcopy(SHIPPED)
    change(data)
    text = json.dumps(data, ensure_ascii=False, indent=2)
    path = tmp_path / "bank.json"
    path.write_text(text, encoding="utf-8")
    return path, text


def validate(path: Path, capsys: pytest.CaptureFixture[str]) -> str:
    """Run `practice bank validate` and return stderr, asserting the bad-input contract."""
    status = main(["bank", "validate", str(path)])
    captured = capsys.readouterr()
    assert status == 2
    assert captured.out == ""
    assert "Traceback" not in captured.err
    assert captured.err.startswith(f"practice: {path}")
    return captured.err


def line_containing(text: str, needle: str, occurrence: int = 1) -> int:
    position = -1
    for _ in range(occurrence):
        position = text.index(needle, position + 1)
    return text.count("\n", 0, position) + 1


def test_shipped_bank_validates(capsys: pytest.CaptureFixture[str]) -> None:
    path = REPO_ROOT / "question_bank.json"
    assert main(["bank", "validate", str(path)]) == 0
    assert capsys.readouterr().out.strip() == f"{path}: OK — 3 tracks, 51 questions"


def test_invalid_json_gives_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, text = write_bank(tmp_path, lambda d: None)
    broken = text.replace('"ccl-02",', '"ccl-02"', 1)
    path.write_text(broken, encoding="utf-8")
    line = line_containing(broken, '"ccl-02"') + 1
    assert f"{path}:{line}:" in validate(path, capsys)


def test_top_level_must_be_an_object(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bank.json"
    path.write_text("[1, 2]", encoding="utf-8")
    error = validate(path, capsys)
    assert "top level must be a JSON object" in error and "found an array" in error


@pytest.mark.parametrize(
    ("change", "place", "needle", "offset", "what"),
    [
        (
            lambda d: d["questions"][3].__setitem__("criteria", []),
            "questions[3].criteria",
            '"criteria": []',
            0,
            "at least 1 item",
        ),
        (
            lambda d: d["questions"][7].__setitem__("text", 5),
            "questions[7].text",
            '"text": 5',
            0,
            "valid string, got a number",
        ),
        (
            lambda d: d["questions"][7].__setitem__("txet", "x"),
            "questions[7].txet",
            '"txet"',
            0,
            "unknown field 'txet'",
        ),
        (
            lambda d: d["questions"][5]["follow_ups"][1].__setitem__("targets", ["zz"]),
            "questions[5].follow_ups[1]",
            '"zz"',
            -4,
            "targets unknown criterion 'zz'",
        ),
        (
            lambda d: d["questions"][7].__setitem__("track", "nope"),
            "questions[7]",
            '"id": "ccl-08"',
            -1,
            "unknown track 'nope'",
        ),
        (
            lambda d: d["tracks"][0]["guidance"].__setitem__("questions_per_interview_min", "three"),
            "tracks[0].guidance.questions_per_interview_min",
            '"three"',
            0,
            "valid integer",
        ),
    ],
    ids=["empty-criteria", "wrong-type", "unknown-field", "unknown-target", "unknown-track", "bad-number"],
)
def test_schema_errors_name_the_json_path_and_its_line(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    change: Callable[[dict[str, Any]], object],
    place: str,
    needle: str,
    offset: int,
    what: str,
) -> None:
    """`offset`: where the reported place starts relative to the line holding `needle` in the
    indented file (an object starts one line above its first key)."""
    path, text = write_bank(tmp_path, change)
    error = validate(path, capsys)
    assert f"{place} (line {line_containing(text, needle) + offset})" in error
    assert what in error


def test_missing_field_points_at_the_object_lacking_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, text = write_bank(tmp_path, lambda d: d["questions"][7].pop("text"))
    error = validate(path, capsys)
    question_line = line_containing(text, '"id": "ccl-08"') - 1
    assert f"questions[7] (line {question_line}): missing required field 'text'" in error


def test_duplicate_question_id_names_both_places(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, text = write_bank(tmp_path, lambda d: d["questions"][5].__setitem__("id", "ccl-01"))
    error = validate(path, capsys)
    first = line_containing(text, '"id": "ccl-01"') - 1
    second = line_containing(text, '"id": "ccl-01"', occurrence=2) - 1
    assert f"questions[0] (line {first}) and questions[5] (line {second})" in error


def test_duplicate_criterion_id_names_both_places(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path, _ = write_bank(tmp_path, lambda d: d["questions"][2]["criteria"][3].__setitem__("id", "a1"))
    error = validate(path, capsys)
    assert "duplicate criterion id in question 'ccl-03': 'a1'" in error
    assert "questions[2].criteria[0] (line" in error and "questions[2].criteria[3] (line" in error


def test_many_problems_are_summarised(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def break_all(data: dict[str, Any]) -> None:
        for question in data["questions"]:
            question["type"] = "hypothetical"

    path, _ = write_bank(tmp_path, break_all)
    error = validate(path, capsys)
    assert "(51 problems)" in error and f"… and {51 - jsonplaces.MAX_ERRORS_SHOWN} more" in error


def test_every_problem_is_reported_in_one_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Field errors, a duplicate id, an unknown track and a follow-up's unknown target together,
    not one stage at a time."""

    def break_several(data: dict[str, Any]) -> None:
        data["questions"][0]["type"] = "hypothetical"
        del data["questions"][1]["text"]
        data["questions"][4]["id"] = data["questions"][3]["id"]
        data["questions"][5]["track"] = "nowhere"
        data["questions"][6]["follow_ups"][0]["targets"] = ["zz", "yy"]

    path, _ = write_bank(tmp_path, break_several)
    error = validate(path, capsys)
    assert "(6 problems)" in error
    assert "questions[0].type (line" in error and "missing required field 'text'" in error
    assert "duplicate question id: 'ccl-04' at questions[3] (line" in error
    assert "names unknown track 'nowhere'" in error
    assert "targets unknown criterion 'zz'" in error and "targets unknown criterion 'yy'" in error


def test_not_utf8_names_line_and_column(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bank.json"
    path.write_bytes(b'{\n  "tracks": [],\n  "x": "caf\xe9"\n}')
    error = validate(path, capsys)
    assert f"{path}:3:" in error and "not UTF-8" in error


def test_errors_name_the_path_as_given(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    write_bank(tmp_path, lambda d: d["questions"][3].__setitem__("criteria", []))
    monkeypatch.chdir(tmp_path)
    assert "questions[3].criteria" in validate(Path("bank.json"), capsys)


def test_missing_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "no such bank file" in validate(tmp_path / "absent.json", capsys)


def test_directory(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert "is a directory" in validate(tmp_path, capsys)


def test_unreadable_file(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "bank.json"
    path.write_text("{}", encoding="utf-8")

    def refuse(self: Path) -> bytes:  # chmod 000 does not stop root, which the tests may run as
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", refuse)
    assert "cannot be read: Permission denied" in validate(path, capsys)


def test_huge_file_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(loader, "MAX_BANK_BYTES", 1000)
    path = tmp_path / "bank.json"
    path.write_text(" " * 1001, encoding="utf-8")
    assert "too large" in validate(path, capsys)


def test_deep_nesting_is_a_clear_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bank.json"
    depth = 200_000
    path.write_text('{"tracks": ' + "[" * depth + "]" * depth + "}", encoding="utf-8")
    assert "nested too deeply" in validate(path, capsys)


def test_validate_from_a_real_process_has_no_traceback(tmp_path: Path) -> None:
    path, _ = write_bank(tmp_path, lambda d: d["questions"][3].__setitem__("criteria", []))
    result = subprocess.run(
        [sys.executable, "-m", "practice", "bank", "validate", str(path)], capture_output=True, text=True, check=False
    )
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert f"{path}: not a valid question bank" in result.stderr
    assert "questions[3].criteria (line" in result.stderr


def test_loading_is_cached_until_the_file_changes(tmp_path: Path) -> None:
    path, _ = write_bank(tmp_path, lambda d: None)
    first = load_bank(path)
    assert load_bank(path) is first
    data = copy.deepcopy(SHIPPED)
    data["questions"] = data["questions"][:2]
    path.write_text(json.dumps(data), encoding="utf-8")
    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000_000))
    assert len(load_bank(path).questions) == 2


def test_none_loads_the_shipped_bank() -> None:
    assert [t.id for t in load_bank().tracks] == [t["id"] for t in SHIPPED["tracks"]]


def test_bank_from_args_prefers_the_flag_then_settings_then_the_shipped_bank(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def small_bank(name: str, count: int) -> Path:
        data = copy.deepcopy(SHIPPED)
        data["questions"] = data["questions"][:count]
        path = tmp_path / name
        path.write_text(json.dumps(data), encoding="utf-8")
        return path

    flag, configured = small_bank("flag.json", 1), small_bank("env.json", 2)
    assert len(bank_from_args(argparse.Namespace()).questions) == 51
    monkeypatch.setenv("PRACTICE_BANK", str(configured))
    assert len(bank_from_args(argparse.Namespace(bank=None)).questions) == 2
    assert len(bank_from_args(argparse.Namespace(bank=flag)).questions) == 1


def test_line_of_finds_nested_values_and_falls_back_to_the_parent() -> None:
    text = '{\n "a": [\n  {"b": 1},\n  {\n   "b": [10,\n 20]\n  }\n ],\n "c": "x"\n}'
    assert line_of(text, ("a", 1, "b", 1)) == 6
    assert line_of(text, ("a", 0, "b")) == 3
    assert line_of(text, ("c",)) == 9
    assert line_of(text, ("a", 1, "missing")) == 4
    assert line_of(text, ()) == 1
    assert json_path(("questions", 3, "criteria", 0, "id")) == "questions[3].criteria[0].id"


def test_parse_errors_never_escape_as_anything_but_bad_input(tmp_path: Path) -> None:
    path = tmp_path / "bank.json"
    for content in ("", "null", '{"tracks": "x"}', '{"tracks": [], "questions": []}', "\ufeff{}"):
        path.write_text(content, encoding="utf-8")
        with pytest.raises(BadInputError) as raised:
            load_bank(path)
        assert str(path) in raised.value.message
