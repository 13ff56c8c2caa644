"""The areas-to-cover checklist: each criterion covered / partial / missing, with the answer's own
sentence as evidence, so a candidate sees *why* and not only *what*."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from practice.feedback_view import CriterionView
from practice.grading.feedback import CriterionStatus
from practice.terminal import safe

STATUS_MARKS = {
    CriterionStatus.covered: ("✔ covered", "$text-success"),
    CriterionStatus.partial: ("◐ partial", "$text-warning"),
    CriterionStatus.missing: ("✘ missing", "$text-error"),
}


class Quote(Static):
    """A sentence of the answer under what it is evidence for. A widget of its own, indented by
    its style, so a long quote wraps under itself instead of back at the margin."""

    def __init__(self, text: str) -> None:
        super().__init__(Content.from_markup('[i]"$quote"[/i]', quote=safe(text)))


def criterion_widgets(result: CriterionView) -> Iterator[Widget]:
    mark, style = STATUS_MARKS[result.status]
    # The area's text beside its mark, so a long one wraps under itself.
    yield Horizontal(
        Static(Content.styled(mark, f"{style} b"), classes="criterion-mark"),
        Static(Content(safe(result.text)), classes="criterion-text"),
        classes="criterion",
    )
    if result.evidence:
        yield Quote(result.evidence)
    if result.note:
        yield Static(safe(result.note), classes="criterion-note", markup=False)


class CriteriaChecklist(Vertical):
    def __init__(self, results: Iterable[CriterionView], *, id: str | None = None) -> None:
        super().__init__(*(widget for result in results for widget in criterion_widgets(result)), id=id)
