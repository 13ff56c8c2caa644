"""The committed test recordings, their truth (recordings/manifest.json, written by
make_recordings.py), one speech model loaded once for all the tests that hear them, and an
empty model cache with a fake hub to download into it (fake_hub.py)."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from huggingface_hub import constants

from practice.voice.model_location import locate_model
from practice.voice.models import Transcript
from practice.voice.transcriber import Transcriber
from tests.voice.fake_hub import FakeHub

RECORDINGS = Path(__file__).resolve().parent / "recordings"
MANIFEST = json.loads((RECORDINGS / "manifest.json").read_text(encoding="utf-8"))


def recording(name: str) -> Path:
    return RECORDINGS / MANIFEST["recordings"][name]["file"]


class RememberingTranscriber:
    """The real recogniser, asked once per distinct audio: the TUI and command tests hear the
    same recordings many times, and what they test is what is done with the words."""

    def __init__(self, real: Transcriber) -> None:
        self.real = real
        self.location = real.location
        self._heard: dict[str, Transcript] = {}

    def transcribe(self, audio: Path | np.ndarray, **options: Any) -> Transcript:
        key = (
            str(audio) if isinstance(audio, Path) else hashlib.sha256(np.ascontiguousarray(audio).tobytes()).hexdigest()
        )
        if key not in self._heard:
            self._heard[key] = self.real.transcribe(audio, **options)
        return self._heard[key]


@cache
def shared_transcriber() -> RememberingTranscriber:
    return RememberingTranscriber(Transcriber(locate_model("tiny.en")))


@cache
def heard(name: str) -> Transcript:
    return shared_transcriber().transcribe(recording(name))


@pytest.fixture
def hf_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An empty model cache; huggingface_hub reads its path when imported, so the constant too."""
    folder = tmp_path / "hf"
    monkeypatch.setenv("HF_HUB_CACHE", str(folder))
    monkeypatch.setattr(constants, "HF_HUB_CACHE", str(folder))
    monkeypatch.delenv("HF_HUB_OFFLINE", raising=False)
    monkeypatch.setattr(constants, "HF_HUB_OFFLINE", False)
    return folder


@pytest.fixture
def fake_hub(hf_cache: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[FakeHub]:
    hub = FakeHub().start()
    monkeypatch.setenv("HF_ENDPOINT", hub.url)
    try:
        yield hub
    finally:
        hub.stop()
