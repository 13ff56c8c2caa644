"""The history screen over a real store: rows, filters and search, paging, and what can be done
with a session (open read-only, resume, open a file someone sent and import it)."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from export.factory import START, build_session
from textual.content import Content
from textual.widgets import DataTable, Input, Select, Static
from textual.widgets._footer import FooterKey

from practice import locations
from practice.app import build_app
from practice.bank.loader import load_bank
from practice.config import Settings
from practice.interview.models import Cursor, Phase, Session
from practice.screens.confirm import ConfirmScreen
from practice.screens.file_dialogs import PathPrompt
from practice.screens.history import PAGE_SIZE, HistoryScreen
from practice.screens.progress import ProgressScreen
from practice.screens.review import ReviewScreen
from practice.store import coach_review, session_file
from practice.store.sqlite import SessionStore

from .hosts import ScreenHost

FIXTURE_BANK = Path(__file__).parent.parent / "tui" / "fixtures" / "bank.json"
TRACKS = [("Customer-centric leadership", "customer-centric-leadership"), ("Head of support", "head-of-support")]


class HistoryHost(ScreenHost):
    def __init__(self, screen: HistoryScreen) -> None:
        super().__init__(screen)
        self.resume_requests: list[str] = []

    def on_history_screen_resume_requested(self, message: HistoryScreen.ResumeRequested) -> None:
        self.resume_requests.append(message.session.id)


@pytest.fixture
def store() -> SessionStore:
    with SessionStore(locations.store_path()) as opened:
        yield opened


@pytest.fixture
def three(store: SessionStore) -> None:
    store.save(build_session(session_id="a" * 32, created_at=START))
    store.save(
        _resumable(
            build_session(
                session_id="b" * 32,
                created_at=START + timedelta(days=2),
                track="head-of-support",
                finished=False,
                reviewed=False,
            )
        )
    )
    store.save(
        build_session(
            session_id="c" * 32,
            created_at=START + timedelta(days=5),
            track="head-of-support",
            hostile=" escalation playbook",
        )
    )


def _resumable(session: Session) -> Session:
    """Unfinished, and with the interview's position saved (as an interview saves it)."""
    session.cursor = Cursor(question_id=session.records[-1].question.id, phase=Phase.answering)
    return session


async def _settle(pilot: Any) -> None:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


def _ids(screen: HistoryScreen) -> list[str]:
    return [row.id[0] for row in screen.rows]


def _status(screen: HistoryScreen) -> str:
    return str(screen.query_one("#history-status", Static).render())


async def _filter(pilot: Any, selector: str, value: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.value = value
    field.focus()
    await pilot.press("enter")
    await _settle(pilot)


async def test_lists_sessions_newest_first(three: None, store: SessionStore) -> None:
    screen = HistoryScreen(store, tracks=TRACKS)
    async with HistoryHost(screen).run_test(size=(140, 30)) as pilot:
        await _settle(pilot)
        assert _ids(screen) == ["c", "b", "a"]
        table = screen.query_one("#history-table", DataTable)
        cells = [str(cell) for cell in table.get_row_at(1)]
        assert cells[1:] == ["head-of-support", "2/2", "3.8", "unfinished", "offline", "–"]
        assert str(table.get_row_at(2)[4]) == "reviewed ✎1"  # its coach adjusted one score
        assert _status(screen) == (
            "3 session(s) · Enter opens the highlighted one · ✎n: n grader verdicts corrected by the coach"
        )


async def test_markup_in_a_saved_track_name_is_shown_as_typed(store: SessionStore) -> None:
    store.save(build_session(track="[red]bold[/red] [link=http://evil.example]x[/link]"))
    screen = HistoryScreen(store)
    async with HistoryHost(screen).run_test(size=(140, 30)) as pilot:
        await _settle(pilot)
        cell = screen.query_one("#history-table", DataTable).get_row_at(0)[1]
        assert cell.plain == "[red]bold[/red] [link=http://evil.example]x[/link]" and not cell.spans


async def test_filters_and_search(three: None, store: SessionStore) -> None:
    screen = HistoryScreen(store, tracks=TRACKS)
    async with HistoryHost(screen).run_test(size=(140, 30)) as pilot:
        await _settle(pilot)
        screen.query_one("#filter-track", Select).value = "head-of-support"
        await _settle(pilot)
        assert _ids(screen) == ["c", "b"]
        await _filter(pilot, "#filter-text", "playbook")
        assert _ids(screen) == ["c"]
        await _filter(pilot, "#filter-text", "")
        await _filter(pilot, "#filter-until", "2026-11-22")
        assert _ids(screen) == ["b"]
        await _filter(pilot, "#filter-since", "2026-11-23")  # after until: refused, the list stays
        assert "is after --until" in _status(screen) and _ids(screen) == ["b"]
        await _filter(pilot, "#filter-until", "")
        await _filter(pilot, "#filter-since", "2026-11-26")
        assert _ids(screen) == [] and _status(screen) == "No saved sessions match."
        await _filter(pilot, "#filter-since", "yesterday")
        assert "since: 'yesterday' is not a date" in _status(screen)
        assert screen.filter.since is not None and screen.filter.since.day == 26
        await _filter(pilot, "#filter-since", "")
        await _filter(pilot, "#filter-until", "")
        await _filter(pilot, "#filter-competency", "team-design")
        assert _ids(screen) == ["c", "b"]


async def test_search_and_competency_follow_the_typing(three: None, store: SessionStore) -> None:
    screen = HistoryScreen(store, tracks=TRACKS)
    async with HistoryHost(screen).run_test(size=(140, 30)) as pilot:
        await _settle(pilot)
        screen.query_one("#filter-text", Input).focus()
        await pilot.press(*"playbook")  # no Enter
        await _settle(pilot)
        assert _ids(screen) == ["c"]
        screen.query_one("#filter-text", Input).value = ""
        screen.query_one("#filter-competency", Input).focus()
        await pilot.press(*"nope")
        await _settle(pilot)
        assert _ids(screen) == [] and _status(screen) == "No saved sessions match."
        screen.query_one("#filter-competency", Input).value = "desig"  # any part of the name
        await _settle(pilot)
        assert len(_ids(screen)) == 3


async def test_pages_load_as_the_cursor_nears_the_end(store: SessionStore) -> None:
    base = build_session(created_at=START)
    for number in range(PAGE_SIZE * 2 + 5):
        store.save(base.model_copy(update={"id": f"{number:032d}", "updated_at": START + timedelta(minutes=number)}))
    screen = HistoryScreen(store)
    async with HistoryHost(screen).run_test(size=(140, 30)) as pilot:
        await _settle(pilot)
        table = screen.query_one("#history-table", DataTable)
        assert table.row_count == PAGE_SIZE and not screen.exhausted
        table.move_cursor(row=PAGE_SIZE - 5)
        await _settle(pilot)
        assert table.row_count == PAGE_SIZE * 2
        table.move_cursor(row=PAGE_SIZE * 2 - 1)
        await _settle(pilot)
        assert table.row_count == PAGE_SIZE * 2 + 5 and screen.exhausted
        assert len({row.id for row in screen.rows}) == table.row_count  # no page twice


async def test_open_read_only_and_resume_only_unfinished(three: None, store: SessionStore) -> None:
    screen = HistoryScreen(store)
    host = HistoryHost(screen)
    async with host.run_test(size=(140, 30)) as pilot:
        await _settle(pilot)
        table = screen.query_one("#history-table", DataTable)
        table.move_cursor(row=2)  # a: finished
        await pilot.press("r")
        await _settle(pilot)
        assert host.resume_requests == []
        table.move_cursor(row=1)  # b: unfinished
        await pilot.press("r")
        await _settle(pilot)
        assert host.resume_requests == ["b" * 32]
        await pilot.press("enter")
        await _settle(pilot)
        review = pilot.app.screen
        assert isinstance(review, ReviewScreen) and review.read_only and review.session.id == "b" * 32
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("p")
        await _settle(pilot)
        assert isinstance(pilot.app.screen, ProgressScreen)


async def test_open_a_sent_file_then_import_it(three: None, store: SessionStore, tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    sent = session_file.write(tmp_path / "sent.json", build_session(session_id="d" * 32, reviewed=False))
    screen = HistoryScreen(store)
    async with HistoryHost(screen).run_test(size=(140, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        dialog = pilot.app.screen
        assert isinstance(dialog, PathPrompt)
        dialog.query_one("#file-path", Input).value = str(bad)
        await pilot.press("enter")
        await pilot.pause()
        assert "not valid JSON at line 1" in str(dialog.query_one("#file-error", Static).render())
        dialog.query_one("#file-path", Input).value = str(sent)
        await pilot.press("enter")
        await pilot.pause()
        review = pilot.app.screen
        assert isinstance(review, ReviewScreen) and review.source == sent and not review.read_only
        assert len(store.list_sessions()) == 3  # opening changed nothing
        await pilot.press("f4")
        await _settle(pilot)
        assert store.load("d" * 32) == session_file.read(sent)
        await pilot.press("escape")
        await _settle(pilot)
        assert pilot.app.screen is screen and _ids(screen) == ["c", "b", "a", "d"]  # by last saved


async def test_importing_a_session_already_there_merges_the_review(three: None, store: SessionStore) -> None:
    sent = coach_review.set_answer_review(
        build_session(session_id="a" * 32, reviewed=False),
        "hos-03",
        1,
        note="Name the hubs",
        adjusted_score=None,
        reason=None,
        areas={"coverage-model": ("partial", "No hand-over")},
    )
    screen = ReviewScreen(sent, source=Path("sent.json"), store=store)
    async with HistoryHost(screen).run_test(size=(140, 40)) as pilot:
        await _settle(pilot)
        await pilot.press("f4")
        await _settle(pilot)
        assert pilot.app.screen is screen  # no question to answer: nothing of the history is lost
        said = [notification.message for notification in pilot.app._notifications]
        assert any("Merged the coach's review from sent.json" in message and "partial" in message for message in said)
    merged = store.load("a" * 32)
    assert merged.review.reviewer == "Dana"  # the history's own review stays
    assert merged.review.for_attempt("hos-03", 1).area("coverage-model").reason == "No hand-over"
    assert merged.review.for_attempt("ccl-01", 2).adjusted_score == 4.0


def _footer_resume(screen: HistoryScreen) -> str:
    """How the footer offers Resume now: 'enabled', 'dimmed' or 'absent'."""
    keys = [key for key in screen.query(FooterKey) if key.action == "resume"]
    if not keys:
        return "absent"
    return "dimmed" if keys[0].has_class("-disabled") else "enabled"


async def test_resume_is_offered_only_where_the_highlighted_session_can_be_resumed(store: SessionStore) -> None:
    """Finished sessions and ones from a file (unfinished, but with no position to resume at)
    dim Resume in the footer and take no 'r'; the footer follows the cursor."""
    store.save(build_session(session_id="a" * 32, created_at=START))  # finished
    store.save(_resumable(build_session(session_id="b" * 32, created_at=START + timedelta(days=1), finished=False)))
    store.save(build_session(session_id="i" * 32, created_at=START + timedelta(days=2), finished=False))  # from a file
    screen = HistoryScreen(store)
    host = HistoryHost(screen)
    async with host.run_test(size=(140, 30)) as pilot:
        await _settle(pilot)
        assert _ids(screen) == ["i", "b", "a"]
        table = screen.query_one("#history-table", DataTable)
        expected = {0: "dimmed", 1: "enabled", 2: "dimmed"}
        for row in (0, 1, 2, 1, 0):
            table.move_cursor(row=row)
            await pilot.pause()
            assert _footer_resume(screen) == expected[row], f"row {row}"
            assert screen.active_bindings["r"].enabled == (expected[row] == "enabled")
            await pilot.press("r")
            await _settle(pilot)
        assert host.resume_requests == ["b" * 32] * 2  # on each visit to b, and nowhere else


async def test_without_sessions_the_footer_offers_nothing_to_act_on(store: SessionStore) -> None:
    screen = HistoryScreen(store)
    async with HistoryHost(screen).run_test(size=(140, 30)) as pilot:
        await _settle(pilot)
        assert _footer_resume(screen) == "absent"
        assert {key.action for key in screen.query(FooterKey)}.isdisjoint({"open", "export", "resume"})


async def test_the_command_palette_offers_resume_only_where_it_works(store: SessionStore) -> None:
    store.save(build_session(session_id="a" * 32, created_at=START))  # finished
    store.save(_resumable(build_session(session_id="b" * 32, created_at=START + timedelta(days=1), finished=False)))
    app = build_app(Settings(), load_bank(FIXTURE_BANK), store, seed=7)
    async with app.run_test(size=(140, 30)) as pilot:
        await _settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)  # b is offered for resume at start
        await pilot.press("escape")
        await _settle(pilot)
        await pilot.press("f6")
        await _settle(pilot)
        screen = app.screen
        assert isinstance(screen, HistoryScreen) and _ids(screen) == ["b", "a"]

        def commands() -> set[str]:
            return {command.title for command in app.get_system_commands(screen)}

        assert {"Resume", "Export"} <= commands()
        screen.query_one("#history-table", DataTable).move_cursor(row=1)
        await pilot.pause()
        assert "Resume" not in commands() and "Export" in commands()


def _detail(screen: HistoryScreen) -> Static:
    return screen.query_one("#history-detail", Static)


def _detail_text(screen: HistoryScreen) -> str:
    detail = _detail(screen)
    return "\n".join(detail.render_line(y).text.rstrip() for y in range(detail.size.height))


async def test_corrected_sessions_are_marked_and_what_the_coach_changed_is_shown(store: SessionStore) -> None:
    corrected = coach_review.set_answer_review(
        build_session(session_id="a" * 32),
        "ccl-01",
        1,
        note="",
        adjusted_score=None,
        reason=None,
        areas={"measured-result": ("partial", "nine days to two")},
        star={"result": ("present", "refund time fell")},
    )
    store.save(corrected)
    store.save(build_session(session_id="b" * 32, created_at=START + timedelta(days=1), reviewed=False))
    screen = HistoryScreen(store, tracks=TRACKS)
    async with HistoryHost(screen).run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        table = screen.query_one("#history-table", DataTable)
        assert [str(table.get_row_at(i)[4]) for i in range(2)] == ["finished", "reviewed ✎3"]
        assert not _detail(screen).display  # nothing reviewed, nothing searched: no detail
        await pilot.press("down")
        await _settle(pilot)
        shown = _detail_text(screen)
        assert "Coach Dana (reviewed): 3 correction(s)" in shown
        assert "Q1 try 2: score 4 (grader: 3.5) — Result was measured" in shown
        assert "Q1 try 1: The measured result: partial (grader: missing) — nine days to two" in shown
        assert _detail(screen).region.bottom <= 23  # above the footer at 80x24
        await pilot.press("up")
        await _settle(pilot)
        assert not _detail(screen).display


async def test_a_search_shows_where_each_session_matched_with_the_words_marked(store: SessionStore) -> None:
    hostile = " [b]nine[/b] [@click=app.quit]x[/]"
    store.save(build_session(session_id="a" * 32, reviewed=False, hostile=hostile))
    screen = HistoryScreen(store, tracks=TRACKS)
    async with HistoryHost(screen).run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        screen.query_one("#filter-text", Input).value = "nine DAYS"
        await _settle(pilot)
        screen.query_one("#history-table", DataTable).focus()
        await pilot.press("down", "up")  # the row is highlighted again, as a coach moves to it
        await _settle(pilot)
        content = _detail(screen).render()
        assert isinstance(content, Content)
        lines = content.plain.split("\n")
        assert lines[0].startswith("Q1 try 1 follow-up: Refund time went from nine days to two.")
        assert f"{hostile.strip()}" in lines[0]  # the answer's brackets as typed, never markup
        assert lines[1].startswith("Q1 try 2 answer: Our refunds took nine days;")
        marked = [content.plain[span.start : span.end] for span in content.spans if "reverse" in str(span.style)]
        assert marked.count("nine") >= 2 and "days" in marked and "[b]" not in "".join(marked)
        await pilot.app.workers.wait_for_complete()
    assert pilot.app.return_code is None  # the [@click=app.quit] in the answer did nothing


async def test_the_status_stays_in_view_at_80_columns_beside_a_long_track(store: SessionStore) -> None:
    long_track = "customer-centric-leadership-for-regulated-industries"
    store.save(build_session(session_id="a" * 32, track=long_track, finished=False, reviewed=True))
    screen = HistoryScreen(store, tracks=TRACKS)
    async with HistoryHost(screen).run_test(size=(80, 24)) as pilot:
        await _settle(pilot)
        table = screen.query_one("#history-table", DataTable)
        columns = list(table.columns.values())
        through_status = sum(column.get_render_width(table) for column in columns[:5])
        assert through_status <= table.scrollable_content_region.width
        row = table.render_line(1).text
        assert "unfinished, reviewed ✎1" in row and "customer-centric" in row and "…" in row
        await pilot.resize_terminal(140, 30)
        await _settle(pilot)
        assert long_track in table.render_line(1).text  # room enough: the track whole
