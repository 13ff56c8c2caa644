"""A footer that rebuilds its keys only when the keys shown change.

Textual's Footer removes and mounts every key whenever any binding changes: a key greyed out
while the interview is busy, the focus moving. On a slow machine that is tens of milliseconds,
and a streamed interviewer turn's first words waited behind it to be painted. Here, when only
which keys are enabled changes, the keys are greyed or lit in place (through textual_compat,
the one use of Textual's internals; where it cannot, the footer is rebuilt as Textual's is).
"""

from __future__ import annotations

from collections.abc import Hashable

from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer

from practice.widgets.textual_compat import grey_in_place


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
        # Textual's private flag, behind textual_compat: without it, every key is rebuilt.
        return all(
            grey_in_place(footer_key, lit=enabled.get(getattr(footer_key, "key", ""), True))
            for footer_key in self.query("FooterKey")
        )

    def _drawn(self, screen: Screen) -> Hashable:
        """Everything the footer draws except whether each key is enabled (the focused widget's
        own bindings come and go with the focus, but are never shown)."""
        palette = screen.app.COMMAND_PALETTE_BINDING
        return self.show_command_palette, tuple(
            (key, active.binding.action, active.binding.description, active.tooltip, active.binding.group)
            for key, active in screen.active_bindings.items()
            if active.binding.show or key == palette
        )
