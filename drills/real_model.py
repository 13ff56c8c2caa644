"""The real-model drill (issue 11): the app against a real, slow, messy model on this machine.

llama-cpp-python's server (built into .drill/venv by `bash drills/real_model.sh install`) serves
Gemma 3 270M, a tiny *base* model, on 127.0.0.1 at a free port. The drill then runs
`practice grade --grader llm` over a handful of answers and a scripted TUI session (the LLM
interviewer included) against it, and prints what happened: grades accepted or fallen back and
why, time from submit to feedback, output tokens, and answers lost (which must be 0). The model is
there to make the app meet real output, not to judge answers well. Not part of CI.

    bash drills/real_model.sh run [--answers N] [--turns N]
"""

from __future__ import annotations

import argparse
import json
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
MODEL_FILE = "gemma-3-270m-q4_k_m.gguf"
MODEL_NAME = "gemma-3-270m"
READY_SECONDS = 300.0
STOP_GRACE_SECONDS = 5.0
# serve_model.py logs each reply's token count so (the server itself reports none in streams).
EVAL_RUNS = re.compile(r"^drill: completion_tokens=(\d+)", re.MULTILINE)
# The tiny model on two shared cores is given all the time it takes, so that the time to feedback
# is measured rather than cut off at the defaults (240 s for the whole reply).
DRILL_LIMITS = {"PRACTICE_TIMEOUT": "900", "PRACTICE_FIRST_TOKEN_TIMEOUT": "600"}
THIN_ANSWERS = (
    "I always listen to customers and I care about quality.",
    "Customer focus, stakeholder management, agile, KPIs, synergy, data-driven, ownership.",
)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextmanager
def model_server(drill: Path) -> Iterator[tuple[str, Path]]:
    """The server on a free loopback port, stopped with SIGKILL after a grace period (it waits
    for the request in flight on SIGTERM, and keeps generating for a client that has gone)."""
    python = drill / "venv" / "bin" / "python"
    model = drill / MODEL_FILE
    if not python.exists() or not model.exists():
        raise SystemExit(f"{drill}: no server or model yet; run `bash drills/real_model.sh install` first")
    port = free_port()
    log_path = drill / "server.log"
    command = [
        str(python),
        str(REPO_ROOT / "drills" / "serve_model.py"),
        "--model",
        str(model),
        "--model_alias",
        MODEL_NAME,
        "--host",
        "127.0.0.1",
        "--port",
        str(port),
        "--n_ctx",
        "8192",
        "--n_threads",
        "2",
    ]
    with log_path.open("w", encoding="utf-8") as log:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        wait_until_ready(base_url, process, log_path)
        yield base_url, log_path
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(STOP_GRACE_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def wait_until_ready(base_url: str, process: subprocess.Popen[bytes], log_path: Path) -> None:
    deadline = time.monotonic() + READY_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"the model server exited ({process.returncode}); see {log_path}")
        try:
            with urllib.request.urlopen(f"{base_url}/models", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    raise SystemExit(f"the model server did not come up within {READY_SECONDS:g} s; see {log_path}")


def drill_environment(drill: Path, base_url: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith(("OPENAI_", "PRACTICE_"))}
    env.update(
        {
            "PRACTICE_DATA_DIR": str(drill / "data"),
            "PRACTICE_CONFIG": str(drill / "config.toml"),
            "OPENAI_BASE_URL": base_url,
            "PRACTICE_MODEL": MODEL_NAME,
            "PRACTICE_GRADER": "llm",
            **DRILL_LIMITS,
        }
    )
    return env


def output_tokens_since(log_path: Path, offset: int) -> tuple[int | None, int]:
    text = log_path.read_text(encoding="utf-8", errors="replace")
    runs = [int(n) for n in EVAL_RUNS.findall(text[offset:])]
    return (sum(runs) if runs else None), len(text)


def answers_to_grade(count: int) -> list[tuple[str, str]]:
    sys.path.insert(0, str(REPO_ROOT))
    from practice.bank.loader import load_bank

    bank = load_bank(None)
    with_samples = [q for q in bank.questions if q.sample_answer]
    widest = max(with_samples, key=lambda q: len(q.criteria))
    chosen = [widest, *[q for q in with_samples if q is not widest]]
    pairs = [(q.id, q.sample_answer or "") for q in chosen[: max(count - len(THIN_ANSWERS), 1)]]
    pairs += [(widest.id, text) for text in THIN_ANSWERS]
    return pairs[:count]


def run_grades(drill: Path, base_url: str, log_path: Path, count: int) -> list[dict[str, Any]]:
    env = drill_environment(drill, base_url)
    results: list[dict[str, Any]] = []
    for number, (question_id, answer) in enumerate(answers_to_grade(count), start=1):
        answer_file = drill / f"answer-{number}.txt"
        answer_file.write_text(answer, encoding="utf-8")
        offset = len(log_path.read_text(encoding="utf-8", errors="replace"))
        started = time.monotonic()
        done = subprocess.run(
            [
                sys.executable,
                "-m",
                "practice",
                "grade",
                question_id,
                "--grader",
                "llm",
                "--json",
                "--answer-file",
                str(answer_file),
            ],
            env=env,
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=False,
        )
        seconds = time.monotonic() - started
        tokens, _ = output_tokens_since(log_path, offset)
        result: dict[str, Any] = {
            "question": question_id,
            "seconds": round(seconds, 1),
            "output_tokens": tokens,
            "exit": done.returncode,
            "traceback": "Traceback" in done.stderr,
        }
        try:
            feedback = json.loads(done.stdout)
        except ValueError:
            result.update(kind="no feedback", why=done.stderr.strip()[-300:])
        else:
            fallback = [f["message"] for f in feedback["flags"] if f["kind"] == "llm_fallback"]
            result.update(kind=feedback["grader"]["kind"], score=feedback["score"], why=fallback[0] if fallback else "")
        results.append(result)
        print(json.dumps(result), flush=True)
    return results


def run_tui(drill: Path, base_url: str, turns: int) -> dict[str, Any]:
    log = drill / "tui-session.jsonl"
    log.unlink(missing_ok=True)
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "-m", "drills.tui_session", "--log", str(log), "--turns", str(turns)],
        env=drill_environment(drill, base_url),
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    events = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()] if log.exists() else []
    summary = next((e for e in events if e["event"] == "summary"), {})
    summary.update(
        seconds=round(time.monotonic() - started, 1),
        exit=done.returncode,
        traceback="Traceback" in done.stderr,
        stderr_tail=done.stderr.strip()[-400:],
    )
    return summary


def report(grades: list[dict[str, Any]], tui: dict[str, Any] | None) -> None:
    if grades:
        report_grades(grades)
    if tui is not None:
        print("\n== scripted TUI session (LLM interviewer and grader) ==")
        for key in (
            "answers_submitted",
            "answers_lost",
            "grades_llm",
            "grades_fallback",
            "fallback_reasons",
            "feedback_seconds",
            "turns_replaced",
            "notices",
            "tokens",
            "progress_seen",
            "seconds",
            "exit",
            "traceback",
        ):
            if key in tui:
                print(f"{key}: {tui[key]}")
        if tui.get("exit"):
            print(f"stderr: {tui.get('stderr_tail')}")


def report_grades(grades: list[dict[str, Any]]) -> None:
    accepted = [g for g in grades if g["kind"] == "llm"]
    print("\n== practice grade --grader llm against the real model ==")
    print(f"grades accepted: {len(accepted)} of {len(grades)}")
    for grade in grades:
        if grade["kind"] != "llm":
            print(f"  fell back ({grade['question']}): {grade['why']}")
    seconds = [g["seconds"] for g in grades]
    print(f"time from submit to feedback: median {statistics.median(seconds):.1f} s, max {max(seconds):.1f} s")
    tokens = [g["output_tokens"] for g in grades if g["output_tokens"] is not None]
    if tokens:
        print(f"output tokens per grade (server's count): median {statistics.median(tokens):g}, max {max(tokens)}")
    print(f"tracebacks: {sum(g['traceback'] for g in grades)}; non-zero exits: {sum(g['exit'] != 0 for g in grades)}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--drill-dir", type=Path, default=REPO_ROOT / ".drill")
    parser.add_argument("--answers", type=int, default=5)
    parser.add_argument(
        "--turns",
        type=int,
        default=3,
        help="answers the scripted candidate types (3: a question, its follow-up, graded, and the next; 0: none)",
    )
    args = parser.parse_args(argv)
    with model_server(args.drill_dir) as (base_url, log_path):
        print(f"model server up at {base_url}", flush=True)
        grades = run_grades(args.drill_dir, base_url, log_path, args.answers)
        tui = run_tui(args.drill_dir, base_url, args.turns) if args.turns else None
    report(grades, tui)
    lost = tui.get("answers_lost", 0) if tui else 0
    return 1 if lost or any(g["traceback"] for g in grades) else 0


if __name__ == "__main__":
    raise SystemExit(main())
