"""A question the documents give no follow-ups for is probed in the interview with the bank's
derived probe, marked as such on screen, in both modes and at both sizes."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from practice.app import build_app
from practice.bank.models import FollowUp, QuestionBank
from practice.config import Settings
from practice.interview.engine import Phase
from practice.locations import store_path
from practice.store.sqlite import SessionStore
from practice.widgets.transcript import DERIVED_MARK, Turn
from tests.tui.conftest import SEED, ManualClock
from tests.tui.test_tui_flows import answer, settle, start

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]
PROBE = "Name the three or four numbers you would look at every week, and the targets you have run them at."
THIN = "I would look at the numbers and make good decisions with the team."


def probed_bank(bank: QuestionBank) -> QuestionBank:
    """hos-02 of the frozen fixture, given one derived probe per area (as the shipped bank does),
    so these tests do not change when the shipped bank's wording does."""
    question = bank.question("hos-02")
    probes = [
        FollowUp(id=f"d{n}", text=text, targets=[criterion.id], origin="derived")
        for n, (criterion, text) in enumerate(
            zip(question.criteria, [PROBE, "Tell me about a time a metric changed a decision you made."], strict=False),
            1,
        )
    ]
    track = bank.track(question.track)
    return QuestionBank(tracks=[track], questions=[question.model_copy(update={"follow_ups": probes})])


def make_probed_app(bank: QuestionBank, clock: ManualClock) -> Any:
    return build_app(Settings(), probed_bank(bank), SessionStore(store_path()), clock=clock, seed=SEED)


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mock", [False, True], ids=["coach", "mock"])
async def test_a_thin_answer_gets_the_derived_probe_marked_as_derived(
    bank: QuestionBank, clock: ManualClock, mock: bool, size: tuple[int, int]
) -> None:
    app = make_probed_app(bank, clock)
    async with app.run_test(size=size) as pilot:
        screen = await start(pilot, count=1, mock=mock)
        opening = screen.transcript.query(Turn).last()
        assert not opening.derived and DERIVED_MARK not in str(opening.render())
        await answer(pilot, screen, THIN)
        assert screen.engine.phase == Phase.follow_up
        asked = screen.transcript.query(Turn).last()
        assert asked.derived and asked.text == screen.engine.follow_up.text
        assert set(screen.engine.follow_up.targets) <= {"c1", "c2"}
        assert DERIVED_MARK in str(asked.render())


@pytest.mark.parametrize("size", SIZES)
def test_snapshot_of_a_derived_probe(
    snap_compare: Any, bank: QuestionBank, clock: ManualClock, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        screen = await start(pilot, count=1)
        screen.answer_box.cursor_blink = False
        await answer(pilot, screen, THIN)
        await settle(pilot)
        # The new turn is laid out (its wrapped lines counted) a frame or more after it is added,
        # more on a loaded machine: the picture is taken once its size stops changing.
        last = None
        for _ in range(20):
            await pilot.pause(0.05)
            shape = (screen.transcript.query(Turn).last().size, screen.transcript.scroll_y)
            if shape == last:
                break
            last = shape

    assert snap_compare(make_probed_app(bank, clock), terminal_size=size, run_before=run_before)


async def test_a_second_long_probe_is_seen_whole_at_80_columns(make_app: Any) -> None:
    """Seen in the walkthrough: the second follow-up's last lines were below the transcript's
    edge, scrolled to where the turn ended before it was laid out."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, count=1)
        for text in (THIN, THIN + " " + THIN + " " + THIN):
            await answer(pilot, screen, text)
        assert screen.engine.phase == Phase.follow_up
        transcript = screen.transcript
        asked = transcript.query(Turn).last()
        assert asked.text == screen.engine.prompt
        assert transcript.scroll_y == transcript.max_scroll_y > 0
        assert asked.region.bottom <= transcript.content_region.bottom


async def test_the_next_question_starts_at_the_top_of_the_transcript(make_app: Any) -> None:
    """Seen in the walkthrough: after a long first question, the second's opening sat at the
    bottom of an empty transcript, still scrolled to where the first one had ended."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await start(pilot, count=2)
        await answer(pilot, screen, " ".join([THIN] * 6))
        while screen.engine.phase == Phase.follow_up:
            await answer(pilot, screen, " ".join([THIN] * 4))
        await pilot.press("3", "ctrl+s")
        await settle(pilot)
        await pilot.press("n")
        await settle(pilot)
        assert screen.engine.question_index == 1
        transcript = screen.transcript
        (opening,) = transcript.query(Turn)
        assert transcript.scroll_y == 0 and transcript.max_scroll_y == 0
        assert opening.region.y == transcript.content_region.y
