"""Structured-output negotiation against fake servers that behave as real ones do: which form
each takes, what is tried after a refusal (a 4xx, or a 5xx naming the response format), what
is remembered per (endpoint, model) for the process and on disk, and usage in streams."""

from __future__ import annotations

import json
import stat
from collections.abc import Callable

import pytest
from pydantic import BaseModel

from practice import locations
from practice.config import Settings
from practice.llm import formats
from practice.llm.client import LlmClient
from practice.llm.errors import Fault, LlmError

from . import fake_server as fake
from .fake_server import FLAVOURS, FakeServer

GOOD = {"a": 1, "b": "x"}


class Pair(BaseModel):
    a: int
    b: str


def ask(client: LlmClient) -> Pair:
    # The word JSON, as the app's prompts have it: OpenAI's JSON mode refuses messages without it.
    return client.structured([{"role": "user", "content": "Reply in JSON."}], Pair, repair=lambda p: p, max_tokens=40)


def form_of(body: dict[str, object]) -> str:
    response_format = body.get("response_format")
    if not isinstance(response_format, dict):
        return "none"
    return f"{response_format['type']}+schema" if "schema" in response_format else str(response_format["type"])


@pytest.fixture(autouse=True)
def fresh_process_memory() -> None:
    formats._memories.clear()


# What each kind of server ends up taking, and the forms tried on the way there.
EXPECTED = {
    "openai": ["json_schema"],
    # max_tokens refused, then temperature 0: the same form asked again without each.
    "openai-reasoning": ["json_schema", "json_schema", "json_schema"],
    "azure": ["json_schema"],
    # json_schema, then a schema in JSON mode refused; plain JSON mode, then without stream_options.
    "azure-2024-06-01": ["json_schema", "json_object+schema", "json_object", "json_object"],
    "ollama": ["json_schema"],
    "vllm": ["json_schema"],
    "lm-studio": ["json_schema"],
    "llama.cpp-server": ["json_schema"],
    "llama-cpp-python": ["json_schema", "json_object+schema"],
    "json-mode-only": ["json_schema", "json_object+schema", "json_object"],
    "no-response-format": ["json_schema", "json_object+schema", "json_object", "none", "none"],
}


@pytest.mark.parametrize("flavour", list(EXPECTED))
def test_each_kind_of_server_gets_the_form_it_takes(server: FakeServer, settings: Settings, flavour: str) -> None:
    server.flavour = FLAVOURS[flavour]
    server.script(fake.reply_json(GOOD), fake.reply_json(GOOD))
    client = LlmClient(settings)

    assert ask(client) == Pair(**GOOD)
    assert [form_of(r.body) for r in server.requests] == EXPECTED[flavour]
    # Discovery is paid once: the next call goes straight to the form that worked.
    ask(client)
    assert form_of(server.requests[-1].body) == EXPECTED[flavour][-1]
    assert len(server.requests) == len(EXPECTED[flavour]) + 1


def test_llama_cpp_pythons_http_500_on_json_schema_is_not_retried_as_a_server_fault(
    server: FakeServer, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    server.flavour = FLAVOURS["llama-cpp-python"]
    server.script(fake.reply_json(GOOD))
    waits: list[float] = []
    caplog.set_level("INFO")

    ask(LlmClient(settings, sleep=waits.append))

    assert waits == [] and len(server.requests) == 2
    schema_sent = server.requests[1].body["response_format"]["schema"]
    assert schema_sent["required"] == ["a", "b"]
    assert "does not take structured replies (json_schema)" in caplog.text
    assert "server had a problem" not in caplog.text


def test_a_500_that_does_not_name_the_format_is_a_server_fault_and_retried(
    server: FakeServer, settings: Settings
) -> None:
    server.script(fake.error(500, "out of memory"), fake.reply_json(GOOD))
    ask(LlmClient(settings))
    assert [form_of(r.body) for r in server.requests] == ["json_schema", "json_schema"]


def test_what_worked_is_kept_on_disk_for_the_next_run(server: FakeServer, settings: Settings) -> None:
    server.flavour = FLAVOURS["llama-cpp-python"]
    server.script(fake.reply_json(GOOD), fake.reply_json(GOOD))
    ask(LlmClient(settings))

    path = locations.data_dir() / formats.MEMORY_FILE
    saved = json.loads(path.read_text())
    assert saved[f"{server.base_url} gpt-4o-mini"]["output_form"] == "json_object+schema"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    formats._memories.clear()
    ask(LlmClient(settings))
    assert form_of(server.requests[-1].body) == "json_object+schema" and len(server.requests) == 3


def test_the_memory_is_per_model(server: FakeServer, make_settings: Callable[..., Settings]) -> None:
    server.flavour = FLAVOURS["json-mode-only"]
    server.script(fake.reply_json(GOOD), fake.reply_json(GOOD))
    ask(LlmClient(make_settings(model="small")))
    ask(LlmClient(make_settings(model="other")))
    assert [form_of(r.body) for r in server.requests].count("json_schema") == 2


def test_an_unreadable_memory_file_costs_only_the_discovery(server: FakeServer, settings: Settings) -> None:
    (locations.data_dir() / formats.MEMORY_FILE).write_text("{not json")
    server.script(fake.reply_json(GOOD))
    assert ask(LlmClient(settings)) == Pair(**GOOD)


def test_a_server_refusing_every_form_says_so(server: FakeServer, settings: Settings) -> None:
    server.script(*[fake.error(400, "response_format: unsupported")] * 4)
    with pytest.raises(LlmError) as raised:
        ask(LlmClient(settings))
    assert raised.value.fault == Fault.format_unsupported
    assert "refused every form of JSON reply" in raised.value.message
    assert "JSON mode with a schema" in raised.value.message


def test_usage_is_asked_for_in_the_stream_and_taken_as_exact(server: FakeServer, settings: Settings) -> None:
    server.script(fake.reply_json(GOOD, usage=(321, 12)))
    client = LlmClient(settings)
    ask(client)

    assert server.requests[0].body["stream_options"] == {"include_usage": True}
    assert (client.usage.prompt_tokens, client.usage.completion_tokens, client.usage.estimated) == (321, 12, False)


def test_a_stream_without_usage_is_counted_as_an_estimate(server: FakeServer, settings: Settings) -> None:
    server.script(fake.reply_json(GOOD, usage=None))
    client = LlmClient(settings)
    ask(client)
    assert client.usage.estimated is True and client.usage.completion_tokens > 0


def test_a_server_refusing_stream_options_is_asked_without_and_that_is_remembered(
    server: FakeServer, settings: Settings
) -> None:
    server.flavour = fake.Flavour("old", stream_options=False)
    server.script(fake.stream(["Hello?"]), fake.stream(["Again?"]))
    client = LlmClient(settings)

    assert "".join(client.stream_text([{"role": "user", "content": "hi"}], max_tokens=20)) == "Hello?"
    "".join(client.stream_text([{"role": "user", "content": "hi"}], max_tokens=20))
    assert ["stream_options" in r.body for r in server.requests] == [True, False, False]


def test_a_refusal_is_remembered_even_when_the_next_form_then_fails(server: FakeServer, settings: Settings) -> None:
    """A grade that never finished still taught which form not to ask for again."""
    server.flavour = FLAVOURS["llama-cpp-python"]
    server.script(fake.error(401, "bad key"), fake.reply_json(GOOD))
    with pytest.raises(LlmError):
        ask(LlmClient(settings))

    ask(LlmClient(settings))
    assert [form_of(r.body) for r in server.requests] == ["json_schema", "json_object+schema", "json_object+schema"]


def test_a_reasoning_model_is_asked_with_max_completion_tokens_and_its_own_temperature(
    server: FakeServer, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """OpenAI's o-series and GPT-5 refuse max_tokens and any temperature but 1 with a 400: the
    request is made again without each, and that is remembered, never taken for a refused format."""
    server.flavour = FLAVOURS["openai-reasoning"]
    server.script(fake.reply_json(GOOD), fake.stream(["Why?"]))
    caplog.set_level("INFO")

    assert ask(LlmClient(settings)) == Pair(**GOOD)
    formats._memories.clear()  # a later run: from the file
    "".join(LlmClient(settings).stream_text([{"role": "user", "content": "hi"}], max_tokens=20))

    accepted = [r.body for r in server.requests[2:]]
    assert [("max_tokens" in b, b.get("max_completion_tokens"), "temperature" in b) for b in accepted] == [
        (False, 40, False),
        (False, 20, False),
    ]
    saved = json.loads((locations.data_dir() / formats.MEMORY_FILE).read_text())[f"{server.base_url} gpt-4o-mini"]
    assert saved["output_form"] == "json_schema" and saved["max_tokens"] is False and saved["temperature"] is False
    assert "does not take" not in caplog.text


def test_a_refusal_sent_as_a_bare_string_is_understood(
    server: FakeServer, settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    """LM Studio's errors are {"error": "..."}, not an object: its refusal of JSON mode still
    moves the negotiation on (here from a form remembered for another server at that address)."""
    server.flavour = FLAVOURS["lm-studio"]
    formats.memory().remember(server.base_url, "gpt-4o-mini", output_form=formats.OutputForm.json_object_schema)
    server.script(fake.reply_json(GOOD))
    caplog.set_level("INFO")

    assert ask(LlmClient(settings)) == Pair(**GOOD)
    assert [form_of(r.body) for r in server.requests] == ["json_object+schema", "json_object", "none"]
    assert "does not take this form of structured reply (HTTP 400): " in caplog.text
    assert "'response_format.type' must be 'json_schema' or 'text'" in caplog.text


@pytest.mark.parametrize("flavour", [name for name in FLAVOURS if name not in {"openai-reasoning"}])
def test_streamed_usage_is_exact_only_where_the_server_sends_it(
    server: FakeServer, settings: Settings, flavour: str
) -> None:
    server.flavour = FLAVOURS[flavour]
    server.script(fake.stream(["Why", "?"], usage=(50, 2)))
    client = LlmClient(settings)
    "".join(client.stream_text([{"role": "user", "content": "hi"}], max_tokens=20))

    sends_usage = FLAVOURS[flavour].stream_usage and FLAVOURS[flavour].stream_options
    assert client.usage.estimated is not sends_usage
    # Exact: the server's figures; estimated: "Why?" is one token at four characters a token.
    assert client.usage.completion_tokens == (2 if sends_usage else 1)
