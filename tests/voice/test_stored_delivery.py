"""Delivery travels with a spoken answer into the store and the session file, and into every
export; sessions saved before it existed still load. (Through the engine and a draft:
test_takes.py.)"""

from __future__ import annotations

import json
from pathlib import Path

from practice.export import formats
from practice.export.formats import ExportFormat
from practice.interview.models import Session
from practice.store import session_file
from practice.store.sqlite import SessionStore
from practice.voice.delivery import measure
from practice.voice.models import Delivery, TimedWord, Transcript
from tests.export.factory import build_session


def sample_delivery() -> Delivery:
    words = [
        TimedWord(text=w, start=1.0 + i * 0.4, end=1.4 + i * 0.4)
        for i, w in enumerate(["um", "we", "fixed", "the", "refunds"])
    ]
    words.append(TimedWord(text="quickly", start=6.0, end=6.4))
    return measure(Transcript(text="um we fixed the refunds quickly", words=words, audio_seconds=7.0, model="tiny.en"))


def spoken_session() -> Session:
    session = build_session()
    answer = session.records[0].attempts[0].answers[0]
    session.records[0].attempts[0].answers[0] = answer.model_copy(update={"delivery": sample_delivery()})
    return session


def test_delivery_survives_the_store(tmp_path: Path) -> None:
    session = spoken_session()
    store = SessionStore(tmp_path / "sessions.sqlite3")

    store.save(session)

    assert store.load(session.id).records[0].attempts[0].answers[0].delivery == sample_delivery()


def test_a_session_saved_before_delivery_existed_still_loads() -> None:
    session = build_session()
    old = json.loads(session_file.dumps(session))
    for record in old["session"]["records"]:
        for attempt in record["attempts"]:
            for answer in attempt["answers"]:
                assert answer.pop("delivery") is None

    loaded = session_file.loads(json.dumps(old), source="old.json")

    assert loaded == session


def test_exports_show_delivery_beside_the_content_grade() -> None:
    session = spoken_session()
    pace_line = sample_delivery().lines()[1]

    markdown = formats.render(session, ExportFormat.md)
    html = formats.render(session, ExportFormat.html)
    as_json = formats.render(session, ExportFormat.json)

    assert markdown.index("Specifics") < markdown.index("Delivery (spoken)") < markdown.index(pace_line)
    assert "Delivery (spoken)" in html and pace_line in html
    assert (
        session_file.loads(as_json, source="export.json").records[0].attempts[0].answers[0].delivery
        == sample_delivery()
    )
    assert "Delivery (spoken)" not in formats.render(build_session(), ExportFormat.md)
