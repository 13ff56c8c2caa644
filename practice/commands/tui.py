"""Opening the TUI: the default command. Everything that can fail for a reason the user can fix
(settings, the bank, the store) is checked before the app starts, so it ends as a message and an
exit status, never a traceback inside a half-drawn screen."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from practice.bank.loader import load_bank
from practice.bank.models import RoleLevel
from practice.commands import open_user_store
from practice.config import GraderKind, load_settings
from practice.interview.interviewer import Interviewer
from practice.startup_gc import collector_paused_until_drawn

if TYPE_CHECKING:  # the SDK loads only when a model is configured
    from practice.llm.client import LlmClient


def add_app_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--bank", type=Path, help="use this question bank (JSON) instead of the shipped one")
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint (default: $OPENAI_BASE_URL)")
    parser.add_argument("--model", help="model name (default: $PRACTICE_MODEL)")
    parser.add_argument("--grader", choices=["offline", "llm"], help="which grader to use")


def register(subcommands: argparse._SubParsersAction) -> None:
    """The TUI is the parser's default handler (cli.py); it has no subcommand of its own."""


def llm_interviewer_factory(client: LlmClient) -> Callable[[RoleLevel], Interviewer]:
    """One interviewer per session's role level, all speaking through the app's one client."""
    from practice.interview.llm_interviewer import LlmInterviewer

    def interviewer_for(role_level: RoleLevel) -> Interviewer:
        return LlmInterviewer(client, role_level=role_level)

    return interviewer_for


def run(args: argparse.Namespace) -> int:
    with collector_paused_until_drawn() as resume:
        from practice.app import build_app

        settings = load_settings(bank=args.bank, base_url=args.base_url, model=args.model, grader=args.grader)
        bank = load_bank(settings.bank)
        store = open_user_store()
        client = None
        if settings.effective_grader == GraderKind.llm:
            from practice.llm.client import LlmClient

            client = LlmClient(settings)  # a missing model or key ends here, as a message and exit 2
        interviewer_for = llm_interviewer_factory(client) if client is not None else None
        app = build_app(settings, bank, store, interviewer_for=interviewer_for, llm_client=client, on_drawn=resume)
        app.run()
    return 0
