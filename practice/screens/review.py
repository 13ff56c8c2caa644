"""Coach review: every answer with its feedback, and the coach's notes and adjusted scores beside
the grader's. Also the read-only view of any saved session (opened from the history).

A session opened from a file stays outside the coach's history until they import it, and is
written back only when they ask (save to the same file after a confirmation, or save as a new
file). What the coach types is kept even while it is invalid (a score without a reason), so
nothing typed is lost; saving waits until it is fixed.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import (
    Checkbox,
    Footer,
    Header,
    Input,
    Label,
    OptionList,
    Select,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from practice.errors import PracticeError
from practice.feedback_view import AnswerView, adjustment_text, attempt_view, describe_grader
from practice.grading.feedback import Feedback
from practice.interview.models import (
    AnswerKind,
    AnswerReview,
    Attempt,
    QuestionRecord,
    Session,
    criterion_key,
)
from practice.interview.scores import mean_text
from practice.screens.confirm import ConfirmScreen
from practice.screens.feedback import self_versus_grader, warnings_section
from practice.screens.file_dialogs import ExportDialog, PathPrompt
from practice.store import coach_review, session_file
from practice.store.coach_review import Choice
from practice.store.ownership import Lease, SessionInUseError
from practice.terminal import safe
from practice.widgets.criteria_checklist import CriteriaChecklist
from practice.widgets.safe_editors import SafeInput, SafeTextArea
from practice.widgets.section import Section, bullets, text_block

if TYPE_CHECKING:
    from practice.store.sqlite import SessionStore

OVERVIEW = "overview"


@dataclass(frozen=True)
class Target:
    """One attempt at one question: what a coach's answer note is about."""

    question_id: str
    attempt: int

    @property
    def option_id(self) -> str:
        return f"{self.question_id}#{self.attempt}"


@dataclass(frozen=True)
class AnswerForm:
    """What the coach typed for one attempt. `areas` maps an area's key, `star` a part's name, to
    (the coach's verdict, why); an empty verdict agrees with the grader."""

    note: str
    score: str
    reason: str
    areas: dict[str, Choice] = field(default_factory=dict)
    star: dict[str, Choice] = field(default_factory=dict)


def parse_score(raw: str) -> float | None:
    """An empty field means 'no adjustment'; anything else must be a number."""
    if not raw.strip():
        return None
    try:
        return float(raw.strip().replace(",", "."))
    except ValueError:
        raise PracticeError(f"adjusted score: {raw.strip()!r} is not a number from 1 to 5") from None


class AnswerReviewForm(Vertical):
    """The coach's note and adjustment for one attempt. Posts every edit with its target, so an
    edit can never land on another answer."""

    class Edited(Message):
        def __init__(self, target: Target, form: AnswerForm) -> None:
            super().__init__()
            self.target = target
            self.form = form

    def __init__(
        self, target: Target, form: AnswerForm, feedback: Feedback | None, *, error: str | None = None
    ) -> None:
        """`error`: why the form as typed is not applied yet (shown from the start)."""
        super().__init__(id="answer-review")
        self.error = error
        self.target = target
        self.initial = self.last_posted = form
        self.border_title = "Coach"
        # Rows by position: an area's key is data and cannot be a widget id.
        graded = feedback.criteria if feedback else []
        self.area_rows = [(criterion_key(c), c.text, c.status.value) for c in graded]
        parts = feedback.star.parts() if feedback else {}
        self.star_rows = [(name, "present" if parts[name].present else "missing") for name in parts]

    def compose(self) -> ComposeResult:
        yield Label("Note on this answer")
        yield SafeTextArea(self.initial.note, id="answer-note", soft_wrap=True)
        with Horizontal(classes="adjust-row"):
            yield Label("Adjusted score", classes="coach-field")
            yield SafeInput(self.initial.score, placeholder="1-5, empty: none", id="adjusted-score")
            yield Label("Reason", classes="coach-field short")
            yield SafeInput(self.initial.reason, placeholder="why the score differs", id="adjust-reason")
        if self.area_rows:
            yield Label("Your verdict on each area", classes="coach-heading")
        for index, (key, text, graded) in enumerate(self.area_rows):
            yield Static(Content(safe(text, one_line=True)), classes="correction-label")
            yield self._row(f"area-{index}", graded, ("covered", "partial", "missing"), self.initial.areas.get(key))
        if self.star_rows:
            yield Label("Your verdict on each STAR part", classes="coach-heading")
        for name, graded in self.star_rows:
            yield Static(Content(name.title()), classes="correction-label")
            yield self._row(f"star-{name}", graded, ("present", "missing"), self.initial.star.get(name))
        yield Static(self._error_text(self.error), id="answer-error")

    @staticmethod
    def _row(prefix: str, graded: str, verdicts: tuple[str, ...], chosen: Choice | None) -> Horizontal:
        value, why = chosen or ("", "")
        options = [(f"agree: {graded}", ""), *((verdict, verdict) for verdict in verdicts if verdict != graded)]
        return Horizontal(
            Select(
                options,
                value=value if value in dict((v, v) for _, v in options) else "",
                allow_blank=False,
                id=f"{prefix}-verdict",
                classes="correction-verdict",
            ),
            SafeInput(
                why, placeholder="why (needed when you differ)", id=f"{prefix}-reason", classes="correction-reason"
            ),
            classes="correction-row",
        )

    def current(self) -> AnswerForm:
        return AnswerForm(
            note=self.query_one("#answer-note", TextArea).text,
            score=self.query_one("#adjusted-score", Input).value,
            reason=self.query_one("#adjust-reason", Input).value,
            areas={key: self._choice(f"area-{index}") for index, (key, _, _) in enumerate(self.area_rows)},
            star={name: self._choice(f"star-{name}") for name, _ in self.star_rows},
        )

    def _choice(self, prefix: str) -> Choice:
        verdict = self.query_one(f"#{prefix}-verdict", Select).value
        return (verdict if isinstance(verdict, str) else "", self.query_one(f"#{prefix}-reason", Input).value)

    def on_select_changed(self, event: Select.Changed) -> None:
        # A Select announces its initial value when mounted: that is no edit.
        event.stop()
        if (form := self.current()) != self.last_posted:
            self._post(form)

    def _post(self, form: AnswerForm) -> None:
        self.last_posted = form
        self.post_message(self.Edited(self.target, form))

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._post(self.current())

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._post(self.current())

    def show_error(self, message: str | None) -> None:
        self.query_one("#answer-error", Static).update(self._error_text(message))

    @staticmethod
    def _error_text(message: str | None) -> Content:
        return Content.styled(message, "$text-error") if message else Content("")


class SessionReviewForm(Vertical):
    class Edited(Message):
        def __init__(self, reviewer: str, note: str, reviewed: bool) -> None:
            super().__init__()
            self.reviewer = reviewer
            self.note = note
            self.reviewed = reviewed

    def __init__(self, session: Session) -> None:
        super().__init__(id="session-review")
        self.session = session
        self.border_title = "Coach"

    def compose(self) -> ComposeResult:
        review = self.session.review
        with Horizontal(classes="adjust-row"):
            yield Label("Reviewer", classes="coach-field")
            yield SafeInput((review.reviewer or "") if review else "", placeholder="your name", id="reviewer")
        yield Label("Note on the session")
        yield SafeTextArea(review.session_note if review else "", id="session-note", soft_wrap=True)
        yield Checkbox("Reviewed", value=bool(review and review.reviewed), id="reviewed")

    def _post(self) -> None:
        self.post_message(
            self.Edited(
                reviewer=self.query_one("#reviewer", Input).value,
                note=self.query_one("#session-note", TextArea).text,
                reviewed=self.query_one("#reviewed", Checkbox).value,
            )
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._post()

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._post()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._post()


class ReviewScreen(Screen[Session | None]):
    """Dismissed with the session as last saved (or None when nothing was saved)."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("ctrl+s", "save", "Save to file", priority=True, id="review.save"),
        Binding("f2", "save_as", "Save as…", id="review.save_as"),
        Binding("ctrl+r", "toggle_reviewed", "Mark reviewed", priority=True, id="review.reviewed"),
        Binding("f3", "export", "Export", id="review.export"),
        Binding("f4", "import_session", "Import to history", id="review.import"),
        Binding("escape", "back", "Back", id="review.back"),
    ]

    def __init__(
        self,
        session: Session,
        *,
        source: Path | None = None,
        read_only: bool = False,
        store: SessionStore | None = None,
    ) -> None:
        super().__init__()
        self.session = session
        self.saved = session
        self.source = source
        self.read_only = read_only
        self.store = store
        self.selected: Target | None = None
        # Forms that do not validate yet, kept as typed so switching answers loses nothing.
        self.pending: dict[Target, tuple[AnswerForm, str]] = {}
        self.last_saved: Session | None = None
        self.lease: Lease | None = None
        self.in_use: SessionInUseError | None = None
        if store is not None and not read_only:
            self._claim(store)

    def _claim(self, store: SessionStore) -> None:
        """A session live in another window opens read-only: a review imported into it here would
        be written over the answers that window is saving (or they over it)."""
        try:
            self.lease = store.claim(self.session.id)
        except SessionInUseError as error:
            self.in_use = error
            self.read_only = True

    # -- layout ------------------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="review-main"):
            with Vertical(id="review-nav"):
                yield Static(self._status(), id="review-status")
                yield OptionList(*self._options(), id="review-answers")
            yield VerticalScroll(id="review-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Review" if not self.read_only else "Session"
        self.sub_title = str(self.source) if self.source else self.session.id
        answers = self.query_one("#review-answers", OptionList)
        answers.highlighted = 0
        answers.focus()
        if self.in_use is not None:
            self.notify(
                f"{self.in_use.message}: opened read-only, so nothing here can write over it.",
                title="Read-only",
                severity="warning",
                timeout=12,
            )

    def on_unmount(self) -> None:
        if self.lease is not None:
            self.lease.release()

    def _status(self) -> Content:
        review = self.session.review
        state = "reviewed" if review and review.reviewed else "not reviewed"
        origin = f"file {safe(self.source.name)}" if self.source else "your history"
        unsaved = " · unsaved changes" if self.dirty else ""
        read_only = " · read-only" + (" (open in another window)" if self.in_use else "") if self.read_only else ""
        return Content.from_markup(
            "[b]$origin[/b]\n$state$read_only$unsaved", origin=origin, state=state, read_only=read_only, unsaved=unsaved
        )

    def _options(self) -> list[Option]:
        options = [Option("Session overview", id=OVERVIEW)]
        for number, record in enumerate(self.session.records, 1):
            for attempt in record.attempts:
                options.append(
                    Option(
                        self._label(number, record, attempt), id=Target(record.question.id, attempt.number).option_id
                    )
                )
        return options

    def _label(self, number: int, record: QuestionRecord, attempt: Attempt) -> Content:
        score = f"{attempt.feedback.score:g}" if attempt.feedback else "–"
        coach = self.session.review.for_attempt(record.question.id, attempt.number) if self.session.review else None
        adjusted = f" → {coach.adjusted_score:g}" if coach and coach.adjusted_score is not None else ""
        noted = " ✎" if coach and coach.note else ""
        corrected = f" ±{len(coach.areas) + len(coach.star)}" if coach and (coach.areas or coach.star) else ""
        flag = " ⚠" if Target(record.question.id, attempt.number) in self.pending else ""
        return Content.from_markup(
            "Q$number · try $attempt · [b]$score$adjusted[/b]$noted$corrected$flag",
            number=str(number),
            attempt=str(attempt.number),
            score=score,
            adjusted=adjusted,
            noted=noted,
            corrected=corrected,
            flag=flag,
        )

    def _refresh_nav(self) -> None:
        self.query_one("#review-status", Static).update(self._status())
        answers = self.query_one("#review-answers", OptionList)
        for number, record in enumerate(self.session.records, 1):
            for attempt in record.attempts:
                target = Target(record.question.id, attempt.number)
                answers.replace_option_prompt(target.option_id, self._label(number, record, attempt))

    # -- showing one answer ------------------------------------------------------------------

    async def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        option_id = event.option.id or OVERVIEW
        if option_id == OVERVIEW:
            self.selected = None
            await self._show(self._overview())
            return
        question_id, _, attempt = option_id.rpartition("#")
        self.selected = Target(question_id, int(attempt))
        await self._show(self._answer_detail(self.selected))

    async def _show(self, widgets: list[Widget]) -> None:
        detail = self.query_one("#review-detail", VerticalScroll)
        with self.app.batch_update():
            await detail.remove_children()
            await detail.mount_all(widgets)
        detail.scroll_home(animate=False)

    def _overview(self) -> list[Widget]:
        session = self.session
        facts = [
            f"Started {session.created_at:%Y-%m-%d %H:%M}, {session.status.value.replace('_', ' ')}",
            f"Track: {session.settings.track or 'competencies across tracks'}",
            f"Mode: {session.settings.mode.value}; role level: {session.settings.role_level.value.replace('_', ' ')}",
            f"Mean score: {mean_text(session.mean_score())} / 5"
            if session.mean_score() is not None
            else "Not graded yet",
            f"Grader: {describe_grader(session.grader)}",
        ]
        widgets: list[Widget] = [Section("Session", bullets(facts), id="overview")]
        if self.read_only:
            review = session.review
            note = review.session_note if review and review.session_note else "No coach's note."
            title = f"Coach: {review.reviewer}" if review and review.reviewer else "Coach"
            widgets.append(Section(title, text_block(note), id="session-review-readonly"))
        else:
            widgets.append(SessionReviewForm(session))
        return widgets

    def _attempt(self, target: Target) -> Attempt:
        return next(a for a in self.session.record(target.question_id).attempts if a.number == target.attempt)

    def _answer_detail(self, target: Target) -> list[Widget]:
        attempt = self._attempt(target)
        question = self.session.record(target.question_id).question
        turns = [
            Content.from_markup(
                "[b $text-primary]$who[/]  $prompt\n[b]Answer[/b]  $text",
                who="Follow-up" if answer.kind == AnswerKind.follow_up else "Interviewer",
                prompt=safe(answer.prompt),
                text="(skipped)" if answer.skipped else safe(answer.text or "(empty)"),
            )
            for answer in attempt.answers
        ]
        widgets: list[Widget] = [
            text_block(question.text, classes="question-text"),
            Section(
                "Transcript",
                Static(Content("\n\n").join(turns) if turns else Content("No answer yet.")),
                id="transcript",
            ),
        ]
        view = self._view(target)
        if view is None:
            widgets.append(Section("Grader", Static(Content.styled("Not graded.", "$text-muted italic")), id="grader"))
        else:
            widgets += [
                Section(
                    f"Grader: {view.score:g} / 5 ({view.grader})",
                    bullets(view.reasons, empty="no reasons given"),
                    id="grader",
                ),
                *warnings_section(view),
                Section("You versus the grader", self_versus_grader(view)),
                Section("Areas to cover", CriteriaChecklist(view.criteria), id="criteria"),
                *self._coach_verdicts(view),
                Horizontal(
                    Section("Strengths", bullets(view.strengths)),
                    Section("To improve", bullets(view.improvements)),
                    id="strengths-improvements",
                ),
            ]
        widgets.append(self._coach_part(target, attempt.feedback))
        return widgets

    def _coach_review(self, target: Target) -> AnswerReview | None:
        return self.session.review.for_attempt(target.question_id, target.attempt) if self.session.review else None

    def _view(self, target: Target) -> AnswerView | None:
        """The attempt as graded, with the coach's corrections as they stand now."""
        question = self.session.record(target.question_id).question
        return attempt_view(question, self._attempt(target), self._coach_review(target))

    def _coach_verdicts(self, view: AnswerView) -> list[Widget]:
        """The coach's corrections beside the grader's checklist, kept current while the form
        below edits them."""
        text = self._verdicts_text(view)
        if self.read_only and not text:
            return []
        return [Section("Coach's verdicts", Static(text, id="coach-verdicts-text"), id="coach-verdicts")]

    def _verdicts_text(self, view: AnswerView) -> Content:
        lines = [correction.line for correction in view.corrections()]
        if not lines:
            return (
                Content.styled("As graded: correct any verdict in the form below.", "$text-muted italic")
                if not self.read_only
                else Content("")
            )
        return Content("\n").join(Content(safe(f"• {line}")) for line in lines)

    def _coach_part(self, target: Target, feedback: Feedback | None) -> Widget:
        existing = self._coach_review(target)
        if self.read_only:
            lines = []
            if existing and existing.adjusted_score is not None:
                lines.append(adjustment_text(existing.adjusted_score, existing.adjustment_reason))
            if existing and existing.note:
                lines.append(existing.note)
            return Section("Coach", text_block("\n".join(lines) or "No coach's note."), id="answer-review-readonly")
        error = None
        if target in self.pending:
            form, error = self.pending[target]
        else:
            form = AnswerForm(
                note=existing.note if existing else "",
                score=f"{existing.adjusted_score:g}" if existing and existing.adjusted_score is not None else "",
                reason=(existing.adjustment_reason or "") if existing else "",
                areas={c.criterion: (c.status.value, c.reason) for c in existing.areas} if existing else {},
                star={c.part: ("present" if c.present else "missing", c.reason) for c in existing.star}
                if existing
                else {},
            )
        return AnswerReviewForm(target, form, feedback, error=error)

    # -- edits -------------------------------------------------------------------------------

    def on_answer_review_form_edited(self, event: AnswerReviewForm.Edited) -> None:
        form = event.form
        try:
            self.session = coach_review.set_answer_review(
                self.session,
                event.target.question_id,
                event.target.attempt,
                note=form.note,
                adjusted_score=parse_score(form.score),
                reason=form.reason,
                areas=form.areas,
                star=form.star,
            )
        except PracticeError as error:
            self.pending[event.target] = (form, error.message)
            self._form_error(event.target, error.message)
        else:
            self.pending.pop(event.target, None)
            self._form_error(event.target, None)
            view = self._view(event.target)
            for shown in self.query("#coach-verdicts-text").results(Static):
                if view is not None and self.selected == event.target:
                    shown.update(self._verdicts_text(view))
        self._refresh_nav()

    def _form_error(self, target: Target, message: str | None) -> None:
        for form in self.query(AnswerReviewForm):
            if form.target == target:
                form.show_error(message)

    def on_session_review_form_edited(self, event: SessionReviewForm.Edited) -> None:
        session = coach_review.set_session_note(self.session, event.note, reviewer=event.reviewer)
        was_reviewed = bool(session.review and session.review.reviewed)
        if event.reviewed != was_reviewed:
            session = coach_review.mark_reviewed(session, event.reviewed)
        self.session = session
        self._refresh_nav()

    def action_toggle_reviewed(self) -> None:
        reviewed = not (self.session.review and self.session.review.reviewed)
        self.session = coach_review.mark_reviewed(self.session, reviewed)
        for box in self.query("#reviewed").results(Checkbox):
            with box.prevent(Checkbox.Changed):
                box.value = reviewed
        self._refresh_nav()
        self.notify("Marked reviewed." if reviewed else "Marked not reviewed.")

    @property
    def dirty(self) -> bool:
        return self.session != self.saved or bool(self.pending)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in {"save", "save_as", "toggle_reviewed"}:
            return not self.read_only
        if action == "import_session":
            return self.source is not None and self.store is not None and self.lease is not None
        return True

    # -- saving, exporting, importing ------------------------------------------------------------

    def _ready_to_save(self) -> bool:
        if self.pending:
            target, (_, message) = next(iter(self.pending.items()))
            self.notify(
                f"Fix the note on {target.question_id}, attempt {target.attempt} first: {message}",
                severity="error",
                title="Not saved",
            )
            return False
        return True

    def action_save(self) -> None:
        if not self._ready_to_save():
            return
        if self.source is None:
            self.action_save_as()
            return
        source = self.source

        def confirmed(replace: bool | None) -> None:
            if replace:
                self._write(source, overwrite=True)

        self.app.push_screen(
            ConfirmScreen(f"Replace {source} with the reviewed session?", yes="Replace", no="Cancel"), confirmed
        )

    def action_save_as(self) -> None:
        if not self._ready_to_save():
            return
        suggested = (
            self.source.parent if self.source else Path(".")
        ) / f"{self.source.stem if self.source else self.session.id[:8]}-reviewed.json"

        def chosen(path: Path | None) -> None:
            if path is not None:
                self._saved_to(path)

        self.app.push_screen(
            PathPrompt(
                "Save the reviewed session as",
                suggested,
                ok_label="Save",
                check=lambda path: session_file.write(path, self.session),
            ),
            chosen,
        )

    def _write(self, path: Path, *, overwrite: bool) -> None:
        try:
            session_file.write(path, self.session, overwrite=overwrite)
        except PracticeError as error:
            self.notify(str(error), severity="error", title="Not saved")
            return
        self._saved_to(path)

    def _saved_to(self, path: Path) -> None:
        self.saved = self.last_saved = self.session
        self.source = path
        self.sub_title = str(path)
        self._refresh_nav()
        self.notify(f"Saved to {path}")

    def action_export(self) -> None:
        self.app.push_screen(ExportDialog(self.session))

    def action_import_session(self) -> None:
        if self.store is not None and self.lease is not None and self._ready_to_save():
            self._import(self.store, self.session)

    @work(thread=True, exclusive=True, group="review-import")
    def _import(self, store: SessionStore, session: Session) -> None:
        """Into the history; where it already holds this session, the review is merged into it."""
        try:
            changes = session_file.import_session(store, session)
        except PracticeError as error:
            self.app.call_from_thread(self.notify, str(error), severity="error", title="Not imported")
            return
        source = self.source.name if self.source else "this file"
        self.app.call_from_thread(self.notify, session_file.describe_import(session, changes, source=source))

    def action_back(self) -> None:
        if not self.dirty or self.read_only:
            self.dismiss(self.last_saved)
            return

        def leave(discard: bool | None) -> None:
            if discard:
                self.dismiss(self.last_saved)

        self.app.push_screen(ConfirmScreen("Leave without saving the review?", yes="Leave", no="Stay"), leave)
