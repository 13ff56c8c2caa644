"""A minimal app hosting one screen with the real stylesheets, for Pilot and snapshot tests of
screens that do not need the whole application."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.app import App
from textual.screen import Screen

import practice

WIDGETS_CSS = Path(practice.__file__).parent / "widgets" / "widgets.tcss"


class ScreenHost(App[None]):
    CSS_PATH = str(WIDGETS_CSS)

    def __init__(self, screen: Screen[Any]) -> None:
        super().__init__()
        self.hosted = screen
        self.results: list[Any] = []

    def on_mount(self) -> None:
        self.push_screen(self.hosted, self.results.append)
