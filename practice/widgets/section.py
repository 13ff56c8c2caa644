"""A titled block of a report screen (feedback, summary): one look for every section."""

from __future__ import annotations

import re
from collections.abc import Iterable

from rich.cells import cell_len
from rich.console import Group
from rich.table import Table
from rich.text import Text
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from practice.terminal import safe


class Section(Vertical):
    def __init__(self, title: str, *children: Widget, id: str | None = None, classes: str = "") -> None:
        super().__init__(*children, id=id, classes=classes)
        # Content, not str: a str title is read as markup, and some quote data (a coach's name).
        self.border_title = Content(safe(title, one_line=True))


def bullets(items: Iterable[str], *, empty: str = "none") -> Widget:
    """A bulleted list; `empty` says so explicitly rather than showing a blank block. Each item
    is a widget beside its bullet, so a long item wraps under its own first word, not under the
    bullet."""
    lines = [
        Horizontal(Static("•", classes="bullet-mark"), Static(Content(safe(item)), classes="bullet-text"))
        for item in items
    ]
    if not lines:
        return Static(Content.styled(empty, "$text-muted italic"))
    return Vertical(*lines, classes="bullets")


def text_block(text: str, *, classes: str = "") -> Static:
    """User or bank text, shown literally: brackets in an answer are never markup, and escape
    sequences are shown, never sent to the terminal."""
    return Static(Content(safe(text)), classes=classes)


def hanging(prefix: str, text: str) -> Table:
    """`text` beside `prefix` (a mark, an indent, a list number), wrapping under its own first
    word rather than under the prefix. Plain text both: never read as markup."""
    grid = Table.grid()
    grid.add_column(width=cell_len(prefix), no_wrap=True)
    grid.add_column(ratio=1)
    grid.add_row(Text(safe(prefix)), Text(safe(text)))
    return grid


def indented_report(report: str) -> Group:
    """A plain-text report whose lines are indented with spaces (and numbered "1. "), shown so
    that a line too long for the screen wraps at its own indent, not at the left edge."""
    lines = []
    for line in report.rstrip("\n").split("\n"):
        prefix = re.match(r" *(?:\d+\. )?", line)
        cut = prefix.end() if prefix and prefix.end() < len(line) else 0
        lines.append(hanging(line[:cut], line[cut:]) if cut else Text(safe(line)))
    return Group(*lines)
