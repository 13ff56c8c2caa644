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
DERIVED_MARK = "(derived probe)"


class Entry(Protocol):
    # Read-only: the engine's entries are frozen models.
    @property
    def speaker(self) -> str: ...
    @property
    def text(self) -> str: ...


class Turn(Static):
    """One turn; its CSS class is the speaker, so themes colour interviewer and candidate apart.
    An interviewer's turn opened before its words arrive shows that the interviewer is typing.
    A probe the bank derived from the areas to cover (not a source document's own follow-up)
    carries a small mark, so the candidate knows whose words they are answering."""

    def __init__(
        self, speaker: str, text: str, *, skipped: bool = False, typing: bool = False, derived: bool = False
    ) -> None:
        super().__init__(classes=speaker)
        self.speaker = speaker
        self.text = text
        self.skipped = skipped
        self.typing = typing
        self.derived = derived
        self.update(self._content())

    def _content(self) -> Content:
        label: str | Content = SPEAKER_LABELS.get(self.speaker, self.speaker.title())
        if self.derived:
            label = Content.from_markup("$label [dim]$mark[/dim]", label=label, mark=DERIVED_MARK)
        if self.typing and not self.text:
            return Content.from_markup("[b]$label[/b]  [dim]$typing[/dim]", label=label, typing=TYPING)
        body = "(skipped)" if self.skipped else self.text
        return Content.from_markup("[b]$label[/b]  $body", label=label, body=safe(body))

    def append(self, chunk: str) -> None:
        self.text += chunk
        self.update(self._content())

    def fit_height(self) -> None:
        """Lays the turn out again when the height it was given is not the height its words take.
        Words that arrive while the turn is still being mounted (the bank's wording comes in one
        chunk, at once) could leave it the height of the "typing" line it opened with, its
        second line cut until something else moved (seen in a real terminal, 3 runs in 30)."""
        width = self.size.width
        if not width:
            return
        self.clear_cached_dimensions()
        if self.get_content_height(self.size, self.size, width) != self.size.height:
            self.refresh(layout=True)

    def shows(self, entry: Entry) -> bool:
        return (self.speaker, self.text, self.skipped, self.derived) == (
            entry.speaker,
            entry.text,
            _skipped(entry),
            _derived(entry),
        )


class Transcript(VerticalScroll, can_focus=True):
    """Holds the turns of the current question; `open_turn` streams the next interviewer turn.
    A streamed chunk scrolls to the end once it is laid out: scrolled before, a turn that wrapped
    onto new lines was left cut at the transcript's edge (seen in the walkthrough at 80 columns)."""

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
            self.mount_all(
                Turn(entry.speaker, entry.text, skipped=_skipped(entry), derived=_derived(entry))
                for entry in entries[kept:]
            )
        self.scroll_end(animate=False)

    def open_turn(self, *, derived: bool = False) -> None:
        """Mounted before the model is asked, so the turn is laid out when its first words come."""
        self._open = Turn("interviewer", "", typing=True, derived=derived)
        self.mount(self._open)
        self.scroll_end(animate=False)

    def append_chunk(self, chunk: str) -> None:
        if self._open is not None:
            self._open.append(chunk)
            self.call_after_refresh(self._laid_out, self._open)

    def _laid_out(self, turn: Turn) -> None:
        turn.fit_height()
        self.call_after_refresh(self.scroll_end, animate=False)

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


def _derived(entry: Entry) -> bool:
    return bool(getattr(entry, "derived", False))
