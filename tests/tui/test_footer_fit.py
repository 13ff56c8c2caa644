"""At 80 columns the interview's footer shows every key in full, Quit and the palette included,
with the most keys it ever shows (a model interviewer adds Escape), and the palette still lists
each under its full name."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from textual.widgets._footer import FooterKey

from practice.app import build_app
from practice.bank.models import QuestionBank, RoleLevel
from practice.config import Settings
from practice.interview.interviewer import BankInterviewer, Interviewer
from practice.locations import store_path
from practice.screens.interview import InterviewScreen
from practice.store.sqlite import SessionStore
from tests.tui.conftest import SEED, ManualClock
from tests.tui.test_tui_flows import start


class ModelLikeInterviewer(BankInterviewer):
    """Speaks the bank's words but counts as a model: the footer then shows 'Stop model' too."""

    name = "llm"


def model_like(_: RoleLevel) -> Interviewer:
    return ModelLikeInterviewer()


@pytest.mark.parametrize("interviewer_for", [None, model_like], ids=["offline", "model"])
async def test_every_interview_key_fits_in_80_columns(
    bank: QuestionBank, clock: ManualClock, interviewer_for: Any
) -> None:
    app = build_app(
        Settings(), bank, SessionStore(store_path()), clock=clock, seed=SEED, interviewer_for=interviewer_for
    )
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot)
        assert isinstance(screen, InterviewScreen)
        keys = list(screen.query(FooterKey))
        labels = {key.description for key in keys}
        expected = {"Submit", "Skip", "Finish", "Speak", "Quit"} | ({"Stop model"} if interviewer_for else set())
        assert expected <= labels
        for key in keys:
            region = key.region
            assert region.width >= len(key.description) + len(key.key_display), key.description
            assert region.right <= 80, f"{key.description!r} ends at column {region.right}"
        # No two keys share a cell: the palette, docked right, would otherwise draw over Quit.
        spans = sorted((key.region.x, key.region.right) for key in keys)
        assert all(left_end <= right_start for (_, left_end), (right_start, _) in itertools.pairwise(spans))

        titles = {command.title for command in app.get_system_commands(screen)}
        assert {"Submit answer", "Finish now", "Speak"} <= titles
