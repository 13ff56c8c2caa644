"""A footer that rebuilds its keys only when the keys shown change.

Textual's Footer removes and mounts every key whenever any binding changes: a key greyed out
while the interview is busy, the focus moving. On a slow machine that is tens of milliseconds,
and a streamed interviewer turn's first words waited behind it to be painted. Here, when only
which keys are enabled changes, the keys are greyed or lit in place.
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer


class SteadyFooter(Footer):
    def __init__(self) -> None:
        super().__init__()
        self._composed_for: Hashable | None = None

    def compose(self) -> ComposeResult:
        drawn = self._drawn(self.screen)
        composed = False
        for widget in super().compose():
            composed = True
            yield widget
        # An empty compose (bindings not ready yet) must not stop the next change rebuilding.
        self._composed_for = drawn if composed else None

    def bindings_changed(self, screen: Screen) -> None:
        if screen is self.screen and self._greyed_in_place():
            return
        super().bindings_changed(screen)

    async def recompose(self) -> None:
        # Several changes before a rebuild each schedule one: the first rebuilds, the rest find
        # the keys already drawn.
        if not self._greyed_in_place():
            await super().recompose()

    def _greyed_in_place(self) -> bool:
        """Brings the keys' enabled look up to date where no key has to come or go; False when
        they do (or nothing is drawn yet), for a rebuild."""
        if self._composed_for is None or not self.is_attached or self._drawn(self.screen) != self._composed_for:
            return False
        enabled = {key: active.enabled for key, active in self.screen.active_bindings.items()}
        for footer_key in self.query("FooterKey"):
            lit = enabled.get(getattr(footer_key, "key", ""), True)
            # What FooterKey itself reads on a click (bell or key), and how it greys a key.
            # Textual's private FooterKey._disabled (no public setter); queried by name, the key is a plain
            # Widget to mypy.
            footer_key._disabled = not lit  # type: ignore[attr-defined]
            footer_key.set_class(not lit, "-disabled")
        return True

    def _drawn(self, screen: Screen) -> Hashable:
        """Everything the footer draws except whether each key is enabled (the focused widget's
        own bindings come and go with the focus, but are never shown)."""
        palette = screen.app.COMMAND_PALETTE_BINDING
        return self.show_command_palette, tuple(
            (key, active.binding.action, active.binding.description, active.tooltip, active.binding.group)
            for key, active in screen.active_bindings.items()
            if active.binding.show or key == palette
        )
