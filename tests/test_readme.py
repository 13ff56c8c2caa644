"""The README promises two set-up commands and shows real grader output, and it and docs/ point
at each other; all of it drifts silently when the code or the docs move, so these tests hold
them to what the project actually has."""

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


DOCS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md")), ROOT / "sources" / "README.md"]
LINK = re.compile(r"\]\(([^)\s]+)\)")


def _anchor(heading: str) -> str:
    """A heading's anchor as GitHub makes it: lower case, punctuation dropped, spaces to hyphens."""
    return re.sub(r"[^\w\- ]", "", heading.strip().lower()).replace(" ", "-")


def test_every_link_between_the_readme_and_the_docs_resolves() -> None:
    broken = []
    for page in DOCS:
        for target in LINK.findall(page.read_text(encoding="utf-8")):
            if target.startswith(("http://", "https://")):
                continue
            path, _, anchor = target.partition("#")
            linked = (page.parent / path).resolve() if path else page
            if not linked.is_file():
                broken.append(f"{page.relative_to(ROOT)}: {target} (no such file)")
            elif anchor:
                headings = re.findall(r"^#+ (.+)$", linked.read_text(encoding="utf-8"), re.M)
                if anchor not in {_anchor(heading) for heading in headings}:
                    broken.append(f"{page.relative_to(ROOT)}: {target} (no such heading)")
    assert not broken, broken


def test_the_graders_figures_are_kept_in_one_place() -> None:
    """The labelled set's before/after table is edited as the grader changes; a second copy
    would go stale unnoticed, so it lives in docs/grading.md and the README links to it."""
    table_header = "| measure (target) |"
    holding = [page.relative_to(ROOT).as_posix() for page in DOCS if table_header in page.read_text(encoding="utf-8")]
    assert holding == ["docs/grading.md"]
    assert "(docs/grading.md)" in README
