"""The end of the interview: every question with its score, the weakest areas across the session,
STAR hit rate, time per question, self versus grader, and what to practise next.

Everything shown comes from engine.summary(); the screen picks a question for feedback, attempts
or a retry and hands the choice back to the interview screen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.events import Resize
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from practice.interview.models import Session
from practice.interview.scores import mean_text
from practice.interview.summary import SessionSummary, Suggestion
from practice.screens.attempts import AttemptsScreen
from practice.screens.feedback import ExampleWriter, FeedbackChoice, open_feedback
from practice.screens.file_dialogs import ExportDialog
from practice.screens.question_pick import QuestionPickScreen
from practice.terminal import safe
from practice.widgets.answer_timer import format_clock
from practice.widgets.section import Section, bullets, hanging

if TYPE_CHECKING:
    from practice.store.sqlite import SessionStore

QUESTION_COLUMN_MIN = 24
PRACTISE_TEXT_WIDTH = 40
CELL_PADDING = 2
AROUND_TABLE = 6
"""Before the table is laid out: the body's padding, the table's border and a scrollbar."""
NOTHING_TO_PRACTISE = "Nothing stands out: try another track, or a higher role level."
COUNTING_NOTE = (
    "Score is each question's latest attempt: that one counts in the mean. "
    "Attempt scores lists every try, oldest first."
)
BAR_WIDTH = 10
WEAKEST_SHOWN = 8
QUESTION_SUGGESTIONS = frozenset({"question", "criterion", "specificity"})
"""Suggestions whose target names questions (comma-separated ids): picking one practises them."""
PRACTISE_HINT = "Enter on a ▸ suggestion practises its question now, as a new attempt in this interview."


@dataclass(frozen=True)
class SummaryChoice:
    """Retry a question (its id), or leave for a new interview (None)."""

    retry_question_id: str | None = None


def shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def score_text(score: float | None) -> str:
    return f"{score:g}" if score is not None else "-"


def star_lines(summary: SessionSummary) -> list[Content]:
    lines = []
    for rate in summary.star:
        share = rate.rate
        filled = round((share or 0) * BAR_WIDTH)
        bar = Content.styled("█" * filled, "$text-success") + Content.styled(
            "░" * (BAR_WIDTH - filled), "$text-disabled"
        )
        lines.append(Content.assemble(f"{rate.part.title():<10} ", bar, f" {rate.hits}/{rate.total}"))
    return lines


class SummaryScreen(Screen[SummaryChoice]):
    CSS_PATH = "summary.tcss"
    BINDINGS = [
        Binding("f", "feedback", "Feedback", id="summary.feedback"),
        Binding("r", "retry", "Try again", id="summary.retry"),
        Binding("a", "attempts", "Attempts", id="summary.attempts"),
        Binding("p", "practise_next", "Practise next", id="summary.practise_next"),
        Binding("n", "new", "New interview", id="summary.new"),
        Binding("f3", "export", "Export", id="summary.export"),
    ]

    def __init__(
        self,
        session: Session,
        summary: SessionSummary,
        *,
        store: SessionStore | None = None,
        write_example: ExampleWriter | None = None,
    ) -> None:
        """`store` (the examples a model wrote) and `write_example` are handed to the feedback
        screens opened from here (mock interviews show feedback only here)."""
        super().__init__()
        self.session = session
        self.summary = summary
        self.store = store
        self.write_example = write_example
        self.numbers = {q.question_id: index for index, q in enumerate(summary.questions, start=1)}

    def compose(self) -> ComposeResult:
        summary = self.summary
        yield Header()
        with VerticalScroll(id="summary-body"):
            yield Static(
                Content.from_markup(
                    "[b]Summary[/b]  ·  $answered of $count answered  ·  mean score $mean / 5  ·  $time answering",
                    answered=str(summary.answered),
                    count=str(summary.question_count),
                    mean=mean_text(summary.mean_score),
                    time=format_clock(summary.total_seconds),
                ),
                id="summary-heading",
            )
            yield DataTable(id="questions", cursor_type="row", zebra_stripes=True)
            if any(len(q.attempt_scores) > 1 for q in summary.questions):
                yield Static(Content.styled(COUNTING_NOTE, "$text-muted"), id="summary-counting")
            yield Section(
                "Weakest areas",
                bullets(self.weak_lines(), empty="nothing missed"),
            )
            star = star_lines(summary)
            yield Section(
                "STAR hit rate (behavioral questions)",
                Static(
                    Content("\n").join(star)
                    if star
                    else Content.styled("no behavioral questions graded", "$text-muted italic")
                ),
            )
            yield Section("You versus the grader", bullets(self.gap_lines(), empty="no self-assessments yet"))
            yield Section("Practise next", *self.practise_widgets(), id="practise-section")
        yield Footer(compact=True)

    def weak_lines(self) -> list[str]:
        """Question numbers, not texts: the table above names them, and the list stays scannable."""
        lines = []
        for weak in self.summary.weakest_criteria[:WEAKEST_SHOWN]:
            again = f", missed {weak.count} times" if weak.count > 1 else ""
            lines.append(f"{weak.text} ({weak.status.value}, Q{self.numbers.get(weak.question_id, '?')}{again})")
        return lines

    def practise_widgets(self) -> list[Static | OptionList]:
        """One option per suggestion, most useful first, so the order reads as the engine ranked
        them; those naming questions can be picked (▸), the others are advice to read (•)."""
        suggestions = self.summary.practise_next
        if not suggestions:
            return [Static(Content.styled(NOTHING_TO_PRACTISE, "$text-muted italic"))]
        options = [
            Option(
                hanging("▸ " if self.suggested_questions(s) else "• ", line),
                id=str(index),
                disabled=not self.suggested_questions(s),
            )
            for index, (s, line) in enumerate(zip(suggestions, self.practise_lines(), strict=True))
        ]
        widgets: list[Static | OptionList] = [OptionList(*options, id="practise-next")]
        if any(not option.disabled for option in options):
            widgets.insert(0, Static(Content.styled(PRACTISE_HINT, "$text-muted"), id="practise-hint"))
        return widgets

    def suggested_questions(self, suggestion: Suggestion) -> list[str]:
        """The questions of this session a suggestion names, in its order."""
        if suggestion.kind not in QUESTION_SUGGESTIONS:
            return []
        return [question_id for question_id in suggestion.target.split(",") if question_id in self.numbers]

    def practise_lines(self) -> list[str]:
        """A suggestion names questions by id; here each is shown as the table shows it (its
        number and the start of its text)."""
        labels = {
            question.question_id: f"Q{number} “{shorten(question.text, PRACTISE_TEXT_WIDTH)}”"
            for question, number in zip(self.summary.questions, self.numbers.values(), strict=True)
        }
        lines = []
        for suggestion in self.summary.practise_next:
            line = suggestion.text
            for question_id in self.suggested_questions(suggestion) or suggestion.target.split(","):
                if question_id in labels:
                    line = re.sub(rf"\b{re.escape(question_id)}\b", labels[question_id], line)
            lines.append(line)
        return lines

    @on(OptionList.OptionSelected, "#practise-next")
    def suggestion_chosen(self, event: OptionList.OptionSelected) -> None:
        """One question: practised at once. Several (those the session did not reach, say): the
        candidate picks which."""
        event.stop()
        question_ids = self.suggested_questions(self.summary.practise_next[int(event.option.id or 0)])
        if len(question_ids) == 1:
            self.dismiss(SummaryChoice(retry_question_id=question_ids[0]))
        elif question_ids:
            title = "Practise which of these now, in this interview?"
            self.app.push_screen(QuestionPickScreen(self.session, title, only=question_ids), self.practise_picked)

    def practise_picked(self, question_id: str | None) -> None:
        if question_id is not None:
            self.dismiss(SummaryChoice(retry_question_id=question_id))

    def action_practise_next(self) -> None:
        lists = list(self.query("#practise-next").results(OptionList))
        if lists:
            lists[0].focus()
            self.query_one("#practise-section").scroll_visible()

    def gap_lines(self) -> list[str]:
        lines = []
        for gap in self.summary.self_gaps:
            number = self.numbers.get(gap.question_id, "?")
            line = f"Q{number} attempt {gap.attempt}: you {gap.self_score}, grader {gap.grader_score:g} ({gap.gap:+g})"
            if gap.star_disagreements:
                line += f"; STAR differs on {', '.join(gap.star_disagreements)}"
            lines.append(line)
        if self.summary.mean_self_gap is not None:
            lines.append(f"Average gap: {self.summary.mean_self_gap:+g}")
        return lines

    def on_mount(self) -> None:
        table = self.query_one("#questions", DataTable)
        table.add_column("#", key="n")
        table.add_column("Question", key="question")
        table.add_column("Score", key="score")
        table.add_column("Attempt scores", key="attempts")
        table.add_column("Time", key="time")
        self.fill_table()
        table.focus()
        self.call_after_refresh(self.fill_table)  # again once the table's own width is known

    @on(Resize)
    def fill_table(self) -> None:
        table = self.query_one("#questions", DataTable)
        if not table.columns:
            return
        row = table.cursor_row
        table.clear()
        rows = [
            (
                str(index),
                safe(question.text, one_line=True),
                score_text(question.score),
                " → ".join(score_text(s) for s in question.attempt_scores) or "-",
                format_clock(question.seconds),
            )
            for index, question in enumerate(self.summary.questions, start=1)
        ]
        laid_out = table.scrollable_content_region.width
        room = laid_out - CELL_PADDING if laid_out else self.size.width - AROUND_TABLE
        width = max(QUESTION_COLUMN_MIN, room - self.other_columns_width(rows))
        for question, cells in zip(self.summary.questions, rows, strict=True):
            number, text, *rest = cells
            # Text, not str: a str cell is read as markup. Made safe: Text passes ESC on to the terminal.
            table.add_row(number, Text(shorten(text, width)), *rest, key=question.question_id)
        table.move_cursor(row=row)

    def other_columns_width(self, rows: Sequence[tuple[str, ...]]) -> int:
        """Every column but the question's, at the width its header or widest cell needs: the
        question's text gets the rest, so Time is never cut off (it was, as "Tim")."""
        table = self.query_one("#questions", DataTable)
        headers = [str(column.label) for column in table.columns.values()]
        widths = [max(len(header), *(len(cells[i]) for cells in rows)) for i, header in enumerate(headers)]
        return sum(width + CELL_PADDING for i, width in enumerate(widths) if i != 1) + CELL_PADDING

    def selected_question_id(self) -> str | None:
        questions = self.summary.questions
        tables = list(self.query("#questions").results(DataTable))
        if not tables:
            return None  # bindings are checked before the table is composed
        row = tables[0].cursor_row
        return questions[row].question_id if 0 <= row < len(questions) else None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        question_id = self.selected_question_id()
        if action in ("feedback", "attempts", "retry") and question_id is None:
            return False
        record = self.session.record(question_id) if question_id else None
        if action == "feedback":
            return record is not None and any(a.feedback for a in record.attempts)
        if action == "attempts":
            return record is not None and len(record.attempts) > 1
        if action == "retry":
            return record is not None  # one not reached is answered for the first time
        if action == "practise_next":
            return any(self.suggested_questions(s) for s in self.summary.practise_next)
        return True

    @on(DataTable.RowHighlighted)
    def refresh_keys(self) -> None:
        self.refresh_bindings()

    @on(DataTable.RowSelected)
    def row_chosen(self) -> None:
        self.action_feedback()

    def action_feedback(self) -> None:
        question_id = self.selected_question_id()
        if question_id is None:
            return
        record = self.session.record(question_id)
        attempt = next((a for a in reversed(record.attempts) if a.feedback), None)
        if attempt is None:
            self.notify("This question has no feedback yet (it was not answered).")
            return
        index = self.session.records.index(record) + 1
        heading = f"Question {index} of {len(self.session.records)} - feedback"
        open_feedback(
            self,
            record,
            attempt,
            heading=heading,
            can_continue=False,
            review=self.session.review,
            store=self.store,
            write_example=self.write_example,
            callback=self.feedback_chosen,
        )

    def feedback_chosen(self, choice: FeedbackChoice | None) -> None:
        if choice == FeedbackChoice.retry:
            self.action_retry()

    def action_attempts(self) -> None:
        question_id = self.selected_question_id()
        if question_id is not None:
            self.app.push_screen(AttemptsScreen(self.session.record(question_id)))

    def action_retry(self) -> None:
        question_id = self.selected_question_id()
        if question_id is not None:
            self.dismiss(SummaryChoice(retry_question_id=question_id))

    def action_new(self) -> None:
        self.dismiss(SummaryChoice())

    def action_export(self) -> None:
        self.app.push_screen(ExportDialog(self.session))
