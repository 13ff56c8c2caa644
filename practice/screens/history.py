"""The history: every saved session, newest first, with filters (track, competency, dates) and a
search through the answers' text. Open a session read-only, resume an unfinished one, export it,
open a session file someone sent, or see progress over the sessions shown.

Rows come a page at a time from the store's indexed summary (never by reading every session), so
the first page shows at once with thousands saved; the next page loads as the cursor nears the end.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.events import Resize
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from practice.errors import PracticeError
from practice.feedback_view import attempt_view
from practice.history_rows import HEADINGS, summary_cells
from practice.interview.models import AnswerKind, Session
from practice.screens.background import notify_failure
from practice.screens.calibration import CalibrationScreen
from practice.screens.file_dialogs import ExportDialog, PathPrompt
from practice.screens.progress import ProgressScreen
from practice.screens.question_pick import QuestionPickScreen
from practice.screens.review import ReviewScreen
from practice.store import session_file
from practice.store.queries import SessionFilter
from practice.store.snippets import matches_all, query_words, snippet
from practice.terminal import safe
from practice.widgets.fitted_column import fit_column, fitted_cell

if TYPE_CHECKING:
    from practice.store.sqlite import SessionRow, SessionStore

PAGE_SIZE = 50
# Load the next page when the cursor is this close to the last loaded row.
PREFETCH_ROWS = 10

TRACK = HEADINGS.index("Track")
STATUS = HEADINGS.index("Status")
TRACK_MIN = 12
"""The track is cut (…) to this width at least, so the status beside it stays in view."""
CORRECTED = "✎"
DETAIL_LINES = 4
"""Lines of the highlighted session's detail (corrections, where the search matched) at most."""


class HistoryScreen(Screen[None]):
    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("enter", "open", "Open", id="history.open"),
        Binding("r", "resume", "Resume", id="history.resume"),
        Binding("t", "practise", "Practise again", id="history.practise"),
        Binding("f3", "export", "Export", id="history.export"),
        Binding("o", "open_file", "Open file…", id="history.open_file"),
        Binding("p", "progress", "Progress", id="history.progress"),
        Binding("c", "calibration", "Grader vs coaches", id="history.calibration"),
        Binding("escape", "back", "Back", id="history.back"),
    ]

    class ResumeRequested(Message):
        """The app resumes interviews (it owns the engine); the history only asks."""

        def __init__(self, session: Session) -> None:
            super().__init__()
            self.session = session

    class PractiseRequested(Message):
        """One question of a past session, to be asked again in a new interview (the app
        starts interviews)."""

        def __init__(self, session: Session, question_id: str) -> None:
            super().__init__()
            self.session = session
            self.question_id = question_id

    def __init__(self, store: SessionStore, *, tracks: list[tuple[str, str]] | None = None) -> None:
        super().__init__()
        self.store = store
        self.tracks = tracks or []
        self.filter = SessionFilter()
        self.rows: list[SessionRow] = []
        self.corrections: dict[str, int] = {}
        """Per session id shown, how many verdicts the coach corrected (where any)."""
        self.exhausted = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="history-filters"):
            # Content, not str: a str prompt is read as markup, and a title may hold "[/]".
            titles = [(Content(safe(title, one_line=True)), track) for title, track in self.tracks]
            yield Select(titles, prompt="Any track", id="filter-track")
            yield Input(placeholder="competency", id="filter-competency")
            yield Input(placeholder="since", id="filter-since", tooltip="From this day on: YYYY-MM-DD, then Enter")
            yield Input(placeholder="until", id="filter-until", tooltip="Up to this day: YYYY-MM-DD, then Enter")
            yield Input(placeholder="search answers", id="filter-text", tooltip="Every word, as typed")
        yield Static("", id="history-status")
        table: DataTable[str] = DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        for heading in HEADINGS:
            table.add_column(heading, key=heading)
        yield table
        yield Static("", id="history-detail")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "History"
        self.query_one("#history-table", DataTable).focus()
        self.reload()

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.rows = []
        self.corrections = {}
        self.exhausted = False
        self.query_one("#history-table", DataTable).clear()
        self._show_detail(None)
        self.refresh_bindings()
        self._status("Loading…")
        self.load_page(self.filter, 0)

    @work(thread=True, exclusive=True, group="history-page", exit_on_error=False)
    def load_page(self, session_filter: SessionFilter, offset: int) -> None:
        try:
            rows = self.store.list_sessions(session_filter, limit=PAGE_SIZE, offset=offset)
            corrections = self.store.correction_counts([row.id for row in rows])
        except PracticeError as error:
            notify_failure(self.app, "Could not read the history", error)
            self.app.call_from_thread(self._status, "The history could not be read.")
            return
        self.app.call_from_thread(self._add_rows, session_filter, offset, rows, corrections)

    def _add_rows(
        self, session_filter: SessionFilter, offset: int, rows: list[SessionRow], corrections: dict[str, int]
    ) -> None:
        if session_filter != self.filter or offset != len(self.rows):
            return  # a page for filters no longer shown
        table = self.query_one("#history-table", DataTable)
        for row in rows:
            cells = list(summary_cells(row))
            if row.id in corrections:
                cells[STATUS] += f" {CORRECTED}{corrections[row.id]}"
            # Text, not str: a DataTable reads str cells as markup, and a track name may come from a sent file.
            texts = [Text(safe(cell, one_line=True)) for cell in cells]
            texts[TRACK] = fitted_cell(texts[TRACK].plain)
            table.add_row(*texts, key=row.id)
        self.rows.extend(rows)
        self.corrections.update(corrections)
        self.exhausted = len(rows) < PAGE_SIZE
        self.refresh_bindings()
        self.fit_track()
        if not self.rows:
            self._status("No saved sessions yet." if self.filter.chooses_all else "No saved sessions match.")
        else:
            more = "" if self.exhausted else " (more load as you scroll)"
            legend = f" · {CORRECTED}n: n grader verdicts corrected by the coach" if self.corrections else ""
            self._status(f"{len(self.rows)} session(s){more} · Enter opens the highlighted one{legend}")

    @on(Resize)
    def fit_track(self) -> None:
        """The track gets what the date, answered count, mean and status leave of the width (at
        least TRACK_MIN): at 80 columns a long track name took the status's room."""
        fit_column(self.query_one("#history-table", DataTable), "Track", minimum=TRACK_MIN, through="Status")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()  # whether Resume applies depends on the row
        if not self.exhausted and event.cursor_row >= len(self.rows) - PREFETCH_ROWS:
            self.load_page(self.filter, len(self.rows))
        row = self._highlighted()
        self._show_detail(None)
        if row is not None and (row.reviewed or row.id in self.corrections or self.filter.text):
            self._load_detail(row.id, self.filter.text or "")

    # -- the highlighted session's detail: the coach's corrections, where the search matched -----

    @work(thread=True, exclusive=True, group="history-detail", exit_on_error=False)
    def _load_detail(self, session_id: str, search: str) -> None:
        try:
            session = self.store.load(session_id)
        except PracticeError:
            return  # the detail is extra: opening the session says what is wrong with it
        self.app.call_from_thread(self._detail_loaded, session, search)

    def _detail_loaded(self, session: Session, search: str) -> None:
        row = self._highlighted()
        if row is not None and row.id == session.id and search == (self.filter.text or ""):
            self._show_detail(detail_lines(session, query_words(search)))

    def _show_detail(self, lines: list[Content] | None) -> None:
        detail = self.query_one("#history-detail", Static)
        detail.display = bool(lines)
        detail.update(Content("\n").join(lines or []))

    def _status(self, text: str) -> None:
        self.query_one("#history-status", Static).update(Content(text))

    # -- filters -------------------------------------------------------------------------------

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.apply_filters()

    def on_input_changed(self, event: Input.Changed) -> None:
        """The search and the competency filter follow the typing (the dates wait for Enter, as
        half a date is no date); each reload replaces the one before, so none arrives stale."""
        event.stop()
        if event.input.id in {"filter-text", "filter-competency"}:
            self.apply_filters()

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self.apply_filters()

    def apply_filters(self) -> None:
        track = self.query_one("#filter-track", Select).value
        try:
            self.filter = SessionFilter.parse(
                track=track if isinstance(track, str) else None,
                competency=self.query_one("#filter-competency", Input).value,
                since=self.query_one("#filter-since", Input).value,
                until=self.query_one("#filter-until", Input).value,
                text=self.query_one("#filter-text", Input).value,
            )
        except PracticeError as error:
            self._status(str(error))
            self.notify(str(error), severity="error")
            return
        self.reload()

    # -- actions on the highlighted session ----------------------------------------------------------

    def _highlighted(self) -> SessionRow | None:
        """The store's row for the highlighted session, read on the UI thread."""
        table = self.query_one("#history-table", DataTable)
        if not 0 <= table.cursor_row < len(self.rows):
            return None
        return self.rows[table.cursor_row]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Open, export and resume act on the highlighted session: hidden while there is none.
        Resume is dimmed (its key does nothing, the palette leaves it out) on a session that
        cannot be resumed, a finished one or one from a file with no position to resume at;
        dimmed rather than hidden, so the footer does not shift as the cursor moves."""
        if action in {"open", "export", "resume", "practise"}:
            row = self._highlighted()
            if row is None:
                return False
            if action == "resume" and not row.resumable:
                return None
        return True

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        self._with_highlighted("open")

    def action_resume(self) -> None:
        self._with_highlighted("resume")

    def action_export(self) -> None:
        self._with_highlighted("export")

    def action_practise(self) -> None:
        self._with_highlighted("practise")

    def _with_highlighted(self, purpose: str) -> None:
        row = self._highlighted()
        if row is not None:
            self._load_for(purpose, row.id)

    @work(thread=True, exclusive=True, group="history-load", exit_on_error=False)
    def _load_for(self, purpose: str, session_id: str) -> None:
        try:
            session = self.store.load(session_id)
        except PracticeError as error:
            notify_failure(self.app, "Could not open the session", error)
            return
        self.app.call_from_thread(self._use, purpose, session)

    def _use(self, purpose: str, session: Session) -> None:
        if purpose == "open":
            self.app.push_screen(ReviewScreen(session, read_only=True))
        elif purpose == "export":
            self.app.push_screen(ExportDialog(session))
        elif purpose == "practise":

            def picked(question_id: str | None) -> None:
                if question_id is not None:
                    self.post_message(self.PractiseRequested(session, question_id))

            self.app.push_screen(QuestionPickScreen(session), picked)
        else:
            self.post_message(self.ResumeRequested(session))

    def action_open_file(self) -> None:
        """A file someone sent opens for review without touching the history (F4 there imports it)."""
        opened: list[Session] = []

        def read(path: Path) -> None:
            opened.append(session_file.read(path))

        def chosen(path: Path | None) -> None:
            if path is not None and opened:
                self.app.push_screen(ReviewScreen(opened[-1], source=path, store=self.store), lambda _: self.reload())

        self.app.push_screen(PathPrompt("Open a session file", Path("."), ok_label="Open", check=read), chosen)

    def action_progress(self) -> None:
        self.app.push_screen(ProgressScreen(self.store, self.filter))

    def action_calibration(self) -> None:
        self.app.push_screen(CalibrationScreen(self.store))

    def action_back(self) -> None:
        self.dismiss(None)


def detail_lines(session: Session, words: list[str]) -> list[Content]:
    """Where the search matched (the words found marked), then what the coach changed (each
    correction beside the grader's verdict): at most DETAIL_LINES lines, the rest counted."""
    lines = [*found_lines(session, words), *review_lines(session)]
    if len(lines) > DETAIL_LINES:
        more = len(lines) - DETAIL_LINES + 1
        lines = [*lines[: DETAIL_LINES - 1], Content.styled(f"… {more} more: Enter opens the session", "$text-muted")]
    return lines


def found_lines(session: Session, words: list[str]) -> list[Content]:
    lines = []
    for number, record in enumerate(session.records, 1):
        for attempt in record.attempts:
            for answer in attempt.answers:
                if words and matches_all(answer.text, words):
                    kind = "follow-up" if answer.kind == AnswerKind.follow_up else "answer"
                    where = Content.styled(f"Q{number} try {attempt.number} {kind}: ", "$text-muted")
                    lines.append(where + found_words(answer.text, words))
    return lines


def review_lines(session: Session) -> list[Content]:
    review = session.review
    if review is None:
        return []
    numbers = {record.question.id: number for number, record in enumerate(session.records, 1)}
    changes = []
    for answer in review.answers:
        record = next((r for r in session.records if r.question.id == answer.question_id), None)
        attempt = next((a for a in record.attempts if a.number == answer.attempt), None) if record else None
        if attempt is None or attempt.feedback is None:
            continue
        where = f"Q{numbers[answer.question_id]} try {answer.attempt}: "
        if answer.adjusted_score is not None:
            reason = f" — {answer.adjustment_reason}" if answer.adjustment_reason else ""
            changes.append(f"{where}score {answer.adjusted_score:g} (grader: {attempt.feedback.score:g}){reason}")
        view = attempt_view(record.question, attempt, answer) if record else None
        changes += [where + correction.line for correction in (view.corrections() if view else [])]
    mark = "reviewed" if review.reviewed else "not marked reviewed"
    heading = f"Coach{f' {review.reviewer}' if review.reviewer else ''} ({mark}): "
    heading += f"{len(changes)} correction(s)" if changes else "no corrections"
    return [Content.styled(safe(heading, one_line=True), "bold")] + [
        Content(safe(change, one_line=True)) for change in changes
    ]


def found_words(text: str, words: list[str]) -> Content:
    """The answer around its first match, the matched words highlighted by style: the answer's
    own brackets and escapes are shown as typed, never read as markup."""
    return Content.assemble(
        *(
            (safe(piece, one_line=True), "bold $text-accent reverse") if hit else safe(piece, one_line=True)
            for piece, hit in snippet(text, words)
        )
    )
