"""The interview as a state machine over a Session, with no UI and no disk.

Every intent (answer, skip, self-assessment, next, retry, finish) mutates `engine.session` in
memory, including the engine's position (`Session.cursor`), so whoever persists the session after
an intent can resume it exactly there — mid-question, follow-up and draft included. Screens drive
it; it never knows they exist, so whole interviews are tested headless.

An intent may have slow work in it (grading with a model, probing for a follow-up). For a caller
with an event loop each intent is also offered as a `Step`: `plan_*` checks and captures what the
slow part needs, `Step.compute` does it reading nothing of the session (any thread), and
`Step.apply` changes the session. After `own()`, only the owning thread may plan, apply or copy,
so the session has exactly one writer; the plain intents (`submit_answer`, ...) run both halves.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, Generic, Literal, Protocol, TypeVar

from pydantic import BaseModel, ConfigDict, Field

from practice.bank.models import FollowUp, Question, QuestionBank, RoleLevel
from practice.bank.selection import chosen_questions, draw_questions
from practice.errors import PracticeError
from practice.grading import offline
from practice.grading.exchange import Exchange
from practice.grading.feedback import Feedback, GraderInfo
from practice.interview.interviewer import Interviewer
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
from practice.llm.usage import TokenUsage
from practice.terminal import readable
from practice.voice.models import Delivery, SpokenTake
from practice.voice.takes import delivery_of

__all__ = ["EngineError", "GradeFn", "InterviewEngine", "NotOwner", "Phase", "ProbeFn", "Step", "TranscriptEntry"]

ProbeFn = Callable[[Question, str, RoleLevel], Feedback]


class GradeFn(Protocol):
    """Gives the verdict the candidate sees. `exchanges` are the graded turns with the
    interviewer's words before each, so a model grader sees the follow-up questions; a grader
    that reads only the answer (the offline one) may ignore them."""

    def __call__(
        self, question: Question, answer: str, role_level: RoleLevel, *, exchanges: Sequence[Exchange]
    ) -> Feedback: ...


ASKING = (Phase.answering, Phase.follow_up)
R = TypeVar("R")
T = TypeVar("T")


class EngineError(PracticeError):
    """An intent that does not fit the interview's phase (a stale key press, a caller's bug).
    Raised before anything changes, so the session is exactly as it was."""


class NotOwner(RuntimeError):
    """The session was touched from a thread that does not own it: a caller's bug, refused
    before anything changes rather than left to race the owner's own changes."""


@dataclass(frozen=True)
class Step(Generic[R, T]):
    """One intent split where its slow work is. `compute` reads only what was captured when the
    step was planned, so it may run in any thread; `apply` takes its result and changes the
    session, on the owning thread, refusing (EngineError, nothing changed) if the interview moved
    since the plan."""

    compute: Callable[[], R]
    apply: Callable[[R], T]

    def run(self) -> T:
        return self.apply(self.compute())


@dataclass(frozen=True)
class _Grading:
    """An attempt to grade, with the grader's inputs copied out of the session."""

    attempt: Attempt  # written by apply only
    question: Question
    text: str
    exchanges: tuple[Exchange, ...]
    role_level: RoleLevel


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
    return offline.grade(question, readable(text), role_level=role_level, vocabulary=vocabulary)


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
        self._owner: int | None = None

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
        """The saved draft, if it belongs to the turn being asked now (what resume puts back)."""
        draft = self._turn_draft()
        return draft.text if draft else ""

    @property
    def draft_takes(self) -> list[SpokenTake]:
        """The recordings the draft's text came from, so a resumed answer is still graded and
        stored with how it was spoken."""
        draft = self._turn_draft()
        return list(draft.takes) if draft else []

    def _turn_draft(self) -> Draft | None:
        """A draft written late by a background save, after its answer went in (or before a
        retry began), is older than the turn and is not offered again."""
        draft = self.session.draft
        if draft is None or self.phase not in ASKING:
            return None
        attempt = self._current_attempt()
        turn_began = max([attempt.started_at, *(a.submitted_at for a in attempt.answers)])
        same_turn = (draft.question_id, draft.kind, draft.follow_up_id) == (
            self.cursor.question_id,
            self._answer_kind(),
            self.cursor.follow_up_id,
        )
        return draft if same_turn and draft.saved_at >= turn_began else None

    def transcript(self) -> list[TranscriptEntry]:
        """The current question's conversation, every attempt in order, ending with the question
        still waiting for an answer (if any)."""
        record = self.record
        entries: list[TranscriptEntry] = []
        for attempt in record.attempts:
            for answer in attempt.answers:
                entry = functools.partial(
                    TranscriptEntry,
                    kind=answer.kind,
                    question_id=record.question.id,
                    attempt=attempt.number,
                    follow_up_id=answer.follow_up_id,
                )
                entries.append(
                    entry(
                        speaker="interviewer",
                        text=answer.prompt,
                        derived=_is_derived(record.question, answer.follow_up_id),
                    )
                )
                entries.append(entry(speaker="candidate", text=answer.text, skipped=answer.skipped))
        if self.phase in ASKING and (latest := record.latest()) is not None:
            entries.append(
                TranscriptEntry(
                    speaker="interviewer",
                    text=self.cursor.prompt,
                    kind=self._answer_kind(),
                    question_id=record.question.id,
                    attempt=latest.number,
                    follow_up_id=self.cursor.follow_up_id,
                    derived=_is_derived(record.question, self.cursor.follow_up_id),
                )
            )
        return entries

    def summary(self) -> SessionSummary:
        return summarize(self.session)

    # --- who owns the session ---------------------------------------------------------------

    def own(self) -> None:
        """From now on only the calling thread (a screen's event loop) may plan, apply, copy or
        otherwise change the session; any other raises NotOwner. Headless callers need not."""
        self._owner = threading.get_ident()

    def _check_owner(self) -> None:
        if self._owner is not None and threading.get_ident() != self._owner:
            raise NotOwner(
                f"session {self.session.id} belongs to thread {self._owner}, "
                f"not {threading.current_thread().name}: plan and apply on the owner, compute elsewhere"
            )

    def snapshot(self) -> Session:
        """A copy to save off the owning thread while the session goes on changing."""
        self._check_owner()
        return self.session.model_copy(deep=True)

    def record_tokens(self, usage: TokenUsage) -> bool:
        """The model's token count so far becomes the session's; True when it changed."""
        self._check_owner()
        if usage == self.session.tokens:
            return False
        self.session.tokens = usage
        return True

    def plan_turn(self, interviewer: Interviewer) -> Callable[[], Iterator[str]]:
        """The interviewer's turn for the question being asked, as a call that may run in any
        thread: for a follow-up, what the answers so far miss is probed there too."""
        self._check_owner()
        self._require(*ASKING, intent="speak the interviewer's turn")
        question = self.record.question
        if self.phase == Phase.answering:
            index, count = self.question_index, self.question_count
            return lambda: interviewer.opening(question, index, count)
        answers = [answer.text for attempt in self.record.attempts for answer in attempt.answers]
        text, follow_up = self._current_attempt().combined_text(), self.follow_up
        level = self.session.settings.role_level

        def follow_up_turn() -> Iterator[str]:
            weakest = self._probe(question, text, level).weakest_criteria() if text else []
            return interviewer.follow_up(question, answers, weakest, follow_up)

        return follow_up_turn

    # --- intents ----------------------------------------------------------------------------

    def submit_answer(self, text: str, seconds_taken: float | None = None, takes: Sequence[SpokenTake] = ()) -> None:
        self.plan_submit_answer(text, seconds_taken, takes).run()

    def plan_submit_answer(
        self, text: str, seconds_taken: float | None = None, takes: Sequence[SpokenTake] = ()
    ) -> Step[Any, None]:
        """`takes`: the recordings the text came from. Their delivery, measured on what was
        said, is stored with the answer while the text still holds their words, corrected or
        typed around (practice/voice/takes.py); a take whose words were replaced is left out."""
        self._check_owner()
        self._require(*ASKING, intent="submit an answer")
        if not text.strip():
            raise EngineError(
                "the answer is empty",
                hint="Type an answer first" + (", or skip the follow-up." if self.phase == Phase.follow_up else "."),
            )
        return self._plan_answer(text=text, skipped=False, seconds_taken=seconds_taken, takes=tuple(takes))

    def skip_follow_up(self) -> None:
        self.plan_skip_follow_up().run()

    def plan_skip_follow_up(self) -> Step[Any, None]:
        """The skipped turn is kept (with any draft typed so far), so the transcript stays honest
        and nothing typed is lost; a skipped answer is not graded."""
        self._check_owner()
        self._require(Phase.follow_up, intent="skip a follow-up")
        return self._plan_answer(text=self.draft_text, skipped=True, seconds_taken=None)

    def use_follow_up_text(self, text: str, follow_up_id: str | None = None) -> None:
        self._check_owner()
        self._require(Phase.follow_up, intent="reword a follow-up")
        if not text.strip():
            raise EngineError("a follow-up cannot be empty")
        if follow_up_id is not None and _follow_up_by_id(self.record.question, follow_up_id) is None:
            raise EngineError(f"question {self.cursor.question_id} has no follow-up {follow_up_id!r}")
        chosen = follow_up_id or self.cursor.follow_up_id
        self.session.cursor = self.cursor.model_copy(update={"prompt": text, "follow_up_id": chosen})
        self._touch()

    def save_draft(self, text: str, takes: Sequence[SpokenTake] = ()) -> None:
        """Empty text clears the draft, and outside a question it is accepted as a no-op (there
        is nothing to keep); typed text with no question to belong to is refused, never dropped.
        `takes`: the recordings the text came from, kept with it (see plan_submit_answer)."""
        self._check_owner()
        if self.phase not in ASKING and not text.strip():
            return
        self._require(*ASKING, intent="save a draft")
        self.session.draft = (
            Draft(
                question_id=self.cursor.question_id,
                kind=self._answer_kind(),
                follow_up_id=self.cursor.follow_up_id,
                text=text,
                takes=list(takes),
            )
            if text.strip()
            else None
        )

    def keep_self_assessment(self, assessment: SelfAssessment) -> None:
        """The picks made so far, before they are submitted: saved with the session, so a
        resume after a kill asks again with them in place, not with the defaults."""
        self._check_owner()
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
        return self.plan_submit_self_assessment(assessment).run()

    def plan_submit_self_assessment(self, assessment: SelfAssessment) -> Step[Any, Feedback | None]:
        """Coach mode grades now and shows feedback; mock mode moves on and grades at the end.
        If grading fails, nothing changes, so the call can simply be repeated."""
        self._check_owner()
        self._require(Phase.self_assessment, intent="submit a self-assessment")
        attempt = self._current_attempt()
        if self.session.settings.mode == Mode.mock:
            advancing = self._plan_advance()

            def move_on(feedback: list[Feedback]) -> None:
                attempt.self_assessment = assessment
                attempt.finished_at = utcnow()
                advancing.apply(feedback)

            return Step(advancing.compute, self._checked(move_on))
        grading = self._grading(self.record, attempt)

        def show_feedback(feedback: Feedback) -> Feedback | None:
            attempt.self_assessment = assessment
            _give(grading, feedback)
            self.session.cursor = Cursor(question_id=self.cursor.question_id, phase=Phase.feedback)
            self._touch()
            return feedback

        return Step(lambda: self._grade_one(grading), self._checked(show_feedback))

    def next_question(self) -> None:
        self.plan_next_question().run()

    def plan_next_question(self) -> Step[Any, None]:
        self._check_owner()
        self._require(Phase.feedback, intent="go to the next question")
        return self._plan_advance()

    def retry(self, question_id: str | None = None) -> None:
        self.plan_retry(question_id).run()

    def plan_retry(self, question_id: str | None = None) -> Step[None, None]:
        """A new attempt beside the earlier ones (never over them), so progress is visible. A
        question the session finished before reaching gets its first attempt the same way (the
        summary offers to answer it)."""
        self._check_owner()
        self._require(Phase.feedback, Phase.finished, intent="retry a question")
        target = question_id or self.cursor.question_id
        record = next((r for r in self.session.records if r.question.id == target), None)
        if record is None:
            raise EngineError(
                f"question {target!r} is not in this session", hint="Retry one of the questions of this session."
            )

        def open_again(_: None) -> None:
            self.session.status = SessionStatus.in_progress
            _open_attempt(self.session, record)
            self._touch()

        return Step(lambda: None, self._checked(open_again))

    def finish(self) -> None:
        self.plan_finish().run()

    def plan_finish(self) -> Step[Any, None]:
        """End early (or at the end of a mock interview): every answered attempt is graded, and
        attempts with nothing answered are dropped. A draft is kept, never thrown away."""
        self._check_owner()
        self._require(Phase.answering, Phase.follow_up, Phase.self_assessment, Phase.feedback, intent="finish")
        return self._plan_complete()

    # --- mechanics --------------------------------------------------------------------------

    def _require(self, *phases: Phase, intent: str) -> None:
        if self.phase not in phases:
            allowed = " or ".join(p.value.replace("_", " ") for p in phases)
            raise EngineError(
                f"cannot {intent} now: the interview is at {self.phase.value.replace('_', ' ')}, not {allowed}"
            )

    def _position(self) -> tuple[object, ...]:
        """What a plan was made against; any intent applied since changes it."""
        attempt = self.attempt
        answered = len(attempt.answers) if attempt is not None else 0
        return self.cursor, self.session.status, len(self.record.attempts), answered

    def _checked(self, apply: Callable[[R], T]) -> Callable[[R], T]:
        """`apply`, made to refuse on another thread or once the interview has moved on."""
        planned = self._position()

        def checked(result: R) -> T:
            self._check_owner()
            if self._position() != planned:
                raise EngineError(
                    "the interview moved on while this was being worked out, so nothing was changed",
                    hint="Try again from where the interview is now.",
                )
            return apply(result)

        return checked

    def _answer_kind(self) -> AnswerKind:
        return AnswerKind.follow_up if self.phase == Phase.follow_up else AnswerKind.main

    def _current_attempt(self) -> Attempt:
        attempt = self.attempt
        assert attempt is not None  # every phase but finished has an open attempt
        return attempt

    def _plan_answer(
        self, *, text: str, skipped: bool, seconds_taken: float | None, takes: tuple[SpokenTake, ...] = ()
    ) -> Step[tuple[FollowUp | None, Delivery | None], None]:
        """Refuses (before anything changes) an answer longer than any session file may hold, so
        every saved session can be exported and imported again; nothing of it is cut."""
        if len(text) > MAX_ANSWER_CHARS:
            raise EngineError(
                f"the answer is {len(text):,} characters long; an answer holds at most {MAX_ANSWER_CHARS:,}",
                hint=f"Shorten it by {len(text) - MAX_ANSWER_CHARS:,} characters, then send it again: "
                "nothing was cut, it is all still in the answer box.",
            )
        attempt = self._current_attempt()
        answer = Answer(
            kind=self._answer_kind(),
            prompt=self.cursor.prompt,
            follow_up_id=self.cursor.follow_up_id,
            text=text,
            skipped=skipped,
            seconds_taken=seconds_taken,
        )
        question, level = self.record.question, self.session.settings.role_level
        answers = [*attempt.answers, answer]
        asked = [a.follow_up_id for a in answers if a.kind == AnswerKind.follow_up]
        answered = attempt.model_copy(update={"answers": answers}).combined_text()
        budget = self.session.settings.max_follow_ups

        def choose() -> tuple[FollowUp | None, Delivery | None]:
            """Which takes the text still holds is worked out here too: it compares the words,
            which on a very long answer takes a moment."""
            follow_up = _choose_follow_up(question, asked, budget, lambda: self._probe(question, answered, level))
            return follow_up, delivery_of(takes, text) if takes else None

        def record(chosen: tuple[FollowUp | None, Delivery | None]) -> None:
            follow_up, delivery = chosen
            attempt.answers.append(answer.model_copy(update={"delivery": delivery}))
            self.session.draft = None
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

        return Step(choose, self._checked(record))

    def _grading(self, record: QuestionRecord, attempt: Attempt) -> _Grading:
        level = self.session.settings.role_level
        return _Grading(attempt, record.question, attempt.combined_text(), tuple(attempt.exchanges()), level)

    def _grade_one(self, grading: _Grading) -> Feedback:
        return self._grade(grading.question, grading.text, grading.role_level, exchanges=grading.exchanges)

    def _plan_advance(self) -> Step[Any, None]:
        unasked = next((r for r in self.session.records if not r.attempts), None)
        if unasked is None:
            return self._plan_complete()

        def open_next(_: object) -> None:
            _open_attempt(self.session, unasked)
            self._touch()

        return Step(list, self._checked(open_next))

    def _plan_complete(self) -> Step[list[Feedback], None]:
        gradings = [
            self._grading(record, attempt)
            for record in self.session.records
            for attempt in record.attempts
            if attempt.feedback is None and attempt.main_answer() is not None
        ]

        def complete(feedback: list[Feedback]) -> None:
            for grading, given in zip(gradings, feedback, strict=True):
                _give(grading, given)
            for record in self.session.records:
                record.attempts = [a for a in record.attempts if a.answers]
            self.session.status = SessionStatus.finished
            self.session.cursor = Cursor(question_id=self.cursor.question_id, phase=Phase.finished)
            self._touch()

        return Step(lambda: [self._grade_one(grading) for grading in gradings], self._checked(complete))

    def _touch(self) -> None:
        self.session.updated_at = utcnow()


def _choose_follow_up(
    question: Question, asked: list[str | None], budget: int, probe: Callable[[], Feedback]
) -> FollowUp | None:
    """The bank's follow-up aimed at the weakest criterion the answers so far leave open;
    a general follow-up (no targets) only when none aims at a gap; none when nothing is
    missing or the follow-up budget is spent."""
    if len(asked) >= budget:
        return None
    unasked = [f for f in question.follow_ups if f.id not in asked]
    if not unasked:
        return None
    weakest = probe().weakest_criteria()
    if not weakest:
        return None
    for criterion in weakest:
        for follow_up in unasked:
            if criterion.criterion_id in follow_up.targets:
                return follow_up
    return next((f for f in unasked if not f.targets), None)


def _give(grading: _Grading, feedback: Feedback) -> None:
    grading.attempt.feedback = feedback
    grading.attempt.finished_at = grading.attempt.finished_at or utcnow()


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
