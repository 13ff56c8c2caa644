"""The README promises two set-up commands and shows real grader output; both drift silently
when the code changes, so these tests hold them to what the project actually does."""

import re
from pathlib import Path

from practice.cli import main
from tests.grading.gold_evidence import CCL_01_PILOT

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _fenced_block_starting_with(first_line: str) -> list[str]:
    match = re.search(r"```text\n(" + re.escape(first_line) + r".*?)```", README, re.S)
    assert match, f"README has no example starting with {first_line!r}"
    return match.group(1).splitlines()


def test_feedback_example_is_what_the_grader_prints(tmp_path, capsys) -> None:
    answer = tmp_path / "my-answer.txt"
    answer.write_text(" ".join(CCL_01_PILOT.sentences), encoding="utf-8")

    assert main(["grade", "ccl-01", "--answer-file", str(answer)]) == 0
    printed = capsys.readouterr().out.splitlines()

    example = _fenced_block_starting_with("$ practice grade ccl-01")
    shown = [line for line in example[1:] if line.strip() and line.strip() != "..."]
    assert len(shown) > 20
    missing = [line for line in shown if line not in printed]
    assert not missing, f"README lines the grader no longer prints: {missing}"


def test_ci_runs_the_readme_test_command() -> None:
    readme_command = re.search(r"&& \.venv/bin/python -m pytest[^\n`]*", README)
    assert readme_command
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert readme_command.group(0).removeprefix("&& ") + "\n" in ci
