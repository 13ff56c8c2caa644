"""One client for any OpenAI-compatible chat endpoint: OpenAI, Azure OpenAI, Ollama, vLLM,
LM Studio, llama.cpp's server.

The SDK's own retries are off (max_retries=0): this module retries what can succeed on a second
try (connection, timeout, 429, 5xx), honouring Retry-After up to a cap, and turns everything
else into an LlmError at once, so retries are bounded, visible in the log and testable.
Every request and reply is counted into `usage`: with the server's own figures where it reports
them (exact), with tiktoken otherwise (streams, servers without usage), flagged when estimated.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Generator, Mapping
from functools import cache, cached_property
from typing import Any, TypeVar, cast

import openai
from openai.types.chat import ChatCompletion, ChatCompletionMessageParam
from openai.types.chat.completion_create_params import ResponseFormat
from pydantic import BaseModel, ValidationError

from practice.config import Settings
from practice.interview.models import TokenUsage
from practice.llm import tokens
from practice.llm.errors import Fault, LlmError, from_sdk_error

log = logging.getLogger(__name__)

OPENAI_ENDPOINT = "https://api.openai.com/v1"
# Local servers (Ollama, llama.cpp, LM Studio) ignore the key, but the SDK insists on one.
PLACEHOLDER_KEY = "no-key-needed"
T = TypeVar("T")
Reply = TypeVar("Reply", bound=BaseModel)
Message = dict[str, str]


def build_sdk_client(settings: Settings) -> openai.OpenAI:
    key = settings.api_key.get_secret_value() if settings.api_key is not None else None
    if key is None and not settings.base_url:
        raise LlmError(
            Fault.not_configured,
            f"no API key for {OPENAI_ENDPOINT}",
            hint="Set OPENAI_API_KEY, or point --base-url / OPENAI_BASE_URL at a local server.",
        )
    common: dict[str, Any] = {"api_key": key or PLACEHOLDER_KEY, "timeout": settings.timeout_seconds, "max_retries": 0}
    if settings.api_version:
        if not settings.base_url:
            raise LlmError(
                Fault.not_configured,
                "Azure OpenAI (api_version is set) needs the resource endpoint",
                hint="Set --base-url / OPENAI_BASE_URL to https://<resource>.openai.azure.com.",
            )
        return openai.AzureOpenAI(azure_endpoint=settings.base_url, api_version=settings.api_version, **common)
    return openai.OpenAI(base_url=settings.base_url or OPENAI_ENDPOINT, **common)


class LlmClient:
    """One per session (or per headless grade): it keeps the running token total."""

    def __init__(self, settings: Settings, *, sleep: Callable[[float], None] = time.sleep) -> None:
        if not settings.model:
            raise LlmError(
                Fault.not_configured,
                "no model is configured for the LLM grader",
                hint="Set --model or PRACTICE_MODEL (for example gpt-4o-mini, or llama3.1 on Ollama).",
            )
        self.model = settings.model
        self.endpoint = settings.base_url or OPENAI_ENDPOINT
        self.context_tokens = tokens.context_window(self.model, settings.context_tokens)
        self.usage = TokenUsage()
        self._settings = settings
        self._sdk = build_sdk_client(settings)
        self._sleep = sleep
        self._lock = threading.Lock()
        # Flipped off the first time the endpoint rejects json_schema; JSON mode is used then.
        self._json_schema_supported = True

    def count_from(self, usage: TokenUsage) -> None:
        """Go on counting from a session's own total: one client serves a whole app run, but
        the tokens a session shows and saves are that session's, resumed ones included."""
        with self._lock:
            self.usage = usage

    @cached_property
    def counter(self) -> tokens.TokenCounter:
        """Loaded on first use (in a worker), not when the app starts: building an encoding
        takes about a second."""
        return tokens.counter_for(self.model)

    # -- structured replies -------------------------------------------------------------

    def structured(
        self,
        messages: list[Message],
        reply_model: type[Reply],
        *,
        repair: Callable[[str], str],
        context: Mapping[str, Any] | None = None,
    ) -> Reply:
        """A reply validated against `reply_model` (with `context` for its validators). An
        unusable reply gets ONE repair turn carrying the validation error, then an LlmError."""
        conversation = list(messages)
        for attempt in range(2):
            content = self._complete(conversation, reply_model)
            reply, problem, fault = _parse(content, reply_model, context)
            if reply is not None:
                return reply
            log.warning("model %s at %s: unusable reply (%s)%s", self.model, self.endpoint, problem,
                        "; asking once more" if attempt == 0 else "")
            conversation += [{"role": "assistant", "content": content}, {"role": "user", "content": repair(problem)}]
        raise LlmError(
            fault,
            f"the model {self.model!r} at {self.endpoint} sent an unusable reply twice: {problem}",
            hint="Try a larger or more instruction-following model.",
        )

    def _complete(self, messages: list[Message], reply_model: type[BaseModel]) -> str:
        completion = self._create_structured(messages, reply_model)
        if not isinstance(completion, ChatCompletion):
            # The SDK hands back the raw text of a non-JSON page (a proxy's error page, a web UI).
            raise LlmError(
                Fault.bad_request,
                f"{self.endpoint} did not answer like an OpenAI-compatible chat endpoint",
                hint="Check --base-url / OPENAI_BASE_URL: for most servers it ends in /v1.",
            )
        choice = completion.choices[0] if completion.choices else None
        message = choice.message if choice is not None else None
        refusal = getattr(message, "refusal", None) if message is not None else None
        if refusal:
            raise LlmError(
                Fault.refusal,
                f"the model {self.model!r} declined to answer: {refusal}",
                hint="The offline grade stands; rephrasing the answer or another model may help.",
            )
        content = (message.content if message is not None else None) or ""
        usage = completion.usage
        if usage is not None:
            self._add(usage.prompt_tokens, usage.completion_tokens, estimated=False)
        else:
            self._add(self.counter.count_messages(messages), self.counter.count(content), estimated=self.counter.estimated)
        return content

    def _create_structured(self, messages: list[Message], reply_model: type[BaseModel]) -> ChatCompletion:
        if self._json_schema_supported:
            schema_format = {
                "type": "json_schema",
                "json_schema": {"name": reply_model.__name__, "schema": _schema(reply_model), "strict": True},
            }
            try:
                return self._create(messages, response_format=schema_format)
            except LlmError as error:
                if error.fault != Fault.bad_request:
                    raise
                log.info("%s rejected json_schema replies (%s); using JSON mode", self.endpoint, error.message)
                self._json_schema_supported = False
        return self._create(messages, response_format={"type": "json_object"})

    def _create(self, messages: list[Message], *, response_format: dict[str, Any]) -> ChatCompletion:
        return self._with_retries(
            lambda: self._sdk.chat.completions.create(
                model=self.model,
                messages=_sdk_messages(messages),
                temperature=0,
                response_format=cast("ResponseFormat", response_format),
            )
        )

    # -- streamed text ------------------------------------------------------------------

    def stream_text(self, messages: list[Message], *, temperature: float = 0.7) -> Generator[str, None, None]:
        """Text chunks as they arrive. Closing the generator closes the HTTP stream at once
        (the `finally`), so a cancelled turn stops costing tokens. A stream that ends without
        a finish reason was cut short and raises LlmError(stream_cut)."""
        stream = self._with_retries(
            lambda: self._sdk.chat.completions.create(
                model=self.model, messages=_sdk_messages(messages), temperature=temperature, stream=True
            )
        )
        produced: list[str] = []
        finished = False
        try:
            for chunk in stream:
                for choice in chunk.choices:
                    if choice.delta.content:
                        produced.append(choice.delta.content)
                        yield choice.delta.content
                    finished = finished or choice.finish_reason is not None
        except openai.APIError as error:
            raise self._stream_cut(f"the connection broke ({error.message})") from error
        finally:
            stream.close()
            self._add(
                self.counter.count_messages(messages), self.counter.count("".join(produced)),
                estimated=self.counter.estimated,
            )
        if not finished:
            raise self._stream_cut("the stream ended without a finish")

    def _stream_cut(self, why: str) -> LlmError:
        return LlmError(
            Fault.stream_cut,
            f"the reply from {self.endpoint} stopped part-way: {why}",
            hint="The interview goes on with the bank's words; check the server if it keeps happening.",
        )

    # -- plumbing -----------------------------------------------------------------------

    def _with_retries(self, call: Callable[[], T]) -> T:
        attempts = self._settings.max_retries + 1
        for attempt in range(1, attempts + 1):
            try:
                return call()
            except openai.APIError as sdk_error:
                error = from_sdk_error(
                    sdk_error, endpoint=self.endpoint, model=self.model, timeout=self._settings.timeout_seconds
                )
                if not error.retryable or attempt == attempts:
                    raise error from sdk_error
                wait = self._wait_before_retry(attempt, error.retry_after)
                log.warning("%s (attempt %d of %d); retrying in %.2f s", error.message, attempt, attempts, wait)
                self._sleep(wait)
        raise AssertionError("unreachable: the loop returns or raises")

    def _wait_before_retry(self, attempt: int, retry_after: float | None) -> float:
        wanted = retry_after if retry_after is not None else self._settings.retry_wait_seconds * 2 ** (attempt - 1)
        return min(wanted, self._settings.retry_wait_cap_seconds)

    def _add(self, prompt: int, completion: int, *, estimated: bool) -> None:
        with self._lock:
            self.usage = tokens.add_usage(
                self.usage, model=self.model, prompt=prompt, completion=completion, estimated=estimated
            )


@cache
def _schema(reply_model: type[BaseModel]) -> dict[str, Any]:
    """Built once per reply model: pydantic takes milliseconds to generate it, on every call otherwise."""
    return reply_model.model_json_schema()


def _sdk_messages(messages: list[Message]) -> list[ChatCompletionMessageParam]:
    """Our messages are plain role/content pairs, which every SDK message type accepts."""
    return cast("list[ChatCompletionMessageParam]", messages)


def _parse(
    content: str, reply_model: type[Reply], context: Mapping[str, Any] | None
) -> tuple[Reply | None, str, Fault]:
    """The reply, or why it cannot be used in words fit to send back to the model."""
    if not content.strip():
        return None, "the reply was empty", Fault.empty_reply
    try:
        return reply_model.model_validate_json(content, context=context), "", Fault.invalid_reply
    except ValidationError as error:
        details = "; ".join(
            f"{'.'.join(str(part) for part in issue['loc']) or 'reply'}: {issue['msg']}" for issue in error.errors()[:5]
        )
        return None, details, Fault.invalid_reply
