"""`pip install .` (the README's command to install and start the app) ships only the data files
pyproject.toml names: a data file it leaves out works in the editable install the tests use and
breaks every real one. Before this test, the grader's language, tuning and vocabularies were left
out, and the installed app refused the shipped bank ("unknown grader vocabulary")."""

from __future__ import annotations

import tomllib
from pathlib import Path

from tests.conftest import REPO_ROOT

PACKAGE = REPO_ROOT / "practice"


def _shipped() -> set[Path]:
    """What setuptools puts in the wheel besides modules: the package-data globs, each read as
    setuptools reads it (a glob from the package's folder)."""
    config = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["practice"]
    return {path for pattern in patterns for path in PACKAGE.glob(pattern)}


def test_every_data_file_of_the_package_is_installed_with_it() -> None:
    data = {
        path
        for path in PACKAGE.rglob("*")
        if path.is_file() and path.suffix not in {".py", ".pyc"} and "__pycache__" not in path.parts
    }
    assert data, "the package has no data files: the search looked in the wrong place"
    left_out = sorted(str(path.relative_to(REPO_ROOT)) for path in data - _shipped())
    assert not left_out, f"pyproject.toml's package-data does not ship: {left_out}"
