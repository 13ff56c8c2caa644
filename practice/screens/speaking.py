"""Speaking an answer on the interview screen: ctrl+r starts and stops the microphone, the
recording is transcribed in a worker, and the transcript lands at the end of the answer box for
the candidate to correct before submitting. Escape cancels. What was typed is never touched but
added to, and typing works as ever without the voice extra or a microphone.

The first ctrl+r of a run makes sure the configured model is here (a worker looks): where it is
not and the hub can be reached, the candidate is asked first, told its size, and the download
runs in a worker with a progress bar on the panel while typing goes on; Escape stops it. When it
cannot be had (no network, a failure, or "not now"), the packaged tiny.en stands in, saying so,
or the candidate types.

Each recording that landed is a take (the words heard and their delivery), kept with the draft
and submitted with the answer; the engine stores the delivery of the takes the answer still
holds. When the candidate replaces a take's words, the panel says its delivery no longer goes
with the answer (and if they undo, that it does again).

A screen mixin, so the interview screen keeps its own job; it asks that screen only whether an
answer is open (`answer_open`) and which box and session the answer goes to.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.binding import Binding
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import TextArea
from textual.worker import get_current_worker

from practice.screens.background import describe_failure
from practice.screens.model_download import ModelChoice, ModelDownloadScreen
from practice.voice.download import BackgroundDownload, DownloadCancelled, DownloadOffer
from practice.voice.errors import TranscriptionCancelled, VoiceUnavailableError, require_recogniser
from practice.voice.microphone import Microphone, Recording
from practice.voice.models import SpokenAnswer, SpokenTake
from practice.voice.takes import kept_takes
from practice.widgets.voice_panel import VoicePanel

if TYPE_CHECKING:
    import numpy as np

    from practice.voice.voice_input import VoiceInput

METER_SECONDS = 0.1
NOT_AVAILABLE = "Spoken answers are not available here; type your answer as usual."


RECORD_BINDING = Binding("ctrl+r", "record", "Speak", id="interview.record")
"""Listed by the host screen after its own keys, so the footer keeps those first."""
CANCEL_BINDING = Binding(
    "escape", "cancel_speaking", "Cancel", tooltip="Cancel recording", id="interview.cancel_recording"
)
"""Listed before the host's own Escape: while nothing is recorded or transcribed it is hidden
and Escape does what it did."""


class SpeakingScreen(Screen[None]):
    def init_speaking(self, voice: VoiceInput | None) -> None:
        self.voice = voice
        self._microphone: Microphone | None = None
        self._recording: Recording | None = None
        self._meter: Timer | None = None
        self._transcribing = False
        self._generation = 0
        self._finding_model = False
        self.downloading: DownloadOffer | None = None
        self._download: BackgroundDownload | None = None
        self.takes: list[SpokenTake] = []
        """The recordings in the answer box, oldest first."""
        self._takes_kept = 0

    # -- what the host screen provides -----------------------------------------------------
    def answer_open(self) -> bool:
        raise NotImplementedError

    @property
    def answer_box(self) -> TextArea:
        raise NotImplementedError

    def session_id(self) -> str:
        raise NotImplementedError

    # -- state -------------------------------------------------------------------------------
    @property
    def voice_panel(self) -> VoicePanel:
        return self.query_one(VoicePanel)

    @property
    def voice_active(self) -> bool:
        """Recording or transcribing: the answer is being spoken, so it cannot be sent yet."""
        return self._recording is not None or self._transcribing

    @property
    def fetching_model(self) -> bool:
        """Looking for the model or downloading it: typing and sending go on meanwhile."""
        return self._finding_model or self.downloading is not None

    def check_speaking(self, action: str) -> bool | None:
        """For the host's check_action: whether the speaking keys can be used now."""
        if action == "cancel_speaking":
            return self.voice_active or self.fetching_model
        if self._recording is not None:
            return True
        return None if self._transcribing or self._finding_model or not self.answer_open() else True

    # -- intents -----------------------------------------------------------------------------
    def action_record(self) -> None:
        if self._recording is not None:
            self.stop_recording()
        elif self.downloading is not None:
            self.notify(
                f"The {self.downloading.name} speech model is still downloading; type meanwhile, or Escape stops it."
            )
        elif not self._transcribing and not self._finding_model and self.answer_open():
            self.start_recording()

    def start_recording(self) -> None:
        """Once the model is settled for this run, straight to the microphone; before, a worker
        looks for the model first (see the module's docstring)."""
        try:
            if self.voice is None:
                raise VoiceUnavailableError(NOT_AVAILABLE)
            require_recogniser()
        except VoiceUnavailableError as error:
            self.notify(describe_failure("Cannot record", error), severity="warning", timeout=12)
            return
        if not self.voice.model_settled:
            self._finding_model = True
            self._generation += 1
            self.voice_panel.message("Looking for the speech model…   esc cancels")
            self._find_model_worker(self._generation)
            self.refresh_bindings()
            return
        self.open_microphone()

    def open_microphone(self) -> None:
        assert self.voice is not None
        try:
            microphone = self.voice.open_microphone()
            recording = Recording()
            microphone.start(recording.add)
        except VoiceUnavailableError as error:
            self.notify(describe_failure("Cannot record", error), severity="warning", timeout=12)
            return
        self._microphone, self._recording = microphone, recording
        self._generation += 1
        self._meter = self.set_interval(METER_SECONDS, self.show_level)
        self.show_level()
        self._preload_worker(self._generation)
        self.refresh_bindings()

    def stop_recording(self) -> None:
        recording = self._end_capture()
        if recording is None:
            return
        self._transcribing = True
        self.voice_panel.transcribing(recording.seconds)
        self._hear_worker(recording.samples(), self._generation, self.session_id())
        self.refresh_bindings()

    def action_cancel_speaking(self) -> None:
        self.cancel_speaking()

    def cancel_speaking(self) -> bool:
        """Escape: drop the recording or its transcription, or stop looking for (or downloading)
        the model; True when there was one to drop."""
        if not self.voice_active:
            return self.stop_fetching_model()
        self._end_capture()
        self._generation += 1
        self._transcribing = False
        for worker in self.workers:
            if worker.group == "voice":
                worker.cancel()
        self.voice_panel.message("Recording cancelled; your answer box is as it was.")
        self.refresh_bindings()
        return True

    def end_speaking(self) -> None:
        """The turn is over (submitted, skipped, finished): nothing spoken carries over. A model
        download goes on into the next turn, its bar still showing."""
        if self.voice_active:
            self.cancel_speaking()
        self.take_back([])
        if not self.fetching_model:
            self.voice_panel.hide()

    def stop_fetching_model(self) -> bool:
        if self._finding_model:
            self._finding_model = False
            self._generation += 1
            self.voice_panel.message("Stopped looking for the speech model; ctrl+r tries again.")
        elif self.downloading is not None:
            self._stop_download()
            self.voice_panel.message(
                f"Download of {self.downloading.name} stopped: nothing half-downloaded is kept, and ctrl+r asks again."
            )
            self.downloading = None
        else:
            return False
        self.refresh_bindings()
        return True

    def take_back(self, takes: list[SpokenTake]) -> None:
        """The takes of a draft put back in the box (resume), or none for a new turn."""
        self.takes = takes
        self._takes_kept = len(kept_takes(takes, self.answer_box.text)) if takes else 0

    def follow_takes(self) -> None:
        """After an edit: say so when a take's words were replaced (its delivery then no longer
        goes with the answer), or came back."""
        if not self.takes or self.voice_active:
            return
        kept = len(kept_takes(self.takes, self.answer_box.text))
        if kept < self._takes_kept:
            self.voice_panel.message(
                "You replaced the words you spoke, so how you spoke them (pace, fillers, pauses) will not be "
                "stored with this answer; ctrl+r to speak it again."
                if not kept
                else "You replaced the words of one recording: only the delivery of the spoken words still in "
                "the answer is stored with it."
            )
        elif kept > self._takes_kept:
            self.voice_panel.message("Your spoken words are back: their delivery goes with the answer again.")
        self._takes_kept = kept

    def show_level(self) -> None:
        if self._recording is not None:
            self.voice_panel.recording(self._recording.seconds, self._recording.level)

    def _end_capture(self) -> Recording | None:
        recording, microphone = self._recording, self._microphone
        self._recording = self._microphone = None
        if self._meter is not None:
            self._meter.stop()
            self._meter = None
        if microphone is not None:
            microphone.stop()
        return recording

    # -- the model, before the first answer ---------------------------------------------------
    @work(thread=True, exclusive=True, group="voice-model", exit_on_error=False)
    def _find_model_worker(self, generation: int) -> None:
        assert self.voice is not None and self.voice.model is not None
        try:
            offered = self.voice.model.to_fetch()
        except Exception as error:
            self.app.call_from_thread(self._no_download, generation, error)
            return
        stand_in = self.voice.model.stand_in() is not None
        self.app.call_from_thread(self._model_found, generation, offered, stand_in)

    def _model_found(self, generation: int, offered: DownloadOffer | None, stand_in: bool) -> None:
        if generation != self._generation or not self._finding_model:
            return
        self._finding_model = False
        self.refresh_bindings()
        if offered is None:
            assert self.voice is not None
            self.voice.model_settled = True
            self.voice_panel.hide()
            if self.answer_open():
                self.open_microphone()
            return
        self.voice_panel.hide()
        self.app.push_screen(
            ModelDownloadScreen(offered, stand_in=stand_in), callback=lambda choice: self._model_chosen(offered, choice)
        )

    def _model_chosen(self, offered: DownloadOffer, choice: ModelChoice | None) -> None:
        assert self.voice is not None
        if choice == ModelChoice.download:
            self.downloading = offered
            self.voice_panel.downloading(offered.name, 0, offered.total_bytes)
            self._download_worker(offered)
        elif choice == ModelChoice.stand_in:
            self.voice.model_settled = True
            if self.answer_open():
                self.open_microphone()
        else:
            self.voice_panel.message(f"Type your answer; ctrl+r asks about the {offered.name} model again.")
        self.refresh_bindings()

    def _no_download(self, generation: int, error: BaseException) -> None:
        """The hub could not be asked (no network, say): the packaged model hears this answer."""
        if generation != self._generation or not self._finding_model:
            return
        self._finding_model = False
        if self._stand_in_after(describe_failure("No download", error)) and self.answer_open():
            self.open_microphone()
        self.refresh_bindings()

    def _stand_in_after(self, failure: str) -> bool:
        """After the model could not be had: True when the packaged tiny.en stands in (and
        said so), False when the candidate can only type."""
        assert self.voice is not None and self.voice.model is not None
        if self.voice.model.stand_in() is None:
            self.voice_panel.message(failure + " Type your answer; ctrl+r tries again.")
            self.notify(failure, severity="warning", timeout=12)
            return False
        self.voice.model_settled = True
        self.notify(failure + " The packaged tiny.en hears your answers instead.", severity="warning", timeout=12)
        return True

    @work(thread=True, exclusive=True, group="voice-download", exit_on_error=False)
    def _download_worker(self, offered: DownloadOffer) -> None:
        """Waits on the download's own thread (see BackgroundDownload), so Escape or leaving
        the screen ends this worker at once, however stalled the network."""
        supply = self.voice.model if self.voice is not None else None
        assert supply is not None

        def arrived(count: int) -> None:
            if download is not None and not download.cancelled:
                self.app.call_from_thread(self._download_progress, offered, count)

        download: BackgroundDownload | None = None
        download = BackgroundDownload(lambda cancelled: supply.fetch(offered, progress=arrived, cancelled=cancelled))
        self.app.call_from_thread(self._download_started, offered, download)
        try:
            download.wait()
        except DownloadCancelled:
            return
        except Exception as error:
            self.app.call_from_thread(self._download_failed, offered, error)
            return
        self.app.call_from_thread(self._downloaded, offered)

    def _download_started(self, offered: DownloadOffer, download: BackgroundDownload) -> None:
        if self.downloading is offered:
            self._download = download
        else:  # stopped before it got going
            download.cancel()

    def _stop_download(self) -> None:
        if self._download is not None:
            self._download.cancel()
            self._download = None

    def _download_progress(self, offered: DownloadOffer, count: int) -> None:
        if self.downloading is offered:
            self.voice_panel.downloading(offered.name, count, offered.total_bytes)

    def _downloaded(self, offered: DownloadOffer) -> None:
        if self.downloading is not offered:
            return
        assert self.voice is not None
        self.downloading = self._download = None
        self.voice.model_arrived()
        self.voice_panel.message(f"The {offered.name} speech model is ready: ctrl+r to speak your answer.")
        self.refresh_bindings()

    def _download_failed(self, offered: DownloadOffer, error: BaseException) -> None:
        if self.downloading is not offered:
            return
        self.downloading = self._download = None
        if self._stand_in_after(describe_failure("Download failed", error)):
            self.voice_panel.message(f"The {offered.name} model could not be downloaded; ctrl+r speaks with tiny.en.")
        self.refresh_bindings()

    # -- off the event loop ------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="voice-load", exit_on_error=False)
    def _preload_worker(self, generation: int) -> None:
        """The recogniser loads while the candidate speaks; if it cannot, they hear so at once."""
        assert self.voice is not None
        try:
            self.voice.transcriber()
        except Exception as error:
            self.app.call_from_thread(self._cannot_hear, generation, error)

    @work(thread=True, exclusive=True, group="voice", exit_on_error=False)
    def _hear_worker(self, samples: np.ndarray, generation: int, session_id: str) -> None:
        from practice.voice.delivery import measure

        assert self.voice is not None
        worker = get_current_worker()
        kept = None
        try:
            kept = self.voice.keep(samples, session_id)
        except OSError as error:
            self.app.call_from_thread(self.notify, f"Could not keep the recording: {error}", severity="warning")
        try:
            transcript = self.voice.transcriber().transcribe(samples, cancelled=lambda: worker.is_cancelled)
            spoken = SpokenAnswer(transcript=transcript, delivery=measure(transcript))
        except TranscriptionCancelled:
            return
        except Exception as error:
            if kept is None and not worker.is_cancelled and self.voice.recordings_dir is None:
                kept = self._keep_after_failure(samples, session_id)
            self.app.call_from_thread(self._cannot_hear, generation, error, kept)
            return
        if not worker.is_cancelled:
            self.app.call_from_thread(self._heard, generation, spoken)

    def _keep_after_failure(self, samples: np.ndarray, session_id: str) -> Path | None:
        """A spoken answer is not lost because it could not be transcribed: it is saved where
        kept recordings go, for `practice grade --audio` or another try."""
        from practice import locations
        from practice.voice.microphone import write_wav

        path = locations.data_dir() / "recordings" / f"{session_id[:8]}-unheard-{self._generation}.wav"
        try:
            write_wav(samples, path)
        except OSError:
            return None
        return path

    # -- results, on the event loop ----------------------------------------------------------
    def _heard(self, generation: int, spoken: SpokenAnswer) -> None:
        if generation != self._generation:
            return
        self._transcribing = False
        text = spoken.transcript.text.strip()
        box = self.answer_box
        if text:
            before = box.text
            separator = "" if not before or before.endswith((" ", "\n")) else " "
            box.insert(separator + text, box.document.end)
            box.move_cursor(box.document.end)
            self.takes = [*self.takes, SpokenTake(heard=text, delivery=spoken.delivery)]
            self._takes_kept += 1
            self.voice_panel.message(
                f"Heard {spoken.delivery.word_count} words at {spoken.delivery.words_per_minute:.0f} a minute; "
                "correct the words if need be, then ctrl+s to submit."
            )
        else:
            self.voice_panel.message("Nothing was heard in that recording; try again closer to the microphone.")
        box.focus()
        self.refresh_bindings()

    def _cannot_hear(self, generation: int, error: BaseException, kept: Path | None = None) -> None:
        if generation != self._generation:
            return
        self._end_capture()
        self._transcribing = False
        saved = f" The recording is saved at {kept}." if kept else ""
        self.voice_panel.message(describe_failure("Could not transcribe", error) + saved)
        self.notify(describe_failure("Could not transcribe", error) + saved, severity="error", timeout=12)
        self.refresh_bindings()

    def on_unmount(self) -> None:
        self._end_capture()
        self.downloading = None  # a download not yet handed over is cancelled on arrival
        self._stop_download()
