"""The feedback for one attempt: score and reasons, every criterion with evidence, STAR (or
structure), specificity, strengths and improvements, the candidate's answer beside the bank's
example, and why employers ask the question. Self-assessment and grader side by side.

The screen only renders; what happens next (next question, retry) is the caller's decision, sent
back as the dismiss value.
"""

from __future__ import annotations

from enum import StrEnum

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Footer, Header, Static

from practice.bank.models import QuestionType
from practice.grading.feedback import Feedback
from practice.interview.models import Attempt, QuestionRecord, SelfAssessment
from practice.screens.attempts import AttemptsScreen
from practice.widgets.criteria_checklist import CriteriaChecklist
from practice.widgets.section import Section, bullets, text_block

NO_SAMPLE = "The bank has no example answer for this question."
EXAMPLE_TITLE = "Example answer"
EXAMPLE_NOTE = "One good way to answer, not the only right one."


class FeedbackChoice(StrEnum):
    next = "next"
    retry = "retry"
    back = "back"


def mark(value: bool) -> Content:
    return Content.styled("✔", "$text-success b") if value else Content.styled("✘", "$text-error b")


PART_WIDTH = 12
COLUMN_WIDTH = 8


def comparison_row(label: str, you: Content | str, grader: Content | str) -> Content:
    you_cell = Content(you) if isinstance(you, str) else you
    return Content.assemble(label.ljust(PART_WIDTH), you_cell, " " * (COLUMN_WIDTH - len(you_cell.plain)), grader)


def self_versus_grader(feedback: Feedback, assessment: SelfAssessment | None, question_type: QuestionType) -> Static:
    """One row per STAR part: what the candidate ticked, what the grader found, and its quote."""
    rows = [
        Content.assemble(" " * PART_WIDTH, ("You".ljust(COLUMN_WIDTH), "bold"), ("Grader", "bold")),
        comparison_row("Score", str(assessment.score) if assessment else "-", f"{feedback.score:g}"),
    ]
    claimed = assessment.star() if assessment else {}
    for part, result in feedback.star.parts().items():
        rows.append(comparison_row(part.title(), mark(claimed[part]) if assessment else "-", mark(result.present)))
        if result.evidence:
            rows.append(Content.from_markup('    [i]"$quote"[/i]', quote=result.evidence))
    if not feedback.star.applicable or question_type == QuestionType.situational:
        rows.append(
            Content.styled("STAR is information only here: this is a situational question.", "$text-muted italic")
        )
    return Static(Content("\n").join(rows), id="self-vs-grader")


def specificity_lines(feedback: Feedback) -> list[str]:
    spec = feedback.specificity
    minutes, seconds = divmod(round(spec.speaking_seconds), 60)
    lines = [
        f"{spec.word_count} words, about {minutes}:{seconds:02d} spoken",
        f'Your own actions ("I"): {spec.first_person_actions}; team actions ("we"): {spec.we_actions}',
    ]
    for label, values in (
        ("Numbers and results", spec.numbers),
        ("Concrete actions", spec.concrete_actions),
        ("Obstacles", spec.obstacles),
        ("Lessons", spec.lessons),
    ):
        lines.append(f"{label}: {'; '.join(values) if values else 'none found'}")
    return lines


class FeedbackScreen(Screen[FeedbackChoice]):
    CSS_PATH = "feedback.tcss"
    BINDINGS = [
        Binding("n", "choose('next')", "Continue", id="feedback.next"),
        Binding("r", "choose('retry')", "Try again", id="feedback.retry"),
        Binding("a", "attempts", "Attempts", id="feedback.attempts"),
        Binding("escape", "choose('back')", "Back", id="feedback.back"),
    ]

    def __init__(self, record: QuestionRecord, attempt: Attempt, *, heading: str, can_continue: bool) -> None:
        super().__init__()
        if attempt.feedback is None:
            raise ValueError("FeedbackScreen needs a graded attempt")
        self.record = record
        self.attempt = attempt
        self.feedback = attempt.feedback
        self.heading = heading
        self.can_continue = can_continue

    def compose(self) -> ComposeResult:
        question = self.record.question
        feedback = self.feedback
        yield Header()
        with VerticalScroll(id="feedback-body"):
            yield Static(Content.from_markup("[b]$heading[/b]", heading=self.heading), id="feedback-heading")
            yield text_block(question.text, classes="question-text")
            yield Section(
                f"Score {feedback.score:g} / 5 (attempt {self.attempt.number})",
                bullets(feedback.reasons, empty="no reasons given"),
                id="score",
            )
            if feedback.flags:
                yield Section("Warnings", bullets(f.message for f in feedback.flags), id="flags", classes="warning")
            yield Section(
                "You versus the grader", self_versus_grader(feedback, self.attempt.self_assessment, question.type)
            )
            yield Section("Areas to cover", CriteriaChecklist(feedback.criteria), id="criteria")
            if question.type == QuestionType.situational or not feedback.star.applicable:
                yield Section("Structure", bullets(feedback.structure, empty="no structure notes"), id="structure")
            yield Section("Specificity", bullets(specificity_lines(feedback)), id="specificity")
            yield Section("Strengths", bullets(feedback.strengths))
            yield Section("To improve", bullets(feedback.improvements))
            with Horizontal(id="answers"):
                yield Section("Your answer", text_block(self.attempt.combined_text() or "(no answer)"))
                yield Section(
                    EXAMPLE_TITLE,
                    Static(Content.styled(EXAMPLE_NOTE, "$text-muted italic"), classes="example-note"),
                    text_block(question.sample_answer or NO_SAMPLE),
                    id="example",
                )
            yield Section("Why employers ask this", text_block(question.why_asked or "The bank does not say."))
            yield Static(
                Content.styled(f"Graded by: {feedback.grader.kind} grader {feedback.grader.version}", "$text-muted")
            )
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#feedback-body").focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "choose" and parameters == ("next",):
            return self.can_continue
        if action == "choose" and parameters == ("back",):
            return not self.can_continue
        if action == "attempts":
            return len(self.record.attempts) > 1
        return True

    def action_attempts(self) -> None:
        self.app.push_screen(AttemptsScreen(self.record))

    def action_choose(self, choice: str) -> None:
        self.dismiss(FeedbackChoice(choice))
