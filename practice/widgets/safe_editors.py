"""Text boxes whose text never reaches the terminal as control sequences.

Textual draws the text of a TextArea or an Input as it is: an ESC, a C1 control (U+009B is
CSI) or a bidi override in an answer someone pasted, or in a coach's note or name from a
session file someone sent, would be obeyed by the terminal (the screen cleared, the title set,
the clipboard written). Each drawn line is made safe here, every character keeping its width;
the text itself, edited and saved, is kept exactly.
"""

from __future__ import annotations

from rich.segment import Segment
from textual.strip import Strip
from textual.widgets import Input, TextArea

from practice.terminal import unseen


def _drawn_safely(strip: Strip) -> Strip:
    segments = list(strip)
    if all(unseen(segment.text) is segment.text for segment in segments):
        return strip
    return Strip([Segment(unseen(s.text), s.style, s.control) for s in segments], strip.cell_length)


class SafeTextArea(TextArea):
    def render_line(self, y: int) -> Strip:
        return _drawn_safely(super().render_line(y))


class SafeInput(Input):
    def render_line(self, y: int) -> Strip:
        return _drawn_safely(super().render_line(y))
