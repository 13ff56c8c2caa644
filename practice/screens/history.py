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
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Input, Select, Static

from practice.errors import PracticeError
from practice.history_rows import HEADINGS, summary_cells
from practice.interview.models import Session
from practice.screens.background import notify_failure
from practice.screens.calibration import CalibrationScreen
from practice.screens.file_dialogs import ExportDialog, PathPrompt
from practice.screens.progress import ProgressScreen
from practice.screens.question_pick import QuestionPickScreen
from practice.screens.review import ReviewScreen
from practice.store import session_file
from practice.store.queries import SessionFilter
from practice.terminal import safe

if TYPE_CHECKING:
    from practice.store.sqlite import SessionRow, SessionStore

PAGE_SIZE = 50
# Load the next page when the cursor is this close to the last loaded row.
PREFETCH_ROWS = 10


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
        self.exhausted = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="history-filters"):
            # Content, not str: a str prompt is read as markup, and a title may hold "[/]".
            titles = [(Content(safe(title, one_line=True)), track) for title, track in self.tracks]
            yield Select(titles, prompt="Any track", id="filter-track")
            yield Input(placeholder="competency", id="filter-competency")
            yield Input(placeholder="since YYYY-MM-DD", id="filter-since")
            yield Input(placeholder="until YYYY-MM-DD", id="filter-until")
            yield Input(placeholder="search answers", id="filter-text")
        yield Static("", id="history-status")
        table: DataTable[str] = DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        table.add_columns(*HEADINGS)
        yield table
        yield Footer()

    def on_mount(self) -> None:
        self.title = "History"
        self.query_one("#history-table", DataTable).focus()
        self.reload()

    # -- loading -------------------------------------------------------------------------------

    def reload(self) -> None:
        self.rows = []
        self.exhausted = False
        self.query_one("#history-table", DataTable).clear()
        self.refresh_bindings()
        self._status("Loading…")
        self.load_page(self.filter, 0)

    @work(thread=True, exclusive=True, group="history-page", exit_on_error=False)
    def load_page(self, session_filter: SessionFilter, offset: int) -> None:
        try:
            rows = self.store.list_sessions(session_filter, limit=PAGE_SIZE, offset=offset)
        except PracticeError as error:
            notify_failure(self.app, "Could not read the history", error)
            self.app.call_from_thread(self._status, "The history could not be read.")
            return
        self.app.call_from_thread(self._add_rows, session_filter, offset, rows)

    def _add_rows(self, session_filter: SessionFilter, offset: int, rows: list[SessionRow]) -> None:
        if session_filter != self.filter or offset != len(self.rows):
            return  # a page for filters no longer shown
        table = self.query_one("#history-table", DataTable)
        for row in rows:
            # Text, not str: a DataTable reads str cells as markup, and a track name may come from a sent file.
            table.add_row(*(Text(safe(cell, one_line=True)) for cell in summary_cells(row)), key=row.id)
        self.rows.extend(rows)
        self.exhausted = len(rows) < PAGE_SIZE
        self.refresh_bindings()
        if not self.rows:
            self._status("No saved sessions yet." if self.filter.chooses_all else "No saved sessions match.")
        else:
            more = "" if self.exhausted else " (more load as you scroll)"
            self._status(f"{len(self.rows)} session(s){more} · Enter opens the highlighted one")

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.refresh_bindings()  # whether Resume applies depends on the row
        if not self.exhausted and event.cursor_row >= len(self.rows) - PREFETCH_ROWS:
            self.load_page(self.filter, len(self.rows))

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
            self.notify(safe(str(error)), severity="error", markup=False)
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
