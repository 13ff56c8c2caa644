"""Taking an answer from the microphone. Capture sits behind `Microphone`, so the TUI is driven
the same way by PortAudio (through sounddevice) and by the tests' microphone that plays a file.

A `Recording` gathers what the microphone hears, from the audio thread, and answers the UI's
questions (how long so far, how loud now) from its own; samples are 16 kHz mono floats, what
the recogniser takes.
"""

from __future__ import annotations

import threading
import wave
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from practice.voice.errors import VoiceUnavailableError, missing_extra

if TYPE_CHECKING:
    import numpy as np

SAMPLE_RATE = 16_000
"""What Whisper hears."""

AudioSink = Callable[["np.ndarray"], None]

PORTAUDIO_HINT = (
    "sounddevice needs the PortAudio library (Debian/Ubuntu: apt-get install libportaudio2; macOS: brew install "
    "portaudio). Typing works without it, and `practice grade QUESTION_ID --audio FILE` grades a recording."
)


class Microphone(Protocol):
    def start(self, sink: AudioSink) -> None:
        """Begin calling `sink` with blocks of samples; raises VoiceUnavailableError when it cannot."""

    def stop(self) -> None: ...


class Recording:
    def __init__(self) -> None:
        self._blocks: list[np.ndarray] = []
        self._count = 0
        self._level = 0.0
        self._lock = threading.Lock()

    def add(self, block: np.ndarray) -> None:
        import numpy as np

        mono = np.asarray(block, dtype=np.float32).reshape(-1)
        level = float(np.sqrt(np.mean(np.square(mono)))) if mono.size else 0.0
        with self._lock:
            self._blocks.append(mono.copy())
            self._count += mono.size
            self._level = level

    @property
    def seconds(self) -> float:
        with self._lock:
            return self._count / SAMPLE_RATE

    @property
    def level(self) -> float:
        """The loudness of the latest block, 0 (silence) to 1 (full scale), as RMS."""
        with self._lock:
            return self._level

    def samples(self) -> np.ndarray:
        import numpy as np

        with self._lock:
            return np.concatenate(self._blocks) if self._blocks else np.zeros(0, dtype=np.float32)


def write_wav(samples: np.ndarray, path: Path) -> None:
    """16-bit mono WAV, readable by `practice grade --audio` and any player; private (0600)."""
    import numpy as np

    pcm = (np.clip(samples, -1.0, 1.0) * 32767).astype("<i2")
    path.parent.mkdir(parents=True, exist_ok=True)
    path.touch(mode=0o600, exist_ok=True)
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(SAMPLE_RATE)
        out.writeframes(pcm.tobytes())


class SoundDeviceMicrophone:
    """The default input device, through PortAudio."""

    def __init__(self) -> None:
        try:
            import sounddevice
        except ImportError as error:
            raise missing_extra("sounddevice") from error
        except OSError as error:  # sounddevice raises this when the PortAudio library is missing
            raise VoiceUnavailableError(f"the microphone cannot be used: {error}", hint=PORTAUDIO_HINT) from error
        self._sounddevice = sounddevice
        self._stream: Any = None

    def start(self, sink: AudioSink) -> None:
        def callback(block: np.ndarray, frames: int, time: Any, status: Any) -> None:
            sink(block[:, 0])

        try:
            self._stream = self._sounddevice.InputStream(
                samplerate=SAMPLE_RATE, channels=1, dtype="float32", callback=callback
            )
            self._stream.start()
        except Exception as error:
            self._stream = None
            raise VoiceUnavailableError(
                f"the microphone cannot be opened: {error}",
                hint="Check that a microphone is connected and allowed for this terminal; typing works meanwhile.",
            ) from error

    def stop(self) -> None:
        if self._stream is not None:
            self._stream.stop()
            self._stream.close()
            self._stream = None
