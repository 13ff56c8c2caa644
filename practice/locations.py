"""Where practice keeps things. One place, so tests and scripts can redirect all of it with
PRACTICE_DATA_DIR / PRACTICE_CONFIG and never touch a real user's data."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir

APP_NAME = "practice"


def data_dir() -> Path:
    override = os.environ.get("PRACTICE_DATA_DIR")
    path = Path(override).expanduser() if override else Path(user_data_dir(APP_NAME, appauthor=False))
    path.mkdir(parents=True, exist_ok=True)
    return path


def store_path() -> Path:
    return data_dir() / "sessions.sqlite3"


def config_path() -> Path:
    override = os.environ.get("PRACTICE_CONFIG")
    if override:
        return Path(override).expanduser()
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def bundled_bank_path() -> Path:
    """The bank shipped inside the package (a copy of the repository's question_bank.json)."""
    return Path(str(resources.files("practice") / "data" / "question_bank.json"))
