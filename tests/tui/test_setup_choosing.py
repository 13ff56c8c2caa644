"""Choosing what to practise in set-up: questions picked by hand (found by their words), a
blank seed meaning a random draw, a seed message that goes once fixed, and the last choices
put back at the next start."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import Input, SelectionList, Static

from practice.interview.models import Mode
from practice.screens.interview import InterviewScreen
from practice.screens.setup import SetupScreen
from practice.setup_choices import choices_path
from tests.tui.conftest import SEED
from tests.tui.test_tui_flows import settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


async def on_setup(pilot: Any) -> SetupScreen:
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, SetupScreen)
    return screen


async def search_and_tick(pilot: Any, setup: SetupScreen, words: str) -> str:
    """Types the words into the search, ticks the first (only) question found; its id."""
    setup.query_one("#question-search", Input).value = words
    await settle(pilot)
    found = setup.query_one("#picks", SelectionList)
    assert found.option_count == 1, f"{words!r} found {found.option_count} questions"
    found.toggle(found.get_option_at_index(0).value)
    await settle(pilot)
    return found.get_option_at_index(0).value


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("mode", [Mode.coach, Mode.mock])
async def test_questions_picked_by_their_words_are_the_ones_asked_in_that_order(
    make_app: Any, mode: Mode, size: tuple[int, int]
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        setup = await on_setup(pilot)
        setup.query_one("#track").value = "__across__"
        await settle(pilot)
        first = await search_and_tick(pilot, setup, "first 90 days")
        second = await search_and_tick(pilot, setup, "difficult business decision")
        setup.query_one(f"#mode-{list(Mode).index(mode)}").value = True
        await pilot.press("ctrl+s")
        await settle(pilot)
        interview = app.screen
        assert isinstance(interview, InterviewScreen)
        assert [r.question.id for r in interview.engine.session.records] == [first, second]
        assert interview.engine.session.settings.mode == mode


async def test_the_search_keeps_ticks_while_filtering(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await on_setup(pilot)
        picked = await search_and_tick(pilot, setup, "customer feedback or data")
        setup.query_one("#question-search", Input).value = ""
        await settle(pilot)
        found = setup.query_one("#picks", SelectionList)
        assert found.option_count > 1 and found.selected == [picked]


async def test_a_blank_seed_is_a_random_draw_and_a_bad_seed_says_so_until_fixed(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await on_setup(pilot)
        seed = setup.query_one("#seed", Input)
        assert seed.value == "" and seed.placeholder == "random"
        assert "blank: random" in str(setup.query_one("#seed-hint", Static).render())
        seed.value = "x1"
        await pilot.press("ctrl+s")
        await settle(pilot)
        error = setup.query_one("#setup-error", Static)
        assert app.screen is setup and "Seed" in str(error.render())
        seed.value = "12"
        await settle(pilot)
        assert str(error.render()) == ""
        seed.value = ""
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert app.screen.engine.session.settings.seed == SEED  # the app's random seed (pinned by the test)


@pytest.mark.parametrize("size", SIZES)
async def test_the_last_choices_are_put_back_at_the_next_start(make_app: Any, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        setup = await on_setup(pilot)
        setup.query_one("#track").value = "head-of-customer-support"
        await settle(pilot)
        setup.query_one("#count", Input).value = "2"
        setup.query_one("#mode-1").value = True
        setup.query_one("#timer-2").value = True
        setup.query_one("#role-1").value = True
        picked = await search_and_tick(pilot, setup, "first 90 days")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, InterviewScreen)
    assert choices_path().stat().st_mode & 0o777 == 0o600

    again = make_app()
    async with again.run_test(size=size) as pilot:
        await settle(pilot)
        await pilot.press("n")  # the unfinished interview: start new instead
        setup = await on_setup(pilot)
        assert setup.query_one("#track").value == "head-of-customer-support"
        assert setup.query_one("#count", Input).value == "2"
        assert (
            setup.query_one("#mode-1").value and setup.query_one("#timer-2").value and setup.query_one("#role-1").value
        )
        assert setup.query_one("#picks", SelectionList).selected == [picked]
        assert setup.query_one("#seed", Input).value == ""


async def test_damaged_kept_choices_mean_the_defaults(make_app: Any) -> None:
    choices_path().write_text("{not json", encoding="utf-8")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await on_setup(pilot)
        assert setup.query_one("#track").value == app.bank.tracks[0].id


async def test_space_ticks_the_first_question_found_as_the_list_is_reached(make_app: Any) -> None:
    """Seen in the walkthrough: after a search, tab to the list and space did nothing (no
    question was highlighted), so the interview drew its questions instead."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        setup = await on_setup(pilot)
        setup.query_one("#question-search", Input).focus()
        await pilot.press(*"strategic change", "tab", "space")
        await settle(pilot)
        assert setup.picked == [setup.query_one("#picks", SelectionList).get_option_at_index(0).value]


@pytest.mark.parametrize("size", SIZES)
async def test_the_highlighted_question_is_shown_whole_under_the_list(make_app: Any, size: tuple[int, int]) -> None:
    """A row shows only the start of a question, and many start alike: the one highlighted is
    written out in full (wrapping) below the list, in view while the list has the focus."""
    app = make_app()
    async with app.run_test(size=size) as pilot:
        setup = await on_setup(pilot)
        setup.query_one("#question-search", Input).focus()
        await pilot.press("tab", "down")
        await settle(pilot)
        picks = setup.query_one("#picks", SelectionList)
        assert picks.has_focus and picks.highlighted == 1
        question = app.bank.question(picks.get_option_at_index(1).value)
        assert len(question.text) > size[0]  # longer than any row can show
        detail = setup.query_one("#pick-detail", Static)
        shown = " ".join(detail.render_line(y).text.strip() for y in range(detail.size.height))
        assert f"{question.id}  {question.text}" in shown
        assert detail.region.bottom <= size[1] - 1 and detail.size.height >= 2  # wrapped, above the footer
        await pilot.press("up")
        await settle(pilot)
        first = app.bank.question(picks.get_option_at_index(0).value)
        assert first.text[:40] in " ".join(detail.render_line(y).text.strip() for y in range(detail.size.height))


async def test_a_search_finding_nothing_says_so_under_the_list(make_app: Any) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        setup = await on_setup(pilot)
        setup.query_one("#question-search", Input).value = "zebra quantum"
        await settle(pilot)
        assert setup.query_one("#picks", SelectionList).option_count == 0
        assert "No question of this track holds every word" in str(setup.query_one("#pick-detail", Static).render())
