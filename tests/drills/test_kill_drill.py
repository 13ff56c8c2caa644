"""The kill drill, short: two SIGKILLs of the real app mid-session, then a clean start. The
twenty-kill version is `python -m tests.drills.kill_drill` (docs/reliability.md)."""

from __future__ import annotations

from pathlib import Path

from tests.drills.kill_drill import run_drill


def test_sigkill_mid_session_loses_no_answer_and_resume_is_offered(tmp_path: Path) -> None:
    report = run_drill(kills=2, seed=5, work_dir=tmp_path)
    assert report.problems == []
    assert report.kills == 2 and report.survived == 2
    assert report.submitted + report.drafts_checked >= 1, "the kills came too early: the drill checked nothing"
