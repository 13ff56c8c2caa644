"""Text from files, users, the store and servers never reaches a terminal as control sequences
(practice/terminal.py), at every headless output; the data holding it is kept exactly."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from practice.cli import main
from practice.export import formats
from practice.export.formats import ExportFormat
from practice.locations import bundled_bank_path, store_path
from practice.store import session_file
from practice.store.sqlite import SessionStore
from practice.terminal import safe, unseen, write_document
from tests.drills.hostile_files import EVERY_ATTACK, TERMINAL_ATTACKS, UNSAFE_FOR_TERMINALS, hostile_bank
from tests.export.factory import build_session


def shown_safely(output: str) -> bool:
    return not UNSAFE_FOR_TERMINALS & set(output)


@pytest.mark.parametrize("attack", TERMINAL_ATTACKS.values(), ids=TERMINAL_ATTACKS.keys())
def test_safe_shows_every_control_as_its_escape(attack: str) -> None:
    shown = safe(f"before {attack} after")
    assert shown_safely(shown)
    assert shown.startswith("before ") and shown.endswith(" after")
    assert "\\u00" in shown or "\\u20" in shown


def test_unseen_drops_what_a_terminal_obeys_and_keeps_every_width() -> None:
    """For editors, which place the cursor by the widths they measured: each character left out
    is one the terminal gives no width, and a lone surrogate becomes one replacement character."""
    text = f"before {EVERY_ATTACK} \ud800 after"
    drawn = unseen(text)
    assert shown_safely(drawn) and drawn.startswith("before ") and drawn.endswith(" \ufffd after")
    assert cell_len(drawn) == cell_len(text.replace("\ud800", "\ufffd"))
    plain = "nothing to hide"
    assert unseen(plain) is plain


def test_safe_keeps_newlines_and_tabs_unless_one_line() -> None:
    assert safe("a\tb\nc") == "a\tb\nc"
    assert safe("a\tb\nc", one_line=True) == "a\\u0009b\\u000ac"
    assert safe("مرحبا 😀 café") == "مرحبا 😀 café"  # right-to-left text and emoji are text, not controls


def test_safe_json_still_decodes_to_the_data_exactly() -> None:
    data = {"text": EVERY_ATTACK + "\ud800 lone surrogate", "id": "\u2028"}
    shown = safe(json.dumps(data, ensure_ascii=False, indent=2))
    assert shown_safely(shown)
    shown.encode("utf-8")  # printable: no lone surrogate left
    assert json.loads(shown) == data


@pytest.fixture
def attack_bank(tmp_path: Path) -> Path:
    path = tmp_path / "attack-bank.json"
    path.write_text(hostile_bank(bundled_bank_path(), EVERY_ATTACK), encoding="utf-8")
    return path


def test_bank_validate_and_list_show_the_attack_safely(attack_bank: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for command in (
        ["bank", "validate", str(attack_bank)],
        ["bank", "list", "--bank", str(attack_bank)],
        ["bank", "list", "--json", "--bank", str(attack_bank)],
    ):
        assert main(command) == 0
        out = capsys.readouterr().out
        assert shown_safely(out), command
    listed = json.loads(out)
    assert all(question["text"].startswith(EVERY_ATTACK) for question in listed)  # the data itself, exactly


@pytest.mark.parametrize("as_json", [False, True])
def test_grade_shows_bank_text_and_answer_safely(
    attack_bank: Path, tmp_path: Path, as_json: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    question_id = json.loads(attack_bank.read_text(encoding="utf-8"))["questions"][0]["id"]
    answer = tmp_path / "answer.txt"
    answer.write_text(f"I cut refund time from 9 days to 2 for customers. {EVERY_ATTACK}", encoding="utf-8")
    command = [
        "grade",
        question_id,
        "--answer-file",
        str(answer),
        "--bank",
        str(attack_bank),
        *(["--json"] if as_json else []),
    ]
    assert main(command) == 0
    out = capsys.readouterr().out
    assert shown_safely(out)
    if as_json:
        json.loads(out)


def test_import_list_and_export_show_a_hostile_session_safely(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    session = build_session(hostile=f" {EVERY_ATTACK}", track=f"track {EVERY_ATTACK}")
    path = session_file.write(tmp_path / f"session {TERMINAL_ATTACKS['OSC title']}.json", session)
    assert main(["import", str(path)]) == 0
    assert shown_safely(capsys.readouterr().err)
    for command in (["sessions", "list"], ["sessions", "list", "--json"]):
        assert main(command) == 0
        assert shown_safely(capsys.readouterr().out), command
    for kind in ExportFormat:  # to a pipe (capsys), an export is data: exactly the document
        assert main(["export", session.id[:8], "--format", kind.value]) == 0
        out, expected = capsys.readouterr().out, formats.render(session, kind)
        if kind == ExportFormat.json:  # the file also says when it was exported
            out, expected = json.loads(out)["session"], json.loads(expected)["session"]
        assert out == expected
    with SessionStore(store_path()) as store:
        assert store.load(session.id) == session  # the data is kept as it was


def test_an_export_to_a_pipe_is_exact_and_to_a_terminal_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    document = f"# Report\n{EVERY_ATTACK}\n"
    for stream, expected_safe in ((io.StringIO(), False), (Terminal(), True)):
        monkeypatch.setattr("sys.stdout", stream)
        write_document(document)
        assert (stream.getvalue() == document) != expected_safe
        assert shown_safely(stream.getvalue()) == expected_safe


def test_an_error_message_through_a_hostile_json_key_is_safe(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(bundled_bank_path().read_text(encoding="utf-8"))
    data["questions"][0][f"oops{TERMINAL_ATTACKS['CSI clear screen']}"] = 1
    data["questions"][0]["type"] = f"riddle{TERMINAL_ATTACKS['C1 CSI clear screen']}"
    bad = tmp_path / f"bad {TERMINAL_ATTACKS['OSC 52 clipboard']}.json"
    bad.write_text(json.dumps(data), encoding="utf-8")
    assert main(["bank", "validate", str(bad)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("practice: ") and shown_safely(err)
