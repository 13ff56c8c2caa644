"""The coach's review screen, driven with Pilot: notes and adjustments beside the grader's, saved
only when asked, never lost while invalid, and the read-only view of a saved session."""

from __future__ import annotations

from pathlib import Path

import pytest
from export.factory import build_session
from textual.widgets import Input, OptionList, Select, Static, TextArea

from practice.screens.confirm import ConfirmScreen
from practice.screens.file_dialogs import PathPrompt
from practice.screens.review import AnswerReviewForm, ReviewScreen, SessionReviewForm
from practice.store import coach_review, session_file

from .hosts import ScreenHost

HOS = 3  # option index of hos-03 attempt 1: overview, ccl-01 #1, ccl-01 #2, hos-03 #1


@pytest.fixture
def sent_file(tmp_path: Path) -> Path:
    return session_file.write(tmp_path / "sent.json", build_session(reviewed=False, session_id="0123456789abcdef"))


async def _select(pilot, index: int) -> None:
    pilot.app.screen.query_one("#review-answers", OptionList).highlighted = index
    await pilot.pause()


async def _type(pilot, selector: str, text: str) -> None:
    pilot.app.screen.query_one(selector).focus()
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


async def test_adjustment_needs_a_reason_and_nothing_is_saved_until_asked(sent_file: Path) -> None:
    before = sent_file.read_bytes()
    screen = ReviewScreen(session_file.read(sent_file), source=sent_file)
    async with ScreenHost(screen).run_test(size=(120, 50)) as pilot:
        await _select(pilot, HOS)
        await _type(pilot, "#answer-note", "Good")
        await _type(pilot, "#adjusted-score", "4")
        error = screen.query_one("#answer-error", Static)
        assert "say why the score is adjusted" in str(error.render())
        assert "⚠" in str(screen.query_one("#review-answers", OptionList).get_option_at_index(HOS).prompt)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(pilot.app.screen, ConfirmScreen)  # refused: the form is invalid
        assert sent_file.read_bytes() == before
        await _type(pilot, "#adjust-reason", "ok")
        assert str(error.render()) == ""
        entry = screen.session.review.for_attempt("hos-03", 1)
        assert (entry.note, entry.adjusted_score, entry.adjustment_reason) == ("Good", 4.0, "ok")
        assert sent_file.read_bytes() == before  # edits live in memory only
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert sent_file.read_bytes() == before  # declined: untouched
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    saved = session_file.read(sent_file)
    assert saved.review.for_attempt("hos-03", 1).adjusted_score == 4.0
    # the grader's verdict is kept as it was, beside the coach's
    assert saved.record("hos-03").attempts[0].feedback.score == 4.0
    assert saved.records == session_file.read(sent_file).records


async def test_invalid_text_survives_switching_answers(sent_file: Path) -> None:
    screen = ReviewScreen(session_file.read(sent_file), source=sent_file)
    async with ScreenHost(screen).run_test(size=(120, 50)) as pilot:
        await _select(pilot, HOS)
        await _type(pilot, "#answer-note", "Keep me")
        await _type(pilot, "#adjusted-score", "x")
        await _select(pilot, 1)
        assert screen.query_one(AnswerReviewForm).target.question_id == "ccl-01"
        await _select(pilot, HOS)
        form = screen.query_one(AnswerReviewForm)
        assert form.query_one("#answer-note", TextArea).text == "Keep me"
        assert form.query_one("#adjusted-score", Input).value == "x"
        assert "'x' is not a number" in str(form.query_one("#answer-error", Static).render())


async def test_session_note_reviewed_and_save_as_a_new_file(sent_file: Path, tmp_path: Path) -> None:
    before = sent_file.read_bytes()
    screen = ReviewScreen(session_file.read(sent_file), source=sent_file)
    async with ScreenHost(screen).run_test(size=(120, 50)) as pilot:
        assert screen.query_one(SessionReviewForm)
        await _type(pilot, "#reviewer", "Dana")
        await _type(pilot, "#session-note", "Work on results")
        await pilot.press("ctrl+r")
        await pilot.pause()
        assert screen.query_one("#reviewed").value is True
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PathPrompt)
        path_input = pilot.app.screen.query_one("#file-path", Input)
        assert path_input.value == str(tmp_path / "sent-reviewed.json")
        path_input.value = str(sent_file)  # an existing file is refused, the dialog stays
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(pilot.app.screen, PathPrompt)
        assert "already exists" in str(pilot.app.screen.query_one("#file-error", Static).render())
        path_input.value = str(tmp_path / "copy.json")
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen and not screen.dirty
    copy = session_file.read(tmp_path / "copy.json")
    assert (copy.review.reviewer, copy.review.session_note, copy.review.reviewed) == ("Dana", "Work on results", True)
    assert sent_file.read_bytes() == before


async def test_leaving_with_unsaved_changes_asks(sent_file: Path) -> None:
    screen = ReviewScreen(session_file.read(sent_file), source=sent_file)
    host = ScreenHost(screen)
    async with host.run_test(size=(120, 50)) as pilot:
        await pilot.press("ctrl+r")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(pilot.app.screen, ConfirmScreen)
        await pilot.press("n")
        await pilot.pause()
        assert pilot.app.screen is screen
        screen.query_one("#review-answers").focus()
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
    assert host.results == [None]


async def test_read_only_view_has_no_forms_and_cannot_save(sent_file: Path) -> None:
    before = sent_file.read_bytes()
    screen = ReviewScreen(build_session(), read_only=True)
    async with ScreenHost(screen).run_test(size=(120, 50)) as pilot:
        assert not screen.query(SessionReviewForm)
        await _select(pilot, 2)
        assert not screen.query(AnswerReviewForm)
        coach = screen.query_one("#answer-review-readonly Static", Static)
        assert "Adjusted score 4 / 5: Result was measured" in str(coach.render())
        await pilot.press("ctrl+s", "ctrl+r")
        await pilot.pause()
        assert pilot.app.screen is screen and not screen.dirty
    assert sent_file.read_bytes() == before


async def test_export_dialog_writes_the_chosen_format(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    screen = ReviewScreen(build_session(session_id="abcdef0123456789"), read_only=True)
    async with ScreenHost(screen).run_test(size=(120, 50)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        dialog = pilot.app.screen
        dialog.query_one("#format-html").value = True
        await pilot.pause()
        assert dialog.query_one("#file-path", Input).value == "practice-2026-11-20-abcdef01.html"
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen
    assert (tmp_path / "practice-2026-11-20-abcdef01.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


async def test_coach_corrects_an_area_and_a_star_part_with_a_reason(sent_file: Path) -> None:
    screen = ReviewScreen(session_file.read(sent_file), source=sent_file)
    async with ScreenHost(screen).run_test(size=(120, 50)) as pilot:
        await _select(pilot, 1)  # ccl-01 attempt 1: 'The measured result' missing, STAR result missing
        form = screen.query_one(AnswerReviewForm)
        form.query_one("#area-2-verdict", Select).value = "partial"
        await pilot.pause()
        assert "say why 'The measured result' is partial, not missing" in str(form.query_one("#answer-error").render())
        assert screen.session.review.for_attempt("ccl-01", 1) is None  # nothing applied while invalid
        await _type(pilot, "#area-2-reason", "Nine days to two")
        form.query_one("#star-result-verdict", Select).value = "present"
        await _type(pilot, "#star-result-reason", "In the follow-up")
        entry = screen.session.review.for_attempt("ccl-01", 1)
        assert [(c.criterion, c.status.value, c.reason) for c in entry.areas] == [
            ("measured-result", "partial", "Nine days to two")
        ]
        assert [(c.part, c.present, c.reason) for c in entry.star] == [("result", True, "In the follow-up")]
        shown = str(screen.query_one("#coach-verdicts-text", Static).render())
        assert "The measured result: partial (grader: missing) — Nine days to two" in shown
        assert "STAR result: present (grader: missing) — In the follow-up" in shown
        assert "±2" in str(screen.query_one("#review-answers", OptionList).get_option_at_index(1).prompt)
        await _select(pilot, HOS)
        await _select(pilot, 1)  # the form comes back with the coach's choices
        form = screen.query_one(AnswerReviewForm)
        assert form.query_one("#area-2-verdict", Select).value == "partial"
        assert form.query_one("#star-result-reason", Input).value == "In the follow-up"
        form.query_one("#area-2-verdict", Select).value = ""  # back to the grader's verdict
        await pilot.pause()
        assert [c.part for c in screen.session.review.for_attempt("ccl-01", 1).areas] == []


async def test_read_only_view_shows_the_coach_verdicts_beside_the_grader() -> None:
    session = coach_review.set_answer_review(
        build_session(),
        "ccl-01",
        2,
        note="Much clearer.",
        adjusted_score=4.0,
        reason="Result was measured",
        areas={"measured-result": ("covered", "Cut to two days")},
        star={},
    )
    async with ScreenHost(ReviewScreen(session, read_only=True)).run_test(size=(120, 50)) as pilot:
        await _select(pilot, 2)
        shown = str(pilot.app.screen.query_one("#coach-verdicts-text", Static).render())
        assert "The measured result: covered (grader: missing) — Cut to two days" in shown
        assert pilot.app.screen.query_one("#criteria")  # the grader's checklist is still there


async def test_export_dialog_replaces_an_existing_file_only_when_asked(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    existing = tmp_path / "practice-2026-11-20-abcdef01.md"
    existing.write_text("old", encoding="utf-8")
    screen = ReviewScreen(build_session(session_id="abcdef0123456789"), read_only=True)
    async with ScreenHost(screen).run_test(size=(120, 50)) as pilot:
        await pilot.press("f3")
        await pilot.pause()
        dialog = pilot.app.screen
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is dialog  # refused, and told how to replace it
        assert "tick “Replace the file if it exists”" in str(dialog.query_one("#file-error", Static).render())
        dialog.query_one("#replace-existing").value = True
        dialog.query_one("#file-path", Input).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert pilot.app.screen is screen
    assert existing.read_text(encoding="utf-8").startswith("# Interview practice")
