"""The interview transcript: interviewer turns and the candidate's answers, newest at the bottom.

An interviewer turn can arrive in chunks (a streaming model); the open turn grows in place and can
be cancelled, which removes its half-built text.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from practice.terminal import safe

SPEAKER_LABELS = {"interviewer": "Interviewer", "candidate": "You"}
TYPING = "…"


class Entry(Protocol):
    speaker: str
    text: str


class Turn(Static):
    """One turn; its CSS class is the speaker, so themes colour interviewer and candidate apart.
    An interviewer's turn opened before its words arrive shows that the interviewer is typing."""

    def __init__(self, speaker: str, text: str, *, skipped: bool = False, typing: bool = False) -> None:
        super().__init__(classes=speaker)
        self.speaker = speaker
        self.text = text
        self.skipped = skipped
        self.typing = typing
        self.update(self._content())

    def _content(self) -> Content:
        label = SPEAKER_LABELS.get(self.speaker, self.speaker.title())
        if self.typing and not self.text:
            return Content.from_markup("[b]$label[/b]  [dim]$typing[/dim]", label=label, typing=TYPING)
        body = "(skipped)" if self.skipped else self.text
        return Content.from_markup("[b]$label[/b]  $body", label=label, body=safe(body))

    def append(self, chunk: str) -> None:
        self.text += chunk
        self.update(self._content())

    def shows(self, entry: Entry) -> bool:
        return (self.speaker, self.text, self.skipped) == (entry.speaker, entry.text, _skipped(entry))


class Transcript(VerticalScroll, can_focus=True):
    """Holds the turns of the current question; `open_turn` streams the next interviewer turn."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._open: Turn | None = None

    def show(self, entries: Iterable[Entry]) -> None:
        """Only the turns that changed are replaced: moving on to a follow-up lays out the new
        answer, not the whole transcript again (which a streamed turn's first words would wait
        behind)."""
        self._open = None
        entries = list(entries)
        turns = list(self.query_children(Turn))
        kept = 0
        while kept < min(len(turns), len(entries)) and turns[kept].shows(entries[kept]):
            kept += 1
        if turns[kept:]:
            self.remove_children(turns[kept:])
        if entries[kept:]:
            self.mount_all(Turn(entry.speaker, entry.text, skipped=_skipped(entry)) for entry in entries[kept:])
        self.scroll_end(animate=False)

    def open_turn(self) -> None:
        """Mounted before the model is asked, so the turn is laid out when its first words come."""
        self._open = Turn("interviewer", "", typing=True)
        self.mount(self._open)
        self.scroll_end(animate=False)

    def append_chunk(self, chunk: str) -> None:
        if self._open is not None:
            self._open.append(chunk)
            self.scroll_end(animate=False)

    def close_turn(self) -> str:
        """Returns the text the turn ended with, so the caller can record what was actually asked."""
        text = self._open.text if self._open is not None else ""
        self._open = None
        return text

    def cancel_turn(self) -> None:
        if self._open is not None:
            self._open.remove()
            self._open = None

    @property
    def streaming(self) -> bool:
        return self._open is not None


def _skipped(entry: Entry) -> bool:
    return bool(getattr(entry, "skipped", False))
