"""Why speaking is not available, said so the candidate can fix it; the TUI shows the same
text and lets them type instead."""

from __future__ import annotations

from practice.errors import PracticeError

INSTALL_HINT = "Install the voice extra: .venv/bin/pip install -e '.[voice]' (typing works without it)."


class VoiceUnavailableError(PracticeError):
    """The extra, the speech model or the microphone is missing or failed."""

    exit_code = 1


def missing_extra(module: str) -> VoiceUnavailableError:
    return VoiceUnavailableError(f"spoken answers need the Python package {module!r}, which is not installed", hint=INSTALL_HINT)
