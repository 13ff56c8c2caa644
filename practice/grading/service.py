"""The single entry point for grading an answer, whichever grader is configured.

The offline grader always runs: it is cheap, needs nothing, and its signals are kept beside any
model's verdict. When the model cannot give a verdict (endpoint down, bad reply, refusal...)
the offline grade stands in, flagged with why, so the candidate's answer is always graded and
the session goes on.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import TYPE_CHECKING

from practice.bank.models import Question, RoleLevel
from practice.config import GraderKind, Settings
from practice.grading import offline
from practice.grading.exchange import Exchange
from practice.grading.feedback import Feedback, Flag, FlagKind, GraderInfo
from practice.terminal import readable

if TYPE_CHECKING:  # the LLM modules pull in the openai SDK (~1 s): loaded only when a model grades
    from practice.grading.llm_grader import Verdict
    from practice.llm.client import LlmClient

log = logging.getLogger(__name__)

# The offline grades worked out while a model grades: threads kept, not started per grade,
# which costs milliseconds on a loaded machine. Each is handed its grade once the request is written.
_helpers = ThreadPoolExecutor(max_workers=2, thread_name_prefix="offline-grade")


def unexpected_failure(error: Exception) -> str:
    """No log file is kept, so the reason names the failure itself (a bug to report)."""
    return f"the LLM grader failed unexpectedly ({type(error).__name__}); please report it"


def grader_info(settings: Settings) -> GraderInfo:
    """Which grader a new session will be graded by, recorded on the session before any grade."""
    if settings.effective_grader == GraderKind.offline:
        return GraderInfo(kind=GraderKind.offline.value, version=offline.GRADER_VERSION)
    from practice.grading import llm_grader

    return GraderInfo(
        kind=GraderKind.llm.value,
        version=llm_grader.LLM_GRADER_VERSION,
        model=settings.model,
        prompt_version=llm_grader.prompt_version(),
    )


def grade(
    question: Question,
    answer: str,
    *,
    settings: Settings,
    role_level: RoleLevel,
    exchanges: Sequence[Exchange] | None = None,
    client: LlmClient | None = None,
    bank: Sequence[Question] = (),
    vocabulary: str | None = None,
) -> Feedback:
    """`exchanges` (interviewer prompt, candidate answer) lets the model see the follow-up
        questions; `client` lets a session reuse one client and read its token usage; `bank` lets
        the offline grader tell an answer to another of its questions, and `vocabulary` is its field
    (see offline.grade). The answer is graded as a reader sees it: a pasted colour code's digits
    are no figures (practice.terminal.readable)."""
    answer = readable(answer)
    if settings.effective_grader == GraderKind.offline or not answer.strip():
        # Nothing for a model to judge in an empty answer; the offline grader has flagged it.
        return offline.grade(question, answer, role_level=role_level, bank=bank, vocabulary=vocabulary)
    from practice.grading import injection, llm_grader

    # The request waits on the network for most of its time, without the interpreter lock: the
    # offline grade and the injection check, both CPU, are worked out meanwhile, not after it.
    # They are handed to a helper only once the request is written: any sooner, they would
    # compete for the lock with the building and writing of the request (even waking a helper
    # that then waits costs a switch), and the request would go out only after them.
    started: list[Future[tuple[Feedback, list[str]]]] = []
    starting = threading.Lock()

    def meanwhile() -> tuple[Feedback, list[str]]:
        return offline.grade(
            question, answer, role_level=role_level, bank=bank, vocabulary=vocabulary
        ), injection.detect(answer)

    def start() -> None:
        with starting:
            if not started:
                started.append(_helpers.submit(meanwhile))

    try:
        verdict = _ask_model(question, answer, settings, role_level, exchanges, client, on_sending=start)
    finally:
        start()  # no request went out (or it failed): the offline grade is needed now
    local = started[0]
    baseline, injected = local.result()
    if isinstance(verdict, str):
        return _fallback(baseline, verdict, settings)
    try:
        return llm_grader.to_feedback(
            question,
            answer,
            verdict.reply,
            sentences=verdict.sentences,
            baseline=baseline,
            role_level=role_level,
            model=verdict.model,
            trimmed=verdict.trimmed,
            injected=injected,
        )
    except llm_grader.UnsupportedVerdict as unsupported:
        log.warning("LLM grade of %s not used: %s", question.id, unsupported)
        return _fallback(baseline, str(unsupported), settings)
    except Exception as error:  # a grader bug must not cost the candidate their grade
        log.exception("LLM grader failed on %s", question.id)
        return _fallback(baseline, unexpected_failure(error), settings)


def _fallback(baseline: Feedback, reason: str, settings: Settings) -> Feedback:
    """The reason may hold what a server sent: redacted once more here, where it is stored."""
    from practice.redact import redact, url_secrets

    key = settings.api_key.get_secret_value() if settings.api_key is not None else None
    message = redact(reason, [key, *url_secrets(settings.base_url)])
    return baseline.model_copy(update={"flags": [*baseline.flags, Flag(kind=FlagKind.llm_fallback, message=message)]})


def _ask_model(
    question: Question,
    answer: str,
    settings: Settings,
    role_level: RoleLevel,
    exchanges: Sequence[Exchange] | None,
    client: LlmClient | None,
    *,
    on_sending: Callable[[], None],
) -> Verdict | str:
    """The verdict, or why there is none: run in a thread, so every failure is caught here and
    handed to the caller as the reason the offline grade stands."""
    from practice.grading import llm_grader
    from practice.llm.client import LlmClient
    from practice.llm.errors import LlmError

    try:
        return llm_grader.ask(
            question,
            answer,
            client=client or LlmClient(settings),
            role_level=role_level,
            exchanges=exchanges,
            on_sending=on_sending,
        )
    except LlmError as error:
        log.warning("LLM grade of %s unavailable: %s", question.id, error.message)
        return f"{error.message}. {error.hint}" if error.hint else error.message
    except Exception as error:  # a grader bug must not cost the candidate their grade
        log.exception("LLM grader failed on %s", question.id)
        return unexpected_failure(error)
