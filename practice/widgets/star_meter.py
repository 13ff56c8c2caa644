"""The STAR meter: four lamps that light as the answer grows a situation, task, action, result.

It is a nudge while typing, not a verdict: the grader decides after submission.
"""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

PART_LETTERS = (("situation", "S"), ("task", "T"), ("action", "A"), ("result", "R"))


class StarMeter(Static):
    """Shows which STAR parts the live measure sees in the answer so far."""

    lit: reactive[frozenset[str]] = reactive(frozenset, layout=False)

    def render(self) -> Content:
        pieces = [Content("STAR ")]
        for part, letter in PART_LETTERS:
            style = "bold $text-success" if part in self.lit else "$text-disabled"
            pieces.append(Content.styled(f"{letter} ", style))
        return Content("").join(pieces).rstrip()

    def show(self, parts: dict[str, bool]) -> None:
        self.lit = frozenset(part for part, present in parts.items() if present)
