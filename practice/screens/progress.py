"""Progress over the sessions the history shows: score per competency, STAR part hit rate and the
self-assessment gap over time as terminal charts; below them the delivery of the spoken answers
(pace, fillers, long pauses); best and average per question; and the attempts at one question
side by side, to see an answer improve.

The numbers are aggregated by the store over every session the history's filters choose (read in
a worker); this screen only draws them. The attempts shown side by side are read when their
question is highlighted, as they are the only part that needs the answers' text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Static

from practice.errors import PracticeError
from practice.interview.scores import mean_text
from practice.screens.background import notify_failure
from practice.store.queries import Period, Progress, QuestionAttempt, SessionFilter
from practice.terminal import safe
from practice.widgets.delivery_progress import DeliveryProgressView
from practice.widgets.fitted_column import fit_column, fitted_cell
from practice.widgets.series_chart import ChartSpec, SeriesChart

if TYPE_CHECKING:
    from practice.store.sqlite import SessionStore

SIDE_BY_SIDE = 3
QUESTION_MIN = 20
COMPETENCIES = ChartSpec(
    "Score per competency (1-5)",
    (1, 2, 3, 4, 5),
    ("1", "2", "3", "4", "5"),
    "Not enough data yet: no graded answers in these sessions.",
)
STAR = ChartSpec(
    "STAR parts found (share of behavioral answers)",
    (0, 0.25, 0.5, 0.75, 1),
    ("0%", "25%", "50%", "75%", "100%"),
    'Not enough data yet: STAR is judged on behavioral ("Tell me about a time…") answers, '
    "and these sessions have none graded.",
)
GAP = ChartSpec(
    "Self-assessment minus grader score",
    (-4, -2, 0, 2, 4),
    ("-4", "-2", "0", "+2", "+4"),
    "Not enough data yet: no self-assessed answers (you score yourself before the feedback).",
)


class ProgressScreen(Screen[None]):
    CSS_PATH = "progress.tcss"
    BINDINGS = [
        Binding("a", "toggle_all", "All competencies", id="progress.all"),
        Binding("escape", "back", "Back", id="progress.back"),
    ]
    # Below 100 columns the charts stack, each full width, rather than squeeze side by side.
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, store: SessionStore, session_filter: SessionFilter | None = None) -> None:
        super().__init__()
        self.store = store
        self.session_filter = session_filter or SessionFilter()
        self.progress: Progress | None = None
        self.attempts_of: str | None = None
        self.all_competencies = False
        self.more_competencies = False

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="progress-body"):
            yield Static("Reading sessions…", id="progress-status")
            with Horizontal(classes="charts"):
                yield SeriesChart(COMPETENCIES, id="competency-chart")
                yield SeriesChart(STAR, id="star-chart")
            yield SeriesChart(GAP, id="gap-chart")
            yield DeliveryProgressView(id="delivery-progress")
            table: DataTable[str] = DataTable(id="question-table", cursor_type="row", zebra_stripes=True)
            for heading in ("Question", "Attempts", "Best", "Average", "Latest"):
                table.add_column(heading, key=heading.lower())
            yield table
            yield Horizontal(id="side-by-side")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "Progress"
        self.load()

    @work(thread=True, exclusive=True, group="progress", exit_on_error=False)
    def load(self) -> None:
        try:
            progress = self.store.progress(self.session_filter)
        except PracticeError as error:
            notify_failure(self.app, "Could not read the sessions", error)
            return
        self.app.call_from_thread(self.show, progress)

    def show(self, progress: Progress) -> None:
        self.progress = progress
        per = "" if progress.period == Period.session else f", one point per {progress.period.value}"
        status = f"{progress.session_count} session(s){per}" if progress.session_count else "No graded sessions yet."
        self.query_one("#progress-status", Static).update(Content(status))
        self.draw_charts()
        table = self.query_one("#question-table", DataTable)
        table.clear()
        self.attempts_of = None
        for question in progress.questions:
            table.add_row(
                fitted_cell(safe(question.text, one_line=True)),
                str(question.attempt_count),
                f"{question.best:g}",
                mean_text(question.average),
                f"{question.latest:g}",
                key=question.question_id,
            )
        self.fit_questions()
        if progress.questions:
            self.load_attempts(0)

    @on(Resize)
    def fit_questions(self) -> None:
        """The question's words get what the figures leave: at 80 columns a long question pushed
        Attempts, Best, Average and Latest off the right."""
        fit_column(self.query_one("#question-table", DataTable), "question", minimum=QUESTION_MIN)

    def draw_charts(self) -> None:
        if self.progress is None:
            return
        progress, period = self.progress, self.progress.period
        left_out = self.query_one("#competency-chart", SeriesChart).draw(
            progress.competency_scores, period=period, show_all=self.all_competencies
        )
        self.more_competencies = bool(left_out) or self.all_competencies
        self.refresh_bindings()
        self.query_one("#star-chart", SeriesChart).draw(progress.star_hit_rate, period=period)
        self.query_one("#gap-chart", SeriesChart).draw({"self minus grader": progress.self_gap}, period=period)
        self.query_one(DeliveryProgressView).draw(progress.delivery, period=period)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """'All competencies' only where the chart leaves some out (or shows them all)."""
        return self.more_competencies if action == "toggle_all" else True

    def action_toggle_all(self) -> None:
        self.all_competencies = not self.all_competencies
        self.draw_charts()

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
            attempts = self.store.question_attempts(question_id, limit=SIDE_BY_SIDE, session_filter=self.session_filter)
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
            column = Vertical(Static(Content(safe(attempt.text or "(no answer)"))), classes="attempt")
            # The try and its score first: at 80 columns a title is cut after about 20 characters.
            column.border_title = Content(
                f"try {attempt.attempt} · {attempt.score:g}{own}{coach} · {attempt.when:%Y-%m-%d}"
            )
            columns.append(column)
        side = self.query_one("#side-by-side", Horizontal)
        side.border_title = Content(safe(f"Latest attempts at: {question.text}", one_line=True))  # not markup
        side.remove_children()
        side.mount_all(columns)

    def action_back(self) -> None:
        self.dismiss(None)
