"""The data directory: overridable, created on demand, and a clear error when it cannot be."""

from __future__ import annotations

from pathlib import Path

import pytest

from practice import locations
from practice.cli import main
from practice.errors import BadInputError


def test_override_is_created(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "nested" / "data"
    monkeypatch.setenv("PRACTICE_DATA_DIR", str(target))
    assert locations.data_dir() == target and target.is_dir()
    assert locations.store_path().parent == target


def test_data_dir_that_is_a_file_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("PRACTICE_DATA_DIR", str(blocker))
    with pytest.raises(BadInputError, match="is a file, not a directory"):
        locations.data_dir()


def test_cli_reports_bad_data_dir_without_traceback(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    monkeypatch.setenv("PRACTICE_DATA_DIR", str(blocker))
    assert main(["sessions", "list"]) == 2
    err = capsys.readouterr().err
    assert "is a file, not a directory" in err and "Traceback" not in err
