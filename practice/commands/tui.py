"""Opening the TUI: the default command. Everything that can fail for a reason the user can fix
(settings, the bank, the store) is checked before the app starts, so it ends as a message and an
exit status, never a traceback inside a half-drawn screen."""

from __future__ import annotations

import argparse
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from practice.bank.loader import load_bank
from practice.bank.models import RoleLevel
from practice.commands import open_user_store
from practice.config import GraderKind, load_settings
from practice.interview.interviewer import Interviewer

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


@contextmanager
def collector_paused_until_drawn() -> Iterator[Callable[[], None]]:
    """Yields `resume`, for the app to call once its first screen is drawn.

    Starting the TUI allocates ~100,000 objects (modules, classes, styles, widgets) that live as
    long as the app, and the cyclic garbage collector traversed them over and over: ~70 ms of the
    ~400 ms to the first screen (benchmarks/bench_startup.py). So it is paused until then; at
    `resume`, gc.freeze() keeps what start-up built out of every later collection (the ~6,000
    unreachable objects start-up leaves among ~115,000 stay too: a collection to free them would
    cost ~30 ms just after the first frame) and collecting resumes. Leaving the block resumes it
    as well, whatever happened."""
    if not gc.isenabled():  # whoever runs us chose otherwise (a profiler, a host program)
        yield lambda: None
        return
    gc.disable()

    def resume() -> None:
        if not gc.isenabled():
            gc.freeze()
            gc.enable()

    try:
        yield resume
    finally:
        gc.enable()


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
