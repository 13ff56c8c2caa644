"""Try again, compared: every attempt at one question side by side, so progress (or not) between
attempts is visible at a glance."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import HorizontalScroll, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from practice.feedback_view import attempt_view
from practice.grading.feedback import CriterionStatus
from practice.interview.models import Attempt, QuestionRecord
from practice.terminal import safe
from practice.widgets.criteria_checklist import CriteriaChecklist
from practice.widgets.section import Section, text_block


def attempt_title(attempt: Attempt) -> str:
    score = f"{attempt.feedback.score:g} / 5" if attempt.feedback else "not graded"
    return f"Attempt {attempt.number} - {score}"


def attempt_facts(attempt: Attempt) -> Content:
    feedback = attempt.feedback
    if feedback is None:
        return Content.styled("Not graded yet.", "$text-muted italic")
    covered = sum(c.status == CriterionStatus.covered for c in feedback.criteria)
    lines = [
        f"Areas covered: {covered} of {len(feedback.criteria)}",
        f"STAR parts: {feedback.star.hit_count()} of 4",
        f"{feedback.specificity.word_count} words, {round(attempt.seconds())} s to answer",
    ]
    return Content("\n".join(lines))


class AttemptsScreen(Screen[None]):
    CSS_PATH = "attempts.tcss"
    BINDINGS = [Binding("escape", "app.pop_screen", "Back", id="attempts.back")]

    def __init__(self, record: QuestionRecord) -> None:
        super().__init__()
        self.record = record

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(
            Content.from_markup("[b]Attempts at:[/b] $q", q=safe(self.record.question.text)), id="attempts-question"
        )
        with HorizontalScroll(id="attempts"):
            for attempt in self.record.attempts:
                with VerticalScroll(classes="attempt"):
                    yield Section(
                        attempt_title(attempt),
                        Static(attempt_facts(attempt)),
                        text_block(attempt.combined_text() or "(no answer)", classes="attempt-answer"),
                    )
                    if view := attempt_view(self.record.question, attempt):
                        yield Section("Areas to cover", CriteriaChecklist(view.criteria))
        yield Footer()
