"""Text from a file, a user, the store or a server, made safe to send to a terminal.

A terminal obeys what it is sent: ESC starts sequences that set the title, write the clipboard
(OSC 52), clear the screen or move the cursor; U+009B is the same CSI in one character; CR and
backspace overwrite what was printed; bidi overrides reorder what follows so text reads other
than it is. So every such character is shown as its escape (`\\u001b`), never sent. The form is
JSON's, so JSON output stays valid JSON that still decodes to the data exactly, and the data
itself (store, exports, session files) is never changed: this is for display only.

Lone surrogates (from a JSON file's `\\ud800`) are shown the same way: they cannot be encoded
for the terminal at all, and would end the command with a UnicodeEncodeError.
"""

from __future__ import annotations

import logging
import re
import sys
from typing import TextIO

_UNSAFE = (
    "\x00-\x08\x0b-\x1f"  # C0 controls but tab and newline, ESC among them
    "\x7f-\x9f"  # DEL, and the C1 controls (U+009B is CSI, U+009D OSC)
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069"  # bidi marks, embeddings, overrides and isolates
    "\u2028\u2029"  # line and paragraph separators
    "\ud800-\udfff"  # lone surrogates
)
_UNSAFE_IN_TEXT = re.compile(f"[{_UNSAFE}]")
_UNSAFE_IN_LINE = re.compile(f"[{_UNSAFE}\t\n]")


# A whole control sequence, as a terminal reads one: CSI (ESC [ or U+009B) up to its final byte;
# OSC, DCS, SOS, PM, APC (ESC ] P X ^ _, or their C1 forms) up to BEL or ST; ESC and one more.
_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|(?:\x1b[\]PX^_]|[\x90\x98\x9d\x9e\x9f]).{0,4096}?(?:\x07|\x1b\\|\x9c)"
    r"|\x1b[ -~]",
    re.DOTALL,
)


def readable(text: str) -> str:
    """`text` as a reader of it sees it, for grading: each control sequence and control character
    becomes one space, so a colour code's 38;5;196 or a cursor move's 12;40 is not counted as a
    figure and words on either side stay apart. Newlines and tabs are kept."""
    if not _UNSAFE_IN_TEXT.search(text):
        return text
    return _UNSAFE_IN_TEXT.sub(" ", _SEQUENCE.sub(" ", text))


def _shown(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def safe(text: str, *, one_line: bool = False) -> str:
    """`text` with every character a terminal would obey shown as its escape. Newlines and tabs
    are kept, unless `one_line` (a table cell, an id), where they would break the layout."""
    pattern = _UNSAFE_IN_LINE if one_line else _UNSAFE_IN_TEXT
    return pattern.sub(_shown, text)


def unseen(text: str) -> str:
    """`text` as a cell-by-cell display (an editor) may draw it: what a terminal would obey is
    left out and a lone surrogate shown as U+FFFD, so every character keeps the width the editor
    measured it at (none, or one) and the cursor stays where the text is. For display only."""
    return _UNSAFE_IN_TEXT.sub(_unseen, text) if _UNSAFE_IN_TEXT.search(text) else text


def _unseen(match: re.Match[str]) -> str:
    return "\ufffd" if "\ud800" <= match.group() <= "\udfff" else ""


def say(text: str, *, stream: TextIO | None = None) -> None:
    """Print text that holds data (a message, a table, JSON) safely: stdout unless `stream`."""
    print(safe(text), file=stream or sys.stdout)


def write_document(text: str) -> None:
    """A whole document (an export, a bank) on standard output: exactly as it is when it goes to
    a file or a pipe, where it is data; made safe when it goes to a terminal, which would obey it."""
    sys.stdout.write(safe(text) if sys.stdout.isatty() else text)


class _StderrWarnings(logging.Handler):
    """Warnings on standard error, where Python's last-resort handler would print them, but
    made safe: they quote servers, files and the store. Written to the sys.stderr of the moment,
    as that handler does, so under the TUI they go where Textual sends stderr, not over its screen.
    A traceback is left out (the message names the exception): a candidate acts on the words."""

    def emit(self, record: logging.LogRecord) -> None:
        try:
            text = record.getMessage()
            if record.exc_info and record.exc_info[1] is not None:
                error = record.exc_info[1]
                text = f"{text} ({type(error).__name__}: {error})"
            sys.stderr.write(f"practice: {safe(text)}\n")
        except Exception:
            self.handleError(record)


def warnings_to_stderr() -> None:
    """Once per process: the app's warnings (logger "practice") reach stderr only through this."""
    logger = logging.getLogger("practice")
    if not any(isinstance(handler, _StderrWarnings) for handler in logger.handlers):
        logger.addHandler(_StderrWarnings(logging.WARNING))
