"""JSON from files people send and edit (banks, session files), read strictly.

Python's json module accepts what no practice file can mean and fails later, far from the
cause: a key given twice silently keeps the last; a number of thousands of digits raises a
bare ValueError; `\\u0000` and a lone surrogate (`\\ud800`) are accepted, then break SQLite, the
terminal or the next JSON write. Each is refused here, with the place where it is.
"""

from __future__ import annotations

import json
import math
import re
from typing import Any

MAX_NUMBER_DIGITS = 30
"""Far beyond any count, score or version a practice file holds, far below Python's own limit."""

_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_NUL_OR_LONE_SURROGATE = re.compile("[\x00\ud800-\udfff]")


class JsonContentError(ValueError):
    """Valid JSON syntax holding something no practice file can hold; says what and where."""


def loads(text: str, *, allow_nul: bool = False) -> Any:
    """Parse like json.loads (raising json.JSONDecodeError for bad syntax), and raise
    JsonContentError for duplicate keys, numbers too long or too large, lone surrogates, and NUL
    characters unless `allow_nul` (a session file keeps what was typed, NUL too: it must read
    back what practice wrote)."""
    try:
        data = json.loads(text, object_pairs_hook=_unique_keys, parse_int=_integer, parse_float=_float)
    except JsonContentError:
        raise
    except json.JSONDecodeError:
        raise
    except ValueError as error:  # the interpreter's own integer limit, in case ours is raised above it
        raise JsonContentError(f"a number too long to read ({error})") from error
    _check_strings(data, _LONE_SURROGATE if allow_nul else _NUL_OR_LONE_SURROGATE)
    return data


def _unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    data: dict[str, Any] = {}
    for key, value in pairs:
        if key in data:
            raise JsonContentError(f"the key {key!r} appears twice in one object (JSON keeps only the last; keep one)")
        data[key] = value
    return data


def _integer(digits: str) -> int:
    if len(digits.lstrip("-")) > MAX_NUMBER_DIGITS:
        raise JsonContentError(
            f"a number with {len(digits.lstrip('-')):,} digits (starting {digits[:12]}…); "
            f"no field holds more than {MAX_NUMBER_DIGITS}"
        )
    return int(digits)


def _float(text: str) -> float:
    value = float(text)
    if not math.isfinite(value) or len(text) > 2 * MAX_NUMBER_DIGITS:
        raise JsonContentError(f"the number {text[:24]}{'…' if len(text) > 24 else ''} is out of range")
    return value


def _check_strings(data: Any, refused: re.Pattern[str]) -> None:
    """Every key and string, without recursion (nesting depth is the caller's limit to set)."""
    stack: list[tuple[str, Any]] = [("", data)]
    while stack:
        path, value = stack.pop()
        if isinstance(value, str):
            _check_text(path, value, refused)
        elif isinstance(value, dict):
            for key, item in value.items():
                where = f"{path}.{key}" if path else key
                _check_text(where, key, refused)
                stack.append((where, item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{index}]", item) for index, item in enumerate(value))


def _check_text(path: str, text: str, refused: re.Pattern[str]) -> None:
    found = refused.search(text)
    if found is None:
        return
    character = found.group()
    what = (
        "a NUL character (\\u0000)" if character == "\x00" else f"a lone surrogate (\\u{ord(character):04x}), not text"
    )
    raise JsonContentError(f"{path or 'top level'}: holds {what} at character {found.start() + 1}")
