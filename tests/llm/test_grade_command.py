"""`practice grade QUESTION_ID --grader llm` end to end: the CLI, the shipped bank, the grading
service and the real SDK against the fake endpoint."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from practice import cli
from practice.bank.loader import load_bank
from practice.grading.text import split_sentences

from . import fake_server as fake
from .fake_server import FakeServer
from .helpers import API_KEY

QUESTION_ID = "ccl-01"
ANSWER = (
    "When I took over support at Acme, agents were measured only on handle time. "
    "I added customer effort scores to every review and ran weekly call listening sessions. "
    "Within two quarters CSAT rose from 71% to 86%."
)


@pytest.fixture
def answer_file(tmp_path: Path) -> Path:
    path = tmp_path / "answer.txt"
    path.write_text(ANSWER, encoding="utf-8")
    return path


@pytest.fixture(autouse=True)
def environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("OPENAI_API_KEY", API_KEY)
    monkeypatch.setenv("PRACTICE_RETRY_WAIT", "0.001")
    monkeypatch.setenv("PRACTICE_TIMEOUT", "2")


RESULT = "Within two quarters CSAT rose from 71% to 86%."


def verdict_for_bank_question() -> dict[str, Any]:
    criteria = load_bank().question(QUESTION_ID).criteria
    result = [sentence.text for sentence in split_sentences(ANSWER)].index(RESULT) + 1
    return {
        "criteria": {c.id: {"status": "missing", "sentence": 0} for c in criteria[1:]}
        | {criteria[0].id: {"status": "covered", "sentence": result}},
        "star": {"situation": 0, "task": 0, "action": 0, "result": result},
        "reason": "Thin on most areas.",
        "strength": "A measured result",
        "improvement": "Describe the situation",
        "score": 2,
    }


def run(*args: str) -> int:
    return cli.main(["grade", QUESTION_ID, *args])


def test_grade_with_the_llm_grader_prints_the_models_verdict(
    server: FakeServer, answer_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    server.script(fake.reply_json(verdict_for_bank_question()))

    status = run(
        "--grader",
        "llm",
        "--base-url",
        server.base_url,
        "--model",
        "gpt-4o-mini",
        "--answer-file",
        str(answer_file),
        "--json",
    )

    out, err = capsys.readouterr()
    feedback = json.loads(out)
    assert status == 0
    assert feedback["grader"]["kind"] == "llm" and feedback["grader"]["model"] == "gpt-4o-mini"
    assert feedback["score"] == 2 and feedback["offline_score"] is not None
    covered = [c for c in feedback["criteria"] if c["status"] == "covered"]
    assert [c["evidence"] for c in covered] == [RESULT]
    assert f"] {RESULT}" in server.requests[0].text("user")
    assert server.requests[0].headers["authorization"] == f"Bearer {API_KEY}"
    assert API_KEY not in out + err


def test_grade_with_the_endpoint_down_shows_the_offline_grade_and_why(
    answer_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = fake.closed_port_url()

    status = run("--grader", "llm", "--base-url", url, "--model", "gpt-4o-mini", "--answer-file", str(answer_file))

    out, err = capsys.readouterr()
    assert status == 0
    assert "(offline grader " in out
    said = " ".join(out.split())
    assert f"! The model could not grade this answer: cannot reach the model endpoint {url}" in said
    assert "Traceback" not in err and API_KEY not in out + err


def test_grade_with_llm_but_no_model_falls_back_with_the_setting_to_fix(
    answer_file: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = run("--grader", "llm", "--answer-file", str(answer_file), "--json")

    feedback = json.loads(capsys.readouterr().out)
    assert status == 0
    fallback = [f["message"] for f in feedback["flags"] if f["kind"] == "llm_fallback"]
    assert len(fallback) == 1 and "PRACTICE_MODEL" in fallback[0]
