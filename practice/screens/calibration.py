"""How far the grader is from the coaches, over the reviewed sessions in the history: the same
report as `practice calibrate`, read off the event loop and shown as plain text (never markup),
each line wrapping at its own indent."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from practice.errors import PracticeError
from practice.screens.background import notify_failure
from practice.widgets.section import indented_report

if TYPE_CHECKING:
    from practice.store.sqlite import SessionStore


class CalibrationScreen(Screen[None]):
    CSS_PATH = "calibration.tcss"
    BINDINGS = [Binding("escape", "back", "Back", id="calibration.back")]

    def __init__(self, store: SessionStore) -> None:
        super().__init__()
        self.store = store

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="calibration-body"):
            yield Static(Content("Comparing the grader with the coaches' reviews…"), id="calibration-report")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Grader against coaches"
        self.load()

    @work(thread=True, exclusive=True, group="calibration", exit_on_error=False)
    def load(self) -> None:
        from practice.calibration import text
        from practice.calibration.collect import calibrate_sessions

        try:
            calibration, _ = calibrate_sessions(self.store, [], shown=10)
        except PracticeError as error:
            notify_failure(self.app, "Could not compare the grader with the coaches", error)
            return
        self.app.call_from_thread(self.show, text.render(calibration))

    def show(self, report: str) -> None:
        self.query_one("#calibration-report", Static).update(indented_report(report))

    def action_back(self) -> None:
        self.dismiss(None)
