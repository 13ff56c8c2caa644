"""Choosing which questions an interview asks.

The guide's advice is 3–4 questions on different dimensions, so the draw spreads over
competencies rather than taking the first matches. It is seeded, so a session can be replayed
(and a test can pin the draw) from its settings alone.
"""

from __future__ import annotations

import random
from collections import Counter

from practice.bank.models import Question, QuestionBank, Track
from practice.errors import BadInputError, NotFoundError


def default_question_count(track: Track) -> int:
    """The top of the guide's range: a full interview, which the candidate can shorten."""
    return track.guidance.questions_per_interview_max


def draw_questions(
    bank: QuestionBank,
    *,
    track: str | None = None,
    competencies: list[str] | None = None,
    count: int | None = None,
    seed: int,
) -> list[Question]:
    """Questions of `track` (all tracks when None) touching any of `competencies` (any when
    empty), `count` of them (the track's guidance when None)."""
    wanted = list(competencies or [])
    chosen_track = _known_track(bank, track) if track is not None else None
    _check_competencies(bank, wanted, chosen_track)
    pool = bank.questions_in(chosen_track.id) if chosen_track else list(bank.questions)
    if wanted:
        pool = [q for q in pool if set(q.competencies) & set(wanted)]
    guidance_track = chosen_track or _track_of(bank, pool)
    how_many = count if count is not None else default_question_count(guidance_track)
    if how_many < 1:
        raise BadInputError(f"question count must be at least 1, not {how_many}")
    if how_many > len(pool):
        scope = f"track {chosen_track.id!r}" if chosen_track else "the bank"
        if wanted:
            scope += f" with competencies {', '.join(wanted)}"
        raise BadInputError(
            f"{scope} has {len(pool)} question(s); {how_many} were asked for",
            hint="Ask for fewer questions, or choose more competencies or another track.",
        )
    rng = random.Random(seed)
    rng.shuffle(pool)
    if not guidance_track.guidance.distinct_competencies:
        return pool[:how_many]
    return _spread_over_competencies(pool, how_many, set(wanted))


def chosen_questions(bank: QuestionBank, question_ids: list[str]) -> list[Question]:
    """The questions a candidate picked by hand, in the order picked: no draw, no count."""
    if not question_ids:
        raise BadInputError("no questions were chosen", hint="Choose at least one question, or draw them instead.")
    repeated = sorted({q for q in question_ids if question_ids.count(q) > 1})
    if repeated:
        raise BadInputError(f"question(s) chosen twice: {', '.join(repeated)}", hint="Choose each question once.")
    unknown = [q for q in question_ids if q not in {question.id for question in bank.questions}]
    if unknown:
        raise NotFoundError(
            f"unknown question id(s): {', '.join(unknown)}", hint="`practice bank list` shows every question id."
        )
    return [bank.question(question_id) for question_id in question_ids]


def _spread_over_competencies(shuffled: list[Question], count: int, wanted: set[str]) -> list[Question]:
    """Greedy: each pick is the (shuffled) first question whose competencies were used least so
    far. With a competency filter only the requested competencies count, so each one is
    probed before any is probed twice."""
    used: Counter[str] = Counter()
    remaining = list(shuffled)
    picked: list[Question] = []
    for _ in range(count):
        best = min(remaining, key=lambda question: sum(used[c] for c in _counted(question, wanted)))
        remaining.remove(best)
        picked.append(best)
        used.update(_counted(best, wanted))
    return picked


def _counted(question: Question, wanted: set[str]) -> list[str]:
    return [c for c in question.competencies if not wanted or c in wanted]


def _known_track(bank: QuestionBank, track_id: str) -> Track:
    try:
        return bank.track(track_id)
    except KeyError:
        known = ", ".join(t.id for t in bank.tracks)
        raise NotFoundError(f"unknown track {track_id!r}", hint=f"Known tracks: {known}.") from None


def _check_competencies(bank: QuestionBank, wanted: list[str], track: Track | None) -> None:
    questions = bank.questions_in(track.id) if track else bank.questions
    known = sorted({c for q in questions for c in q.competencies})
    unknown = [c for c in wanted if c not in known]
    if unknown:
        where = f" in track {track.id!r}" if track else ""
        raise NotFoundError(
            f"unknown competenc{'y' if len(unknown) == 1 else 'ies'}{where}: {', '.join(unknown)}",
            hint=f"Known: {', '.join(known)}.",
        )


def _track_of(bank: QuestionBank, pool: list[Question]) -> Track:
    """Without a chosen track, follow the guidance of the track most of the pool comes from."""
    if not pool:
        return bank.tracks[0]
    most_common = Counter(q.track for q in pool).most_common(1)[0][0]
    return bank.track(most_common)
