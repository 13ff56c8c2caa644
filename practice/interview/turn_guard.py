"""Whether a turn the model wrote can be spoken as the interviewer's.

A small or base model may recite its instructions as a "question", ask nothing, ramble, or say
nothing at all; a candidate must never be shown that as the interviewer's words. A turn that
fails here is replaced by the bank's wording, with a notice saying why.
"""

from __future__ import annotations

import re

from practice.errors import PracticeError

# Three sentences of an interviewer's turn fit well within this.
MAX_TURN_CHARS = 480
# This many words in a row, shared with the instructions, is reciting them.
RECITED_RUN_WORDS = 6
# A turn without "?" still asks when it holds most of the bank's own wording ("Tell me about...").
SHARE_OF_EXPECTED_WORDS = 0.6
_WORD = re.compile(r"[a-z0-9']+")


class TurnReplaced(PracticeError):
    """The model's turn cannot be spoken; `replacement` is the bank's wording for it."""

    def __init__(self, why: str, replacement: str) -> None:
        super().__init__(f"the model's turn {why}", hint="The bank's wording is shown instead.")
        self.replacement = replacement


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def recites(turn: str, instructions: str, *, run: int = RECITED_RUN_WORDS) -> bool:
    said, given = _words(turn), _words(instructions)
    runs = {tuple(given[i : i + run]) for i in range(len(given) - run + 1)}
    return any(tuple(said[i : i + run]) in runs for i in range(len(said) - run + 1))


def asks(turn: str, expected: str) -> bool:
    if "?" in turn:
        return True
    wanted = set(_words(expected))
    return bool(wanted) and len(wanted & set(_words(turn))) >= SHARE_OF_EXPECTED_WORDS * len(wanted)


def problem(turn: str, *, instructions: str, expected: str) -> str | None:
    """Why `turn` cannot be spoken, or None. `instructions`: the prompt's own words (without the
    question, the answers or the bank's suggestion, which a good turn may repeat); `expected`:
    the bank's wording for this turn."""
    text = turn.strip()
    if not text:
        return "was empty"
    if len(text) > MAX_TURN_CHARS:
        return f"ran past {MAX_TURN_CHARS} characters"
    if recites(text, instructions):
        return "recited its instructions"
    if not asks(text, expected):
        return "asked no question"
    return None
