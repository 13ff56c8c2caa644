"""Where in a JSON text a problem is: its JSON path and line, for every error pydantic finds.

People fix a hand-edited file (a bank, the grader's knowledge) by going to a place, so each
problem is named as `questions[3].criteria (line 41)`, not as pydantic's tuple; the bank and the
app's own data files share this, so they fail alike.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import Any

from pydantic import ValidationError

# Every problem is reported in one run, so an author never fixes three to meet three more; past
# this many, the rest are counted.
MAX_ERRORS_SHOWN = 50

JsonPath = tuple[str | int, ...]


def describe_validation_error(
    path: Path,
    text: str,
    error: ValidationError,
    *,
    what: str,
    whole_problems: Callable[[], Iterable[str]] | None = None,
) -> str:
    """Every problem with its JSON path and line, so a bank and the app's own data files fail
    alike. `whole_problems`: the model's checks of the whole document (a bank's references between
    tracks and questions), which pydantic runs only once every field is valid; when a field failed,
    they are run on the raw data too, so every problem is reported in one run."""
    # Each line is written only if shown: placing a problem reads the text for its line, and a
    # hostile file may hold a hundred thousand problems.
    found: list[Callable[[], str]] = []
    whole_checked = whole_problems is None
    for problem in error.errors(include_url=False):
        loc: JsonPath = tuple(problem["loc"])
        whole_checked = whole_checked or not loc
        for index in range(str(problem["msg"]).count("\n") + 1):
            found.append(partial(_problem_line, text, loc, problem, index))
    if whole_problems is not None and not whole_checked:
        found += [partial(_placed, text, message) for message in whole_problems()]
    lines = [f"{path}: not a valid {what} ({len(found)} problem{'s' if len(found) != 1 else ''}):"]
    lines += [f"  {line()}" for line in found[:MAX_ERRORS_SHOWN]]
    if len(found) > MAX_ERRORS_SHOWN:
        lines.append(f"  … and {len(found) - MAX_ERRORS_SHOWN} more")
    return "\n".join(lines)


def _problem_line(text: str, loc: JsonPath, problem: Any, index: int) -> str:
    message = _problem_message(text, loc, problem).split("\n")[index]
    # Model checks that already start with a more precise place need no outer one.
    if _starts_with_place(problem, message):
        return message
    # A missing field has no place of its own: point at the object that lacks it.
    return f"{place(text, loc[:-1] if problem['type'] == 'missing' else loc)}: {message}"


def _placed(text: str, message: str) -> str:
    return _RELATIVE_PLACE.sub(lambda match: place(text, (match.group(1), int(match.group(2)))), message)


def _starts_with_place(problem: Any, message: str) -> bool:
    return str(problem["type"]) == "value_error" and bool(re.match(r"^\S+ \(line \d+\)|^[a-z_]+\[\d+\]", message))


def _problem_message(text: str, loc: JsonPath, problem: Any) -> str:
    kind = problem["type"]
    if kind == "missing":
        return f"missing required field {loc[-1]!r}"
    if kind == "extra_forbidden":
        return f"unknown field {loc[-1]!r} (a typo?)"
    message = str(problem["msg"]).removeprefix("Value error, ")
    if kind.endswith("_type") or kind.endswith("_parsing"):
        message += f", got {json_type(problem['input'])}"
    # Model checks name places relative to where they ran (e.g. `criteria[0] and criteria[4]`):
    # give each its full path and line so the author can find both.
    return _RELATIVE_PLACE.sub(lambda match: place(text, (*loc, match.group(1), int(match.group(2)))), message)


_RELATIVE_PLACE = re.compile(r"\b([a-z_]+)\[(\d+)\]")


def place(text: str, loc: JsonPath) -> str:
    shown = json_path(loc) or "top level"
    line = line_of(text, loc)
    return f"{shown} (line {line})" if line else shown


def json_path(loc: JsonPath) -> str:
    """`('questions', 3, 'criteria')` → `questions[3].criteria`, the form people search for."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# Strings as "[^"\\]*(?:\\.[^"\\]*)*": a run of plain characters is matched at once. The plainer
# "(?:[^"\\]|\\.)*" keeps a backtracking entry per character: gigabytes for a long string.
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|[{}\[\]:,]|[^\s{}\[\]:,"]+')


def line_of(text: str, loc: JsonPath) -> int | None:
    """The line where the value at `loc` starts, or where its nearest existing parent starts
    (a missing field is reported at the object that lacks it).

    A flat scan over JSON tokens with an explicit stack: no recursion, so any nesting depth is
    safe, and the text is already known to be valid JSON.
    """
    best_depth, best_offset = -1, None
    frames: list[list[Any]] = []  # [is_object, key_or_index, expecting_key]

    def value_starts(offset: int) -> None:
        nonlocal best_depth, best_offset
        path = tuple(frame[1] for frame in frames)
        if len(path) > best_depth and loc[: len(path)] == path:
            best_depth, best_offset = len(path), offset

    for match in _TOKEN.finditer(text):
        token, offset = match.group(), match.start()
        top = frames[-1] if frames else None
        if token in ("{", "["):
            value_starts(offset)
            if best_depth == len(loc):
                break
            frames.append([token == "{", None if token == "{" else 0, token == "{"])
        elif token in ("}", "]"):
            frames.pop()
        elif token == ",":
            if top is not None and top[0]:
                top[2] = True
            elif top is not None:
                top[1] += 1
        elif token == ":":
            continue
        elif top is not None and top[0] and top[2]:
            top[1], top[2] = json.loads(token), False
        else:
            value_starts(offset)
            if best_depth == len(loc):
                break
    return None if best_offset is None else text.count("\n", 0, best_offset) + 1


def json_type(value: object) -> str:
    names = {
        dict: "an object",
        list: "an array",
        str: "a string",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "null",
    }
    return names.get(type(value), type(value).__name__)
