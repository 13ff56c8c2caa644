"""Where practice keeps things. One place, so tests and scripts can redirect all of it with
PRACTICE_DATA_DIR / PRACTICE_CONFIG and never touch a real user's data."""

from __future__ import annotations

import os
from importlib import resources
from pathlib import Path

from platformdirs import user_config_dir, user_data_dir, user_downloads_dir

from practice.errors import BadInputError

APP_NAME = "practice"


def data_dir() -> Path:
    override = os.environ.get("PRACTICE_DATA_DIR")
    path = Path(override).expanduser() if override else Path(user_data_dir(APP_NAME, appauthor=False))
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
    except FileExistsError as error:
        raise BadInputError(
            f"{path}: the data directory is a file, not a directory",
            hint="Point PRACTICE_DATA_DIR at a directory, or move that file aside.",
        ) from error
    except OSError as error:
        raise BadInputError(
            f"{path}: cannot create the data directory: {error.strerror}",
            hint="Check the permissions, or set PRACTICE_DATA_DIR to a directory you can write.",
        ) from error
    return path


def store_path() -> Path:
    return data_dir() / "sessions.sqlite3"


def screenshot_dir() -> Path:
    """The Downloads folder when there is one (where Textual would put a screenshot), else a
    folder of practice's own data directory: a screenshot never fails for want of a folder."""
    downloads = Path(user_downloads_dir())
    if downloads.is_dir():
        return downloads
    path = data_dir() / "screenshots"
    path.mkdir(exist_ok=True)
    return path


def config_path() -> Path:
    override = os.environ.get("PRACTICE_CONFIG")
    if override:
        return Path(override).expanduser()
    return Path(user_config_dir(APP_NAME, appauthor=False)) / "config.toml"


def bundled_bank_path() -> Path:
    """The bank shipped inside the package (a copy of the repository's question_bank.json)."""
    return Path(str(resources.files("practice") / "data" / "question_bank.json"))
