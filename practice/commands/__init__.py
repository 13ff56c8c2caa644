"""One module per command group; each exposes `register(subparsers)`.

The whole parser is built on every start of `practice`, the TUI's included, so a command module
imports at its top only what its arguments need, and each handler imports the rest when it runs:
no command pays for another's dependencies (the guide importer, the grader, the exporters).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from practice import locations
from practice.terminal import say

if TYPE_CHECKING:
    from practice.bank.models import QuestionBank
    from practice.store.sqlite import SessionStore


def bank_from_args(args: argparse.Namespace) -> QuestionBank:
    """The bank a command should use: --bank, else the configured bank, else the shipped one."""
    from practice.bank.loader import load_bank
    from practice.config import load_settings

    path = getattr(args, "bank", None)
    if path is None:
        path = load_settings().bank
    return load_bank(Path(path) if path is not None else None)


def open_user_store() -> SessionStore:
    """The store in the data directory. An upgrade of a large history makes a command wait for
    seconds before anything is drawn, so it is announced on stderr rather than left unexplained."""
    from practice.store.sqlite import SessionStore

    path = locations.store_path()

    def announce(old: int, new: int) -> None:
        say(
            f"practice: upgrading the session store {path} (schema {old} to {new}); "
            "with many saved sessions this takes a few seconds…",
            stream=sys.stderr,
        )

    return SessionStore(path, on_upgrade=announce)
