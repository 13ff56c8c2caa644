"""Progress over the sessions the history shows: score per competency, STAR part hit rate and the
self-assessment gap over time as terminal charts; best and average per question; and the attempts
at one question side by side, to see an answer improve.

The numbers are aggregated by the store over every session the history's filters choose (read in
a worker); this screen only draws them. The attempts shown side by side are read when their
question is highlighted, as they are the only part that needs the answers' text.
"""

from __future__ import annotations

from typing import Any, Protocol

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static
from textual_plotext import PlotextPlot

from practice.errors import PracticeError
from practice.screens.background import notify_failure
from practice.store.queries import Period, Point, Progress, QuestionAttempt, SessionFilter
from practice.terminal import safe

MAX_X_LABELS = 6
SIDE_BY_SIDE = 3


class ProgressStore(Protocol):
    def progress(self, **filters: Any) -> Progress: ...
    def question_attempts(self, question_id: str, *, limit: int, **filters: Any) -> list[QuestionAttempt]: ...


def draw_series(
    plot: PlotextPlot, title: str, series: dict[str, list[Point]], *, ylim: tuple[float, float], period: Period
) -> None:
    """Points (sessions, or days, weeks, months over many sessions) are placed one step apart in
    date order (not on a time scale), so a burst of practice on one day stays readable; the x
    labels say the day (the month, for months)."""
    moments = sorted({point.when for points in series.values() for point in points})
    position = {moment: index for index, moment in enumerate(moments, 1)}
    plt = plot.plt
    plt.clear_figure()
    plt.title(title)
    for label, points in series.items():
        if points:
            plt.plot([position[p.when] for p in points], [p.value for p in points], label=label, marker="braille")
    if moments:
        plt.ylim(*ylim)
        step = max(1, len(moments) // MAX_X_LABELS)
        ticks = list(range(1, len(moments) + 1, step))
        label = "%Y-%m" if period == Period.month else "%m-%d"
        plt.xticks(ticks, [moments[tick - 1].strftime(label) for tick in ticks])
    plot.refresh()


class ProgressScreen(Screen[None]):
    CSS_PATH = "progress.tcss"
    BINDINGS = [Binding("escape", "back", "Back", id="progress.back")]

    def __init__(self, store: ProgressStore, session_filter: SessionFilter | None = None) -> None:
        super().__init__()
        self.store = store
        self.session_filter = session_filter or SessionFilter()
        self.progress: Progress | None = None
        self.attempts_of: str | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="progress-body"):
            yield Static("Reading sessions…", id="progress-status")
            with Horizontal(classes="charts"):
                yield PlotextPlot(id="competency-chart")
                yield PlotextPlot(id="star-chart")
            with Horizontal(classes="charts"):
                yield PlotextPlot(id="gap-chart")
            table: DataTable[str] = DataTable(id="question-table", cursor_type="row", zebra_stripes=True)
            table.add_columns("Question", "Attempts", "Best", "Average", "Latest")
            yield table
            yield Horizontal(id="side-by-side")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Progress"
        self.load()

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def load(self) -> None:
        try:
            progress = self.store.progress(**self.session_filter.as_kwargs())
        except PracticeError as error:
            notify_failure(self.app, "Could not read the sessions", error)
            return
        self.app.call_from_thread(self.show, progress)

    def show(self, progress: Progress) -> None:
        self.progress = progress
        per = "" if progress.period == Period.session else f", one point per {progress.period.value}"
        status = f"{progress.session_count} session(s){per}" if progress.session_count else "No graded sessions yet."
        self.query_one("#progress-status", Static).update(Content(status))
        period = progress.period
        draw_series(self.query_one("#competency-chart", PlotextPlot), "Score per competency (1-5)",
                    progress.competency_scores, ylim=(1, 5), period=period)
        draw_series(self.query_one("#star-chart", PlotextPlot), "STAR parts found (share of behavioral answers)",
                    progress.star_hit_rate, ylim=(0, 1), period=period)
        draw_series(self.query_one("#gap-chart", PlotextPlot), "Self-assessment minus grader score",
                    {"gap": progress.self_gap}, ylim=(-4, 4), period=period)
        table = self.query_one("#question-table", DataTable)
        table.clear()
        self.attempts_of = None
        for question in progress.questions:
            table.add_row(Text(safe(question.text, one_line=True)), str(question.attempt_count), f"{question.best:g}",
                          f"{question.average:g}", f"{question.latest:g}", key=question.question_id)
        if progress.questions:
            self.load_attempts(0)

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self.load_attempts(event.cursor_row)

    def load_attempts(self, index: int) -> None:
        """Once per question highlighted: filling the table highlights its first row as well."""
        if self.progress is None or not 0 <= index < len(self.progress.questions):
            return
        question_id = self.progress.questions[index].question_id
        if question_id != self.attempts_of:
            self.attempts_of = question_id
            self.read_attempts(question_id)

    @work(thread=True, exclusive=True, group="progress-attempts", exit_on_error=False)
    def read_attempts(self, question_id: str) -> None:
        try:
            attempts = self.store.question_attempts(
                question_id, limit=SIDE_BY_SIDE, **self.session_filter.as_kwargs()
            )
        except PracticeError as error:
            notify_failure(self.app, "Could not read the attempts", error)
            return
        self.app.call_from_thread(self.show_attempts, question_id, attempts)

    def show_attempts(self, question_id: str, attempts: list[QuestionAttempt]) -> None:
        table = self.query_one("#question-table", DataTable)
        if self.progress is None or not 0 <= table.cursor_row < len(self.progress.questions):
            return
        question = self.progress.questions[table.cursor_row]
        if question.question_id != question_id:
            return  # the cursor has moved on; its own attempts are on their way
        columns = []
        for attempt in attempts:
            coach = f" · coach {attempt.coach_score:g}" if attempt.coach_score is not None else ""
            own = f" · you {attempt.self_score}" if attempt.self_score is not None else ""
            column = Vertical(Static(Content(attempt.text or "(no answer)")), classes="attempt")
            # The try and its score first: at 80 columns a title is cut after about 20 characters.
            column.border_title = f"try {attempt.attempt} · {attempt.score:g}{own}{coach} · {attempt.when:%Y-%m-%d}"
            columns.append(column)
        side = self.query_one("#side-by-side", Horizontal)
        side.border_title = f"Latest attempts at: {question.text}"
        side.remove_children()
        side.mount_all(columns)

    def action_back(self) -> None:
        self.dismiss(None)
