"""What the TUI is given to take spoken answers: a microphone, a recogniser loaded on first use
(and then kept), and where recordings are kept, if the candidate asked for that."""

from __future__ import annotations

import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from practice import locations
from practice.config import Settings
from practice.voice.microphone import Microphone, SoundDeviceMicrophone, write_wav

if TYPE_CHECKING:
    import numpy as np

    from practice.voice.transcriber import Transcriber


class VoiceInput:
    def __init__(
        self,
        open_microphone: Callable[[], Microphone],
        load_transcriber: Callable[[], Transcriber],
        recordings_dir: Path | None,
    ) -> None:
        """`recordings_dir` None: recordings are not kept (the default)."""
        self.open_microphone = open_microphone
        self._load_transcriber = load_transcriber
        self.recordings_dir = recordings_dir
        self._transcriber: Transcriber | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> VoiceInput:
        def load() -> Transcriber:
            from practice.voice.hearing import load_transcriber

            return load_transcriber(settings)

        kept = locations.data_dir() / "recordings" if settings.keep_recordings else None
        return cls(SoundDeviceMicrophone, load, kept)

    def transcriber(self) -> Transcriber:
        """Loaded once, from a worker thread; a failure is raised each time, so a fixed model is
        picked up on the next try."""
        with self._lock:
            if self._transcriber is None:
                self._transcriber = self._load_transcriber()
            return self._transcriber

    def keep(self, samples: np.ndarray, session_id: str) -> Path | None:
        if self.recordings_dir is None:
            return None
        path = self.recordings_dir / f"{session_id[:8]}-{datetime.now(UTC):%Y%m%dT%H%M%S}.wav"
        write_wav(samples, path)
        return path
