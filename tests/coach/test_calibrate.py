"""`practice calibrate` on sessions whose agreement is known by hand (see calibration_fixtures)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from export.factory import build_session
from textual.widgets import Static

from practice import locations
from practice.calibration.agreement import calibrate
from practice.calibration.pairs import attempt_pairs
from practice.cli import main
from practice.screens.calibration import CalibrationScreen
from practice.screens.history import HistoryScreen
from practice.store import session_file
from practice.store.sqlite import SessionStore

from .calibration_fixtures import known_session
from .hosts import ScreenHost


def shown(report: Static) -> str:
    """The report as it is on the screen, line by line."""
    return "\n".join(report.render_line(y).text.rstrip() for y in range(report.size.height))


def test_overall_agreement_matches_the_hand_computed_figures() -> None:
    result = calibrate(attempt_pairs([known_session()]))
    score = result.overall.score
    assert (score.pairs, score.spearman, score.weighted_kappa) == (4, 0.8, 0.8)
    assert (score.mean_difference, score.difference_spread) == (0.0, 0.82)
    assert (result.overall.areas.pairs, result.overall.areas.agreement, result.overall.areas.kappa) == (12, 0.83, 0.68)
    assert (result.overall.star["result"].agreement, result.overall.star["result"].kappa) == (0.75, 0.0)
    assert (result.overall.star["action"].agreement, result.overall.star["action"].kappa) == (1.0, None)


def test_per_grader_and_per_track() -> None:
    result = calibrate(attempt_pairs([known_session()]))
    assert list(result.by_grader) == ["llm:gpt-4o-mini", "offline"]
    offline, llm = result.by_grader["offline"].score, result.by_grader["llm:gpt-4o-mini"].score
    assert (offline.spearman, offline.mean_difference, offline.difference_spread) == (1.0, 0.0, 0.0)
    # (3, 4) and (4, 3): the order reversed, the spread sqrt(2).
    assert (llm.spearman, llm.mean_difference, llm.difference_spread) == (-1.0, 0.0, 1.41)
    assert result.by_grader["llm:gpt-4o-mini"].areas.agreement == 0.67  # 4 of 6
    assert sorted(result.by_track) == ["alpha", "beta"]
    assert result.by_track["alpha"].attempts == 2


def test_largest_disagreements_carry_the_answer_s_words() -> None:
    result = calibrate(attempt_pairs([known_session()]))
    assert [(d.question_id, d.grader, d.coach) for d in result.score_disagreements] == [
        ("q3", "3", "4"),
        ("q4", "4", "3"),
    ]
    first = result.verdict_disagreements[0]
    assert (first.question_id, first.about, first.grader, first.coach, first.size) == (
        "q4",
        "area: What changed and who was involved",
        "missing",
        "covered",
        2,
    )
    assert first.reason == "The on-call rota is the change"
    assert first.words == "Answer to q4: we moved the on-call rota and I measured refunds."
    # Equal sizes keep the session's order: q1's STAR part, then q3's area.
    assert [d.about for d in result.verdict_disagreements[1:]] == ["STAR result", "area: The measured result"]


def test_sessions_not_marked_reviewed_are_left_out() -> None:
    result = calibrate(attempt_pairs([known_session(reviewed=False), build_session(reviewed=False)]))
    assert (result.overall.attempts, result.overall.score.spearman, result.overall.areas.agreement) == (0, None, None)


def test_command_reads_the_history_and_named_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with SessionStore(locations.store_path()) as store:
        store.save(known_session())
        store.save(known_session("ab" * 16, reviewed=False))
    assert main(["calibrate", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert (figures["sessions"], figures["overall"]["score"]["spearman"]) == (1, 0.8)
    # A named file's copy stands in for the history's: here it agrees with the grader throughout.
    agreeing = session_file.write(tmp_path / "agree.json", build_session(session_id="c0ffee" * 5 + "00"))
    unreviewed = session_file.write(tmp_path / "open.json", build_session(session_id="12" * 16, reviewed=False))
    assert main(["calibrate", str(agreeing), str(unreviewed)]) == 0
    shown = capsys.readouterr().out
    assert "3 graded attempts in 1 reviewed session" in shown
    assert "(1 session file not marked reviewed, left out)" in shown
    assert "Score: quadratic-weighted kappa" in shown


def test_text_report_reads_the_figures(capsys: pytest.CaptureFixture[str]) -> None:
    with SessionStore(locations.store_path()) as store:
        store.save(known_session())
    assert main(["calibrate", "--shown", "1"]) == 0
    shown = capsys.readouterr().out
    assert "Score: Spearman's rank correlation   0.80" in shown
    assert "Score: coach minus grader            mean +0.00, spread 0.82" in shown
    assert "Area verdicts (12)                   agree 83%, kappa 0.68" in shown
    assert "STAR action (4)                      agree 100%, kappa —" in shown
    assert (
        "  llm:gpt-4o-mini (2 attempts)\n"
        "    score: rho -1.00, weighted kappa -1.00, coach minus grader +0.00 ± 1.41\n"
        "    areas: agree 67%, kappa 0.45 · STAR agree: S 100% T 100% A 100% R 100%" in shown
    )
    assert (
        "1. session c0ffeec0, q4 attempt 1 (llm:gpt-4o-mini): area: What changed and who was involved: "
        "grader missing, coach covered — The on-call rota is the change" in shown
    )
    assert "2. session" not in shown


def test_no_reviewed_sessions_says_so(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["calibrate"]) == 0
    assert "No reviewed sessions yet" in capsys.readouterr().out


def test_a_bad_file_stops_with_its_name(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{", encoding="utf-8")
    assert main(["calibrate", str(bad)]) == 2
    assert f"{bad}: not valid JSON" in capsys.readouterr().err


async def test_history_opens_the_calibration_screen() -> None:
    with SessionStore(locations.store_path()) as store:
        store.save(known_session())
        screen = HistoryScreen(store, tracks=[])
        async with ScreenHost(screen).run_test(size=(100, 40)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(pilot.app.screen, CalibrationScreen)
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            report = shown(pilot.app.screen.query_one("#calibration-report", Static))
            assert "Grader against coaches: 4 graded attempts in 1 reviewed session" in report
            await pilot.press("escape")
            await pilot.pause()
            assert pilot.app.screen is screen


async def test_calibration_screen_shows_markup_in_data_as_text() -> None:
    session = known_session()
    session = session.model_copy(
        update={
            "records": [
                record.model_copy(
                    update={"question": record.question.model_copy(update={"text": "[b]Why[/] [@click=app.quit]x[/]"})}
                )
                for record in session.records
            ]
        }
    )
    with SessionStore(locations.store_path()) as store:
        store.save(session)
        async with ScreenHost(CalibrationScreen(store)).run_test(size=(100, 40)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            assert "Q: [b]Why[/] [@click=app.quit]x[/]" in shown(
                pilot.app.screen.query_one("#calibration-report", Static)
            )


async def test_a_wrapped_line_of_the_report_keeps_its_indent_at_80_columns() -> None:
    """A disagreement's line is longer than 80 columns: what wraps continues under its own
    words (after "1. "), not at the left edge where the next heading starts."""
    with SessionStore(locations.store_path()) as store:
        store.save(known_session())
        async with ScreenHost(CalibrationScreen(store)).run_test(size=(80, 24)) as pilot:
            await pilot.app.workers.wait_for_complete()
            await pilot.pause()
            lines = shown(pilot.app.screen.query_one("#calibration-report", Static)).split("\n")
    numbered = [i for i, line in enumerate(lines) if line.startswith("  1. session ")]
    assert numbered, lines
    for index in numbered:
        following = lines[index + 1]
        assert not following.lstrip().startswith("Q: "), "this line should be long enough to wrap"
        assert following.startswith("     ") and not following.startswith("      "), lines[index : index + 3]
    assert any(line.startswith("By grader") for line in lines) and any(line.startswith("  offline") for line in lines)
