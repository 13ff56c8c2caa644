"""A fake OpenAI-compatible server on 127.0.0.1, spoken to over real HTTP by the real openai SDK.

Each test scripts the replies it wants, in order (`script(...)`), including every fault the
client must survive; the server records each request so tests can assert on what was sent.
A reply is sent the way the request asked for it: streamed (with a usage chunk when
`stream_options` asks for one) or as one JSON body. A `Flavour` makes the server refuse what a
real one refuses (OpenAI, Azure, Ollama, vLLM, LM Studio, llama.cpp's server, llama-cpp-python)
before any scripted reply is used.
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

Action = Callable[["Handler"], None]


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, list[str]]
    headers: dict[str, str]
    body: dict[str, Any]

    def messages(self) -> list[dict[str, str]]:
        return self.body["messages"]

    def text(self, role: str) -> str:
        return "\n".join(m["content"] for m in self.messages() if m["role"] == role)


@dataclass
class StreamLog:
    """What happened to streams: how many chunks were sent and whether the client hung up."""

    chunks_sent: int = 0
    client_hung_up: threading.Event = field(default_factory=threading.Event)


@dataclass(frozen=True)
class Flavour:
    """What one kind of server takes and how it says no, from that server's own code or
    documentation (`source`). A refused request gets `refusal` (status, message), the message
    as an OpenAI-style error object, or as a bare string where the server sends one
    (`error_as_string`). `stream_usage`: the usage chunk is sent when `stream_options` asks for
    it (False: the option is taken and ignored). `max_tokens` False: the server wants
    `max_completion_tokens`; `fixed_temperature`: it takes no temperature but its default (1)."""

    name: str
    source: str = ""
    json_schema: bool = True
    json_object: bool = True
    json_object_schema: bool = True
    refusal: tuple[int, str] = (400, "response_format is not supported")
    error_as_string: bool = False
    # OpenAI's JSON mode refuses messages that never say "json".
    json_mode_needs_the_word: bool = False
    stream_options: bool = True
    stream_options_refusal: str = "Unrecognized request argument supplied: stream_options"
    stream_usage: bool = True
    max_tokens: bool = True
    fixed_temperature: bool = False

    def refuses(self, body: dict[str, Any]) -> tuple[int, str] | None:
        form = body.get("response_format")
        kind = form.get("type") if isinstance(form, dict) else None
        if kind == "json_schema" and not self.json_schema:
            return self.refusal
        if kind == "json_object" and not (self.json_object_schema if "schema" in form else self.json_object):
            return self.refusal
        if (
            kind == "json_object"
            and self.json_mode_needs_the_word
            and "json" not in json.dumps(body["messages"]).lower()
        ):
            return (
                400,
                "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
            )
        if "stream_options" in body and not self.stream_options:
            return 400, self.stream_options_refusal
        if "max_tokens" in body and not self.max_tokens:
            return 400, (
                "Unsupported parameter: 'max_tokens' is not supported with this model. "
                "Use 'max_completion_tokens' instead."
            )
        if self.fixed_temperature and body.get("temperature", 1) != 1:
            return 400, (
                f"Unsupported value: 'temperature' does not support {body['temperature']} with this model. "
                "Only the default (1) value is supported."
            )
        return None


# As llama-cpp-python 0.3.36 words it (seen against the real server in the drill): its pydantic
# request model takes response_format types 'text' and 'json_object' only (llama_cpp/llama_types.py,
# ChatCompletionRequestResponseFormat), and its route handler answers any error it does not
# recognise with HTTP 500 (llama_cpp/server/errors.py, RouteErrorHandler.error_message_wrapper).
LLAMA_CPP_PYTHON_REFUSAL = (
    "1 validation error:\n  {'type': 'literal_error', 'loc': ('body', 'response_format', 'type'), "
    "'msg': \"Input should be 'text' or 'json_object'\", 'input': 'json_schema', "
    "'ctx': {'expected': \"'text' or 'json_object'\"}}\n\n  File \"llama_cpp/server/app.py\", line 376, "
    "in create_chat_completion\n    POST /v1/chat/completions"
)
OPENAI = Flavour(
    "openai",
    source="platform.openai.com structured-outputs and JSON-mode guides; the 400 for a schema in JSON mode "
    "as reported in spring-projects/spring-ai#2969",
    json_object_schema=False,
    refusal=(400, "Unknown parameter: 'response_format.schema'."),
    json_mode_needs_the_word=True,
)
FLAVOURS = {
    "openai": OPENAI,
    # o1/o3/o4-mini and GPT-5: the 400s as reported in teilomillet/gollm#33 and tmc/langchaingo#1355.
    "openai-reasoning": replace(OPENAI, name="openai-reasoning", max_tokens=False, fixed_temperature=True),
    # API version 2024-10-21 and later; a schema in JSON mode is assumed refused as OpenAI refuses it.
    "azure": replace(OPENAI, name="azure", source="learn.microsoft.com Azure OpenAI structured outputs"),
    # Before 2024-08-01-preview: no json_schema (the 400 as reported in langgenius/dify#8994), and
    # no stream_options before 2024-09-01-preview (openai/openai-python#1469).
    "azure-2024-06-01": replace(
        OPENAI,
        name="azure-2024-06-01",
        json_schema=False,
        refusal=(
            400,
            "response_format value as json_schema is enabled only for api versions 2024-08-01-preview and later",
        ),
        stream_options=False,
    ),
    # openai/openai.go (fromChatRequest): json_object is plain JSON mode (a "schema" beside it is
    # ignored), json_schema passes its schema on, any other type is ignored, never refused;
    # middleware/openai.go sends the usage chunk for include_usage (since v0.5.2); max_tokens is
    # num_predict, max_completion_tokens is not read.
    "ollama": Flavour("ollama", source="github.com/ollama/ollama openai/openai.go, middleware/openai.go"),
    # vllm/entrypoints/openai/chat_completion/protocol.py: response_format text, json_object,
    # json_schema, structural_tag (unknown fields such as a "schema" beside json_object are logged
    # and ignored); stream_options honoured; max_tokens (deprecated) and max_completion_tokens.
    "vllm": Flavour("vllm", source="github.com/vllm-project/vllm chat_completion/protocol.py"),
    # lmstudio.ai/docs/advanced/structured-output: json_schema; json_object refused with this body
    # (lmstudio-bug-tracker#189, LoadShine/tada#16); no usage in streams (lmstudio-bug-tracker#713).
    "lm-studio": Flavour(
        "lm-studio",
        source="lmstudio.ai/docs/advanced/structured-output; lmstudio-bug-tracker#189, #713",
        json_object=False,
        json_object_schema=False,
        refusal=(400, "'response_format.type' must be 'json_schema' or 'text'"),
        error_as_string=True,
        stream_usage=False,
    ),
    # tools/server/server-common.cpp (oaicompat_chat_params_parse): json_object with an optional
    # schema, json_schema with json_schema.schema, any other type a 400 (older builds: a 500);
    # the usage chunk for include_usage; max_tokens read as n_predict.
    "llama.cpp-server": Flavour(
        "llama.cpp-server",
        source="github.com/ggml-org/llama.cpp tools/server/server-common.cpp, tests/unit/test_chat_completion.py",
    ),
    # Checked against the real server in drills/real_model.sh; stream_options is not a field of
    # its request model (ignored) and its streamed chunks carry no usage (llama_cpp/llama.py).
    "llama-cpp-python": Flavour(
        "llama-cpp-python",
        source="github.com/abetlen/llama-cpp-python llama_cpp/server/types.py, errors.py; the drill",
        json_schema=False,
        refusal=(500, LLAMA_CPP_PYTHON_REFUSAL),
        stream_usage=False,
    ),
    # Two shapes no named server has, for the last steps of the negotiation.
    "json-mode-only": Flavour(
        "json-mode-only",
        json_schema=False,
        json_object_schema=False,
        refusal=(400, "Unsupported value: 'response_format.type' does not support 'json_schema'"),
    ),
    "no-response-format": Flavour(
        "no-response-format",
        json_schema=False,
        json_object=False,
        json_object_schema=False,
        stream_options=False,
        refusal=(422, "Extra inputs are not permitted: response_format"),
    ),
}


class Handler(BaseHTTPRequestHandler):
    server: FakeServer
    body: dict[str, Any]

    def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
        pass

    def do_POST(self) -> None:
        length = int(self.headers.get("Content-Length", "0"))
        self.body = body = json.loads(self.rfile.read(length) or b"{}")
        url = urlsplit(self.path)
        self.server.record(
            Recorded("POST", url.path, parse_qs(url.query), {k.lower(): v for k, v in self.headers.items()}, body)
        )
        flavour = self.server.flavour
        refused = flavour.refuses(body) if flavour is not None else None
        if refused is not None:
            if flavour is not None and flavour.error_as_string:
                self.send_json(refused[0], {"error": refused[1]})
            else:
                error(*refused)(self)
            return
        self.server.next_action()(self)

    @property
    def wants_stream(self) -> bool:
        return bool(self.body.get("stream"))

    @property
    def wants_usage(self) -> bool:
        options = self.body.get("stream_options")
        honoured = self.server.flavour is None or self.server.flavour.stream_usage
        return honoured and isinstance(options, dict) and bool(options.get("include_usage"))

    def send_json(self, status: int, payload: dict[str, Any], headers: dict[str, str] | None = None) -> None:
        data = json.dumps(payload).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)

    def start_events(self) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()

    def send_event(self, data: str) -> None:
        self.wfile.write(f"data: {data}\n\n".encode())
        self.wfile.flush()


class FakeServer(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), Handler)
        self.requests: list[Recorded] = []
        self.streams = StreamLog()
        self.released = threading.Event()
        self.flavour: Flavour | None = None
        self._actions: deque[Action] = deque()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self.serve_forever, kwargs={"poll_interval": 0.01}, daemon=True)

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def start(self) -> FakeServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self.released.set()  # wake any handler that is hanging on purpose
        self.shutdown()
        self.server_close()
        self._thread.join(timeout=5)

    def script(self, *actions: Action) -> None:
        with self._lock:
            self._actions.extend(actions)

    def record(self, request: Recorded) -> None:
        with self._lock:
            self.requests.append(request)

    def next_action(self) -> Action:
        with self._lock:
            return self._actions.popleft() if self._actions else error(599, "fake server: no scripted reply left")


def closed_port_url() -> str:
    """A loopback URL where nothing listens: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}/v1"


def completion(
    content: str | None,
    *,
    refusal: str | None = None,
    finish_reason: str = "stop",
    usage: tuple[int, int] | None = (120, 30),
) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "id": "chatcmpl-fake",
        "object": "chat.completion",
        "created": int(time.time()),
        "model": "fake-model",
        "choices": [
            {
                "index": 0,
                "message": {"role": "assistant", "content": content, "refusal": refusal},
                "finish_reason": finish_reason,
            }
        ],
    }
    if usage is not None:
        payload["usage"] = {"prompt_tokens": usage[0], "completion_tokens": usage[1], "total_tokens": sum(usage)}
    return payload


# -- actions: what the server does with the next request --------------------------------


def reply(
    content: str | None,
    *,
    refusal: str | None = None,
    finish_reason: str = "stop",
    usage: tuple[int, int] | None = (120, 30),
) -> Action:
    """The reply as the request asked for it: a JSON body, or streamed in a few pieces (and a
    usage chunk, when asked for one and `usage` is given)."""

    def act(handler: Handler) -> None:
        if not handler.wants_stream:
            handler.send_json(200, completion(content, refusal=refusal, finish_reason=finish_reason, usage=usage))
            return
        handler.start_events()
        handler.send_event(_chunk(None, role="assistant"))
        text = content or ""
        step = max(1, len(text) // 4)
        for start in range(0, len(text), step):
            handler.send_event(_chunk(text[start : start + step]))
        if refusal:
            handler.send_event(_chunk(None, refusal=refusal))
        handler.send_event(_chunk(None, finish_reason))
        if usage is not None and handler.wants_usage:
            handler.send_event(_usage_chunk(*usage))
        handler.send_event("[DONE]")

    return act


def reply_json(payload: dict[str, Any], **options: Any) -> Action:
    return reply(json.dumps(payload), **options)


def error(status: int, message: str, *, code: str | None = None, headers: dict[str, str] | None = None) -> Action:
    body = {"error": {"message": message, "type": "fake_error", "code": code, "param": None}}
    return lambda handler: handler.send_json(status, body, headers)


def web_page(html: str = "<html><body>Welcome to the admin UI</body></html>") -> Action:
    """What a wrong base URL often reaches: an HTML page with status 200."""

    def act(handler: Handler) -> None:
        data = html.encode()
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html")
        handler.send_header("Content-Length", str(len(data)))
        handler.end_headers()
        handler.wfile.write(data)

    return act


def hang(seconds: float) -> Action:
    """Answer only after `seconds` (or when the server stops): longer than the client's timeout."""

    def act(handler: Handler) -> None:
        handler.server.released.wait(seconds)
        with contextlib.suppress(OSError):  # the client gave up long ago
            handler.send_json(200, completion("too late"))

    return act


def _chunk(
    content: str | None, finish_reason: str | None = None, *, role: str | None = None, refusal: str | None = None
) -> str:
    delta: dict[str, Any] = {"content": content} if content is not None else {}
    if role is not None:
        delta["role"] = role
    if refusal is not None:
        delta["refusal"] = refusal
    return json.dumps(
        {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "fake-model",
            "choices": [{"index": 0, "delta": delta, "finish_reason": finish_reason}],
        }
    )


def _usage_chunk(prompt: int, completion: int) -> str:
    return json.dumps(
        {
            "id": "chatcmpl-fake",
            "object": "chat.completion.chunk",
            "created": 0,
            "model": "fake-model",
            "choices": [],
            "usage": {"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion},
        }
    )


def stream(pieces: list[str], *, finish: bool = True, usage: tuple[int, int] | None = None) -> Action:
    """SSE chunks, then a finish reason and [DONE]; with finish=False the stream is cut short.
    `usage`: sent in a last chunk when the request asked for it (stream_options)."""

    def act(handler: Handler) -> None:
        handler.start_events()
        handler.send_event(_chunk(None, role="assistant"))
        for piece in pieces:
            handler.send_event(_chunk(piece))
            handler.server.streams.chunks_sent += 1
        if finish:
            handler.send_event(_chunk(None, "stop"))
            if usage is not None and handler.wants_usage:
                handler.send_event(_usage_chunk(*usage))
            handler.send_event("[DONE]")

    return act


def endless_stream(piece: str = "word ", *, limit: int = 2000, pause: float = 0.005) -> Action:
    """Streams until the client hangs up (recorded in server.streams) or `limit` chunks."""

    def act(handler: Handler) -> None:
        handler.start_events()
        try:
            for _ in range(limit):
                handler.send_event(_chunk(piece))
                handler.server.streams.chunks_sent += 1
                if handler.server.released.wait(pause):
                    return
            handler.send_event(_chunk(None, "stop"))
            handler.send_event("[DONE]")
        except OSError:
            handler.server.streams.client_hung_up.set()

    return act


def drip(every: float = 1.0, *, limit: int = 10_000) -> Action:
    """Headers at once, then the body one byte every `every` seconds: never a read timeout."""

    def act(handler: Handler) -> None:
        handler.start_events()
        body = f"data: {_chunk('x' * 5000)}\n\n".encode()
        try:
            for byte in body[:limit]:
                handler.wfile.write(bytes([byte]))
                handler.wfile.flush()
                if handler.server.released.wait(every):
                    return
        except OSError:
            handler.server.streams.client_hung_up.set()

    return act


def endless_error(status: int = 400) -> Action:
    """An error whose body never ends (no length: it runs until the connection closes): a client
    reading it whole waits for ever, one capping it stops (recorded in server.streams)."""

    def act(handler: Handler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.end_headers()
        try:
            handler.wfile.write(b'{"error": {"message": "')
            while not handler.server.released.wait(0.001):
                handler.wfile.write(b"x" * 4096)
        except OSError:
            handler.server.streams.client_hung_up.set()

    return act


def raw(status: int, body: bytes, content_type: str) -> Action:
    """Exactly these bytes, whatever was asked for: invalid UTF-8, a JSON that is no completion..."""

    def act(handler: Handler) -> None:
        handler.send_response(status)
        handler.send_header("Content-Type", content_type)
        handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return act


def raw_events(*events: bytes) -> Action:
    """An event stream of these raw `data:` payloads (odd chunks a client must survive)."""

    def act(handler: Handler) -> None:
        handler.start_events()
        for event in events:
            handler.wfile.write(b"data: " + event + b"\n\n")
        handler.wfile.flush()

    return act


def echo_authorization(status: int = 400) -> Action:
    """An error body that repeats the request's Authorization header, as some proxies do."""

    def act(handler: Handler) -> None:
        seen = handler.headers.get("Authorization", "")
        error(status, f"invalid request; headers were: Authorization: {seen}")(handler)

    return act
