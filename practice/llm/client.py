"""One client for any OpenAI-compatible chat endpoint: OpenAI, Azure OpenAI, Ollama, vLLM,
LM Studio, llama.cpp's server, llama-cpp-python.

Every request streams, so time is bounded as a user lives it: a limit for connecting, one for
the first word (and each gap after it), a hard deadline for the whole reply (one watchdog thread
for the process closes the connection, even against a server that drips a byte a second), a size cap, and cancel
(`cancel()`, from the UI's Escape) closing the HTTP request at once. The SDK's own retries are
off: this module retries only what never started (connection refused, 429, 5xx), honouring
Retry-After up to a cap; a reply that may still be generating is never asked for again.

Structured replies negotiate their form per endpoint (practice/llm/formats.py). Usage is asked
for in the stream (`stream_options`) where the server takes it, so counts are exact there, and
estimated with tiktoken elsewhere, flagged so. Text a server sent is redacted before it is
shown or stored.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from collections.abc import Callable, Generator, Iterable, Mapping
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache, cached_property, partial
from typing import Any, TypeVar, cast

import openai
from openai.types.chat import ChatCompletionMessageParam
from pydantic import BaseModel, ValidationError

from practice.config import Settings
from practice.llm import formats, tokens, watchdog
from practice.llm.errors import Fault, LlmError, from_sdk_error
from practice.llm.formats import NEGOTIATION_ORDER, OutputForm
from practice.llm.usage import TokenUsage
from practice.redact import quoted, url_secrets, url_without_credentials

log = logging.getLogger(__name__)

OPENAI_ENDPOINT = "https://api.openai.com/v1"
# Local servers (Ollama, llama.cpp, LM Studio) ignore the key, but the SDK insists on one.
PLACEHOLDER_KEY = "no-key-needed"
EVENT_STREAM = "text/event-stream"
# How often a waiting request looks again whether it was stopped (a missed wake-up costs this).
WAKE_CHECK_SECONDS = 0.5
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
    common: dict[str, Any] = {
        "api_key": key or PLACEHOLDER_KEY,
        "timeout": _timeout(settings, settings.timeout_seconds),
        "max_retries": 0,
        "http_client": openai.DefaultHttpxClient(
            event_hooks={"request": [_on_sending], "response": [partial(_cap_error_body, settings.max_reply_bytes)]}
        ),
    }
    if settings.api_version:
        if not settings.base_url:
            raise LlmError(
                Fault.not_configured,
                "Azure OpenAI (api_version is set) needs the resource endpoint",
                hint="Set --base-url / OPENAI_BASE_URL to https://<resource>.openai.azure.com.",
            )
        return openai.AzureOpenAI(azure_endpoint=settings.base_url, api_version=settings.api_version, **common)
    return openai.OpenAI(base_url=settings.base_url or OPENAI_ENDPOINT, **common)


def _timeout(settings: Settings, remaining: float) -> openai.Timeout:
    """httpx's read limit is per read: it bounds the wait for the first word and each gap, never
    the whole (the deadline's watchdog does that)."""
    connect = min(settings.connect_timeout_seconds, remaining)
    return openai.Timeout(
        connect=connect, write=connect, pool=connect, read=min(settings.first_token_timeout_seconds, remaining)
    )


@dataclass(frozen=True)
class Activity:
    """What the client is doing now, for a screen to show while it waits."""

    purpose: str
    tokens: int
    seconds: float


@dataclass
class _Call:
    """One request in flight: what stops it (cancel, the deadline) and how far it got."""

    purpose: str
    started: float
    stream: Any = None
    tokens: int = 0
    stopped: Fault | None = None
    # Called as the request goes out, for work the caller overlaps with the wait.
    on_sending: Callable[[], None] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)
    woken: threading.Event = field(default_factory=threading.Event)


@dataclass
class _Received:
    text: list[str] = field(default_factory=list)
    refusal: list[str] = field(default_factory=list)
    finish_reason: str | None = None
    usage: tuple[int, int] | None = None


class LlmClient:
    """One per app run (or per headless grade): it keeps the running token total."""

    def __init__(
        self,
        settings: Settings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        if not settings.model:
            raise LlmError(
                Fault.not_configured,
                "no model is configured for the LLM grader",
                hint="Set --model or PRACTICE_MODEL (for example gpt-4o-mini, or llama3.1 on Ollama).",
            )
        self.model = settings.model
        self.endpoint = url_without_credentials(settings.base_url or OPENAI_ENDPOINT)
        self.context_tokens = tokens.context_window(self.model, settings.context_tokens)
        self.usage = TokenUsage()
        self._settings = settings
        key = settings.api_key.get_secret_value() if settings.api_key is not None else None
        self._secrets = [key, *url_secrets(settings.base_url)]
        self._sdk = build_sdk_client(settings)
        self._sleep = sleep
        self._clock = clock
        self._lock = threading.Lock()
        self._calls: list[_Call] = []
        self._refusing = False
        self._openers = ThreadPoolExecutor(max_workers=4, thread_name_prefix="llm-request")
        self._memory = formats.memory()

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

    def redact(self, text: str) -> str:
        """What the server sent, fit for a message: no secret, and short."""
        return quoted(text, self._secrets)

    # -- what is going on, and stopping it ------------------------------------------------

    def activity(self) -> Activity | None:
        with self._lock:
            call = self._calls[-1] if self._calls else None
        if call is None:
            return None
        return Activity(purpose=call.purpose, tokens=call.tokens, seconds=self._clock() - call.started)

    def cancel(self) -> bool:
        """Stop every request in flight now, closing its connection, and refuse new ones until
        resume(): the candidate chose not to wait. True if a request was in flight."""
        with self._lock:
            self._refusing = True
            calls = list(self._calls)
        for call in calls:
            self._stop(call, Fault.cancelled)
        return bool(calls)

    def resume(self) -> None:
        with self._lock:
            self._refusing = False

    def _stop(self, call: _Call, why: Fault) -> None:
        with call.lock:
            if call.stopped is not None:
                return
            call.stopped = why
            stream = call.stream
        call.woken.set()
        if stream is not None:
            _close_quietly(stream)
            return
        # Still waiting for the reply's headers: only closing the connection pool reaches them.
        with self._lock:
            old, self._sdk = self._sdk, build_sdk_client(self._settings)
        _close_quietly(old)

    # -- structured replies -------------------------------------------------------------

    def structured(
        self,
        messages: list[Message],
        reply_model: type[Reply],
        *,
        repair: Callable[[str], str],
        max_tokens: int,
        schema: dict[str, Any] | None = None,
        context: Mapping[str, Any] | None = None,
        purpose: str = "answering",
        on_sending: Callable[[], None] | None = None,
    ) -> Reply:
        """A reply validated against `reply_model` (with `context` for its validators); `schema`
        is what the server is asked to hold it to (the model's own by default). An unusable
        reply gets ONE repair turn carrying the validation error, then an LlmError.

        `on_sending` is called once, as the first request is handed to the connection: CPU work
        meant to overlap the wait for the reply starts then, not sooner, or it competes for the
        interpreter lock with the building of the request and delays it (bench_llm.py)."""
        conversation = list(messages)
        schema = schema if schema is not None else _schema(reply_model)
        on_sending = _once(on_sending) if on_sending is not None else None
        problem, fault = "", Fault.invalid_reply
        for attempt in range(2):
            content, finish_reason = self._negotiated(
                conversation, reply_model.__name__, schema, max_tokens, purpose, on_sending
            )
            reply, problem, fault = _parse(content, reply_model, context)
            if reply is not None:
                return reply
            if finish_reason == "length":
                problem += f" (the reply reached its limit of {max_tokens} tokens before it was complete)"
            log.warning(
                "model %s at %s: unusable reply (%s)%s",
                self.model,
                self.endpoint,
                self.redact(problem),
                "; asking once more" if attempt == 0 else "",
            )
            conversation += [{"role": "assistant", "content": content}, {"role": "user", "content": repair(problem)}]
        raise LlmError(
            fault,
            f"the model {self.model!r} at {self.endpoint} sent an unusable reply twice: {self.redact(problem)}",
            hint="Try a larger or more instruction-following model.",
        )

    def _negotiated(
        self,
        messages: list[Message],
        name: str,
        schema: dict[str, Any],
        max_tokens: int,
        purpose: str,
        on_sending: Callable[[], None] | None,
    ) -> tuple[str, str | None]:
        """The reply's text in the first form of structured output the endpoint takes, starting
        from the form it was found to take before."""
        known = self._memory.get(self.endpoint, self.model).output_form
        forms = NEGOTIATION_ORDER[NEGOTIATION_ORDER.index(known) :] if known is not None else NEGOTIATION_ORDER
        refused: list[str] = []
        for form in forms:
            try:
                received = self._collect(
                    messages,
                    max_tokens=max_tokens,
                    temperature=0,
                    purpose=purpose,
                    response_format=formats.response_format(form, name, schema),
                    on_sending=on_sending,
                )
            except LlmError as error:
                if not _refuses_the_form(error, form):
                    raise
                log.info("%s does not take %s (%s); trying the next form", self.endpoint, form.described, error.message)
                refused.append(f"{form.described}: {error.message}")
                following = NEGOTIATION_ORDER.index(form) + 1
                if following < len(NEGOTIATION_ORDER):
                    # Known now, whatever comes of the next form: never ask in this one again.
                    self._memory.remember(self.endpoint, self.model, output_form=NEGOTIATION_ORDER[following])
                continue
            if form != known:
                log.info("%s takes %s; remembered for %s", self.endpoint, form.described, self.model)
                self._memory.remember(self.endpoint, self.model, output_form=form)
            return "".join(received.text), received.finish_reason
        raise LlmError(
            Fault.format_unsupported,
            f"{self.endpoint} refused every form of JSON reply for {self.model!r} ({'; '.join(refused)})",
            hint="Check that the endpoint is OpenAI-compatible and supports chat completions.",
        )

    def _collect(self, messages: list[Message], **options: Any) -> _Received:
        received = _Received()
        for _ in self._pieces(messages, received=received, **options):
            pass
        if received.refusal and not received.text:
            raise LlmError(
                Fault.refusal,
                f"the model {self.model!r} declined to answer: {self.redact(''.join(received.refusal))}",
                hint="The offline grade stands; rephrasing the answer or another model may help.",
            )
        if received.finish_reason is None:
            raise self._stream_cut("the reply ended before the model finished it")
        return received

    # -- streamed text ------------------------------------------------------------------

    def stream_text(
        self, messages: list[Message], *, max_tokens: int, temperature: float = 0.7, purpose: str = "speaking"
    ) -> Generator[str, None, None]:
        """Text chunks as they arrive. Closing the generator closes the HTTP stream at once, so a
        cancelled turn stops costing tokens. A stream that ends without a finish reason was cut
        short and raises LlmError(stream_cut)."""
        received = _Received()
        yield from self._pieces(
            messages,
            received=received,
            max_tokens=max_tokens,
            temperature=temperature,
            purpose=purpose,
            response_format=None,
            on_sending=None,
        )
        if received.finish_reason is None:
            raise self._stream_cut("the stream ended without a finish")

    # -- one request --------------------------------------------------------------------

    def _pieces(
        self,
        messages: list[Message],
        *,
        received: _Received,
        max_tokens: int,
        temperature: float,
        response_format: dict[str, Any] | None,
        purpose: str,
        on_sending: Callable[[], None] | None,
    ) -> Generator[str, None, None]:
        """The reply's text as it streams in, filling `received`; bounded by the deadline, the
        size cap and cancel, whichever comes first."""
        call = _Call(purpose=purpose, started=self._clock(), on_sending=on_sending)
        with self._lock:
            if self._refusing:
                call.stopped = Fault.cancelled
            self._calls.append(call)
        deadline = watchdog.watch(self._settings.timeout_seconds, lambda: self._stop(call, Fault.deadline))
        size = 0
        try:
            stream = self._open(
                call, messages, max_tokens=max_tokens, temperature=temperature, response_format=response_format
            )
            try:
                for chunk in self._chunks(call, stream):
                    self._take_usage(chunk, received)
                    for piece, finish in self._deltas(chunk, received):
                        size += len(piece.encode())
                        if size > self._settings.max_reply_bytes:
                            raise LlmError(
                                Fault.too_large,
                                f"the reply from {self.endpoint} passed {self._settings.max_reply_bytes:,} bytes "
                                "and was stopped",
                                hint="Check the server: no grade or question is that long (PRACTICE_MAX_REPLY_BYTES).",
                            )
                        if piece:
                            call.tokens += 1
                            received.text.append(piece)
                            yield piece
                        received.finish_reason = received.finish_reason or finish
            finally:
                _close_quietly(stream)
        finally:
            deadline.cancel()
            with self._lock:
                self._calls.remove(call)
            self._count(messages, received)

    def _open(
        self,
        call: _Call,
        messages: list[Message],
        *,
        max_tokens: int,
        temperature: float,
        response_format: dict[str, Any] | None,
    ) -> Any:
        """The stream, once the server has answered with its headers. Retried only while nothing
        was started: connection refused, 429, 5xx."""
        notes = self._memory.get(self.endpoint, self.model)
        options: dict[str, Any] = {
            "model": self.model,
            "messages": _sdk_messages(messages),
            **formats.request_options(notes, max_tokens=max_tokens, temperature=temperature),
        }
        if response_format is not None:
            options["response_format"] = response_format
        attempts = self._settings.max_retries + 1
        attempt = 1
        while True:
            stopped = self._stopped(call)
            if stopped is not None:
                raise stopped
            remaining = self._remaining(call)
            try:
                stream = self._create(call, options, _timeout(self._settings, remaining))
            except openai.APIError as sdk_error:
                error = self._stopped(call) or self._error(sdk_error)
                if error.fault == Fault.timeout and remaining < self._settings.first_token_timeout_seconds:
                    call.stopped = Fault.deadline  # the read limit was the deadline's remainder
                    error = self._stopped(call) or error
                found = formats.without_refused(options, error.message) if error.fault == Fault.bad_request else None
                if found is not None:
                    # Not a retry: the same request without what the endpoint refused, once per parameter.
                    log.info("%s refused part of the request (%s); asking without it", self.endpoint, error.message)
                    self._memory.remember(self.endpoint, self.model, **found)
                    continue
                if not error.retryable or attempt >= attempts:
                    raise error from sdk_error
                wait = min(self._wait_before_retry(attempt, error.retry_after), max(self._remaining(call) - 1, 0))
                log.warning("%s (attempt %d of %d); retrying in %.2f s", error.message, attempt, attempts, wait)
                self._sleep(wait)
                attempt += 1
                continue
            except Exception:
                stopped = self._stopped(call)
                if stopped is not None:
                    raise stopped from None
                raise
            with call.lock:
                call.stream = stream
                stopped_already = call.stopped is not None
            if stopped_already:
                _close_quietly(stream)
                raise self._stopped(call) or self._stream_cut("stopped")
            return stream

    def _create(self, call: _Call, options: dict[str, Any], timeout: openai.Timeout) -> Any:
        """The SDK's create, waited for so that cancel and the deadline can interrupt it: no
        thread can wake another from a socket read, so the request waits in a helper thread,
        and one left behind closes its own stream when the server answers at last."""
        call.woken.clear()
        outcome = self._openers.submit(_send, call, self._sdk.chat.completions.create, options, timeout)
        outcome.add_done_callback(lambda _: call.woken.set())
        while not outcome.done() and call.stopped is None:
            call.woken.wait(WAKE_CHECK_SECONDS)
            call.woken.clear()
        if not outcome.done():
            outcome.add_done_callback(_close_result)
            raise self._stopped(call) or self._stream_cut("stopped")
        return outcome.result()

    def _chunks(self, call: _Call, stream: Any) -> Generator[Any, None, None]:
        """The stream's chunks; a reply that is not a stream (a JSON body, a web page) read as
        what it is; any failure of the transport or of the reply's shape as an LlmError."""
        try:
            content_type = str(stream.response.headers.get("content-type", ""))
            if not content_type.startswith(EVENT_STREAM):
                yield self._whole_body(stream, content_type)
                return
            yield from stream
        except LlmError:
            raise
        except openai.APIError as error:
            raise self._stopped(call) or self._stream_cut(
                f"the connection broke ({self.redact(error.message)})"
            ) from error
        except UnicodeDecodeError as error:
            raise self._stopped(call) or self._unreadable("bytes that are not UTF-8 text") from error
        except ValueError as error:  # a line that is not JSON
            raise self._stopped(call) or self._unreadable(f"a chunk that is not JSON ({error})") from error
        except Exception as error:
            raise self._stopped(call) or self._stream_cut(f"the connection broke ({type(error).__name__})") from error

    def _whole_body(self, stream: Any, content_type: str) -> dict[str, Any]:
        """A server that ignored `stream: true`: its one JSON completion, as a chunk would hold it."""
        if "json" not in content_type:
            raise LlmError(
                Fault.invalid_reply,
                f"{self.endpoint} did not answer like an OpenAI-compatible chat endpoint "
                f"(it sent {content_type or 'no content type'})",
                hint="Check --base-url / OPENAI_BASE_URL: for most servers it ends in /v1.",
            )
        body = bytearray()
        for part in stream.response.iter_bytes():
            body += part
            if len(body) > self._settings.max_reply_bytes:
                raise LlmError(
                    Fault.too_large,
                    f"the reply from {self.endpoint} passed {self._settings.max_reply_bytes:,} bytes and was stopped",
                    hint="Check the server: no grade or question is that long (PRACTICE_MAX_REPLY_BYTES).",
                )
        payload = json.loads(bytes(body).decode("utf-8"))
        if not isinstance(payload, dict):
            raise self._unreadable("a JSON reply that is not an object")
        choices = payload.get("choices")
        if isinstance(choices, list):
            payload["choices"] = [
                {**choice, "delta": choice.get("message")} if isinstance(choice, dict) else choice for choice in choices
            ]
        return payload

    def _take_usage(self, chunk: Any, received: _Received) -> None:
        usage = _field(chunk, "usage")
        prompt, completion = _field(usage, "prompt_tokens"), _field(usage, "completion_tokens")
        if isinstance(prompt, int) and isinstance(completion, int):
            received.usage = (prompt, completion)
            self._memory.remember(self.endpoint, self.model, stream_usage=True)

    def _deltas(self, chunk: Any, received: _Received) -> Iterable[tuple[str, str | None]]:
        """(text, finish reason) of each choice in a chunk; a chunk of any other shape is refused
        in words, never as a traceback."""
        choices = _field(chunk, "choices")
        if choices is None or choices == []:
            return []  # the usage chunk, or a keep-alive
        if not isinstance(choices, list):
            raise self._unreadable(f"a reply whose choices are {self.redact(repr(choices))[:60]}, not a list")
        found: list[tuple[str, str | None]] = []
        for choice in choices:
            delta = _field(choice, "delta")
            content = _field(delta, "content")
            refusal = _field(delta, "refusal")
            finish = _field(choice, "finish_reason")
            if content is not None and not isinstance(content, str):
                raise self._unreadable("a reply whose text is not a string")
            if isinstance(refusal, str) and refusal:
                received.refusal.append(refusal)
            found.append((content or "", finish if isinstance(finish, str) else None))
        return found

    # -- plumbing -----------------------------------------------------------------------

    def _remaining(self, call: _Call) -> float:
        return max(self._settings.timeout_seconds - (self._clock() - call.started), 0.001)

    def _stopped(self, call: _Call) -> LlmError | None:
        """Why the call was stopped from outside (deadline, cancel), as the error to raise."""
        if call.stopped == Fault.deadline:
            return LlmError(
                Fault.deadline,
                f"the reply from {self.endpoint} was not complete after {self._settings.timeout_seconds:g} s "
                "and was stopped",
                hint="A local CPU model is slow: raise PRACTICE_TIMEOUT, or use a quicker model.",
            )
        if call.stopped == Fault.cancelled:
            return LlmError(Fault.cancelled, "you chose not to wait for the model", hint=None)
        return None

    def _error(self, sdk_error: openai.APIError) -> LlmError:
        return from_sdk_error(
            sdk_error,
            endpoint=self.endpoint,
            model=self.model,
            secrets=self._secrets,
            first_token_timeout=self._settings.first_token_timeout_seconds,
            connect_timeout=self._settings.connect_timeout_seconds,
        )

    def _unreadable(self, what: str) -> LlmError:
        return LlmError(
            Fault.invalid_reply,
            f"{self.endpoint} sent {what}",
            hint="Check that the endpoint is OpenAI-compatible (for most servers --base-url ends in /v1).",
        )

    def _stream_cut(self, why: str) -> LlmError:
        return LlmError(
            Fault.stream_cut,
            f"the reply from {self.endpoint} stopped part-way: {why}",
            hint="Check the server if it keeps happening.",
        )

    def _wait_before_retry(self, attempt: int, retry_after: float | None) -> float:
        wanted = retry_after if retry_after is not None else self._settings.retry_wait_seconds * 2 ** (attempt - 1)
        return min(wanted, self._settings.retry_wait_cap_seconds)

    def _count(self, messages: list[Message], received: _Received) -> None:
        if received.usage is not None:
            prompt, completion, estimated = *received.usage, False
        else:
            counter = self.counter
            prompt = counter.count_messages(messages)
            completion = counter.count("".join(received.text))
            estimated = counter.estimated
        with self._lock:
            self.usage = tokens.add_usage(
                self.usage, model=self.model, prompt=prompt, completion=completion, estimated=estimated
            )


# The call whose request this thread is sending, for the HTTP client's request hook.
_sending = threading.local()


def _send(call: _Call, create: Callable[..., Any], options: dict[str, Any], timeout: openai.Timeout) -> Any:
    _sending.call = call
    try:
        return create(**options, timeout=timeout)
    finally:
        _sending.call = None


def _once(action: Callable[[], None]) -> Callable[[], None]:
    done = threading.Event()

    def once() -> None:
        if not done.is_set():
            done.set()
            action()

    return once


def _on_sending(request: Any) -> None:
    """httpx's request hook (httpx or httpx2, by the SDK's version): the SDK has built the
    request. The caller's overlapping work waits until the request is written (httpcore's
    `trace` extension says when): begun here, it would hold the interpreter lock while the
    connection is made and the body written, and the request would go out only after it."""
    call: _Call | None = getattr(_sending, "call", None)
    if call is None or call.on_sending is None:
        return
    started = call.on_sending

    def trace(event: str, info: dict[str, Any]) -> None:
        # "http11.send_request_body.complete" (or http2's); a failed send wakes it too.
        if event.endswith(("send_request_body.complete", ".failed")):
            started()

    request.extensions["trace"] = trace


def _cap_error_body(limit: int, response: Any) -> None:
    """httpx's response hook, before the body is read: an error reply's body is read no further
    than `limit` bytes (the SDK reads it whole, to quote it; a 130 MB one took 29 s and 870 MB).
    A reply that is not an error is capped as it is read (_pieces, _whole_body)."""
    if response.status_code >= 400:
        stream_type: Any = type(response.stream)
        response.stream = _capped_stream_class(stream_type)(response.stream, limit)


@cache
def _capped_stream_class(stream_type: type) -> type:
    """A byte stream of httpx's own kind (httpx or httpx2, by the SDK's version; httpx checks
    the kind) that ends after `limit` bytes and closes the connection under it."""
    base = next(kind for kind in stream_type.__mro__ if kind.__name__ == "SyncByteStream")

    def __init__(self: Any, inner: Any, limit: int) -> None:
        self.inner = inner
        self.limit = limit

    def __iter__(self: Any) -> Generator[bytes, None, None]:
        taken = 0
        for part in self.inner:
            yield part[: self.limit - taken]
            taken += len(part)
            if taken >= self.limit:
                return

    def close(self: Any) -> None:
        self.inner.close()

    return type("CappedStream", (base,), {"__init__": __init__, "__iter__": __iter__, "close": close})


def _refuses_the_form(error: LlmError, form: OutputForm) -> bool:
    """A server refusing a response_format says so in a 4xx, or in a 5xx naming the format."""
    if error.fault == Fault.format_unsupported:
        return True
    return error.fault == Fault.bad_request and form != OutputForm.instructions


def _field(value: Any, name: str) -> Any:
    """A chunk's field, whether the SDK made it an object or it is a plain dict (or garbage)."""
    if isinstance(value, dict):
        return value.get(name)
    return getattr(value, name, None) if value is not None and not isinstance(value, str | int | float | list) else None


def _close_result(outcome: Future[Any]) -> None:
    if not outcome.cancelled() and outcome.exception() is None:
        _close_quietly(outcome.result())


def _close_quietly(closable: Any) -> None:
    try:
        closable.close()
    except Exception as error:
        log.debug("closing %s: %s", type(closable).__name__, error)


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
