"""Session ids are checked by the Session model itself, at every boundary a session comes in by
(a session file, a model built in code); a file with a bad id is refused naming the file and the
place, while a session the store kept from before ids were checked still opens and can be deleted."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import ValidationError

from practice.errors import BadInputError
from practice.interview.models import STORED, Session
from practice.locations import store_path
from practice.store import session_file
from practice.store.sqlite import SessionStore
from tests.export.factory import build_session


@pytest.mark.parametrize("bad_id", ["", "../../x", "\x1b]0;pwned\x07", "a" * 65, "x'; DROP TABLE sessions; --"])
def test_the_model_refuses_a_bad_id(bad_id: str) -> None:
    body = build_session().model_dump(mode="json") | {"id": bad_id}
    with pytest.raises(ValidationError) as caught:
        Session.model_validate(body)
    (problem,) = caught.value.errors()
    assert problem["loc"] == ("id",) and "is not a session id" in problem["msg"]


def test_a_session_file_with_a_bad_id_names_the_file_and_the_place(tmp_path: Path) -> None:
    path = session_file.write(tmp_path / "from-a-friend.json", build_session())
    data = json.loads(path.read_text(encoding="utf-8"))
    data["session"]["id"] = "../../etc"
    path.write_text(json.dumps(data), encoding="utf-8")

    with pytest.raises(BadInputError) as caught:
        session_file.read(path)
    message = str(caught.value)
    assert str(path) in message
    assert "session.id: Value error, '../../etc' (9 characters) is not a session id" in message


def test_a_good_id_from_elsewhere_is_accepted(tmp_path: Path) -> None:
    session = build_session().model_copy(update={"id": "coach-2026_01"})
    path = session_file.write(tmp_path / "s.json", session)
    assert session_file.read(path).id == "coach-2026_01"


def test_a_stored_session_from_before_the_check_keeps_loading_and_can_be_deleted() -> None:
    legacy = Session.model_validate(build_session().model_dump(mode="json") | {"id": "../odd"}, context=STORED)
    with SessionStore(store_path()) as store:
        store.save(legacy)
        assert store.load("../odd").id == "../odd"
        assert [row.id for row in store.list_sessions()] == ["../odd"]
        store.delete("../odd")
        assert store.list_sessions() == []
