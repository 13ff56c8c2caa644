"""What a hostile or broken model server sends, through `practice grade --grader llm` run as a
real process: what reaches the terminal is what a user sees, Python's own warning output on
stderr included (an in-process test sees pytest's log capture instead, and never saw it).

Each case: the offline grade and exit 0; no traceback, no "(see the log)" (there is no log);
no escape sequence, no key (echoed back or in the URL's userinfo); and a bounded output, however
much the server sent (a 10 MB error body once printed 20 MB)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import REPO_ROOT
from tests.drills.hostile_files import EVERY_ATTACK, UNSAFE_FOR_TERMINALS
from tests.llm import fake_server as fake
from tests.llm.fake_server import FakeServer
from tests.llm.helpers import ANSWER, API_KEY

URL_PASSWORD = "hunter2-s3cret"
TEN_MB = "x" * 10_000_000
LONGEST_OUTPUT = 20_000
"""The report of a grade is about 4 KB; the server's words in it are cut to a few hundred."""

SERVERS: dict[str, fake.Action] = {
    "error body with escapes and markup": fake.error(400, f"bad request {EVERY_ATTACK}"),
    "error body echoing the key": fake.echo_authorization(400),
    "a 10 MB error body": fake.error(400, TEN_MB),
    "a 10 MB error body that is not JSON": fake.raw(500, TEN_MB.encode(), "text/plain"),
    "a 10 MB reply": fake.raw(200, json.dumps(fake.completion(TEN_MB)).encode(), "application/json"),
    "a refusal with escapes": fake.reply(None, refusal=f"I will not {EVERY_ATTACK}"),
    "choices: none": fake.raw(200, b'{"choices": "none"}', "application/json"),
    "invalid UTF-8": fake.raw(200, b'{"choices": "\xff\xfe"}', "application/json"),
    "a web page": fake.web_page(f"<html>{EVERY_ATTACK}</html>"),
}


@pytest.fixture
def server() -> Iterator[FakeServer]:
    running = FakeServer().start()
    yield running
    running.stop()


@pytest.mark.parametrize("case", SERVERS)
def test_practice_grade_shows_what_a_server_sent_safely_and_briefly(
    case: str, server: FakeServer, tmp_path: Path, isolated_environment: Path
) -> None:
    server.script(*[SERVERS[case]] * 8)  # every form of reply and every retry gets the same
    answer = tmp_path / "answer.txt"
    answer.write_text(ANSWER, encoding="utf-8")
    with_password = server.base_url.replace("http://", f"http://coach:{URL_PASSWORD}@")
    environment = {
        **os.environ,
        "PRACTICE_DATA_DIR": str(isolated_environment),
        "OPENAI_API_KEY": API_KEY,
        "PRACTICE_RETRY_WAIT": "0.001",
        "PRACTICE_TIMEOUT": "30",
    }
    command = ["grade", "ccl-01", "--grader", "llm", "--base-url", with_password, "--model", "m"]
    result = subprocess.run(
        [sys.executable, "-m", "practice", *command, "--answer-file", str(answer)],
        cwd=REPO_ROOT,
        env=environment,
        capture_output=True,
        timeout=120,
        check=False,
    )
    shown = (result.stdout + result.stderr).decode("utf-8")
    assert result.returncode == 0, shown[-3000:]
    words = " ".join(shown.split())  # the report wraps its lines
    assert "The model could not grade this answer" in words and "offline grade shown" in words
    assert "Traceback" not in shown and "see the log" not in shown
    assert not [line for line in shown.splitlines() if UNSAFE_FOR_TERMINALS & set(line)]
    assert API_KEY not in shown and URL_PASSWORD not in shown
    assert len(shown) < LONGEST_OUTPUT, len(shown)
