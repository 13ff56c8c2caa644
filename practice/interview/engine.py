"""The interview as a state machine over a Session, with no UI and no disk.

Every intent (answer, skip, self-assessment, next, retry, finish) mutates `engine.session` in
memory at once, including the engine's position (`Session.cursor`), so whoever persists the
session after an intent can resume it exactly there — mid-question, follow-up and draft included.
Screens drive it; it never knows they exist, so whole interviews are tested headless.
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Sequence
from typing import Literal, Protocol

from pydantic import BaseModel, ConfigDict, Field

from practice.bank.models import FollowUp, Question, QuestionBank, RoleLevel
from practice.bank.selection import chosen_questions, draw_questions
from practice.errors import PracticeError
from practice.grading import offline
from practice.grading.exchange import Exchange
from practice.grading.feedback import CriterionResult, Feedback, GraderInfo
from practice.interview.models import (
    MAX_ANSWER_CHARS,
    Answer,
    AnswerKind,
    Attempt,
    Cursor,
    Draft,
    Mode,
    Phase,
    QuestionRecord,
    SelfAssessment,
    Session,
    SessionSettings,
    SessionStatus,
    utcnow,
)
from practice.interview.summary import SessionSummary, summarize
from practice.voice.models import Delivery

__all__ = ["EngineError", "GradeFn", "InterviewEngine", "Phase", "ProbeFn", "TranscriptEntry"]

ProbeFn = Callable[[Question, str, RoleLevel], Feedback]


class GradeFn(Protocol):
    """Gives the verdict the candidate sees. `exchanges` are the graded turns with the
    interviewer's words before each, so a model grader sees the follow-up questions; a grader
    that reads only the answer (the offline one) may ignore them."""

    def __call__(
        self, question: Question, answer: str, role_level: RoleLevel, *, exchanges: Sequence[Exchange]
    ) -> Feedback: ...


ASKING = (Phase.answering, Phase.follow_up)


class EngineError(PracticeError):
    """An intent that does not fit the interview's phase (a stale key press, a caller's bug).
    Raised before anything changes, so the session is exactly as it was."""


class TranscriptEntry(BaseModel):
    """One line of the conversation as the transcript widget shows it."""

    model_config = ConfigDict(frozen=True)

    speaker: Literal["interviewer", "candidate"]
    text: str
    kind: AnswerKind
    question_id: str
    attempt: int
    follow_up_id: str | None = None
    skipped: bool = False
    derived: bool = Field(
        default=False, description="An interviewer turn asking a probe the bank derived from the areas to cover."
    )


def offline_probe(question: Question, text: str, role_level: RoleLevel, *, vocabulary: str | None = None) -> Feedback:
    """The default way to choose follow-ups: the offline grader is instant and needs no model,
    so probing never waits on (or pays for) an LLM."""
    return offline.grade(question, text, role_level=role_level, vocabulary=vocabulary)


class InterviewEngine:
    def __init__(self, bank: QuestionBank, session: Session, grade: GradeFn, *, probe: ProbeFn | None = None) -> None:
        """`grade` gives the verdict the candidate sees; `probe` only decides which follow-up to ask."""
        if session.cursor is None:
            if session.status != SessionStatus.finished or not session.records:
                raise EngineError(
                    f"session {session.id} has no interview position, so it cannot be resumed",
                    hint="Open it for review instead, or start a new session.",
                )
            session.cursor = Cursor(question_id=session.records[-1].question.id, phase=Phase.finished)
        _check_position(session, session.cursor)
        self.bank = bank
        self.session = session
        self._grade = grade
        self._probe = probe or functools.partial(offline_probe, vocabulary=bank.vocabulary)

    @classmethod
    def start(
        cls,
        bank: QuestionBank,
        settings: SessionSettings,
        grade: GradeFn,
        grader_info: GraderInfo,
        *,
        probe: ProbeFn | None = None,
    ) -> InterviewEngine:
        questions = (
            chosen_questions(bank, settings.question_ids)
            if settings.question_ids
            else draw_questions(
                bank,
                track=settings.track,
                competencies=settings.competencies,
                count=settings.question_count,
                seed=settings.seed,
            )
        )
        session = Session(
            settings=settings,
            grader=grader_info,
            records=[QuestionRecord(question=question) for question in questions],
        )
        _open_attempt(session, session.records[0])
        return cls(bank, session, grade, probe=probe)

    @classmethod
    def resume(
        cls, bank: QuestionBank, session: Session, grade: GradeFn, *, probe: ProbeFn | None = None
    ) -> InterviewEngine:
        return cls(bank, session, grade, probe=probe)

    # --- where the interview stands -------------------------------------------------------

    @property
    def cursor(self) -> Cursor:
        assert self.session.cursor is not None  # set by __init__ and kept by every intent
        return self.session.cursor

    @property
    def phase(self) -> Phase:
        return self.cursor.phase

    @property
    def record(self) -> QuestionRecord:
        return self.session.record(self.cursor.question_id)

    @property
    def question(self) -> Question | None:
        return None if self.phase == Phase.finished else self.record.question

    @property
    def question_index(self) -> int:
        """0-based position of the current question (show it as index + 1 of question_count)."""
        return next(i for i, r in enumerate(self.session.records) if r.question.id == self.cursor.question_id)

    @property
    def question_count(self) -> int:
        return len(self.session.records)

    @property
    def attempt(self) -> Attempt | None:
        return self.record.latest()

    @property
    def prompt(self) -> str:
        return self.cursor.prompt

    @property
    def follow_up(self) -> FollowUp | None:
        if self.phase != Phase.follow_up or self.cursor.follow_up_id is None:
            return None
        return _follow_up_by_id(self.record.question, self.cursor.follow_up_id)

    @property
    def draft_text(self) -> str:
        """The saved draft, if it belongs to the turn being asked now (what resume puts back).
        A draft written late by a background save, after its answer went in (or before a retry
        began), is older than the turn and is not offered again."""
        draft = self.session.draft
        if draft is None or self.phase not in ASKING:
            return ""
        attempt = self._current_attempt()
        turn_began = max([attempt.started_at, *(a.submitted_at for a in attempt.answers)])
        same_turn = (draft.question_id, draft.kind, draft.follow_up_id) == (
            self.cursor.question_id,
            self._answer_kind(),
            self.cursor.follow_up_id,
        )
        return draft.text if same_turn and draft.saved_at >= turn_began else ""

    def transcript(self) -> list[TranscriptEntry]:
        """The current question's conversation, every attempt in order, ending with the question
        still waiting for an answer (if any)."""
        record = self.record
        entries: list[TranscriptEntry] = []
        for attempt in record.attempts:
            for answer in attempt.answers:
                common = {
                    "kind": answer.kind,
                    "question_id": record.question.id,
                    "attempt": attempt.number,
                    "follow_up_id": answer.follow_up_id,
                }
                entries.append(
                    TranscriptEntry(
                        speaker="interviewer",
                        text=answer.prompt,
                        derived=_is_derived(record.question, answer.follow_up_id),
                        **common,
                    )
                )
                entries.append(TranscriptEntry(speaker="candidate", text=answer.text, skipped=answer.skipped, **common))
        if self.phase in ASKING and (attempt := record.latest()) is not None:
            entries.append(
                TranscriptEntry(
                    speaker="interviewer",
                    text=self.cursor.prompt,
                    kind=self._answer_kind(),
                    question_id=record.question.id,
                    attempt=attempt.number,
                    follow_up_id=self.cursor.follow_up_id,
                    derived=_is_derived(record.question, self.cursor.follow_up_id),
                )
            )
        return entries

    def weakest_criteria(self) -> list[CriterionResult]:
        """What the answers so far miss (per the probe): what an LLM interviewer should ask about."""
        attempt = self.attempt
        if attempt is None or not attempt.combined_text():
            return []
        return self._probe_attempt(attempt).weakest_criteria()

    def summary(self) -> SessionSummary:
        return summarize(self.session)

    # --- intents ----------------------------------------------------------------------------

    def submit_answer(self, text: str, seconds_taken: float | None = None, delivery: Delivery | None = None) -> None:
        """`delivery` comes with a spoken answer: measured on what was said, it is kept even when
        the candidate corrects the transcript's words before submitting."""
        self._require(*ASKING, intent="submit an answer")
        if not text.strip():
            raise EngineError(
                "the answer is empty",
                hint="Type an answer first" + (", or skip the follow-up." if self.phase == Phase.follow_up else "."),
            )
        self._record_answer(text=text, skipped=False, seconds_taken=seconds_taken, delivery=delivery)

    def skip_follow_up(self) -> None:
        """The skipped turn is kept (with any draft typed so far), so the transcript stays honest
        and nothing typed is lost; a skipped answer is not graded."""
        self._require(Phase.follow_up, intent="skip a follow-up")
        self._record_answer(text=self.draft_text, skipped=True, seconds_taken=None)

    def use_follow_up_text(self, text: str, follow_up_id: str | None = None) -> None:
        self._require(Phase.follow_up, intent="reword a follow-up")
        if not text.strip():
            raise EngineError("a follow-up cannot be empty")
        if follow_up_id is not None and _follow_up_by_id(self.record.question, follow_up_id) is None:
            raise EngineError(f"question {self.cursor.question_id} has no follow-up {follow_up_id!r}")
        chosen = follow_up_id or self.cursor.follow_up_id
        self.session.cursor = self.cursor.model_copy(update={"prompt": text, "follow_up_id": chosen})
        self._touch()

    def save_draft(self, text: str) -> None:
        """Empty text clears the draft, and outside a question it is accepted as a no-op (there
        is nothing to keep); typed text with no question to belong to is refused, never dropped."""
        if self.phase not in ASKING and not text.strip():
            return
        self._require(*ASKING, intent="save a draft")
        self.session.draft = (
            Draft(
                question_id=self.cursor.question_id,
                kind=self._answer_kind(),
                follow_up_id=self.cursor.follow_up_id,
                text=text,
            )
            if text.strip()
            else None
        )

    def keep_self_assessment(self, assessment: SelfAssessment) -> None:
        """The picks made so far, before they are submitted: saved with the session, so a
        resume after a kill asks again with them in place, not with the defaults."""
        self._require(Phase.self_assessment, intent="keep a self-assessment")
        self._current_attempt().self_assessment = assessment
        self._touch()

    @property
    def picked_self_assessment(self) -> SelfAssessment | None:
        """What keep_self_assessment saved for the attempt being assessed now, if anything."""
        return self._current_attempt().self_assessment if self.phase == Phase.self_assessment else None

    @property
    def moves_on_after_self_assessment(self) -> Literal["feedback", "next", "finish"]:
        """What submitting the self-assessment leads to, so the screen can say so on its button."""
        if self.session.settings.mode == Mode.coach:
            return "feedback"
        return "next" if any(not r.attempts for r in self.session.records) else "finish"

    def submit_self_assessment(self, assessment: SelfAssessment) -> Feedback | None:
        """Coach mode grades now and shows feedback; mock mode moves on and grades at the end.
        If grading fails, the phase does not change, so the call can simply be repeated."""
        self._require(Phase.self_assessment, intent="submit a self-assessment")
        attempt = self._current_attempt()
        attempt.self_assessment = assessment
        if self.session.settings.mode == Mode.mock:
            attempt.finished_at = utcnow()
            self._advance()
            return None
        feedback = self._grade_attempt(self.record, attempt)
        self.session.cursor = Cursor(question_id=self.cursor.question_id, phase=Phase.feedback)
        self._touch()
        return feedback

    def next_question(self) -> None:
        self._require(Phase.feedback, intent="go to the next question")
        self._advance()

    def retry(self, question_id: str | None = None) -> None:
        """A new attempt beside the earlier ones (never over them), so progress is visible."""
        self._require(Phase.feedback, Phase.finished, intent="retry a question")
        target = question_id or self.cursor.question_id
        record = next((r for r in self.session.records if r.question.id == target), None)
        if record is None or not record.attempts:
            raise EngineError(
                f"question {target!r} {'was not asked' if record else 'is not'} in this session",
                hint="Retry one of the questions already answered.",
            )
        self.session.status = SessionStatus.in_progress
        _open_attempt(self.session, record)
        self._touch()

    def finish(self) -> None:
        """End early (or at the end of a mock interview): every answered attempt is graded, and
        attempts with nothing answered are dropped. A draft is kept, never thrown away."""
        self._require(Phase.answering, Phase.follow_up, Phase.self_assessment, Phase.feedback, intent="finish")
        self._complete()

    # --- mechanics --------------------------------------------------------------------------

    def _require(self, *phases: Phase, intent: str) -> None:
        if self.phase not in phases:
            allowed = " or ".join(p.value.replace("_", " ") for p in phases)
            raise EngineError(
                f"cannot {intent} now: the interview is at {self.phase.value.replace('_', ' ')}, not {allowed}"
            )

    def _answer_kind(self) -> AnswerKind:
        return AnswerKind.follow_up if self.phase == Phase.follow_up else AnswerKind.main

    def _current_attempt(self) -> Attempt:
        attempt = self.attempt
        assert attempt is not None  # every phase but finished has an open attempt
        return attempt

    def _record_answer(
        self, *, text: str, skipped: bool, seconds_taken: float | None, delivery: Delivery | None = None
    ) -> None:
        """Refuses (before anything changes) an answer longer than any session file may hold, so
        every saved session can be exported and imported again; nothing of it is cut."""
        if len(text) > MAX_ANSWER_CHARS:
            raise EngineError(
                f"the answer is {len(text):,} characters long; an answer holds at most {MAX_ANSWER_CHARS:,}",
                hint=f"Shorten it by {len(text) - MAX_ANSWER_CHARS:,} characters, then send it again: "
                "nothing was cut, it is all still in the answer box.",
            )
        attempt = self._current_attempt()
        attempt.answers.append(
            Answer(
                kind=self._answer_kind(),
                prompt=self.cursor.prompt,
                follow_up_id=self.cursor.follow_up_id,
                text=text,
                skipped=skipped,
                seconds_taken=seconds_taken,
                delivery=delivery,
            )
        )
        self.session.draft = None
        follow_up = self._choose_follow_up(attempt)
        self.session.cursor = (
            Cursor(
                question_id=self.cursor.question_id,
                phase=Phase.follow_up,
                follow_up_id=follow_up.id,
                prompt=follow_up.text,
            )
            if follow_up
            else Cursor(question_id=self.cursor.question_id, phase=Phase.self_assessment)
        )
        self._touch()

    def _choose_follow_up(self, attempt: Attempt) -> FollowUp | None:
        """The bank's follow-up aimed at the weakest criterion the answers so far leave open;
        a general follow-up (no targets) only when none aims at a gap; none when nothing is
        missing or the follow-up budget is spent."""
        asked = [a.follow_up_id for a in attempt.answers if a.kind == AnswerKind.follow_up]
        if len(asked) >= self.session.settings.max_follow_ups:
            return None
        question = self.record.question
        unasked = [f for f in question.follow_ups if f.id not in asked]
        if not unasked:
            return None
        weakest = self._probe_attempt(attempt).weakest_criteria()
        if not weakest:
            return None
        for criterion in weakest:
            for follow_up in unasked:
                if criterion.criterion_id in follow_up.targets:
                    return follow_up
        return next((f for f in unasked if not f.targets), None)

    def _probe_attempt(self, attempt: Attempt) -> Feedback:
        return self._probe(self.record.question, attempt.combined_text(), self.session.settings.role_level)

    def _grade_attempt(self, record: QuestionRecord, attempt: Attempt) -> Feedback:
        feedback = self._grade(
            record.question, attempt.combined_text(), self.session.settings.role_level, exchanges=attempt.exchanges()
        )
        attempt.feedback = feedback
        attempt.finished_at = attempt.finished_at or utcnow()
        return feedback

    def _advance(self) -> None:
        unasked = next((r for r in self.session.records if not r.attempts), None)
        if unasked is None:
            self._complete()
            return
        _open_attempt(self.session, unasked)
        self._touch()

    def _complete(self) -> None:
        for record in self.session.records:
            for attempt in record.attempts:
                if attempt.feedback is None and attempt.main_answer() is not None:
                    self._grade_attempt(record, attempt)
        for record in self.session.records:
            record.attempts = [a for a in record.attempts if a.answers]
        self.session.status = SessionStatus.finished
        self.session.cursor = Cursor(question_id=self.cursor.question_id, phase=Phase.finished)
        self._touch()

    def _touch(self) -> None:
        self.session.updated_at = utcnow()


def _check_position(session: Session, cursor: Cursor) -> None:
    """A hand-edited or damaged session file must fail here, clearly, not at the first key press."""
    record = next((r for r in session.records if r.question.id == cursor.question_id), None)
    problem = None
    if record is None:
        problem = f"its position names question {cursor.question_id!r}, which it does not contain"
    elif cursor.phase != Phase.finished and not record.attempts:
        problem = f"question {cursor.question_id!r} is at {cursor.phase.value} but has no attempt"
    elif cursor.phase == Phase.follow_up and cursor.follow_up_id is None and not cursor.prompt:
        problem = "it is waiting on a follow-up that has no words"
    if problem:
        raise EngineError(
            f"session {session.id} cannot be resumed: {problem}",
            hint="Open it for review instead, or start a new session.",
        )


def _open_attempt(session: Session, record: QuestionRecord) -> None:
    record.attempts.append(Attempt(number=len(record.attempts) + 1))
    session.cursor = Cursor(question_id=record.question.id, phase=Phase.answering, prompt=record.question.text)


def _follow_up_by_id(question: Question, follow_up_id: str) -> FollowUp | None:
    return next((f for f in question.follow_ups if f.id == follow_up_id), None)


def _is_derived(question: Question, follow_up_id: str | None) -> bool:
    follow_up = _follow_up_by_id(question, follow_up_id) if follow_up_id else None
    return follow_up is not None and follow_up.derived
