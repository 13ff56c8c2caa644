"""Why speaking is not available, said so the candidate can fix it; the TUI shows the same
text and lets them type instead."""

from __future__ import annotations

import importlib.util

from practice.errors import PracticeError

INSTALL_HINT = "Install the voice extra: .venv/bin/pip install -e '.[voice]' (typing works without it)."


class VoiceUnavailableError(PracticeError):
    """The extra, the speech model or the microphone is missing or failed."""

    exit_code = 1


class TranscriptionCancelled(Exception):
    """The candidate pressed Escape while the answer was being transcribed."""


def require_recogniser() -> None:
    """Cheap (no import), so the TUI can say at once, before recording, that the extra is missing."""
    try:
        found = importlib.util.find_spec("faster_whisper") is not None
    except ValueError:  # a module entry without a spec: as good as absent
        found = False
    if not found:
        raise missing_extra("faster-whisper")


def missing_extra(module: str) -> VoiceUnavailableError:
    return VoiceUnavailableError(
        f"spoken answers need the Python package {module!r}, which is not installed", hint=INSTALL_HINT
    )
