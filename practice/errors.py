"""User-facing errors: every one names the file or thing, the place, what is wrong and what to do.

The CLI prints them and exits with their status; the TUI shows them. Nothing else should reach
a user as a traceback.
"""

from __future__ import annotations


class PracticeError(Exception):
    """An error the user can act on. `exit_code` 2 means bad input, 1 a failure of the run."""

    exit_code = 2

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n  {self.hint}" if self.hint else self.message


class BadInputError(PracticeError):
    """A file or value the user gave is invalid (a bank, a session file, an answer file)."""


class NotFoundError(PracticeError):
    """An id that names nothing (a question, a session)."""


class StoreError(PracticeError):
    """The session store cannot be read or written; what was in memory is kept."""

    exit_code = 1
