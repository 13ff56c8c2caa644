"""The line under the answer box while an answer is spoken: recording (elapsed time and a level
meter), transcribing, the speech model downloading (a progress bar), or what happened. Hidden
while the candidate types."""

from __future__ import annotations

import math

from textual.content import Content
from textual.widgets import Static

from practice.voice.download import megabytes
from practice.widgets.answer_timer import format_clock

METER_CELLS = 20
DOWNLOAD_CELLS = 12
"""Short, so the bar, the sizes and the key fit in 80 columns with small.en's 484 MB."""
QUIETEST_DB = -60.0
"""The meter's floor: room noise sits near it, speech near the top third."""


def meter(level: float, cells: int = METER_CELLS) -> str:
    """Loudness on a decibel scale, as people hear it: a whisper still moves the bar."""
    decibels = 20 * math.log10(level) if level > 0 else QUIETEST_DB
    filled = round(cells * min(1.0, max(0.0, 1 - decibels / QUIETEST_DB)))
    return "█" * filled + "░" * (cells - filled)


def bar(fraction: float, cells: int = METER_CELLS) -> str:
    filled = round(cells * min(1.0, max(0.0, fraction)))
    return "█" * filled + "░" * (cells - filled)


class VoicePanel(Static):
    def on_mount(self) -> None:
        self.display = False

    def recording(self, seconds: float, level: float) -> None:
        self._show(
            Content.assemble(
                ("● Recording ", "$text-error b"),
                format_clock(seconds),
                "  ",
                (meter(level), "$text-success"),
                ("   ctrl+r stops · esc cancels", "$text-muted"),
            ),
            "-recording",
        )

    def transcribing(self, seconds: float) -> None:
        self._show(
            Content.assemble(
                ("Transcribing ", "b"),
                f"{format_clock(seconds)} of speech, offline…",
                ("   esc cancels", "$text-muted"),
            ),
            "-transcribing",
        )

    def downloading(self, name: str, done: int, total: int) -> None:
        fraction = done / total if total else 0.0
        self._show(
            Content.assemble(
                (f"Downloading {name} ", "b"),
                (bar(fraction, DOWNLOAD_CELLS), "$text-success"),
                f" {fraction:4.0%}  {megabytes(done)} of {megabytes(total)}",
                ("   esc stops it", "$text-muted"),
            ),
            "-downloading",
        )

    def message(self, text: str) -> None:
        self._show(Content(text), "-message")

    def hide(self) -> None:
        self.display = False

    def _show(self, content: Content, state: str) -> None:
        self.set_classes(state)
        self.update(content)
        self.display = True
