"""Every test runs against its own data and config directories and with no LLM configured, so
no test touches a real user's sessions or reaches a real endpoint."""

from __future__ import annotations

from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
SOURCES_DIR = REPO_ROOT / "sources"


@pytest.fixture(autouse=True)
def isolated_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    data = tmp_path / "data"
    monkeypatch.setenv("PRACTICE_DATA_DIR", str(data))
    monkeypatch.setenv("PRACTICE_CONFIG", str(tmp_path / "config.toml"))
    for name in (
        "OPENAI_API_KEY",
        "OPENAI_BASE_URL",
        "OPENAI_API_VERSION",
        "PRACTICE_MODEL",
        "PRACTICE_GRADER",
        "PRACTICE_BANK",
        "PRACTICE_THEME",
        "TIKTOKEN_CACHE_DIR",
    ):
        monkeypatch.delenv(name, raising=False)
    return data
