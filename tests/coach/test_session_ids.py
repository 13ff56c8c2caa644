"""Session ids as people type them: `practice sessions list` shows each id as short as it can be
while naming one session, and every command taking an id takes that, or any unique start of
an id, as git takes an abbreviated commit."""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterator

import pytest
from export.factory import build_session, legacy_session

from practice import locations
from practice.cli import main
from practice.errors import BadInputError, NotFoundError
from practice.store.sqlite import MIN_PREFIX, SHORT_ID, SessionStore

IDS = ("abcd1234" + "0" * 24, "abcd5678" + "0" * 24, "abcd1239" + "0" * 24, "ffff" + "1" * 28)


@pytest.fixture
def store() -> Iterator[SessionStore]:
    with SessionStore(locations.store_path()) as opened:
        for session_id in IDS:
            opened.save(build_session(session_id=session_id))
        yield opened


def test_a_unique_start_names_its_session(store: SessionStore) -> None:
    assert store.resolve_id("abcd5") == IDS[1]
    assert store.resolve_id("ffff") == IDS[3]


def test_an_exact_id_wins_over_longer_ids_it_starts(store: SessionStore) -> None:
    store.save(build_session(session_id="abcd"))
    assert store.resolve_id("abcd") == "abcd"


def test_an_ambiguous_start_lists_the_ids_it_matches(store: SessionStore) -> None:
    with pytest.raises(BadInputError) as caught:
        store.resolve_id("abcd123")
    message = str(caught.value)
    assert "ambiguous" in message and IDS[0] in message and IDS[2] in message and IDS[1] not in message


def test_an_unknown_or_too_short_start_is_refused(store: SessionStore) -> None:
    with pytest.raises(NotFoundError) as unknown:
        store.resolve_id("0123")
    assert "practice sessions list" in str(unknown.value)
    with pytest.raises(BadInputError) as short:
        store.resolve_id("f" * (MIN_PREFIX - 1))
    assert f"at least {MIN_PREFIX} characters" in str(short.value)
    with pytest.raises(BadInputError):
        store.resolve_id("")


def test_a_start_is_matched_exactly_not_as_a_pattern(store: SessionStore) -> None:
    """Case, LIKE and GLOB wildcards mean nothing in an id; any text can be an id (a session
    imported before ids were checked kept its own), the last code point included."""
    top = "\U0010ffff"
    for odd in ("ABCD%_*?[x]", "a b'c\"", f"zzz{top}{top}q", "zzz\ud7ffq", top * 5 + "q"):
        store.save(legacy_session(odd))
    assert store.resolve_id("ABCD%") == "ABCD%_*?[x]"
    with pytest.raises(NotFoundError):
        store.resolve_id("abcd%")
    with pytest.raises(NotFoundError):
        store.resolve_id("ABCD_")  # '_' is LIKE's one-character wildcard
    assert store.resolve_id(f"zzz{top}") == f"zzz{top}{top}q"
    assert store.resolve_id("zzz\ud7ff") == "zzz\ud7ffq"
    assert store.resolve_id(top * 4) == top * 5 + "q"


def test_short_ids_are_as_long_as_needed_to_name_one_session(store: SessionStore) -> None:
    short = store.short_ids(list(IDS))
    assert short == {IDS[0]: "abcd1234", IDS[1]: "abcd5678", IDS[2]: "abcd1239", IDS[3]: "ffff1111"}
    assert all(len(value) == SHORT_ID for value in short.values())
    clash = "abcd1234" + "0" * 10 + "9" * 14
    store.save(build_session(session_id=clash))
    assert store.short_ids([IDS[0], clash]) == {IDS[0]: IDS[0][:19], clash: clash[:19]}
    assert all(store.resolve_id(value) == key for key, value in store.short_ids([*IDS, clash]).items())


def test_sessions_list_shows_ids_that_paste_back(store: SessionStore, capsys: pytest.CaptureFixture[str]) -> None:
    store.save(legacy_session("from a file; rm -rf ~"))
    assert main(["sessions", "list"]) == 0
    shown = [shlex.split(line)[0] for line in capsys.readouterr().out.splitlines()[1:]]
    assert sorted(shown) == sorted(["abcd1234", "abcd5678", "abcd1239", "ffff1111", "from a f"])
    for session_id in shown:
        assert main(["export", session_id, "--format", "json"]) == 0
        assert json.loads(capsys.readouterr().out)["session"]["id"].startswith(session_id)
    assert main(["sessions", "list", "--json"]) == 0
    assert {row["id"] for row in json.loads(capsys.readouterr().out)} == {*IDS, "from a file; rm -rf ~"}  # whole


def test_export_takes_a_unique_start(store: SessionStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export", "abcd56", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["session"]["id"] == IDS[1]


@pytest.mark.parametrize("command", [["export"], ["sessions", "delete"]])
def test_commands_refuse_ambiguous_and_unknown_ids(
    store: SessionStore, command: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    assert main([*command, "abcd"]) == 2
    err = capsys.readouterr().err
    assert "ambiguous" in err and all(session_id in err for session_id in IDS[:3])
    assert main([*command, "9999"]) == 2
    err = capsys.readouterr().err
    assert "no session '9999'" in err and "practice sessions list" in err and "Traceback" not in err
    assert store.count_sessions() == len(IDS)  # nothing deleted


def test_sessions_delete_takes_a_unique_start(store: SessionStore, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "delete", "ffff"]) == 0
    assert IDS[3] in capsys.readouterr().err
    assert {row.id for row in store.list_sessions()} == set(IDS[:3])


def test_a_stored_session_with_the_empty_id_can_be_exported_and_deleted(
    store: SessionStore, capsys: pytest.CaptureFixture[str]
) -> None:
    """Imported before ids were checked, it is listed as '' and that pastes back (issue 16: it
    could be neither exported nor deleted)."""
    store.save(legacy_session(""))
    assert main(["sessions", "list"]) == 0
    assert "\n'' " in capsys.readouterr().out
    assert main(["export", "", "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["session"]["id"] == ""
    assert main(["sessions", "delete", ""]) == 0
    assert "Deleted session ''" in capsys.readouterr().err
    assert {row.id for row in store.list_sessions()} == set(IDS)
    assert main(["export", "", "--format", "json"]) == 2
    assert "no session id given" in capsys.readouterr().err
