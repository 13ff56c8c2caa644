"""Placeholder: filled in by the issue that builds the 'sessions' commands."""

from __future__ import annotations

import argparse


def register(subcommands: argparse._SubParsersAction) -> None:  # noqa: SLF001
    pass
