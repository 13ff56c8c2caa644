"""The Textual app: which screen comes when, global keys, and the command palette. Nothing else:
screens render and send intents to the engine; the engine holds every rule."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterable, Sequence
from functools import cached_property, partial
from typing import TYPE_CHECKING, Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.content import Content
from textual.notifications import SeverityLevel
from textual.screen import Screen

from practice.bank.models import Question, QuestionBank, RoleLevel
from practice.config import GraderKind, Settings, remember_setting
from practice.errors import BadInputError, PracticeError
from practice.interview.interviewer import BankInterviewer, Interviewer
from practice.interview.models import Session
from practice.locations import screenshot_dir
from practice.screens.background import describe_failure, notify_failure
from practice.screens.setup import SetupDefaults, SetupScreen
from practice.setup_choices import SetupChoices, load_choices, save_choices
from practice.store.ownership import Lease, Owner, SessionInUseError
from practice.terminal import safe
from practice.widgets.answer_timer import Clock

# Only the set-up screen is drawn at start: every other screen, the engine and the grader are
# imported when first used (tests/test_cli_startup.py keeps it so).
if TYPE_CHECKING:
    from practice.grading.exchange import Exchange
    from practice.grading.feedback import Feedback
    from practice.interview.engine import InterviewEngine
    from practice.llm.client import LlmClient
    from practice.screens.feedback import ExampleWriter
    from practice.screens.history import HistoryScreen
    from practice.screens.interview import InterviewScreen
    from practice.store.sqlite import SessionStore
    from practice.voice.voice_input import VoiceInput

SEED_RANGE = 10_000

InterviewerFactory = Callable[[RoleLevel], Interviewer]
"""Per session, because a model interviewer speaks to the session's role level."""


def bank_interviewer(_: RoleLevel) -> Interviewer:
    return BankInterviewer()


class PracticeApp(App[None]):
    TITLE = "practice"
    SUB_TITLE = "mock-interview coach"
    CSS_PATH = "widgets/widgets.tcss"
    BINDINGS = [
        Binding("ctrl+q", "request_quit", "Quit", priority=True, id="app.quit"),
        Binding("f6", "open_history", "History", id="app.history"),
    ]

    def __init__(
        self,
        settings: Settings,
        bank: QuestionBank,
        store: SessionStore,
        *,
        interviewer_for: InterviewerFactory,
        clock: Clock,
        seed: int,
        opening: Callable[[], Screen[Any]] | None = None,
        on_drawn: Callable[[], None] | None = None,
    ) -> None:
        super().__init__()
        self.opening = opening
        self.on_drawn = on_drawn
        self.settings = settings
        self.bank = bank
        self.store = store
        self.interviewer_for = interviewer_for
        self.clock = clock
        self.seed = seed
        self._interview: InterviewScreen | None = None
        self.voice_input: VoiceInput | None = None
        """Set by build_app from the settings; tests give a microphone that plays a file."""
        self._lease: Lease | None = None
        if settings.theme:
            self.theme = self.known_theme(settings.theme)
        self._remembered_theme = self.theme

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Every notification, whoever raises it, as plain text made safe for the terminal: most
        quote data (a server's error body, a file's name, a store's message), and a "[/]" in one
        read as markup ends the app with a MarkupError when the toast is drawn. `markup` is
        accepted for Textual's signature and ignored."""
        del markup
        super().notify(
            safe(message), title=safe(title, one_line=True), severity=severity, timeout=timeout, markup=False
        )

    def format_title(self, title: str, sub_title: str) -> Content:
        """The header's line: a sub-title may be a session file's name, which may hold anything."""
        return super().format_title(safe(title, one_line=True), safe(sub_title, one_line=True))

    def known_theme(self, name: str) -> str:
        """An unknown theme is a settings mistake: say so before the app starts, not as a crash."""
        if name not in self.available_themes:
            known = ", ".join(sorted(self.available_themes))
            raise BadInputError(
                f"theme {name!r} is not a known theme",
                hint=f"Use one of: {known} (theme in the config file or PRACTICE_THEME).",
            )
        return name

    def on_mount(self) -> None:
        if self.opening is not None:
            # A single-purpose run (`practice review FILE`): closing that screen ends the app.
            self.push_screen(self.opening(), callback=lambda _: self.exit())
            return
        self.push_screen(self.setup_screen())
        self.look_for_unfinished()
        self.theme_changed_signal.subscribe(self, lambda theme: self.remember_theme(theme.name))

    def on_ready(self) -> None:
        """Textual's Ready: the first frame is on the terminal."""
        if self.on_drawn is not None:
            self.on_drawn()

    def setup_screen(self) -> SetupScreen:
        defaults = SetupDefaults(seed=self.seed, kept=load_choices())
        return SetupScreen(self.bank, self.settings.describe_grader(), defaults)

    def grade(
        self, question: Question, answer: str, role_level: RoleLevel, *, exchanges: Sequence[Exchange] = ()
    ) -> Feedback:
        from practice.grading import service

        return service.grade(
            question,
            answer,
            settings=self.settings,
            role_level=role_level,
            exchanges=exchanges or None,
            client=self.grading_client,
            bank=self.bank.questions,
            vocabulary=self.bank.vocabulary,
        )

    @cached_property
    def grading_client(self) -> LlmClient | None:
        """One client for the run: building one (HTTP pool, TLS context) costs tens of ms per grade.
        None when grading offline, or when it cannot be built: service.grade then says why."""
        if self.settings.effective_grader != GraderKind.llm:
            return None
        # Here, not at the top: importing openai takes ~0.5 s, which an offline start must not pay.
        from practice.llm.client import LlmClient
        from practice.llm.errors import LlmError

        try:
            return LlmClient(self.settings)
        except LlmError:
            return None

    def example_writer(self, role_level: RoleLevel) -> ExampleWriter | None:
        """Writes (once per question, then reuses) an example answer where the bank has none;
        None without a model, so the feedback screen does not offer it."""
        client = self.grading_client
        if client is None:
            return None
        from practice.interview.llm_interviewer import LlmInterviewer
        from practice.store import examples

        writer = LlmInterviewer(client, role_level=role_level)
        return partial(examples.example_for, self.store, write=writer.write_example_answer, model=client.model)

    # -- sessions ---------------------------------------------------------------------------
    @work(thread=True, exclusive=True, group="resume", exit_on_error=False)
    def look_for_unfinished(self) -> None:
        try:
            session = self.store.latest_unfinished()
            owner = self.store.owner_of(session.id) if session is not None else None
        except Exception as error:
            notify_failure(self, "Could not look for an unfinished session", error)
            return
        if session is not None:
            self.call_from_thread(self.offer_resume, session, owner)

    def offer_resume(self, session: Session, owner: Owner | None = None) -> None:
        answered = sum(1 for record in session.records if any(a.answers for a in record.attempts))
        started = session.created_at.astimezone().strftime("%d %b %H:%M")
        unfinished = (
            f"You have an unfinished interview from {started}: {answered} of {len(session.records)} questions answered."
        )
        if owner is not None:
            self.offer_read_only(session, f"{unfinished} {in_another_window(owner)}")
            return
        question = f"{unfinished} Resume it where you stopped?"
        self.ask(question, yes="Resume", no="Start new", then=partial(self.resume_chosen, session))

    def offer_read_only(self, session: Session, why: str) -> None:
        """A session live in another window: read it here, or start a new one; never both answer."""
        question = f"{why}\n\nOpen it here read-only, or start a new interview?"
        self.ask(question, yes="Open read-only", no="Start new", then=partial(self.read_only_chosen, session))

    def read_only_chosen(self, session: Session, read_only: bool | None) -> None:
        if read_only:
            from practice.screens.review import ReviewScreen

            self.push_screen(ReviewScreen(session, read_only=True))

    def resume_chosen(self, session: Session, resume: bool | None) -> None:
        if not resume:
            return
        if session.cursor is None:
            # From a file, without the interview's position: its answers can be read, not continued.
            self.notify(
                "This session has no interview position to resume at (it came from a file); "
                "it is opened for review instead.",
                severity="warning",
                timeout=10,
            )
            from practice.screens.review import ReviewScreen

            self.push_screen(ReviewScreen(session, read_only=True))
            return
        from practice.interview.engine import InterviewEngine

        try:
            lease = self.store.claim(session.id)
        except SessionInUseError as error:
            self.offer_read_only(session, in_another_window(error.owner))
            return
        try:
            engine = InterviewEngine.resume(self.bank, session, self.grade)
        except PracticeError as error:
            lease.release()
            notify_failure(self, "Could not resume", error)
            return
        self.open_interview(engine, lease, resumed=True)

    def on_setup_screen_chosen(self, message: SetupScreen.Chosen) -> None:
        from practice.grading import service
        from practice.interview.engine import InterviewEngine

        try:
            engine = InterviewEngine.start(self.bank, message.settings, self.grade, service.grader_info(self.settings))
            lease = self.store.claim(engine.session.id)
        except PracticeError as error:
            notify_failure(self, "Cannot start", error)
            return
        self.keep_choices(message.choices)
        self.open_interview(engine, lease, resumed=False)

    @work(thread=True, exclusive=True, group="setup-choices", exit_on_error=False)
    def keep_choices(self, choices: SetupChoices) -> None:
        """For the next set-up screen; losing them costs only a few clicks, so a failure is said
        once and the interview goes on."""
        try:
            save_choices(choices)
        except OSError as error:
            notify_failure(self, "Your set-up choices could not be kept for next time", error)

    def open_interview(self, engine: InterviewEngine, lease: Lease, *, resumed: bool) -> None:
        """`lease`: this process owns the session until the interview closes. A finished
        interview still on screen (its summary, the history opened over it) is closed first, and
        its session let go: kept, it would stay locked against every other window until exit."""
        from practice.grading import service
        from practice.screens.interview import InterviewScreen

        while len(self.screen_stack) > 2:  # back to the set-up screen
            self.pop_screen()
        self.release_lease()

        role_level = engine.session.settings.role_level
        screen = InterviewScreen(
            engine,
            self.store,
            self.interviewer_for(role_level),
            self.clock,
            resumed=resumed,
            grader=service.grader_info(self.settings),
            client=self.grading_client,
            write_example=self.example_writer(role_level),
            voice=self.voice_input,
        )
        self._interview = screen
        self._lease = lease
        self.push_screen(screen, callback=self.interview_closed)

    def interview_closed(self, _: None) -> None:
        """Back on the set-up screen: a fresh seed, so the next draw differs unless chosen."""
        self.release_lease()
        self.seed = random.randrange(SEED_RANGE)
        self.switch_screen(self.setup_screen())

    def release_lease(self) -> None:
        if self._lease is not None:
            self._lease.release()
            self._lease = None

    def on_unmount(self) -> None:
        self.release_lease()

    # -- history ----------------------------------------------------------------------------
    def action_open_history(self) -> None:
        from practice.screens.history import HistoryScreen

        tracks = [(track.title, track.id) for track in self.bank.tracks]
        self.push_screen(HistoryScreen(self.store, tracks=tracks))

    def on_history_screen_resume_requested(self, message: HistoryScreen.ResumeRequested) -> None:
        self.pop_screen()
        self.resume_chosen(message.session, True)

    def on_history_screen_practise_requested(self, message: HistoryScreen.PractiseRequested) -> None:
        """A new interview asking that one question, as the past session was set up otherwise."""
        from practice.grading import service
        from practice.interview.engine import InterviewEngine

        past = message.session.settings
        settings = past.model_copy(
            update={"question_ids": [message.question_id], "question_count": 1, "seed": self.seed}
        )
        try:
            engine = InterviewEngine.start(self.bank, settings, self.grade, service.grader_info(self.settings))
            lease = self.store.claim(engine.session.id)
        except PracticeError as error:
            notify_failure(self, "Cannot practise that question", error)
            return
        self.open_interview(engine, lease, resumed=False)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_history":
            interview = self.interview_screen()
            return self.opening is None and (interview is None or not interview.in_progress)
        return True

    # -- choices kept for next time ---------------------------------------------------------
    @work(thread=True, exclusive=True, group="theme", exit_on_error=False)
    def remember_theme(self, name: str) -> None:
        """A theme picked in the palette goes into the config file (off the event loop); the
        theme the app started with is not written back (it may come from PRACTICE_THEME)."""
        if name == self._remembered_theme:
            return
        try:
            remember_setting("theme", name)
        except PracticeError as error:
            notify_failure(self, "The theme is used now but not kept for next time", error)
            return
        self._remembered_theme = name

    def action_save_screenshot(self) -> None:
        """Textual's own screenshot command fails when ~/Downloads does not exist; this one saves
        where a folder exists and says where."""
        try:
            saved = self.save_screenshot(path=str(screenshot_dir()))
        except (OSError, PracticeError) as error:
            notify_failure(self, "Could not save the screenshot", error)
            return
        self.notify(f"Screenshot saved: {saved}", title="Screenshot", timeout=10)

    # -- global keys ------------------------------------------------------------------------
    def interview_screen(self) -> InterviewScreen | None:
        """The interview this app opened, while it is still on the screen stack. Remembered rather
        than looked up by type, so asking (as the footer does for every key) imports no screen."""
        interview = self._interview
        return interview if interview is not None and interview in self.screen_stack else None

    def ask(self, question: str, *, yes: str, no: str, then: Callable[[bool | None], None]) -> None:
        """A yes/no question over the current screen; `then` gets the answer (None: dismissed)."""
        from practice.screens.confirm import ConfirmScreen

        # A notice still on screen is drawn over the dialog and can hide the question itself
        # (the quit question right after "Could not save the session"): the question says it all.
        self.clear_notifications()
        self.push_screen(ConfirmScreen(question, yes=yes, no=no), callback=then)

    def action_request_quit(self) -> None:
        interview = self.interview_screen()
        if interview is None or not interview.in_progress:
            self.exit()
            return
        if interview.writer.failing:
            question = (
                "Quit now? The last saves failed, so the session is not saved: it is only in memory. "
                "Quitting tries once more and asks again if that fails too."
            )
        else:
            question = "Quit now? Everything so far is saved, including what you are typing; you can resume next time."
        self.ask(question, yes="Quit", no="Stay", then=self.quit_chosen)

    async def action_quit(self) -> None:
        """The palette's Quit asks first, as ctrl+q does."""
        self.action_request_quit()

    def quit_chosen(self, quit_now: bool | None) -> None:
        interview = self.interview_screen()
        if not quit_now or interview is None:
            return
        try:
            interview.save_before_quit()
        except Exception as error:
            question = f"{describe_failure('Could not save', error)}\n\nQuit anyway and lose what is not saved?"
            self.ask(question, yes="Quit anyway", no="Stay", then=self.quit_unsaved_chosen)
            return
        self.exit()

    def quit_unsaved_chosen(self, quit_now: bool | None) -> None:
        if quit_now:
            self.exit()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every key shown in the footer is also a command in the palette, under its full name
        (the tooltip, where the footer's label is shortened to fit 80 columns)."""
        for command in super().get_system_commands(screen):
            if command.title == "Screenshot":
                command = SystemCommand(
                    command.title, f"{command.help} (saved where a folder exists)", self.action_save_screenshot
                )
            yield command
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not (binding.show and active.enabled) or binding.action in seen or binding.action == "request_quit":
                continue
            seen.add(binding.action)
            # The app runs it in the node's namespace, as a key press would (a node may be the app).
            run = partial(self.run_action, binding.action, active.node)
            yield SystemCommand(binding.tooltip or binding.description, f"key: {binding.key}", run)


def in_another_window(owner: Owner) -> str:
    return (
        f"It is open in another practice window ({owner.describe()}); answering it in both "
        "would lose the answers of one."
    )


def build_app(
    settings: Settings,
    bank: QuestionBank,
    store: SessionStore,
    *,
    interviewer_for: InterviewerFactory | None = None,
    clock: Clock = time.monotonic,
    seed: int | None = None,
    opening: Callable[[], Screen[Any]] | None = None,
    llm_client: LlmClient | None = None,
    on_drawn: Callable[[], None] | None = None,
    voice_input: VoiceInput | None = None,
) -> PracticeApp:
    """The one way to make the app, for the CLI and the tests alike (tests pin clock and seed).
    `llm_client`: the client the interviewer speaks through, so grades and turns are counted
    together; without one, a model grader gets its own on first use. `on_drawn`: called once,
    when the first screen has been drawn (the command resumes garbage collection there)."""
    app = PracticeApp(
        settings,
        bank,
        store,
        interviewer_for=interviewer_for or bank_interviewer,
        clock=clock,
        seed=random.randrange(SEED_RANGE) if seed is None else seed,
        opening=opening,
        on_drawn=on_drawn,
    )
    if llm_client is not None:
        app.grading_client = llm_client
    if voice_input is None:
        from practice.voice.voice_input import VoiceInput

        voice_input = VoiceInput.from_settings(settings)
    app.voice_input = voice_input
    return app
