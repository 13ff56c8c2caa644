"""The interviewer's turns written by a model and streamed as they are written.

Without a model the bank's words are used (BankInterviewer); with one, the opening of each
question and the follow-ups are spoken naturally, and a follow-up probes the weakest criteria of
the answer just given. If the model fails, the bank's words are spoken instead, so the interview
never stalls; closing a turn's generator closes the HTTP stream at once (cancel). A turn that
recites the instructions, asks nothing, runs too long or is empty (turn_guard) ends in
TurnReplaced, and the screen shows the bank's wording with a notice.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Generator, Iterator, Sequence
from contextlib import closing

from practice import prompts
from practice.bank.models import FollowUp, Question, QuestionType, RoleLevel
from practice.grading.feedback import CriterionResult
from practice.interview import turn_guard
from practice.interview.turn_guard import TurnReplaced
from practice.llm.client import LlmClient, Message
from practice.llm.errors import LlmError

log = logging.getLogger(__name__)

CUT_SHORT_NOTICE = "(The model's words were cut short; the question from the bank instead:)"
MARKER_BYTES = 8
# A turn is at most three sentences; an example answer about 250 words.
TURN_MAX_TOKENS = 120
EXAMPLE_MAX_TOKENS = 600


class LlmInterviewer:
    name = "llm"

    def __init__(self, client: LlmClient, *, role_level: RoleLevel = RoleLevel.individual_contributor) -> None:
        self.client = client
        self.role_level = role_level
        # The failure of the latest turn (None when it went well), for a screen that tells the
        # candidate why the bank's words were spoken instead.
        self.last_error: LlmError | TurnReplaced | None = None

    def opening(self, question: Question, index: int, count: int) -> Iterator[str]:
        """`index` is 0-based, as the engine's question_index."""
        self.last_error = None
        transition = (
            "Greet the candidate in one short sentence."
            if index == 0
            else "Make a one-sentence transition from the previous question."
        )
        opening = prompts.load("opening")
        user = opening.render(number=str(index + 1), count=str(count), transition=transition, question=question.text)
        instructions = opening.render(number="", count="", transition=transition, question="")
        return self._speak(self._messages(user), fallback=question.text, instructions=instructions)

    def follow_up(
        self,
        question: Question,
        answers: Sequence[str],
        weakest: Sequence[CriterionResult],
        bank_choice: FollowUp | None,
    ) -> Iterator[str]:
        self.last_error = None
        fallback = bank_choice.text if bank_choice is not None else ""
        if not weakest:
            return iter([fallback] if fallback else [])
        marker = secrets.token_hex(MARKER_BYTES)
        template = prompts.load("follow_up")
        user = template.render(
            question=question.text,
            marker=marker,
            answers="\n\n".join(answers),
            weakest="\n".join(f"- {c.text} ({c.status.value})" for c in weakest),
            bank_hint=f"\nThe interview guide suggests: {bank_choice.text}\n" if bank_choice is not None else "",
        )
        instructions = template.render(question="", marker="", answers="", weakest="", bank_hint="")
        return self._speak(self._messages(user), fallback=fallback, instructions=instructions)

    def write_example_answer(self, question: Question) -> str:
        """A model-written example for a question the bank has no sample answer for. Raises
        LlmError; callers label the result as generated."""
        shape = (
            "Use the STAR shape: situation, task, your actions, the measured result."
            if question.type == QuestionType.behavioral
            else "Explain the approach step by step, with a brief real example."
        )
        user = prompts.load("example_answer").render(
            role_level=_level_words(self.role_level),
            shape=shape,
            question=question.text,
            criteria="\n".join(f"- {c.text}" for c in question.criteria),
        )
        return "".join(
            self.client.stream_text(self._messages(user), max_tokens=EXAMPLE_MAX_TOKENS, purpose="writing an example")
        ).strip()

    def _messages(self, user: str) -> list[Message]:
        system = prompts.load("interviewer_system").render(role_level=_level_words(self.role_level))
        return [{"role": "system", "content": system}, {"role": "user", "content": user}]

    def _speak(self, messages: list[Message], *, fallback: str, instructions: str) -> Generator[str, None, None]:
        """The turn as it streams; a turn that fails the guard raises TurnReplaced once it is
        known (at once for one running too long), so the screen can put the bank's words there."""
        spoken: list[str] = []
        everything_said = instructions + "\n" + messages[0]["content"]
        try:
            with closing(self.client.stream_text(messages, max_tokens=TURN_MAX_TOKENS)) as pieces:
                for piece in pieces:
                    spoken.append(piece)
                    yield piece
                    if sum(map(len, spoken)) > turn_guard.MAX_TURN_CHARS:
                        break
        except LlmError as error:
            self.last_error = error
            log.warning("interviewer turn from the model failed: %s", error.message)
            if fallback:
                yield f"\n\n{CUT_SHORT_NOTICE} {fallback}" if spoken else fallback
            return
        why = turn_guard.problem("".join(spoken), instructions=everything_said, expected=fallback)
        if why is not None and fallback:
            replaced = TurnReplaced(why, fallback)
            self.last_error = replaced
            log.warning("interviewer turn from the model replaced: %s", replaced.message)
            raise replaced


def _level_words(level: RoleLevel) -> str:
    return level.value.replace("_", " ")
