"""Self-assessment before feedback: which STAR parts the candidate believes they covered and a
1-5 score. Asked first so the later comparison with the grader is honest."""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Footer, Label, RadioButton, RadioSet

from practice.interview.models import STAR_PARTS, SelfAssessment

DEFAULT_SCORE = 3

Then = Literal["feedback", "next", "finish"]
SUBMIT_LABELS: dict[Then, str] = {
    "feedback": "Show feedback",
    "next": "Next question",
    "finish": "Finish and see the feedback",
}
"""What submitting leads to, said on the button and in the footer: in mock mode the feedback
waits for the end, so the button must not promise it."""


class SelfAssessmentScreen(ModalScreen[SelfAssessment]):
    CSS_PATH = "self_assessment.tcss"
    BINDINGS = [
        *(
            Binding("ctrl+s", f"submit('{then}')", label, priority=True, id=f"self_assessment.{then}")
            for then, label in SUBMIT_LABELS.items()
        ),
        *(Binding(str(n), f"score({n})", f"Score {n}", show=False) for n in range(1, 6)),
    ]

    def __init__(
        self,
        *,
        star_applies: bool,
        then: Then = "feedback",
        picked: SelfAssessment | None = None,
        on_change: Callable[[SelfAssessment], None] | None = None,
    ) -> None:
        """`picked`: choices saved before (a resume puts them back). `on_change`: told every
        change, so the interview can save the picks before they are submitted."""
        super().__init__()
        self.star_applies = star_applies
        self.then = then
        self.picked = picked
        self.on_change = on_change

    def compose(self) -> ComposeResult:
        picked = self.picked
        score = picked.score if picked is not None else DEFAULT_SCORE
        with Vertical(id="self-assessment"):
            yield Label("[b]Before the feedback: how did that go?[/b]")
            hint = (
                "Which parts of STAR did you cover?"
                if self.star_applies
                else "Which parts did you cover? (A situational question: STAR is only a guide here.)"
            )
            yield Label(hint, id="self-hint")
            with Horizontal(id="star-parts"):
                for part in STAR_PARTS:
                    yield Checkbox(part.title(), picked is not None and getattr(picked, part), id=f"self-{part}")
            yield Label("Your score, 1 (weak) to 5 (strong) - keys 1-5:")
            with RadioSet(id="self-score"):
                for n in range(1, 6):
                    yield RadioButton(str(n), value=n == score, id=f"score-{n}")
            yield Button(f"{SUBMIT_LABELS[self.then]} (ctrl+s)", variant="primary", id="submit-assessment")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one(f"#self-{STAR_PARTS[0]}", Checkbox).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "submit":
            return parameters == (self.then,)
        return True

    def action_score(self, score: int) -> None:
        self.query_one(f"#score-{score}", RadioButton).value = True

    def chosen_score(self) -> int:
        pressed = self.query_one(RadioSet).pressed_button
        return int(str(pressed.label)) if pressed is not None else DEFAULT_SCORE

    def assessment(self) -> SelfAssessment:
        ticks = {part: self.query_one(f"#self-{part}", Checkbox).value for part in STAR_PARTS}
        return SelfAssessment(**ticks, score=self.chosen_score())

    def on_checkbox_changed(self, _: Checkbox.Changed) -> None:
        self._changed()

    def on_radio_set_changed(self, _: RadioSet.Changed) -> None:
        self._changed()

    def _changed(self) -> None:
        if self.on_change is not None and self.is_mounted:
            self.on_change(self.assessment())

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_submit(self.then)

    def action_submit(self, then: str) -> None:
        self.dismiss(self.assessment())
