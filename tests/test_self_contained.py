"""A clone of this repository alone must pass its own tests: nothing the code, the tests, the
scripts or the docs read may live beside the repository (the source documents once lived in a
`shared` folder next to it, and a clone without that folder failed its bank tests)."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from conftest import REPO_ROOT, SOURCES_DIR

CHECKED = ("practice", "tests", "benchmarks", "drills", ".ci", "docs", "sources")
TOP_LEVEL = ("README.md", "pyproject.toml")
# `../shared`, `parent / "shared"`, `parents[2] / 'shared'`: the ways a path out of the repository
# into its neighbour has been written.
OUTSIDE = re.compile(r"\.\./shared\b|parents?\b[^\n]{0,20}/\s*[\"']shared[\"']")
SOURCE_ROW = re.compile(r"^\| `([^`]+)` \| `([0-9a-f]{64})` \|", re.M)


def _text_files() -> list[Path]:
    files = [REPO_ROOT / name for name in TOP_LEVEL]
    for folder in CHECKED:
        files += [
            path for path in (REPO_ROOT / folder).rglob("*") if path.is_file() and "__pycache__" not in path.parts
        ]
    return [path for path in files if path.suffix != ".svg" and path != Path(__file__).resolve()]


def test_the_pattern_catches_each_way_out_of_the_repository() -> None:
    assert OUTSIDE.search('SEEDS = REPO_ROOT.parent / "shared" / "seeds"')
    assert OUTSIDE.search("see ../shared/seeds/README.md")
    assert OUTSIDE.search("Path(__file__).parents[2] / 'shared'")
    assert not OUTSIDE.search("a shared tracker; shared_transcriber(); language['shared']")


def test_nothing_refers_to_a_folder_beside_the_repository() -> None:
    offending = []
    for path in _text_files():
        text = path.read_text(encoding="utf-8", errors="replace")
        offending += [
            f"{path.relative_to(REPO_ROOT)}:{text.count(chr(10), 0, match.start()) + 1}: {match.group(0)}"
            for match in OUTSIDE.finditer(text)
        ]
    assert not offending, f"paths outside the repository (keep what they name in it): {offending}"


def test_the_source_documents_are_the_ones_listed_with_their_checksums() -> None:
    listed = dict(SOURCE_ROW.findall((SOURCES_DIR / "README.md").read_text(encoding="utf-8")))
    present = {path.name for path in SOURCES_DIR.iterdir() if path.name != "README.md"}
    assert set(listed) == present, "sources/README.md must list exactly the documents in sources/"
    changed = [
        name
        for name, digest in listed.items()
        if hashlib.sha256((SOURCES_DIR / name).read_bytes()).hexdigest() != digest
    ]
    assert not changed, f"source documents changed since they were copied in: {changed}"
