"""Speech to text with faster-whisper, on this machine. The recogniser is loaded once and kept,
since loading costs more than hearing a short answer; it is imported only here, when used."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from practice.errors import BadInputError
from practice.voice.errors import TranscriptionCancelled, VoiceUnavailableError, missing_extra
from practice.voice.knowledge import DeliveryKnowledge, bundled_knowledge
from practice.voice.model_location import ModelLocation
from practice.voice.models import TimedWord, Transcript

if TYPE_CHECKING:
    import numpy as np


class Transcriber:
    def __init__(self, location: ModelLocation, knowledge: DeliveryKnowledge | None = None) -> None:
        try:
            from faster_whisper import WhisperModel
        except ImportError as error:
            raise missing_extra("faster-whisper") from error
        self.location = location
        self._knowledge = knowledge or bundled_knowledge()
        try:
            self._model = WhisperModel(str(location.path), device="cpu", compute_type="int8")
        except (RuntimeError, ValueError, OSError) as error:
            raise VoiceUnavailableError(
                f"{location.path}: the {location.name} speech model cannot be loaded: {error}",
                hint="Reinstall the model (or its package), or set voice_model_path to a working model directory.",
            ) from error

    def transcribe(self, audio: Path | np.ndarray, *, cancelled: Callable[[], bool] = lambda: False) -> Transcript:
        """`audio` is a file of any format the decoder reads, or samples as the microphone
        records them (16 kHz mono floats).
        `cancelled` is asked between segments, so Escape stops a long transcription soon."""
        source: Any = str(audio) if isinstance(audio, Path) else audio
        try:
            segments, info = self._model.transcribe(
                source,
                language="en",
                word_timestamps=True,
                initial_prompt=self._knowledge.initial_prompt or None,
                condition_on_previous_text=False,
                vad_filter=True,
                vad_parameters={"min_silence_duration_ms": 300, "speech_pad_ms": 100},
            )
        except Exception as error:
            if isinstance(audio, Path):
                raise BadInputError(
                    f"{audio}: cannot be read as audio: {getattr(error, 'strerror', None) or error}",
                    hint="Give a WAV (or another common audio) file.",
                ) from error
            raise
        words: list[TimedWord] = []
        texts: list[str] = []
        for segment in segments:
            if cancelled():
                raise TranscriptionCancelled
            texts.append(segment.text.strip())
            words.extend(
                TimedWord(
                    text=w.word.strip(),
                    start=max(0.0, w.start),
                    end=max(0.0, w.end),
                    probability=min(1.0, max(0.0, w.probability)),
                )
                for w in segment.words or []
            )
        return Transcript(
            text=" ".join(t for t in texts if t), words=words, audio_seconds=info.duration, model=self.location.name
        )
