"""The client against the fake endpoint through the real openai SDK: retries, faults, formats."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from pydantic import BaseModel

from practice.config import Settings
from practice.llm.client import PLACEHOLDER_KEY, LlmClient
from practice.llm.errors import Fault, LlmError

from . import fake_server as fake
from .fake_server import FakeServer


class Pair(BaseModel):
    a: int
    b: str


def never_repair(problem: str) -> str:
    return f"fix: {problem}"


def client_with_waits(settings: Settings) -> tuple[LlmClient, list[float]]:
    waits: list[float] = []
    return LlmClient(settings, sleep=waits.append), waits


def test_structured_reply_uses_json_schema_at_temperature_zero(server: FakeServer, settings: Settings) -> None:
    server.script(fake.reply_json({"a": 1, "b": "x"}))
    client = LlmClient(settings)

    assert client.structured([{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50) == Pair(
        a=1, b="x"
    )
    body = server.requests[0].body
    assert body["temperature"] == 0
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["schema"]["required"] == ["a", "b"]
    assert server.requests[0].path == "/v1/chat/completions"


def test_endpoint_without_json_schema_falls_back_to_json_mode_and_remembers(
    server: FakeServer, settings: Settings
) -> None:
    server.script(
        fake.error(400, "response_format json_schema is not supported"),
        fake.reply_json({"a": 1, "b": "x"}),
        fake.reply_json({"a": 2, "b": "y"}),
    )
    client = LlmClient(settings)

    client.structured([{"role": "user", "content": "one"}], Pair, repair=never_repair, max_tokens=50)
    assert client.structured([{"role": "user", "content": "two"}], Pair, repair=never_repair, max_tokens=50).a == 2
    formats = [r.body["response_format"]["type"] for r in server.requests]
    assert formats == ["json_schema", "json_object", "json_object"]


def test_invalid_reply_gets_one_repair_turn_with_the_error(server: FakeServer, settings: Settings) -> None:
    server.script(fake.reply("{not json"), fake.reply_json({"a": "many", "b": "x"}))
    client = LlmClient(settings)

    with pytest.raises(LlmError) as raised:
        client.structured([{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50)

    assert raised.value.fault == Fault.invalid_reply
    assert "a: Input should be a valid integer" in raised.value.message
    assert len(server.requests) == 2
    repair_turns = server.requests[1].messages()
    assert repair_turns[-2] == {"role": "assistant", "content": "{not json"}
    assert repair_turns[-1]["content"].startswith("fix: ") and "Invalid JSON" in repair_turns[-1]["content"]


def test_repair_that_works_returns_the_reply(server: FakeServer, settings: Settings) -> None:
    server.script(fake.reply(""), fake.reply_json({"a": 3, "b": "z"}))

    assert (
        LlmClient(settings).structured([{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50).a
        == 3
    )
    assert "the reply was empty" in server.requests[1].messages()[-1]["content"]


def test_empty_reply_twice_is_an_empty_reply_fault(server: FakeServer, settings: Settings) -> None:
    server.script(fake.reply(""), fake.reply("   "))
    with pytest.raises(LlmError) as raised:
        LlmClient(settings).structured([{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50)
    assert raised.value.fault == Fault.empty_reply


def test_refusal_is_not_retried(server: FakeServer, settings: Settings) -> None:
    server.script(fake.reply(None, refusal="I can't help with that."))
    with pytest.raises(LlmError) as raised:
        LlmClient(settings).structured([{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50)
    assert raised.value.fault == Fault.refusal
    assert "I can't help with that." in raised.value.message
    assert len(server.requests) == 1


def test_rate_limit_retries_honour_retry_after_up_to_the_cap(
    server: FakeServer, make_settings: Callable[..., Settings]
) -> None:
    server.script(
        fake.error(429, "slow down", headers={"Retry-After": "0.004"}),
        fake.error(429, "slow down", headers={"Retry-After": "30"}),
        fake.reply_json({"a": 1, "b": "x"}),
    )
    client, waits = client_with_waits(make_settings(retry_wait_cap_seconds=0.01))

    assert client.structured([{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50).a == 1
    assert waits == [0.004, 0.01]


def test_server_errors_back_off_and_give_up_after_max_retries(
    server: FakeServer, make_settings: Callable[..., Settings]
) -> None:
    server.script(*[fake.error(503, "overloaded")] * 3)
    client, waits = client_with_waits(make_settings(max_retries=2, retry_wait_seconds=0.001))

    with pytest.raises(LlmError) as raised:
        client.structured([{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50)

    assert raised.value.fault == Fault.server_error
    assert len(server.requests) == 3
    assert waits == [0.001, 0.002]


@pytest.mark.parametrize(
    ("action", "fault", "words"),
    [
        (fake.error(401, "bad key"), Fault.unauthorized, "refused the API key"),
        (fake.error(404, "model not found"), Fault.model_not_found, "does not know the model 'gpt-4o-mini'"),
        (fake.error(400, "too long", code="context_length_exceeded"), Fault.context_exceeded, "longer than"),
        (fake.error(400, "This model's maximum context length is 4096 tokens"), Fault.context_exceeded, "longer than"),
    ],
)
def test_client_errors_are_not_retried(
    server: FakeServer, settings: Settings, action: fake.Action, fault: Fault, words: str
) -> None:
    server.script(action)
    client, waits = client_with_waits(settings)

    with pytest.raises(LlmError) as raised:
        client.structured([{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50)

    assert raised.value.fault == fault
    assert words in raised.value.message
    assert server.base_url in raised.value.message
    assert len(server.requests) == 1 and waits == []


def test_connection_refused_is_retried_then_named(make_settings: Callable[..., Settings]) -> None:
    url = fake.closed_port_url()
    client, waits = client_with_waits(make_settings(base_url=url))

    with pytest.raises(LlmError) as raised:
        client.structured([{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50)

    assert raised.value.fault == Fault.unreachable
    assert url in raised.value.message
    assert "--base-url" in (raised.value.hint or "")
    assert len(waits) == 2


def test_no_first_word_in_time_is_not_asked_again(server: FakeServer, make_settings: Callable[..., Settings]) -> None:
    """The server may still be generating: asking again would queue behind its own work."""
    server.script(fake.hang(5), fake.hang(5))
    client, waits = client_with_waits(make_settings(first_token_timeout_seconds=0.2, max_retries=1))

    with pytest.raises(LlmError) as raised:
        client.structured([{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50)

    assert raised.value.fault == Fault.timeout
    assert "sent nothing for 0.2 s" in raised.value.message
    assert "PRACTICE_FIRST_TOKEN_TIMEOUT" in (raised.value.hint or "")
    assert len(server.requests) == 1 and waits == []


def test_deadline_shorter_than_the_first_word_limit_is_named_as_the_deadline(
    server: FakeServer, make_settings: Callable[..., Settings]
) -> None:
    server.script(fake.hang(5))
    client = LlmClient(make_settings(timeout_seconds=0.2))

    with pytest.raises(LlmError) as raised:
        client.structured([{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50)

    assert raised.value.fault == Fault.deadline
    assert "not complete after 0.2 s" in raised.value.message


def test_local_server_without_key_gets_a_placeholder(
    server: FakeServer, make_settings: Callable[..., Settings]
) -> None:
    server.script(fake.reply_json({"a": 1, "b": "x"}))
    LlmClient(make_settings(api_key=None)).structured(
        [{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50
    )
    assert server.requests[0].headers["authorization"] == f"Bearer {PLACEHOLDER_KEY}"


def test_openai_without_key_is_a_configuration_error(make_settings: Callable[..., Settings]) -> None:
    with pytest.raises(LlmError) as raised:
        LlmClient(make_settings(api_key=None, base_url=None))
    assert raised.value.fault == Fault.not_configured
    assert "OPENAI_API_KEY" in (raised.value.hint or "")


def test_azure_when_api_version_is_set(server: FakeServer, make_settings: Callable[..., Settings]) -> None:
    server.script(fake.reply_json({"a": 1, "b": "x"}))
    root = server.base_url.removesuffix("/v1")
    client = LlmClient(make_settings(base_url=root, api_version="2024-10-21", model="grader-deployment"))

    client.structured([{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50)

    request = server.requests[0]
    assert request.path == "/openai/deployments/grader-deployment/chat/completions"
    assert request.query["api-version"] == ["2024-10-21"]


def test_usage_is_taken_from_the_reply_and_priced(server: FakeServer, settings: Settings) -> None:
    server.script(
        fake.reply_json({"a": 1, "b": "x"}, usage=(1000, 200)), fake.reply_json({"a": 1, "b": "x"}, usage=(500, 100))
    )
    client = LlmClient(settings)
    for _ in range(2):
        client.structured([{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50)

    assert (client.usage.prompt_tokens, client.usage.completion_tokens) == (1500, 300)
    assert client.usage.estimated is False
    assert client.usage.cost_usd == pytest.approx((1500 * 0.15 + 300 * 0.60) / 1_000_000)


def test_missing_settings_exit_as_bad_input_and_failed_calls_as_failures(
    server: FakeServer, make_settings: Callable[..., Settings]
) -> None:
    with pytest.raises(LlmError) as missing:
        LlmClient(make_settings(model=None))
    server.script(fake.error(401, "bad key"))
    with pytest.raises(LlmError) as failed:
        LlmClient(make_settings()).structured(
            [{"role": "user", "content": "hi"}], Pair, repair=never_repair, max_tokens=50
        )

    assert missing.value.fault == Fault.not_configured and missing.value.exit_code == 2
    assert "PRACTICE_MODEL" in str(missing.value)
    assert failed.value.exit_code == 1
