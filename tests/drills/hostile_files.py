"""A corpus of hostile question banks and session files, generated from one good file of each.

Every entry must be refused by `practice bank validate` (banks) or `practice review` /
`practice import` (session files) with a clear message and exit status 2.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

Corrupt = Callable[[str], bytes]
"""From the good file's text to the hostile file's bytes."""


def as_json(edit: Callable[[Any], Any]) -> Corrupt:
    def corrupt(text: str) -> bytes:
        data = copy.deepcopy(json.loads(text))
        return json.dumps(edit(data)).encode()

    return corrupt


def setting(path: tuple[str | int, ...], value: Any) -> Corrupt:
    def edit(data: Any) -> Any:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value
        return data

    return as_json(edit)


def removing(path: tuple[str | int, ...]) -> Corrupt:
    def edit(data: Any) -> Any:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]
        return data

    return as_json(edit)


def duplicating(path: tuple[str | int, ...]) -> Corrupt:
    """The list at `path` with its first item twice: duplicate ids."""

    def edit(data: Any) -> Any:
        target = data
        for key in path:
            target = target[key]
        target.append(copy.deepcopy(target[0]))
        return data

    return as_json(edit)


RAW = "@@raw@@"


def raw(path: tuple[str | int, ...], token: str) -> Corrupt:
    """The value at `path` replaced by `token` as it is, for what json.dumps cannot write (a
    5,000-digit number) or writes only one way (a key given twice)."""
    placed = setting(path, RAW)

    def corrupt(text: str) -> bytes:
        return placed(text).replace(f'"{RAW}"'.encode(), token.encode(), 1)

    return corrupt


HUGE_NUMBER = "9" * 5000
FIRST_ANSWER = ("session", "records", 0, "attempts", 0, "answers", 0, "text")

COMMON: dict[str, Corrupt] = {
    "empty": lambda text: b"",
    "whitespace only": lambda text: b"  \n\t\n",
    "truncated half": lambda text: text[: len(text) // 2].encode(),
    "truncated last byte": lambda text: text.rstrip()[:-1].encode(),
    "binary garbage": lambda text: bytes(range(256)) * 64,
    "NUL bytes inside": lambda text: text.encode().replace(b'"', b'"\x00', 3),
    "UTF-16": lambda text: text.encode("utf-16"),
    "latin-1 bytes": lambda text: text.encode() + '\n"caf\xe9"'.encode("latin-1"),
    "a JSON list": lambda text: b"[]",
    "a JSON string": lambda text: b'"hello"',
    "a JSON number": lambda text: b"42",
    "JSON null": lambda text: b"null",
    "NaN token": lambda text: b'{"tracks": NaN}',
    "deeply nested": lambda text: b"[" * 100_000 + b"]" * 100_000,
    "deeply nested objects": lambda text: b'{"a":' * 50_000 + b"1" + b"}" * 50_000,
    "huge string": lambda text: b'{"junk": "' + b"x" * 3_000_000 + b'"}',
    "two documents": lambda text: (text + text).encode(),
    "trailing comma": lambda text: (text.rstrip()[:-1] + ",}").encode(),
}

BANK_SPECIFIC: dict[str, Corrupt] = {
    "tracks is a string": setting(("tracks",), "all"),
    "questions is an object": setting(("questions",), {"a": 1}),
    "question id is a number": setting(("questions", 0, "id"), 17),
    "question text empty": setting(("questions", 0, "text"), ""),
    "question type unknown": setting(("questions", 0, "type"), "riddle"),
    "question without text": removing(("questions", 0, "text")),
    "duplicate question ids": duplicating(("questions",)),
    "duplicate track ids": duplicating(("tracks",)),
    "question of an unknown track": setting(("questions", 0, "track"), "no-such-track"),
    "criteria are numbers": setting(("questions", 0, "criteria"), [1, 2, 3]),
    "huge list of junk questions": setting(("questions",), [{"id": n} for n in range(20_000)]),
    "a 5,000-digit number": raw(("schema_version",), HUGE_NUMBER),
    "a newer bank schema": setting(("schema_version",), 99),
    "true for an integer": setting(("tracks", 0, "guidance", "questions_per_interview_min"), True),
    "a number as a string": setting(("tracks", 0, "guidance", "questions_per_interview_max"), "4"),
    "a key given twice": raw(("questions", 0, "text"), '"Tell me about a time.", "text": "Or not."'),
    "an escaped NUL": setting(("questions", 0, "text"), "Tell me about\x00 a time."),
    "a lone surrogate": setting(("questions", 0, "text"), "Tell me about \ud800 a time."),
    "a 16 MB question text": setting(("questions", 0, "text"), "Tell me about a time " * 800_000),
}

SESSION_SPECIFIC: dict[str, Corrupt] = {
    "another format": setting(("format",), "something-else"),
    "a newer file version": setting(("version",), 99),
    "no session": removing(("session",)),
    "session is a list": setting(("session",), []),
    "records is a string": setting(("session", "records"), "none"),
    "created_at not a date": setting(("session", "created_at"), "yesterday"),
    "score out of range": setting(("session", "records", 0, "attempts", 0, "self_assessment", "score"), 99),
    "a newer session schema": setting(("session", "schema_version"), 999),
    "unknown status": setting(("session", "status"), "exploded"),
    "question without id": removing(("session", "records", 0, "question", "id")),
    "a 5,000-digit number": raw(("session", "records", 0, "attempts", 0, "answers", 0, "seconds_taken"), HUGE_NUMBER),
    "a lone surrogate in an answer": setting(FIRST_ANSWER, "I fixed it \ud800 fast."),
    "a key given twice": raw(FIRST_ANSWER, '"I fixed it.", "text": "I did not."'),
    "a 15 MB answer": setting(FIRST_ANSWER, "I fixed it fast. " * 900_000),
    "a 16 MB question text": setting(("session", "records", 0, "question", "text"), "Tell me about a time " * 800_000),
    "the latest date there is": setting(("session", "created_at"), "9999-12-31T23:59:59-12:00"),
    "the earliest date there is": setting(("session", "updated_at"), "0001-01-01T00:00:00+14:00"),
    "duplicate attempt numbers": setting(("session", "records", 0, "attempts", 1, "number"), 1),
    "the same question twice": duplicating(("session", "records")),
    "an empty session id": setting(("session", "id"), ""),
    "a path as session id": setting(("session", "id"), "../../x"),
    "an escape in the session id": setting(("session", "id"), "\x1b]0;pwned\x07"),
    "a 1 MB session id": setting(("session", "id"), "a" * 1_000_000),
    "SQL as session id": setting(("session", "id"), "x'; DROP TABLE sessions; --"),
}


def write_corpus(good: Path, specific: dict[str, Corrupt], directory: Path) -> dict[str, Path]:
    text = good.read_text(encoding="utf-8")
    directory.mkdir(parents=True, exist_ok=True)
    files: dict[str, Path] = {}
    for index, (name, corrupt) in enumerate({**COMMON, **specific}.items()):
        path = directory / f"{index:02d}-{name.replace(' ', '-')}.json"
        path.write_bytes(corrupt(text))
        files[name] = path
    files["a directory"] = directory
    files["a missing file"] = directory / "does-not-exist.json"
    return files


# --- text that attacks the terminal or the TUI, inside otherwise valid files ------------------

TERMINAL_ATTACKS: dict[str, str] = {
    "OSC title": "\x1b]0;pwned\x07",
    "OSC 52 clipboard": "\x1b]52;c;cm0gLXJmIH4=\x07",
    "CSI clear screen": "\x1b[2J\x1b[H",
    "C1 CSI clear screen": "\x9b2J",
    "C1 OSC title": "\x9d0;pwned\x9c",
    "bidi override": "\u202egnp.exe\u202c",
    "carriage return overwrite": "all fine\rALL BAD",
    "backspaces": "good\x08\x08\x08\x08evil",
    "bell": "\x07\x07",
}
"""Each must reach no terminal as it is; the data holding it must be kept exactly."""

MARKUP_ATTACKS: dict[str, str] = {
    "closing tag": "[/]",
    "click action": "[@click=app.quit]free points[/]",
    "unbalanced style": "[bold red]loud",
    "escaped bracket": "\\[not markup]",
}
"""Textual markup: text from data is never parsed as markup, so none of these may crash or act."""

EVERY_ATTACK = " ".join([*TERMINAL_ATTACKS.values(), *MARKUP_ATTACKS.values()])
UNSAFE_FOR_TERMINALS = frozenset("\x1b\x9b\x9d\x9c\x07\x08\r\u202e\u202c")


def hostile_bank(good: Path, attack: str) -> str:
    """The good bank with `attack` in every track's title and description and in every question's
    text, criteria and sample answer: valid, so it reaches every screen and command."""
    data = json.loads(good.read_text(encoding="utf-8"))
    for track in data["tracks"]:
        track["title"] += f" {attack}"
        track["description"] = f"{track.get('description', '')} {attack}"
    for question in data["questions"]:
        question["text"] = f"{attack} {question['text']}"  # first, so no shortening cuts it off
        for criterion in question.get("criteria", []):
            criterion["text"] += f" {attack}"
    return json.dumps(data, ensure_ascii=False)
