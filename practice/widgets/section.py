"""A titled block of a report screen (feedback, summary): one look for every section."""

from __future__ import annotations

from collections.abc import Iterable

from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static

from practice.terminal import safe


class Section(Vertical):
    def __init__(self, title: str, *children: Widget, id: str | None = None, classes: str = "") -> None:
        super().__init__(*children, id=id, classes=classes)
        self.border_title = title


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
