"""What went wrong talking to a model, in words a candidate can act on.

Every SDK or transport failure becomes one LlmError with a `fault` (so callers and tests can
tell them apart), a message naming the endpoint, and a hint saying what to do. A feature the
server does not offer is said as such, not as "the server had a problem". Text a server sent is
redacted (the key, URL credentials) and cut short before it becomes part of any message.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from enum import StrEnum

import openai

from practice.errors import PracticeError
from practice.llm.formats import names_the_format
from practice.redact import quoted

# How much of an error body that is not OpenAI-shaped goes into a message.
SAID_CHARS = 300


class Fault(StrEnum):
    not_configured = "not_configured"
    unreachable = "unreachable"
    timeout = "timeout"
    unauthorized = "unauthorized"
    model_not_found = "model_not_found"
    rate_limited = "rate_limited"
    server_error = "server_error"
    bad_request = "bad_request"
    context_exceeded = "context_exceeded"
    stream_cut = "stream_cut"
    invalid_reply = "invalid_reply"
    empty_reply = "empty_reply"
    refusal = "refusal"
    format_unsupported = "format_unsupported"
    deadline = "deadline"
    too_large = "too_large"
    cancelled = "cancelled"


# Not a timeout: a server that has said nothing yet may still be working on the request (a local
# one goes on generating for a client that left), and asking again would queue behind it.
RETRYABLE = frozenset({Fault.unreachable, Fault.rate_limited, Fault.server_error})


class LlmError(PracticeError):
    """A model call failed. Exit status 1: the run failed; 2 when the settings are what is
    missing (no model, no key), which is the user's input to fix."""

    def __init__(
        self, fault: Fault, message: str, *, hint: str | None = None, retry_after: float | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.fault = fault
        self.retry_after = retry_after
        self.exit_code = 2 if fault == Fault.not_configured else 1

    @property
    def retryable(self) -> bool:
        return self.fault in RETRYABLE


def from_sdk_error(
    error: Exception,
    *,
    endpoint: str,
    model: str,
    first_token_timeout: float,
    connect_timeout: float,
    secrets: Sequence[str | None] = (),
) -> LlmError:
    """Map one failure of the openai SDK (or the transport under it) onto a fault and advice."""
    where = f"the model endpoint {endpoint}"
    if isinstance(error, openai.APITimeoutError):
        if "connect" in type(error.__cause__).__name__.lower():
            return LlmError(
                Fault.unreachable,
                f"{where} did not accept a connection within {connect_timeout:g} s",
                hint="Check that the server is running, or raise PRACTICE_CONNECT_TIMEOUT.",
            )
        return LlmError(
            Fault.timeout,
            f"{where} sent nothing for {first_token_timeout:g} s (it may still be working on the request)",
            hint="A local model reads a long prompt slowly: raise PRACTICE_FIRST_TOKEN_TIMEOUT, "
            "or use a quicker model.",
        )
    if isinstance(error, openai.APIConnectionError):
        return LlmError(
            Fault.unreachable,
            f"cannot reach {where}: {quoted(_cause(error), secrets)}",
            hint="Check that the server is running and that --base-url / OPENAI_BASE_URL is right.",
        )
    said = quoted(_said(error, secrets), secrets) if isinstance(error, openai.APIError) else ""
    if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
        return LlmError(
            Fault.unauthorized,
            f"{where} refused the API key (HTTP {error.status_code})",
            hint="Check OPENAI_API_KEY (or api_key in the config file) for this endpoint.",
        )
    if isinstance(error, openai.NotFoundError):
        return LlmError(
            Fault.model_not_found,
            f"{where} does not know the model {model!r} (HTTP 404)",
            hint="Check --model / PRACTICE_MODEL against the models the server offers.",
        )
    if isinstance(error, openai.RateLimitError):
        return LlmError(
            Fault.rate_limited,
            f"{where} is rate-limiting requests (HTTP 429)",
            hint="Wait a minute and try again, or use a plan or server with a higher limit.",
            retry_after=_retry_after(error),
        )
    if isinstance(error, openai.APIStatusError) and names_the_format(said):
        return LlmError(
            Fault.format_unsupported,
            f"{where} does not take this form of structured reply (HTTP {error.status_code}): {said}",
            hint="The app tries the next form the server may take.",
        )
    if isinstance(error, openai.InternalServerError):
        return LlmError(
            Fault.server_error,
            f"{where} failed with HTTP {error.status_code}: {said}",
            hint="The server had a problem; try again later.",
            retry_after=_retry_after(error),
        )
    if isinstance(error, openai.BadRequestError) and _context_exceeded(error):
        return LlmError(
            Fault.context_exceeded,
            f"the answer and instructions are longer than {model!r} accepts at {endpoint}",
            hint="Set context_tokens (PRACTICE_CONTEXT_TOKENS) to the model's context size "
            "so long answers are trimmed first.",
        )
    if isinstance(error, openai.APIStatusError):
        return LlmError(
            Fault.bad_request,
            f"{where} rejected the request (HTTP {error.status_code}): {said}",
            hint="Check that the endpoint is OpenAI-compatible and supports chat completions.",
        )
    return LlmError(Fault.invalid_reply, f"{where} sent a reply that could not be read: {quoted(str(error), secrets)}")


def _said(error: openai.APIError, secrets: Sequence[str | None]) -> str:
    """The server's own words. The SDK's message holds only an OpenAI-style `error.message`;
    other servers say it elsewhere (LM Studio: {"error": "..."}; FastAPI: {"detail": ...}),
    which the SDK keeps as the body, so that is added, shortened (redacted first, so no part of
    a secret is left at the cut)."""
    if not isinstance(error, openai.APIStatusError) or error.message != f"Error code: {error.status_code}":
        return error.message
    body = error.body
    if body is None or body == "":
        return error.message
    text = body if isinstance(body, str) else json.dumps(body, ensure_ascii=False, default=str)
    return f"{error.message} - {quoted(text, secrets, limit=SAID_CHARS)}"


def _context_exceeded(error: openai.BadRequestError) -> bool:
    """OpenAI sends a code; vLLM, llama.cpp and others only say it in words."""
    words = error.message.lower()
    return error.code == "context_length_exceeded" or "context length" in words or "context window" in words


def _cause(error: openai.APIConnectionError) -> str:
    cause = error.__cause__
    text = str(cause) if cause is not None else error.message
    return "connection refused" if "refused" in text.lower() else (text or "connection failed")


def _retry_after(error: openai.APIStatusError) -> float | None:
    value = error.response.headers.get("retry-after")
    try:
        return max(float(value), 0.0) if value is not None else None
    except ValueError:
        return None
