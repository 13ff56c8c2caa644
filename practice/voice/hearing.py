"""From the settings to a heard answer: one way in for the command line and the TUI."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from practice.config import Settings
from practice.voice.delivery import measure
from practice.voice.model_location import locate_model
from practice.voice.models import SpokenAnswer
from practice.voice.transcriber import Transcriber

if TYPE_CHECKING:
    import numpy as np


def load_transcriber(settings: Settings) -> Transcriber:
    return Transcriber(locate_model(settings.voice_model, settings.voice_model_path))


def hear(
    transcriber: Transcriber, audio: Path | np.ndarray, *, cancelled: Callable[[], bool] = lambda: False
) -> SpokenAnswer:
    transcript = transcriber.transcribe(audio, cancelled=cancelled)
    return SpokenAnswer(transcript=transcript, delivery=measure(transcript))
