"""Secrets out of what servers send back (issue 16): a 400 body echoing the Authorization header
must not reach the session's fallback flag, its exports or the terminal; nor a key in the base
URL's userinfo any message."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from practice import cli
from practice.bank.models import Question, RoleLevel
from practice.config import Settings
from practice.grading import service
from practice.grading.feedback import FlagKind
from practice.redact import QUOTED_CHARS, REDACTED, quoted, redact, url_without_credentials

from . import fake_server as fake
from .fake_server import FakeServer
from .helpers import ANSWER, API_KEY

URL_PASSWORD = "hunter2-s3cret"


def test_a_server_echoing_the_authorization_header_never_gets_the_key_into_the_grade(
    server: FakeServer, settings: Settings, question: Question
) -> None:
    server.script(*[fake.echo_authorization(400)] * 4)

    feedback = service.grade(question, ANSWER, settings=settings, role_level=RoleLevel.manager)

    assert server.requests[0].headers["authorization"] == f"Bearer {API_KEY}"
    reason = next(f.message for f in feedback.flags if f.kind == FlagKind.llm_fallback)
    assert f"Authorization: Bearer {REDACTED}" in reason
    assert API_KEY not in feedback.model_dump_json()


def test_an_echoed_key_does_not_reach_the_terminal_of_practice_grade(
    server: FakeServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script(*[fake.echo_authorization(400)] * 4)
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER, encoding="utf-8")

    status = cli.main(
        [
            "grade",
            "ccl-01",
            "--grader",
            "llm",
            "--base-url",
            server.base_url,
            "--model",
            "m",
            "--answer-file",
            str(answer),
            "--json",
        ]
    )

    out, err = capsys.readouterr()
    assert status == 0 and "llm_fallback" in out
    assert API_KEY not in out + err


def test_credentials_in_the_base_url_are_in_no_message(
    make_settings: Callable[..., Settings], question: Question
) -> None:
    port_url = fake.closed_port_url()
    with_password = port_url.replace("http://", f"http://coach:{URL_PASSWORD}@")
    settings = make_settings(base_url=with_password)

    feedback = service.grade(question, ANSWER, settings=settings, role_level=RoleLevel.manager)

    reason = next(f.message for f in feedback.flags if f.kind == FlagKind.llm_fallback)
    assert port_url in reason
    assert URL_PASSWORD not in feedback.model_dump_json() and "coach:" not in reason
    assert URL_PASSWORD not in settings.describe_grader()


@pytest.mark.parametrize(
    ("text", "secrets", "kept"),
    [
        ('{"headers": {"Authorization": "Bearer abc123def456"}}', [], "Authorization"),
        ("api_key=abc123def456 and more", [], "and more"),
        ("x-api-key: abc123def456", [], "x-api-key"),
        ("key sk-proj-abcdefghijklmnop leaked", [], "leaked"),
        ("see http://bob:pw12345@host/v1 now", [], "host/v1"),
        ("the raw value my-own-secret-value appears", ["my-own-secret-value"], "appears"),
    ],
)
def test_redact_removes_keys_and_credentials_and_keeps_the_rest(text: str, secrets: list[str], kept: str) -> None:
    cleaned = redact(text, secrets)
    assert REDACTED in cleaned and kept in cleaned
    for secret in ("abc123def456", "sk-proj-abcdefghijklmnop", "pw12345", "my-own-secret-value"):
        assert secret not in cleaned


def test_a_url_without_credentials_is_left_as_it_was() -> None:
    assert url_without_credentials("http://127.0.0.1:8080/v1") == "http://127.0.0.1:8080/v1"
    assert url_without_credentials("https://u:p@example.test/v1") == "https://example.test/v1"


def test_a_long_server_text_is_cut_saying_how_much_more_there_was() -> None:
    text = "y" * (QUOTED_CHARS * 10)
    shown = quoted(text)
    assert shown.startswith("y" * QUOTED_CHARS) and shown.endswith(f"… ({QUOTED_CHARS * 9:,} more characters)")
    assert quoted("short") == "short"


def test_a_secret_straddling_the_cut_leaves_no_part_of_itself() -> None:
    secret = "my-own-secret-value-0123456789"
    text = "y" * (QUOTED_CHARS - 10) + secret + " the rest"
    shown = quoted(text, [secret])
    assert secret[:10] not in shown and secret[:5] not in shown
