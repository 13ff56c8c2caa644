"""Which question of a session to practise again: a modal list of its questions (or of those a
suggestion names), each with its number, its words and how it scored there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, OptionList, Static
from textual.widgets.option_list import Option

from practice.interview.models import Session
from practice.terminal import safe


class QuestionPickScreen(ModalScreen[str | None]):
    """Returns the id of the question picked, or None when dismissed."""

    CSS_PATH = "question_pick.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="question_pick.cancel")]

    def __init__(
        self,
        session: Session,
        title: str = "Practise which question again? A new interview asks it alone.",
        *,
        only: list[str] | None = None,
    ) -> None:
        """`only`: the ids of the questions to offer (all of the session's when None)."""
        super().__init__()
        self.session = session
        self.title_text = title
        self.only = only

    def compose(self) -> ComposeResult:
        options = []
        for number, record in enumerate(self.session.records, start=1):
            if self.only is not None and record.question.id not in self.only:
                continue
            graded = [a.feedback.score for a in record.attempts if a.feedback is not None]
            scored = f"  ({graded[-1]:g}/5)" if graded else "  (not answered)"
            options.append(
                Option(
                    Content(safe(f"Q{number}  {record.question.text}{scored}", one_line=True)), id=record.question.id
                )
            )
        with Vertical(id="question-pick"):
            yield Static(self.title_text, id="question-pick-title")
            yield OptionList(*options, id="question-pick-list")
        yield Footer()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
