"""A DataTable column that takes what the others leave of the width, so the columns after a long
text (a track, a question) stay in view at 80 columns instead of being pushed off the right."""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import Column

CELL_PADDING = 2
"""Each column's cell padding, both sides together (DataTable's default)."""


def fitted_cell(text: str) -> Text:
    """A cell of the fitted column: one line, cut with an ellipsis where the column is narrower.
    Text, not str: a DataTable reads a str cell as markup."""
    return Text(text, no_wrap=True, overflow="ellipsis")


def fit_column(table: DataTable[Any], key: str, *, minimum: int, through: str | None = None) -> None:
    """Sets column `key` to the room the table's other columns leave (those up to `through`,
    when given: later ones may scroll off), but at least `minimum`; never wider than its widest
    cell or heading needs. Widths are measured from the cells, not from the table's own
    measures, which lag behind rows just added."""
    columns = list(table.columns.values())
    keys = [str(column.key.value) for column in columns]
    shown = columns[: keys.index(through) + 1] if through else columns
    fitted = columns[keys.index(key)]
    room = (table.scrollable_content_region.width or table.size.width) - CELL_PADDING * len(shown)
    others = sum(_needed(table, column) for column in shown if column is not fitted)
    width = min(_needed(table, fitted), max(minimum, room - others))
    if fitted.auto_width or fitted.width != width:
        fitted.auto_width = False
        fitted.width = width
        table.refresh()


def _needed(table: DataTable[Any], column: Column) -> int:
    cells = (cell.plain if isinstance(cell, Text) else str(cell) for cell in table.get_column(column.key))
    return max(cell_len(str(column.label)), max(map(cell_len, cells), default=0))
