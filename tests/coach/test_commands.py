"""The headless commands: `sessions list`, `export`, `import`, and `review`'s refusal of bad files."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from export.factory import START, build_session

from practice import locations
from practice.cli import main
from practice.store import coach_review, session_file
from practice.store.sqlite import SessionStore


@pytest.fixture
def store() -> SessionStore:
    with SessionStore(locations.store_path()) as opened:
        yield opened


@pytest.fixture
def saved(store: SessionStore) -> list:
    sessions = [
        build_session(session_id="a" * 32, created_at=START, track="customer-centric-leadership"),
        build_session(
            session_id="b" * 32,
            created_at=START + timedelta(days=2),
            track="head-of-support",
            competencies=["team-design"],
            finished=False,
            reviewed=False,
        ),
        build_session(
            session_id="c" * 32,
            created_at=START + timedelta(days=5),
            track="head-of-support",
            hostile=" escalation playbook",
        ),
    ]
    for session in sessions:
        store.save(session)
    return sessions


def _list(capsys: pytest.CaptureFixture[str], *args: str) -> list[dict]:
    assert main(["sessions", "list", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_sessions_list_table(saved: list, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "list"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].split() == ["ID", "Date", "Track", "Questions", "Mean", "Status", "Grader", "Model"]
    assert len(lines) == 4
    row_b = next(line for line in lines if line.startswith("b" * 8 + " "))  # ids as short as they can be
    assert "head-of-support" in row_b and "unfinished" in row_b and "offline" in row_b
    row_a = next(line for line in lines if line.startswith("a" * 8 + " "))
    assert " reviewed " in f"{row_a} " and "3.8" in row_a


def test_sessions_list_json_and_filters(saved: list, capsys: pytest.CaptureFixture[str]) -> None:
    everything = _list(capsys)
    assert {row["id"][0] for row in everything} == {"a", "b", "c"}
    assert {
        "id",
        "created_at",
        "track",
        "question_count",
        "answered",
        "mean_score",
        "grader_kind",
        "model",
        "status",
    } <= everything[0].keys()
    assert {r["id"][0] for r in _list(capsys, "--track", "head-of-support")} == {"b", "c"}
    assert {r["id"][0] for r in _list(capsys, "--competency", "team-design")} == {"a", "b", "c"}
    assert {r["id"][0] for r in _list(capsys, "--competency", "DESIGN")} == {"a", "b", "c"}  # any part, any case
    assert _list(capsys, "--competency", "%") == [] and _list(capsys, "--competency", "team_design") == []
    assert {r["id"][0] for r in _list(capsys, "--since", "2026-11-22")} == {"b", "c"}
    assert {r["id"][0] for r in _list(capsys, "--until", "2026-11-22")} == {"a", "b"}  # the whole day counts
    assert {r["id"][0] for r in _list(capsys, "--since", "2026-11-21", "--until", "2026-11-24")} == {"b"}
    assert {r["id"][0] for r in _list(capsys, "--search", "playbook")} == {"c"}
    assert len(_list(capsys, "--limit", "1")) == 1


def test_sessions_list_says_when_there_is_more(saved: list, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "list", "--limit", "2"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 3
    assert captured.err.strip() == "Showing 1-2 of 3; see more with --offset 2."
    assert main(["sessions", "list", "--limit", "2", "--offset", "2"]) == 0
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 2 and captured.err == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--since", "23/11/2026"], "since: '23/11/2026' is not a date"),
        (["--since", "2026-11-25", "--until", "2026-11-01"], "is after --until"),
    ],
)
def test_sessions_list_bad_input(args: list[str], message: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "list", *args]) == 2
    assert message in capsys.readouterr().err


def test_sessions_list_empty(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "list"]) == 0
    assert capsys.readouterr().out.strip() == "No saved sessions yet."


@pytest.mark.parametrize("export_format", ["md", "html", "json"])
def test_export_to_stdout_and_file(
    saved: list, export_format: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["export", "a" * 32, "--format", export_format]) == 0
    printed = capsys.readouterr().out
    assert "Tell me about a time you changed a process" in printed
    target = tmp_path / f"out.{export_format}"
    assert main(["export", "a" * 32, "--format", export_format, "-o", str(target)]) == 0
    assert target.read_text(encoding="utf-8").replace(_exported_at(target), "") == printed.replace(
        _exported_at(target, printed), ""
    )
    assert main(["export", "a" * 32, "--format", export_format, "-o", str(target)]) == 2
    said = capsys.readouterr().err
    assert "already exists" in said and "add --force to replace it" in said
    assert main(["export", "a" * 32, "--format", export_format, "-o", str(target), "--force"]) == 0


def _exported_at(path: Path, text: str | None = None) -> str:
    """The JSON envelope's export time differs between two runs; everything else must not."""
    text = text if text is not None else path.read_text(encoding="utf-8")
    if not text.startswith("{"):
        return "\0"
    return json.loads(text)["exported_at"]


def test_export_unknown_session(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "nope"]) == 2
    assert "nope" in capsys.readouterr().err


def test_json_export_then_import_round_trips(saved: list, tmp_path: Path, store: SessionStore) -> None:
    target = tmp_path / "s.json"
    assert main(["export", "c" * 32, "--format", "json", "-o", str(target)]) == 0
    assert session_file.read(target) == store.load("c" * 32)
    store.delete("c" * 32)
    assert main(["import", str(target)]) == 0
    assert store.load("c" * 32) == session_file.read(target)


def test_import_merges_the_coach_review_unless_replacing(
    saved: list, tmp_path: Path, store: SessionStore, capsys: pytest.CaptureFixture[str]
) -> None:
    reviewed = coach_review.set_answer_review(
        saved[1],
        "hos-03",
        1,
        note="Name the hubs.",
        adjusted_score=None,
        reason=None,
        areas={"coverage-model": ("partial", "Three hubs, but no hand-over")},
        star={"result": ("present", "Coverage went to 24/7")},
    )
    path = session_file.write(tmp_path / "reviewed.json", coach_review.mark_reviewed(reviewed))
    assert main(["import", str(path)]) == 0
    said = capsys.readouterr().err
    assert f"Merged the coach's review from {path} into session {'b' * 32}" in said
    for change in (
        "hos-03, attempt 1: the coach's note",
        "hos-03, attempt 1: 'A coverage model (follow-the-sun, shifts)' partial",
        "hos-03, attempt 1: STAR result present",
        "marked reviewed",
    ):
        assert f"  - {change}" in said
    merged = store.load("b" * 32)
    assert merged.review.reviewed
    assert merged.review.for_attempt("hos-03", 1).area("coverage-model").reason == "Three hubs, but no hand-over"
    assert merged.records == saved[1].records  # the answers and the grader's verdicts are the history's
    assert main(["import", str(path)]) == 0
    assert "nothing changed" in capsys.readouterr().err
    edited = saved[0].model_copy(update={"review": None})
    path = session_file.write(tmp_path / "dup.json", edited)
    assert main(["import", str(path)]) == 0
    assert store.load("a" * 32).review == saved[0].review  # a file without a review takes nothing away
    assert main(["import", "--replace", str(path)]) == 0
    assert store.load("a" * 32).review is None


BAD = {
    "empty.json": b"",
    "truncated.json": session_file.dumps(build_session()).encode()[:300],
    "bank.json": b'{"schema_version": 1, "tracks": [], "questions": []}',
    "binary.json": bytes(range(256)),
    "nested.json": b"[" * 5000 + b"]" * 5000,
}


@pytest.mark.parametrize("name", BAD)
@pytest.mark.parametrize("command", ["import", "review"])
def test_bad_files_exit_2_and_leave_the_store_untouched(
    name: str, command: str, saved: list, tmp_path: Path, store: SessionStore, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / name
    path.write_bytes(BAD[name])
    before = store.list_sessions(limit=100)
    assert main([command, str(path)]) == 2
    error = capsys.readouterr().err
    assert error.startswith(f"practice: {path}: ") and "Traceback" not in error
    assert store.list_sessions(limit=100) == before


@pytest.mark.parametrize("export_format", ["md", "html", "json"])
def test_exports_from_the_command_line_carry_no_secret(
    saved: list, export_format: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    marker = "sk-MARKER-never-exported"
    monkeypatch.setenv("OPENAI_API_KEY", marker)
    monkeypatch.setenv("OPENAI_BASE_URL", f"https://user:{marker}@llm.example/v1")
    monkeypatch.setenv("PRACTICE_MODEL", "gpt-4o-mini")
    target = tmp_path / f"out.{export_format}"
    assert main(["export", "a" * 32, "--format", export_format]) == 0
    assert main(["export", "a" * 32, "--format", export_format, "-o", str(target)]) == 0
    captured = capsys.readouterr()
    for text in (captured.out, captured.err, target.read_text(encoding="utf-8")):
        assert marker not in text
