"""Opening the TUI: the default command."""

from __future__ import annotations

import argparse
from pathlib import Path


def add_app_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bank", type=Path, help="use this question bank (JSON) instead of the shipped one")
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint (default: $OPENAI_BASE_URL)")
    parser.add_argument("--model", help="model name (default: $PRACTICE_MODEL)")
    parser.add_argument("--grader", choices=["offline", "llm"], help="which grader to use")


def register(subcommands: argparse._SubParsersAction) -> None:  # noqa: SLF001
    pass


def run(args: argparse.Namespace) -> int:
    raise NotImplementedError("the TUI lands with the interview issue")
