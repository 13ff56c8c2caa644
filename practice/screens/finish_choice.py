"""Finishing early with an answer typed but not sent: the candidate chooses what becomes of it,
so an unsent answer is never dropped into a finished session where nothing can reach it."""

from __future__ import annotations

from enum import StrEnum

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static


class FinishChoice(StrEnum):
    grade = "grade"
    keep = "keep"
    stay = "stay"


QUESTION = (
    "Your answer is typed but not sent. Finish now and have it graded with the rest, "
    "or keep it as a draft and leave the interview unfinished, to resume later?"
)
LABELS = {
    FinishChoice.grade: "Grade it and finish (g)",
    FinishChoice.keep: "Keep the draft, resume later (k)",
    FinishChoice.stay: "Stay (n)",
}


class FinishChoiceScreen(ModalScreen[FinishChoice]):
    CSS_PATH = "finish_choice.tcss"
    BINDINGS = [
        Binding("g", f"choose('{FinishChoice.grade}')", "Grade and finish", id="finish.grade"),
        Binding("k", f"choose('{FinishChoice.keep}')", "Keep the draft", id="finish.keep"),
        Binding("n,escape", f"choose('{FinishChoice.stay}')", "Stay", id="finish.stay"),
    ]

    def compose(self) -> ComposeResult:
        with Vertical(id="finish-choice"):
            yield Static(QUESTION, id="finish-question")
            with Vertical(id="finish-buttons"):
                for choice, label in LABELS.items():
                    yield Button(
                        label, variant="primary" if choice == FinishChoice.grade else "default", id=choice.value
                    )
        yield Footer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(FinishChoice(str(event.button.id)))

    def action_choose(self, choice: str) -> None:
        self.dismiss(FinishChoice(choice))
