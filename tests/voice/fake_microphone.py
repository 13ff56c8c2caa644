"""Microphones for the TUI tests: one that plays a WAV file as if it were spoken into it, one
that cannot be opened, and a recogniser that waits for the test before it answers."""

from __future__ import annotations

import threading
import wave
from pathlib import Path
from typing import Any

import numpy as np

from practice.voice.errors import VoiceUnavailableError
from practice.voice.microphone import AudioSink
from practice.voice.transcriber import Transcriber

BLOCK = 1600


class FileMicrophone:
    """Everything in the file reaches the recording when it starts, in the blocks a real
    device would send, so a test decides when the candidate 'stops speaking'."""

    def __init__(self, path: Path, *, seconds: float | None = None) -> None:
        """`seconds`: play only the start of the file, as if stopped there."""
        with wave.open(str(path), "rb") as recording:
            assert (recording.getframerate(), recording.getnchannels(), recording.getsampwidth()) == (16000, 1, 2)
            frames = recording.getnframes() if seconds is None else int(seconds * 16000)
            pcm = np.frombuffer(recording.readframes(frames), dtype="<i2")
        self.samples = pcm.astype(np.float32) / 32768
        self.running = False

    def start(self, sink: AudioSink) -> None:
        self.running = True
        for start in range(0, len(self.samples), BLOCK):
            sink(self.samples[start : start + BLOCK].reshape(-1, 1))

    def stop(self) -> None:
        self.running = False


class BrokenMicrophone:
    def start(self, sink: AudioSink) -> None:
        raise VoiceUnavailableError(
            "the microphone cannot be opened: Error querying device -1",
            hint="Check that a microphone is connected and allowed for this terminal; typing works meanwhile.",
        )

    def stop(self) -> None:
        raise AssertionError("a microphone that never started is not stopped")


class GatedTranscriber:
    """The real recogniser, held until the test opens the gate: lets a test press Escape while
    a transcription is surely still running."""

    def __init__(self, real: Transcriber) -> None:
        self.real = real
        self.gate = threading.Event()
        self.started = threading.Event()

    def transcribe(self, audio: Any, **options: Any) -> Any:
        self.started.set()
        assert self.gate.wait(timeout=30)
        return self.real.transcribe(audio, **options)
