"""Speaking an answer in the TUI, driven by a microphone that plays a test recording: the
transcript lands in the answer box to be corrected, Escape cancels, typed text is kept, and
without a microphone or the extra the candidate is told why and types as before."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from practice.app import PracticeApp, build_app
from practice.bank.loader import load_bank
from practice.config import Settings
from practice.interview.models import Answer, SessionStatus
from practice.locations import store_path
from practice.screens.confirm import ConfirmScreen
from practice.screens.interview import InterviewScreen
from practice.store.sqlite import SessionStore
from practice.voice.microphone import Microphone
from practice.voice.voice_input import VoiceInput
from practice.widgets.voice_panel import VoicePanel
from tests.drills.tui_helpers import settle, start_interview
from tests.tui.conftest import FIXTURE_BANK, SEED, ManualClock
from tests.voice.conftest import heard as heard_in
from tests.voice.conftest import recording, shared_transcriber
from tests.voice.fake_microphone import BrokenMicrophone, FileMicrophone, GatedTranscriber


def app_with(microphone: Callable[[], Microphone], *, transcriber: Any = None, kept: Path | None = None) -> PracticeApp:
    voice = VoiceInput(microphone, lambda: transcriber or shared_transcriber(), kept)
    return build_app(
        Settings(),
        load_bank(FIXTURE_BANK),
        SessionStore(store_path()),
        clock=ManualClock(),
        seed=SEED,
        voice_input=voice,
    )


def speaking(name: str) -> Callable[[], Microphone]:
    return lambda: FileMicrophone(recording(name))


def panel_text(screen: InterviewScreen) -> str:
    return str(screen.query_one(VoicePanel).render())


async def speak(pilot: Pilot[Any]) -> InterviewScreen:
    screen = await start_interview(pilot)
    await pilot.press("ctrl+r")
    assert "Recording" in panel_text(screen)
    await pilot.press("ctrl+r")
    await settle(pilot)
    return screen


async def submitted(pilot: Pilot[Any], screen: InterviewScreen) -> Answer:
    """ctrl+s, and the one answer that went in."""
    await pilot.press("ctrl+s")
    await settle(pilot)
    (answer,) = screen.engine.attempt.answers
    return answer


async def test_the_transcript_lands_in_the_box_and_delivery_goes_with_the_answer() -> None:
    app = app_with(speaking("fillers_and_pauses"))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await speak(pilot)

        heard = screen.answer_box.text
        # What the recogniser hears in the recording (its accuracy is measured in test_recordings).
        assert heard == heard_in("fillers_and_pauses").text.strip()
        assert "Heard" in panel_text(screen) and "ctrl+s to submit" in panel_text(screen)
        answer = await submitted(pilot, screen)
        assert answer.text == heard
        assert answer.delivery is not None and len(answer.delivery.pauses) == 2


async def test_the_candidate_corrects_the_transcript_before_submitting() -> None:
    app = app_with(speaking("trail_off"))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await speak(pilot)
        heard = screen.answer_box.text

        await pilot.press(*["backspace"] * len("yeah."), *"that is my plan.")
        answer = await submitted(pilot, screen)
        assert heard.endswith("yeah.")
        assert answer.text == heard.removesuffix("yeah.") + "that is my plan."
        assert answer.delivery is not None  # measured on what was said, kept through the correction


async def test_finish_and_grade_keeps_the_spoken_answers_delivery() -> None:
    app = app_with(speaking("fillers_and_pauses"))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await speak(pilot)
        await pilot.press("ctrl+f")
        await settle(pilot)
        await pilot.press("g")
        await settle(pilot)

    stored = SessionStore(store_path()).load(screen.engine.session.id)
    (answer,) = stored.records[0].attempts[0].answers
    assert stored.status == SessionStatus.finished and stored.records[0].attempts[0].feedback is not None
    assert answer.delivery is not None and len(answer.delivery.pauses) == 2


async def test_a_spoken_draft_resumed_after_a_kill_keeps_its_delivery() -> None:
    first = app_with(speaking("fillers_and_pauses"))
    async with first.run_test(size=(100, 32)) as pilot:
        screen = await speak(pilot)
        await pilot.press(*" One more typed sentence.")
        heard = screen.answer_box.text
        screen.save_draft()  # what the periodic draft timer does
        await settle(pilot)
        # The app ends without its quit path, as when killed: only the draft on disk is left.

    second = app_with(speaking("fillers_and_pauses"))
    async with second.run_test(size=(100, 32)) as pilot:
        await settle(pilot)
        assert isinstance(second.screen, ConfirmScreen)
        await pilot.press("y")
        await settle(pilot)
        resumed = second.screen
        assert isinstance(resumed, InterviewScreen) and resumed.answer_box.text == heard
        answer = await submitted(pilot, resumed)
        assert answer.text == heard
        assert answer.delivery is not None and len(answer.delivery.pauses) == 2


async def test_replacing_the_spoken_words_drops_their_delivery_and_says_so() -> None:
    app = app_with(speaking("trail_off"))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await speak(pilot)
        heard = screen.answer_box.text
        screen.answer_box.select_all()
        await pilot.press(*"A typed answer that says something else entirely.")
        screen.update_live()  # what the typing's debounce timer does
        assert "You replaced the words you spoke" in panel_text(screen)

        screen.answer_box.load_text(heard)  # put back (pasted, or undone)
        screen.update_live()
        assert "Your spoken words are back" in panel_text(screen)

        screen.answer_box.load_text("Retyped, all of it, by hand.")
        answer = await submitted(pilot, screen)
        assert answer.text == "Retyped, all of it, by hand." and answer.delivery is None


async def test_typed_text_stays_and_the_transcript_follows_it() -> None:
    app = app_with(speaking("trail_off"))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_interview(pilot)
        await pilot.press(*"First, typed.")
        await pilot.press("ctrl+r", "ctrl+r")
        await settle(pilot)

        assert screen.answer_box.text.startswith("First, typed. ")
        assert "listening to the customer" in screen.answer_box.text


async def test_escape_while_recording_drops_it_and_keeps_the_box() -> None:
    microphones: list[FileMicrophone] = []

    def microphone() -> FileMicrophone:
        microphones.append(FileMicrophone(recording("trail_off")))
        return microphones[-1]

    app = app_with(microphone)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_interview(pilot)
        await pilot.press(*"Typed words.", "ctrl+r")
        assert microphones[0].running
        await pilot.press("escape")
        await settle(pilot)

        assert not microphones[0].running
        assert screen.answer_box.text == "Typed words."
        assert "Recording cancelled" in panel_text(screen)
        assert not screen.voice_active


async def test_escape_while_transcribing_drops_the_transcript() -> None:
    gated = GatedTranscriber(shared_transcriber())
    app = app_with(speaking("trail_off"), transcriber=gated)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_interview(pilot)
        await pilot.press(*"Typed words.", "ctrl+r", "ctrl+r")
        assert "Transcribing" in panel_text(screen)
        assert gated.started.wait(timeout=30)
        await pilot.press("escape")
        gated.gate.set()
        await settle(pilot)

        assert screen.answer_box.text == "Typed words."
        assert screen.takes == []
        await pilot.press("ctrl+s")  # submitting works again once the transcription is dropped
        await settle(pilot)
        assert screen.engine.attempt.answers[0].text == "Typed words."


async def test_a_broken_microphone_is_explained_and_typing_goes_on() -> None:
    app = app_with(BrokenMicrophone)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_interview(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()
        await pilot.press(*"Still typing.")

        (note,) = [n.message for n in app._notifications]
        assert note.startswith("Cannot record: the microphone cannot be opened: Error querying device -1")
        assert "typing works meanwhile" in note
        assert screen.answer_box.text == "Still typing."
        assert not screen.voice_active


async def test_without_the_extra_the_key_says_how_to_get_it(monkeypatch: Any) -> None:
    monkeypatch.setitem(sys.modules, "faster_whisper", None)
    app = app_with(speaking("steady"))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_interview(pilot)
        await pilot.press("ctrl+r")
        await pilot.pause()

        (note,) = [n.message for n in app._notifications]
        assert "Install the voice extra: .venv/bin/pip install -e '.[voice]'" in note
        assert not screen.voice_active


async def test_the_key_is_in_the_footer_and_the_palette() -> None:
    app = app_with(speaking("steady"))
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_interview(pilot)

        assert screen.active_bindings["ctrl+r"].binding.description == "Speak"
        commands = [command.title for command in app.get_system_commands(screen)]
        assert "Speak" in commands


async def test_recordings_are_kept_only_when_asked(tmp_path: Path, monkeypatch: Any) -> None:
    kept = tmp_path / "recordings"
    for number, keep in enumerate((None, kept)):
        monkeypatch.setenv("PRACTICE_DATA_DIR", str(tmp_path / f"data-{number}"))  # a new candidate each time
        app = app_with(speaking("trail_off"), kept=keep)
        async with app.run_test(size=(100, 32)) as pilot:
            await speak(pilot)
            assert list(tmp_path.glob("**/*.wav")) == ([] if keep is None else list(kept.iterdir()))
    (saved,) = kept.iterdir()

    assert saved.suffix == ".wav" and os.stat(saved).st_mode & 0o777 == 0o600
    assert saved.stat().st_size > 100_000


class FailingTranscriber:
    def transcribe(self, audio: Any, **options: Any) -> Any:
        raise RuntimeError("the recogniser ran out of memory")


async def test_a_recording_that_cannot_be_transcribed_is_kept_and_said_where() -> None:
    app = app_with(speaking("trail_off"), transcriber=FailingTranscriber())
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await start_interview(pilot)
        await pilot.press(*"Typed.", "ctrl+r", "ctrl+r")
        await settle(pilot)

        (saved,) = (store_path().parent / "recordings").iterdir()
        message = panel_text(screen)
        assert "Could not transcribe: unexpected error (RuntimeError: the recogniser ran out of memory)" in message
        assert f"The recording is saved at {saved}" in message.replace("\n", "")
        assert screen.answer_box.text == "Typed."
        assert not screen.voice_active


def test_without_sounddevice_the_microphone_says_how_to_get_it(monkeypatch: Any) -> None:
    from practice.voice.errors import VoiceUnavailableError
    from practice.voice.microphone import SoundDeviceMicrophone

    monkeypatch.setitem(sys.modules, "sounddevice", None)

    with pytest.raises(VoiceUnavailableError, match="'sounddevice', which is not installed"):
        SoundDeviceMicrophone()
