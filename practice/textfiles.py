"""Text a user points `practice` at: a bank, a guide, an answer, a session file, standard input.

One way in, so every failure names the source and reads the same, and a mistaken path (a
directory, a disk image, a log) is refused before it is read whole into memory.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from practice.errors import BadInputError

MAX_INPUT_BYTES = 20 * 1024 * 1024
"""Far above any real bank, guide, answer or session file (the shipped bank is ~100 KB)."""


def read_input_text(path: Path, *, what: str, max_bytes: int | None = None) -> str:
    """`what` ("bank", "session"…) says in each message which kind of file was expected."""
    max_bytes = MAX_INPUT_BYTES if max_bytes is None else max_bytes
    try:
        if path.is_dir():
            raise BadInputError(
                f"{path}: is a directory, not a {what} file", hint=f"Give the path of the {what} file itself."
            )
        size = path.stat().st_size
        if not path.is_file():
            raise BadInputError(f"{path}: not a regular file", hint=f"Give the path of the {what} file itself.")
        if size > max_bytes:
            raise BadInputError(
                f"{path}: too large for a {what} file ({size:,} bytes; the limit is {max_bytes:,})",
                hint=f"Check that this is the {what} file you meant.",
            )
        data = path.read_bytes()
    except FileNotFoundError as error:
        raise BadInputError(f"{path}: no such {what} file", hint="Check the path.") from error
    except OSError as error:
        raise BadInputError(
            f"{path}: cannot be read: {error.strerror or error}", hint="Check the path and its permissions."
        ) from error
    return decode_input(data, source=str(path), what=what)


def decode_input(data: bytes, *, source: str, what: str) -> str:
    """UTF-8 (a byte-order mark is allowed); the message tells UTF-16 and binary files apart from
    a stray byte, because each has a different fix."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise BadInputError(
            f"{source}: UTF-16 text, not UTF-8",
            hint=f"It may have been re-saved by an editor: save the {what} as UTF-8 text.",
        )
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        if b"\x00" in data[:4096]:
            raise BadInputError(
                f"{source}: a binary file, not a {what} file", hint=f"Give a {what} file, which is text."
            ) from error
        line_start = data.rfind(b"\n", 0, error.start) + 1
        line, column = data.count(b"\n", 0, error.start) + 1, error.start - line_start + 1
        raise BadInputError(
            f"{source}:{line}:{column}: not UTF-8 text (byte 0x{data[error.start]:02x} at offset {error.start})",
            hint=f"Save the {what} as UTF-8 text.",
        ) from error
