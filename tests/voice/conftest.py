"""The committed test recordings, their truth (recordings/manifest.json, written by
make_recordings.py), and one speech model loaded once for all the tests that hear them."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

import pytest

from practice.voice.model_location import locate_model
from practice.voice.models import Transcript
from practice.voice.transcriber import Transcriber

RECORDINGS = Path(__file__).resolve().parent / "recordings"
MANIFEST = json.loads((RECORDINGS / "manifest.json").read_text(encoding="utf-8"))


def recording(name: str) -> Path:
    return RECORDINGS / MANIFEST["recordings"][name]["file"]


@cache
def shared_transcriber() -> Transcriber:
    return Transcriber(locate_model("tiny.en"))


@cache
def heard(name: str) -> Transcript:
    return shared_transcriber().transcribe(recording(name))


@pytest.fixture
def transcriber() -> Transcriber:
    return shared_transcriber()
