"""The areas-to-cover checklist: each criterion covered / partial / missing, with the answer's own
sentence as evidence, so a candidate sees *why* and not only *what*."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.widgets import Static

from practice.grading.feedback import CriterionResult, CriterionStatus

STATUS_MARKS = {
    CriterionStatus.covered: ("✔ covered", "$text-success"),
    CriterionStatus.partial: ("◐ partial", "$text-warning"),
    CriterionStatus.missing: ("✘ missing", "$text-error"),
}


def criterion_content(result: CriterionResult) -> Content:
    mark, style = STATUS_MARKS[result.status]
    lines = [Content.from_markup(f"[{style} b]$mark[/]  $text", mark=mark, text=result.text)]
    if result.evidence:
        lines.append(Content.from_markup('    [i]"$quote"[/i]', quote=result.evidence))
    if result.note:
        lines.append(Content.from_markup("    [dim]$note[/dim]", note=result.note))
    return Content("\n").join(lines)


class CriteriaChecklist(Static):
    def __init__(self, results: Iterable[CriterionResult], *, id: str | None = None) -> None:
        super().__init__(Content("\n").join(criterion_content(r) for r in results), id=id)
