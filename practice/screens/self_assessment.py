"""Self-assessment before feedback: which STAR parts the candidate believes they covered and a
1-5 score. Asked first so the later comparison with the grader is honest."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Label, RadioButton, RadioSet

from practice.interview.models import STAR_PARTS, SelfAssessment

DEFAULT_SCORE = 3


class SelfAssessmentScreen(ModalScreen[SelfAssessment]):
    CSS_PATH = "self_assessment.tcss"
    BINDINGS = [
        Binding("ctrl+s", "submit", "Show feedback", priority=True, id="self_assessment.submit"),
        *(Binding(str(n), f"score({n})", f"Score {n}", show=False) for n in range(1, 6)),
    ]

    def __init__(self, *, star_applies: bool) -> None:
        super().__init__()
        self.star_applies = star_applies

    def compose(self) -> ComposeResult:
        with Vertical(id="self-assessment"):
            yield Label("[b]Before the feedback: how did that go?[/b]")
            hint = (
                "Which parts of STAR did you cover?"
                if self.star_applies
                else ("Which parts did you cover? (situational question: STAR is for your information)")
            )
            yield Label(hint)
            with Horizontal(id="star-parts"):
                for part in STAR_PARTS:
                    yield Checkbox(part.title(), id=f"self-{part}")
            yield Label("Your score, 1 (weak) to 5 (strong) - keys 1-5:")
            with RadioSet(id="self-score"):
                for n in range(1, 6):
                    yield RadioButton(str(n), value=n == DEFAULT_SCORE, id=f"score-{n}")
            yield Button("Show feedback (ctrl+s)", variant="primary", id="show-feedback")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#self-{STAR_PARTS[0]}", Checkbox).focus()

    def action_score(self, score: int) -> None:
        self.query_one(f"#score-{score}", RadioButton).value = True

    def chosen_score(self) -> int:
        pressed = self.query_one(RadioSet).pressed_button
        return int(str(pressed.label)) if pressed is not None else DEFAULT_SCORE

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_submit()

    def action_submit(self) -> None:
        ticks = {part: self.query_one(f"#self-{part}", Checkbox).value for part in STAR_PARTS}
        self.dismiss(SelfAssessment(**ticks, score=self.chosen_score()))
