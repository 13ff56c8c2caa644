"""The portable session file: exact round trips, and clear refusals of everything that is not one."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from practice.errors import BadInputError
from practice.interview.models import SESSION_SCHEMA_VERSION
from practice.store import session_file

from .factory import build_session

HOSTILE = '\n<script>alert(1)</script> [x](http://evil) \u202eRTL\u202c مرحبا \x07 "quotes" \\ end'


def test_round_trip_is_identical(tmp_path: Path) -> None:
    session = build_session(hostile=HOSTILE, finished=False)
    path = session_file.write(tmp_path / "s.json", session)
    assert session_file.read(path) == session


def test_envelope_is_versioned(tmp_path: Path) -> None:
    data = json.loads(session_file.dumps(build_session()))
    assert (data["format"], data["version"]) == ("practice-session", 1)
    assert "exported_at" in data and data["session"]["records"]


def test_write_refuses_to_replace_unless_asked(tmp_path: Path) -> None:
    path = tmp_path / "s.json"
    path.write_text("precious", encoding="utf-8")
    with pytest.raises(BadInputError, match="already exists"):
        session_file.write(path, build_session())
    assert path.read_text(encoding="utf-8") == "precious"
    session_file.write(path, build_session(), overwrite=True)
    assert session_file.read(path).records
    assert [p.name for p in tmp_path.iterdir()] == ["s.json"]  # no temporary file left behind


def _valid_text() -> str:
    return session_file.dumps(build_session())


def _future_file() -> bytes:
    data = json.loads(_valid_text())
    data["version"] = 7
    return json.dumps(data).encode()


def _future_session() -> bytes:
    data = json.loads(_valid_text())
    data["session"]["schema_version"] = SESSION_SCHEMA_VERSION + 1
    return json.dumps(data).encode()


def _hand_edited() -> bytes:
    data = json.loads(_valid_text())
    data["session"]["records"][0]["attempts"][0]["feedback"]["score"] = 11
    return json.dumps(data).encode()


BAD_FILES = {
    "empty": (b"", "the file is empty"),
    "blank": (b"  \n ", "the file is empty"),
    "truncated": (_valid_text().encode()[:500], "not valid JSON at line"),
    "binary": (bytes(range(256)) * 4, "binary file"),
    "latin-1": ('{"format": "practice-session", "note": "café"}'.encode("latin-1"), "not UTF-8 text"),
    "utf-16": (_valid_text().encode("utf-16"), "UTF-16 text, not UTF-8"),
    "deeply nested": (b"[" * 100_000 + b"]" * 100_000, "nested more than 64 levels"),
    "a list": (b"[1, 2, 3]", "the JSON is a list"),
    "a question bank": (b'{"schema_version": 1, "tracks": [], "questions": []}', "looks like a question bank"),
    "future file version": (_future_file(), "newer version of practice (file format version 7"),
    "future session version": (
        _future_session(),
        f"newer version of practice (session format version {SESSION_SCHEMA_VERSION + 1}",
    ),
    "hand-edited score": (_hand_edited(), "session.records[0].attempts[0].feedback.score"),
}


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_files_get_a_clear_message_naming_the_file(tmp_path: Path, name: str) -> None:
    content, expected = BAD_FILES[name]
    path = tmp_path / "sent.json"
    path.write_bytes(content)
    with pytest.raises(BadInputError) as caught:
        session_file.read(path)
    assert str(path) in caught.value.message
    assert expected in caught.value.message
    assert caught.value.exit_code == 2


def test_huge_file_is_refused_before_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(session_file, "MAX_FILE_BYTES", 1024)
    path = tmp_path / "huge.json"
    path.write_text(_valid_text(), encoding="utf-8")
    with pytest.raises(BadInputError, match="too large for a session file"):
        session_file.read(path)


def test_missing_file_and_directory(tmp_path: Path) -> None:
    with pytest.raises(BadInputError, match="no such session file"):
        session_file.read(tmp_path / "nope.json")
    with pytest.raises(BadInputError, match="is a directory, not a session file"):
        session_file.read(tmp_path)


def test_brackets_inside_answers_do_not_count_as_nesting(tmp_path: Path) -> None:
    session = build_session(hostile="[" * 500 + "{" * 500 + '\\"[[[')
    path = session_file.write(tmp_path / "s.json", session)
    assert session_file.read(path) == session


def test_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.json"
    path.write_bytes(b"\xef\xbb\xbf" + _valid_text().encode())
    assert session_file.read(path).records
