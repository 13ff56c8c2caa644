"""A saved session as one row of the history: the same headings and cells on the history screen
and in `practice sessions list`, so the two cannot drift. Display only; the store lists the rows
(practice/store/sqlite.py SessionRow) and knows nothing of how they are shown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from practice.interview.scores import mean_text

if TYPE_CHECKING:
    from practice.store.sqlite import SessionRow

# Status before the grader and model, so it stays in view at 80 columns.
HEADINGS = ("Date", "Track", "Questions", "Mean", "Status", "Grader", "Model")


def summary_cells(row: SessionRow) -> tuple[str, ...]:
    """One cell per heading."""
    return (
        f"{row.created_at.astimezone():%Y-%m-%d %H:%M}",
        row.track or "across tracks",
        f"{row.answered}/{row.question_count}",
        mean_text(row.mean_score),
        _status(row),
        str(row.grader_kind),
        row.model or "–",
    )


def _status(row: SessionRow) -> str:
    """Short enough for the history's last visible column at 80 columns: a reviewed session is a
    finished one unless it says otherwise."""
    finished = str(row.status) == "finished"
    if row.reviewed:
        return "reviewed" if finished else "unfinished, reviewed"
    return "finished" if finished else "unfinished"
