"""The summary read at both sizes: every column whole (Time was cut to "Tim"), which attempt
counts said once there are retries, and "practise next" naming questions as the table does."""

from __future__ import annotations

from typing import Any

import pytest
from textual.widgets import DataTable, Static

from practice.bank.models import QuestionBank
from practice.interview.summary import summarize
from practice.screens.summary import COUNTING_NOTE, SummaryScreen
from tests.tui.fixture_sessions import graded_session
from tests.tui.test_tui_flows import settle

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 40), id="120x40")]


@pytest.mark.parametrize("size", SIZES)
async def test_the_summary_table_fits_and_says_which_attempt_counts(
    make_app: Any, bank: QuestionBank, size: tuple[int, int]
) -> None:
    session = graded_session(bank)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = SummaryScreen(session, summarize(session))
        app.push_screen(screen)
        await settle(pilot)
        table = screen.query_one("#questions", DataTable)
        region = table.content_region
        used = sum(column.get_render_width(table) for column in table.columns.values())
        assert used <= region.width, f"{used} columns' width in {region.width}"
        assert table.get_row_at(0)[3] == "3 → 4" and table.get_row_at(0)[2] == "4"
        assert COUNTING_NOTE in str(screen.query_one("#summary-counting", Static).render())
        lines = screen.practise_lines()
        assert any(line.startswith("Retry Q2 “You’re stepping in") for line in lines)
        assert not any("hos-01" in line or "ccl-02" in line for line in lines)


async def test_without_a_retry_the_summary_has_no_note_on_attempts(make_app: Any, bank: QuestionBank) -> None:
    session = graded_session(bank)
    session.records[0].attempts = session.records[0].attempts[-1:]
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = SummaryScreen(session, summarize(session))
        app.push_screen(screen)
        await settle(pilot)
        assert not screen.query("#summary-counting")
