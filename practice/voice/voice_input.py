"""What the TUI is given to take spoken answers: a microphone, a recogniser loaded on first use
(and then kept), where recordings are kept if the candidate asked for that, and the model's
supply: whether it must be downloaded before the first answer can be heard."""

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

    from practice.voice.download import DownloadOffer
    from practice.voice.model_location import ModelLocation
    from practice.voice.transcriber import Transcriber


class ModelSupply:
    """The configured model, as the first spoken answer needs it: here already, to be downloaded
    (its size said first), or stood in for by the packaged tiny.en. Each call may touch the disk
    or the network, so each is made from a worker thread."""

    def __init__(self, name: str, configured_path: Path | None = None) -> None:
        self.name = name
        self.configured_path = configured_path

    def to_fetch(self) -> DownloadOffer | None:
        """None when nothing need be downloaded; an offer (files and sizes, from the hub) when
        the model is on neither the config's path nor the local cache. VoiceUnavailableError
        says why the hub could not be asked."""
        from practice.voice.download import offer
        from practice.voice.model_location import is_downloadable

        return offer(self.name) if is_downloadable(self.name, self.configured_path) else None

    def fetch(
        self, offered: DownloadOffer, *, progress: Callable[[int], None], cancelled: Callable[[], bool]
    ) -> ModelLocation:
        from practice.voice.download import download

        return download(offered, progress=progress, cancelled=cancelled)

    def stand_in(self) -> ModelLocation | None:
        """The packaged tiny.en, when it is installed, to hear answers in the model's place."""
        from practice.voice.model_location import packaged_location

        return packaged_location(self.name)


class VoiceInput:
    def __init__(
        self,
        open_microphone: Callable[[], Microphone],
        load_transcriber: Callable[[], Transcriber],
        recordings_dir: Path | None,
        *,
        model: ModelSupply | None = None,
    ) -> None:
        """`recordings_dir` None: recordings are not kept (the default). `model` None: the
        recogniser needs no model found first (the tests' own recognisers)."""
        self.open_microphone = open_microphone
        self._load_transcriber = load_transcriber
        self.recordings_dir = recordings_dir
        self.model = model
        self.model_settled = model is None
        """Whether the model question is answered for this run: the model is here (or was
        downloaded), or the packaged one stands in. Until then ctrl+r asks about it first."""
        self._transcriber: Transcriber | None = None
        self._lock = threading.Lock()

    @classmethod
    def from_settings(cls, settings: Settings) -> VoiceInput:
        def load() -> Transcriber:
            from practice.voice.hearing import load_transcriber

            return load_transcriber(settings)

        kept = locations.data_dir() / "recordings" if settings.keep_recordings else None
        return cls(
            SoundDeviceMicrophone, load, kept, model=ModelSupply(settings.voice_model, settings.voice_model_path)
        )

    def transcriber(self) -> Transcriber:
        """Loaded once, from a worker thread; a failure is raised each time, so a fixed model is
        picked up on the next try."""
        with self._lock:
            if self._transcriber is None:
                self._transcriber = self._load_transcriber()
            return self._transcriber

    def model_arrived(self) -> None:
        """A model was downloaded: the next answer loads it, not the one that stood in."""
        with self._lock:
            self._transcriber = None
        self.model_settled = True

    def keep(self, samples: np.ndarray, session_id: str) -> Path | None:
        if self.recordings_dir is None:
            return None
        path = self.recordings_dir / f"{session_id[:8]}-{datetime.now(UTC):%Y%m%dT%H%M%S}.wav"
        write_wav(samples, path)
        return path
