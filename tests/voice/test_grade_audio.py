"""`practice grade QUESTION_ID --audio F`: the transcript is graded exactly as typed text would
be, delivery is shown beside it, and each way it cannot work says why."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from practice.cli import main
from practice.voice import hearing
from tests.voice.conftest import recording, shared_transcriber


@pytest.fixture
def loaded_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The real model, loaded once for the session rather than by every command."""
    monkeypatch.setattr(hearing, "load_transcriber", lambda settings: shared_transcriber())


def test_the_transcript_is_graded_as_typed_text(
    loaded_once: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["grade", "ccl-01", "--audio", str(recording("fillers_and_pauses")), "--json"]) == 0
    spoken = json.loads(capsys.readouterr().out)
    typed = tmp_path / "typed.txt"
    typed.write_text(spoken["spoken"]["transcript"]["text"], encoding="utf-8")

    assert main(["grade", "ccl-01", "--answer-file", str(typed), "--json"]) == 0
    assert spoken["feedback"] == json.loads(capsys.readouterr().out)
    assert spoken["spoken"]["delivery"]["word_count"] > 40
    assert len(spoken["spoken"]["delivery"]["pauses"]) == 2


def test_delivery_is_shown_after_the_content_grade(loaded_once: None, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["grade", "ccl-01", "--audio", str(recording("trail_off"))]) == 0
    printed = capsys.readouterr()
    text = printed.out

    assert (
        text.index("Score:")
        < text.index("Delivery (heard by tiny.en, offline)")
        < text.index("Transcript (what was graded)")
    )
    assert "Pauses over 2 s: 1" in text
    assert "Trailed off at 0:06" in text
    assert "Transcribing" in printed.err


def test_a_missing_audio_file_is_named(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["grade", "ccl-01", "--audio", str(tmp_path / "gone.wav")]) == 2
    assert f"{tmp_path / 'gone.wav'}: no such audio file" in capsys.readouterr().err


def test_a_file_that_is_not_audio_is_named(
    loaded_once: None, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    notes = tmp_path / "notes.wav"
    notes.write_text("not a recording", encoding="utf-8")

    assert main(["grade", "ccl-01", "--audio", str(notes)]) == 2
    assert f"{notes}: cannot be read as audio" in capsys.readouterr().err


def test_without_the_extra_it_says_how_to_install_it(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    for module in ("faster_whisper", "faster_whisper.utils"):
        monkeypatch.setitem(sys.modules, module, None)  # None in sys.modules makes the import fail.

    assert main(["grade", "ccl-01", "--audio", str(recording("steady"))]) == 1
    assert "Install the voice extra: .venv/bin/pip install -e '.[voice]'" in capsys.readouterr().err


def test_answer_file_and_audio_are_one_or_the_other(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["grade", "ccl-01", "--audio", "a.wav", "--answer-file", "a.txt"])
    assert "not allowed with argument" in capsys.readouterr().err


def test_a_model_not_here_is_stood_in_for_and_said(
    hf_cache: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """No download from a command (a script may run it): the packaged tiny.en hears, saying so."""
    monkeypatch.setenv("PRACTICE_VOICE_MODEL", "small.en")

    assert main(["grade", "ccl-01", "--audio", str(recording("steady")), "--json"]) == 0
    printed = capsys.readouterr()
    assert "The small.en speech model is not on this machine, so the packaged tiny.en hears you" in printed.err
    assert json.loads(printed.out)["spoken"]["delivery"]["model"] == "tiny.en"
