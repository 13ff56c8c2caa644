"""The self-assessment dialog can be finished with the mouse as well as with its key."""

from __future__ import annotations

from textual.app import App

from practice.interview.models import SelfAssessment
from practice.screens.self_assessment import SelfAssessmentScreen


class Host(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.results: list[SelfAssessment] = []

    def on_mount(self) -> None:
        self.push_screen(SelfAssessmentScreen(star_applies=True), callback=self.results.append)


async def test_show_feedback_button_returns_the_ticks_and_score() -> None:
    app = Host()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("space", "2")  # tick Situation (focused first), score 2
        await pilot.click("#submit-assessment")
        await pilot.pause()
        assert app.results == [SelfAssessment(situation=True, score=2)]
        assert not isinstance(app.screen, SelfAssessmentScreen)
