"""The interview: the transcript of the current question, the answer box, the live panel and
timer. It renders the engine's state and sends it intents; every rule (which follow-up, when to
grade, what comes next) is the engine's.

The event loop owns the session (`engine.own()`): every intent is planned and applied here, and
only its slow, pure part (grading or probing, which may wait on a model) runs in a thread, its
result coming back to the loop to be applied. Store writes take a snapshot made on the loop and
write it in a thread; interviewer turns stream in a thread from inputs captured on the loop,
chunk by chunk, and Escape stops one.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Generator, Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Header, Static, TextArea
from textual.worker import get_current_worker

from practice.bank.models import QuestionType
from practice.feedback_view import flag_view
from practice.grading.feedback import FlagKind, GraderInfo
from practice.grading.live import measure
from practice.interview.engine import InterviewEngine, Phase, Step
from practice.interview.interviewer import Interviewer
from practice.interview.models import STAR_PARTS, Attempt, Draft, SelfAssessment, Session
from practice.interview.turn_guard import TurnReplaced
from practice.screens.background import SessionWriter, notify_failure
from practice.screens.feedback import ExampleWriter, FeedbackChoice, open_feedback
from practice.screens.finish_choice import FinishChoice, FinishChoiceScreen
from practice.screens.self_assessment import SelfAssessmentScreen
from practice.screens.speaking import CANCEL_BINDING, RECORD_BINDING, SpeakingScreen
from practice.screens.summary import SummaryChoice, SummaryScreen
from practice.widgets.answer_timer import Clock
from practice.widgets.footer import SteadyFooter
from practice.widgets.grader_status import grader_status
from practice.widgets.live_panel import LivePanel
from practice.widgets.safe_editors import SafeTextArea
from practice.widgets.transcript import Transcript
from practice.widgets.voice_panel import VoicePanel

if TYPE_CHECKING:  # the SDK loads only when a model is configured
    from practice.llm.client import LlmClient
    from practice.store.sqlite import SessionStore
    from practice.voice.models import SpokenTake
    from practice.voice.voice_input import VoiceInput


@contextmanager
def closing_iterator(chunks: Iterator[str]) -> Generator[Iterator[str]]:
    """A streaming interviewer's generator holds an HTTP stream: close it when the turn stops."""
    try:
        yield chunks
    finally:
        close = getattr(chunks, "close", None)
        if close is not None:
            close()


DRAFT_SAVE_SECONDS = 3.0
LIVE_DEBOUNCE_SECONDS = 0.25
MODEL_PROGRESS_SECONDS = 0.5
ASKING_PHASES = (Phase.answering, Phase.follow_up)


class InterviewScreen(SpeakingScreen):
    CSS_PATH = "interview.tcss"
    BINDINGS = [
        # Short labels so every key, Quit and the palette fit in 80 columns; the tooltip is the
        # full name, and the palette's title (see PracticeApp.get_system_commands).
        Binding("ctrl+s", "submit", "Submit", tooltip="Submit answer", id="interview.submit"),
        Binding("ctrl+n", "skip", "Skip", tooltip="Skip follow-up", id="interview.skip"),
        CANCEL_BINDING,
        Binding("escape", "stop_turn", "Stop model", tooltip="Stop the model", id="interview.stop"),
        Binding("ctrl+f", "finish", "Finish", tooltip="Finish now", id="interview.finish"),
        RECORD_BINDING,
    ]

    busy: reactive[bool] = reactive(False, bindings=True)
    streaming: reactive[bool] = reactive(False, bindings=True)

    def __init__(
        self,
        engine: InterviewEngine,
        store: SessionStore,
        interviewer: Interviewer,
        clock: Clock,
        *,
        resumed: bool = False,
        grader: GraderInfo | None = None,
        client: LlmClient | None = None,
        write_example: ExampleWriter | None = None,
        voice: VoiceInput | None = None,
    ) -> None:
        """`grader`: who grades (shown on the status line; the session's own by default).
        `client`: the model client whose token counts are this session's from now on.
        `write_example`: offered on the feedback screen where the bank has no example answer.
        `voice`: microphone and recogniser for spoken answers (see screens/speaking.py)."""
        super().__init__()
        self.init_speaking(voice)
        self.engine = engine
        self.grader = grader or engine.session.grader
        self.client = client
        self.write_example = write_example
        if client is not None:
            client.count_from(engine.session.tokens)
        self.store = store
        self.writer = SessionWriter(store)
        self.interviewer = interviewer
        self.clock = clock
        self.resumed = resumed
        self._turn_started = clock()
        self._saved_draft: tuple[str, list[SpokenTake]] | None = None
        """What the store holds as the draft, so it is written again only when it changed."""
        self._live_timer: Timer | None = None

    # -- layout ---------------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="progress")
        yield Transcript(id="transcript")
        yield Static(id="model-progress", markup=False)
        yield SafeTextArea(id="answer", soft_wrap=True, show_line_numbers=False, tab_behavior="focus")
        yield VoicePanel(id="voice")
        yield LivePanel(self.engine.session.settings.timer_seconds, self.clock, id="live")
        yield SteadyFooter()

    def on_mount(self) -> None:
        self.engine.own()
        self.answer_box.border_title = "Your answer"
        self.set_interval(DRAFT_SAVE_SECONDS, self.save_draft)
        if self.client is not None:
            self.set_interval(MODEL_PROGRESS_SECONDS, self.show_model_progress)
        if not self.resumed:
            self._save_worker(self.engine.snapshot())
        self.show_phase(stream=not self.resumed)

    @property
    def transcript(self) -> Transcript:
        return self.query_one(Transcript)

    @property
    def answer_box(self) -> TextArea:
        return self.query_one("#answer", TextArea)

    @property
    def in_progress(self) -> bool:
        return self.engine.phase != Phase.finished

    def answer_open(self) -> bool:
        return self.engine.phase in ASKING_PHASES and not self.busy

    def session_id(self) -> str:
        return self.engine.session.id

    # -- rendering engine state -----------------------------------------------------------
    def show_phase(self, *, stream: bool) -> None:
        """Bring the screen in line with the engine's phase after an intent."""
        engine = self.engine
        self.show_progress()
        if engine.phase not in ASKING_PHASES:
            self.query_one(LivePanel).timer.stop()
        if engine.phase in ASKING_PHASES:
            self.show_question(stream=stream)
        elif engine.phase == Phase.self_assessment:
            self.ask_self_assessment()
        elif engine.phase == Phase.feedback:
            self.show_feedback()
        else:
            self.show_summary()

    def show_progress(self) -> None:
        engine = self.engine
        self.query_one("#progress", Static).update(
            Content.from_markup(
                "[b]Question $n of $count[/b]  ·  $mode mode  ·  $grader",
                n=str(min(engine.question_index + 1, engine.question_count)),
                count=str(engine.question_count),
                mode=engine.session.settings.mode.value,
                grader=grader_status(self.grader, engine.session.tokens),
            )
        )

    def record_usage(self) -> bool:
        """The session's tokens, brought up to the client's count after a model call; True when
        they changed (so the session is worth saving and the status line redrawing)."""
        return self.client is not None and self.engine.record_tokens(self.client.usage)

    def show_model_progress(self) -> None:
        """While the model grades, say so and how far it got, and that Escape takes the offline
        grade now: a CPU model takes minutes, and dots alone say nothing."""
        activity = self.client.activity() if self.client is not None and self.busy else None
        line = self.query_one("#model-progress", Static)
        grading = activity is not None and activity.purpose == "grading"
        if grading and activity is not None:
            line.update(
                f"The model is grading — {activity.tokens:,} tokens, {activity.seconds:.0f} s; "
                "Escape: use the offline grade now"
            )
        if line.has_class("shown") != grading:
            line.set_class(grading, "shown")
            self.refresh_bindings()

    def resume_model(self) -> None:
        """Escape stopped the model for the rest of one intent (every answer "Finish now"
        grades); the next intent may use it again."""
        if self.client is not None:
            self.client.resume()
        self.show_model_progress()

    def model_is_grading(self) -> bool:
        return self.query_one("#model-progress", Static).has_class("shown")

    def model_progress_text(self) -> str:
        line = self.query_one("#model-progress", Static)
        return str(line.content) if line.has_class("shown") else ""

    def show_question(self, *, stream: bool) -> None:
        entries = self.engine.transcript()
        streaming = stream and bool(entries) and entries[-1].speaker == "interviewer"
        self.transcript.show(entries[:-1] if streaming else entries)
        self.restore_draft()
        self._turn_started = self.clock()
        self.query_one(LivePanel).timer.restart()
        self.answer_box.focus()
        if streaming:
            self.streaming = True
            self.transcript.open_turn(derived=entries[-1].derived)
            self.stream_turn(self.engine.plan_turn(self.interviewer))

    def restore_draft(self) -> None:
        """A draft saved for exactly this turn goes back into the box (resume, or after finish)."""
        text = self.engine.draft_text
        self.answer_box.load_text(text)
        self.answer_box.move_cursor(self.answer_box.document.end)
        self.take_back(self.engine.draft_takes)
        self._saved_draft = (text, self.takes)
        self.update_live()

    # -- streaming the interviewer's turn ------------------------------------------------
    @work(thread=True, exclusive=True, group="turn", exit_on_error=False)
    def stream_turn(self, speak: Callable[[], Iterator[str]]) -> None:
        """`speak` was planned on the loop: the turn's inputs are its own, not the session's."""
        worker = get_current_worker()
        try:
            with closing_iterator(speak()) as turn:
                for chunk in turn:
                    if worker.is_cancelled:
                        return
                    self.app.call_from_thread(self.transcript.append_chunk, chunk)
        except Exception as error:
            self.app.call_from_thread(self.fall_back_to_bank_wording, error)
            self.app.call_from_thread(self.after_model_call)
            return
        if worker.is_cancelled:
            return
        if self.interviewer.last_error is not None:
            notify_failure(self.app, "The interviewer's words were replaced by the bank's", self.interviewer.last_error)
        self.app.call_from_thread(self.end_turn)
        self.app.call_from_thread(self.after_model_call)

    def after_model_call(self) -> None:
        """A turn's tokens go on the status line and into the store (a turn is no intent, so
        nothing else would save them)."""
        if self.record_usage():
            self.show_progress()
            self._save_worker(self.engine.snapshot())

    def end_turn(self) -> None:
        text = self.transcript.close_turn().strip()
        self.streaming = False
        if not text:
            self.transcript.show(self.engine.transcript())
        elif self.engine.phase == Phase.follow_up and text != self.engine.prompt:
            follow_up = self.engine.follow_up
            self.engine.use_follow_up_text(text, follow_up.id if follow_up else None)

    def fall_back_to_bank_wording(self, error: BaseException | None = None) -> None:
        self.transcript.cancel_turn()
        self.streaming = False
        self.transcript.show(self.engine.transcript())
        if isinstance(error, TurnReplaced):
            notify_failure(self.app, "The interviewer's words were replaced by the bank's", error)
        elif error is not None:
            notify_failure(self.app, "The interviewer could not speak; the bank's wording is shown", error)

    def action_stop_turn(self) -> None:
        if not self.streaming and self.model_is_grading():
            assert self.client is not None
            self.client.cancel()
            self.notify("The model was stopped; the offline grade is used for this answer.")
            return
        for worker in self.workers:
            if worker.group == "turn":
                worker.cancel()
        self.fall_back_to_bank_wording()
        self.notify("Interviewer stopped; the question is shown in the bank's words.")

    # -- intents ---------------------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """While a key cannot be used it is greyed (None), not hidden: the footer's keys then
        stay the same from turn to turn, and it never has to be rebuilt while a turn streams in
        (rebuilding it takes tens of milliseconds, which the turn's first words waited behind)."""
        if action in ("record", "cancel_speaking"):
            return self.check_speaking(action)
        if action == "stop_turn":
            if self.streaming or self.model_is_grading():
                return True
            return None if self.interviewer.name == "llm" or self.client is not None else False
        if action not in ("submit", "skip", "finish"):
            return True
        if self.engine.phase not in ASKING_PHASES:
            return False
        if (
            self.busy
            or self.streaming
            or self.voice_active
            or (action == "skip" and self.engine.phase != Phase.follow_up)
        ):
            return None
        return True

    def action_submit(self) -> None:
        text = self.answer_box.text
        if not text.strip():
            hint = " or ctrl+n to skip this follow-up" if self.engine.phase == Phase.follow_up else ""
            self.notify(f"Type your answer first{hint}.", severity="warning")
            return
        seconds = max(0.0, self.clock() - self._turn_started)
        takes = self.takes
        self.run_intent(
            "Could not submit the answer",
            self.after_turn,
            lambda: self.engine.plan_submit_answer(text, seconds, takes),
        )

    def action_skip(self) -> None:
        """Whatever was typed goes with the skipped turn (the engine keeps the draft's text)."""
        self.engine.save_draft(self.answer_box.text, self.takes)
        self.run_intent("Could not skip", self.after_turn, self.engine.plan_skip_follow_up)

    def action_finish(self) -> None:
        """Ends the interview early. With an answer typed but not sent, the candidate chooses
        first: grade it with the rest, or keep it as a draft and leave the interview resumable."""
        if self.engine.phase in ASKING_PHASES and self.answer_box.text.strip():
            self.app.push_screen(FinishChoiceScreen(), callback=self.finish_chosen)
            return
        self.run_intent("Could not finish the interview", self.show_finished, self.engine.plan_finish)

    def finish_chosen(self, choice: FinishChoice | None) -> None:
        """Either way a spoken answer keeps its takes: graded with their delivery, or kept in
        the draft with them."""
        text, takes = self.answer_box.text, self.takes
        if choice == FinishChoice.grade:
            seconds = max(0.0, self.clock() - self._turn_started)
            self.run_intent(
                "Could not finish the interview",
                self.show_finished,
                lambda: self.engine.plan_submit_answer(text, seconds, takes),
                self.engine.plan_finish,
            )
        elif choice == FinishChoice.keep:
            self.engine.save_draft(text, takes)
            try:
                self.save_before_quit()
            except Exception as error:
                notify_failure(self.app, "Could not keep the draft, so the interview stays open", error)
                return
            self.notify(
                "Your draft is kept and the interview is unfinished: resume it from History (F6) or at the next start.",
                timeout=10,
            )
            self.dismiss()

    def after_turn(self, _: object) -> None:
        self.end_speaking()
        self.answer_box.load_text("")
        self._saved_draft = ("", [])
        self.show_phase(stream=True)

    def show_finished(self, _: object) -> None:
        self.show_phase(stream=False)

    def show_next(self, _: object) -> None:
        self.show_phase(stream=True)

    def ask_self_assessment(self) -> None:
        engine = self.engine
        question = engine.question
        star_applies = question is not None and question.type == QuestionType.behavioral
        screen = SelfAssessmentScreen(
            star_applies=star_applies,
            then=engine.moves_on_after_self_assessment,
            picked=engine.picked_self_assessment,
            on_change=self.keep_self_assessment,
        )
        self.app.push_screen(screen, callback=self.assessed)

    def keep_self_assessment(self, assessment: SelfAssessment) -> None:
        """Each pick is saved as it is made: after a kill, resume shows the picks, not defaults."""
        if self.busy or self.engine.phase != Phase.self_assessment:
            return
        self.engine.keep_self_assessment(assessment)
        self._save_worker(self.engine.snapshot())

    def assessed(self, assessment: SelfAssessment | None) -> None:
        if assessment is None:
            return
        self.run_intent(
            "Could not grade the answer", self.show_next, lambda: self.engine.plan_submit_self_assessment(assessment)
        )

    def show_feedback(self) -> None:
        engine = self.engine
        assert engine.question is not None
        record = engine.session.record(engine.question.id)
        attempt = record.latest()
        assert attempt is not None
        heading = f"Question {engine.question_index + 1} of {engine.question_count} - feedback"
        open_feedback(
            self,
            record,
            attempt,
            heading=heading,
            can_continue=True,
            review=engine.session.review,
            store=self.store,
            write_example=self.write_example,
            callback=self.feedback_chosen,
        )

    def feedback_chosen(self, choice: FeedbackChoice | None) -> None:
        if choice == FeedbackChoice.retry:
            self.run_intent("Could not start a new attempt", self.show_next, self.engine.plan_retry)
        elif choice == FeedbackChoice.next:
            self.run_intent("Could not move on", self.show_next, self.engine.plan_next_question)

    def show_summary(self) -> None:
        summary = SummaryScreen(
            self.engine.session, self.engine.summary(), store=self.store, write_example=self.write_example
        )
        self.app.push_screen(summary, callback=self.summary_chosen)

    def summary_chosen(self, choice: SummaryChoice | None) -> None:
        if choice is None:
            return
        if choice.retry_question_id is not None:
            question_id = choice.retry_question_id
            self.run_intent(
                "Could not start a new attempt", self.show_next, lambda: self.engine.plan_retry(question_id)
            )
        else:
            self.dismiss()

    def run_intent(self, what: str, then: Callable[[Any], object], *plans: Callable[[], Step[Any, Any]]) -> None:
        """`plans`, one after another (each planned once the one before is applied); `then` gets
        the last one's result."""
        self.busy = True
        self._intent_worker(what, then, plans)

    def watch_busy(self, busy: bool) -> None:
        """While an intent runs (grading may take a model's time) the transcript shows a spinner and
        the box is read-only, so nothing typed meanwhile can be cleared by the intent's result."""
        self.transcript.loading = busy
        self.answer_box.read_only = busy

    @work(exclusive=False, group="engine", exit_on_error=False)
    async def _intent_worker(
        self, what: str, then: Callable[[Any], object], plans: tuple[Callable[[], Step[Any, Any]], ...]
    ) -> None:
        """On the loop: each step is planned and applied here, and only its compute waits in a
        thread (so typing, the timer and Escape go on). The session is saved (in a thread) after
        success or failure alike: a first step applied before a second failed is kept too."""
        ungraded = self.ungraded_attempts()
        result: object = None
        try:
            for plan in plans:
                step = plan()
                result = step.apply(await asyncio.to_thread(step.compute))
        except Exception as error:
            self.record_usage()
            self._save_worker(self.engine.snapshot())
            notify_failure(self.app, what, error)
            self._intent_failed()
            return
        self.record_usage()
        self._save_worker(self.engine.snapshot())
        self.report_fallbacks(ungraded)
        self._intent_done(then, result)

    def ungraded_attempts(self) -> list[Attempt]:
        return [a for record in self.engine.session.records for a in record.attempts if a.feedback is None]

    def report_fallbacks(self, ungraded: list[Attempt]) -> None:
        """Grades the model could not give (among the attempts `ungraded` before the intent) are
        said at once, not only in the feedback's warnings: the candidate should know the offline
        grader stood in, and why."""
        fallbacks = [
            flag
            for attempt in ungraded
            if attempt.feedback is not None
            for flag in attempt.feedback.flags
            if flag.kind == FlagKind.llm_fallback
        ]
        if fallbacks:
            more = f" ({len(fallbacks)} answers)" if len(fallbacks) > 1 else ""
            self.notify(flag_view(fallbacks[0]).text + more, title="Offline grade", severity="warning", timeout=10)

    def _intent_failed(self) -> None:
        """The engine is unchanged. While answering, the box still holds the text, so nothing is
        redrawn; after it (grading failed, say) the same step is offered again to retry."""
        self.busy = False
        self.resume_model()
        self.show_progress()
        if self.engine.phase not in ASKING_PHASES:
            self.show_phase(stream=False)

    def _intent_done(self, then: Callable[[Any], object], result: object) -> None:
        self.busy = False
        self.resume_model()
        then(result)

    @work(thread=True, exclusive=False, group="engine", exit_on_error=False)
    def _save_worker(self, snapshot: Session) -> None:
        self._save(snapshot)

    def _save(self, snapshot: Session) -> None:
        already_failing = self.writer.failing
        try:
            recovered = self.writer.save(snapshot)
        except Exception as error:
            if not already_failing:
                notify_failure(
                    self.app, "Could not save the session (it is kept in memory; saving again every few seconds)", error
                )
            return
        if recovered:
            self.app.call_from_thread(self.notify, "Saved: the session is in the store again.")

    @work(thread=True, exclusive=True, group="retry", exit_on_error=False)
    def _retry_worker(self, snapshot: Session) -> None:
        """Exclusive: while the store hangs (locked), retries queue at most one behind."""
        self._save(snapshot)

    # -- live panel and drafts -------------------------------------------------------------
    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self._live_timer is not None:
            self._live_timer.stop()
        self._live_timer = self.set_timer(LIVE_DEBOUNCE_SECONDS, self.update_live)

    def update_live(self) -> None:
        measured = measure(self.answer_box.text)
        star = {part: getattr(measured, part) for part in STAR_PARTS}
        self.query_one(LivePanel).show(measured.word_count, measured.speaking_seconds, star)
        self.follow_takes()

    def save_draft(self) -> None:
        """Every few seconds when no intent is touching the engine: the draft if the text changed,
        or, while the store is failing, the whole session until the store takes it."""
        if self.busy:
            return
        text = self.answer_box.text
        changed = self.engine.phase in ASKING_PHASES and (text, self.takes) != self._saved_draft
        if changed:
            self.engine.save_draft(text, self.takes)
            self._saved_draft = (text, self.takes)
        if self.writer.failing:
            self._retry_worker(self.engine.snapshot())
        elif changed:
            draft = self.engine.session.draft
            self._draft_worker(self.engine.session.id, draft.model_copy() if draft else None)

    @work(thread=True, exclusive=True, group="draft", exit_on_error=False)
    def _draft_worker(self, session_id: str, draft: Draft | None) -> None:
        already_failing = self.writer.failing
        try:
            self.writer.save_draft(session_id, draft)
        except Exception as error:
            if not already_failing:
                notify_failure(self.app, "Could not save the draft (it is still in the answer box)", error)

    def save_before_quit(self) -> None:
        """Quit keeps everything: the box's text becomes the draft and the session is written now.
        A failure is raised, so the app can ask whether to quit anyway."""
        if self.engine.phase in ASKING_PHASES and not self.busy:
            self.engine.save_draft(self.answer_box.text, self.takes)
        self.record_usage()
        self.writer.save_now(self.engine.snapshot())
