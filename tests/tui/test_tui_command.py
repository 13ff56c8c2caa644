"""`practice` with no command opens the TUI; whatever the user can fix (a bad bank, an
unreadable store) ends before the app starts, as one message and an exit status."""

from __future__ import annotations

from pathlib import Path

import pytest

from practice import cli
from practice.locations import store_path


def test_a_missing_bank_is_a_message_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.json"
    assert cli.main(["--bank", str(missing)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("practice: ") and str(missing) in err
    assert "Traceback" not in err


def test_an_invalid_bank_names_the_file_and_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bank.json"
    bad.write_text('{"tracks": [}', encoding="utf-8")
    assert cli.main(["--bank", str(bad)]) == 2
    assert str(bad) in capsys.readouterr().err


def test_an_unreadable_store_is_a_message_and_is_left_untouched(capsys: pytest.CaptureFixture[str]) -> None:
    path = store_path()
    garbage = b"this is not a database, but it is somebody's file" * 100
    path.write_bytes(garbage)
    code = cli.main([])
    err = capsys.readouterr().err
    assert code != 0 and str(path) in err and "Traceback" not in err
    assert path.read_bytes() == garbage


def test_an_unknown_theme_is_a_message_and_exit_2(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("PRACTICE_THEME", "no-such-theme")
    assert cli.main([]) == 2
    err = capsys.readouterr().err
    assert "no-such-theme" in err and "textual-dark" in err
