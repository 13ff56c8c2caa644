"""A coach's edits to a session: notes, adjusted scores, corrected verdicts, the reviewed mark.

Each edit returns a new Session whose `review` carries the change; the grader's Feedback is never
touched, so the coach's view always sits beside the grader's. Rules a screen must not bypass
(an adjusted score or a corrected verdict needs a reason; only answered, graded attempts can be
adjusted; a "correction" that repeats the grader's verdict is no correction) live here.
"""

from __future__ import annotations

from collections.abc import Mapping

from practice.errors import BadInputError
from practice.grading.feedback import CriterionStatus, Feedback
from practice.interview.models import (
    STAR_PARTS,
    STORED,
    AnswerReview,
    AreaCorrection,
    CoachReview,
    Session,
    StarCorrection,
    criterion_key,
    utcnow,
)

STAR_VALUES = {"present": True, "missing": False}

# What the coach chose for one area or STAR part, and why: ("", "") agrees with the grader.
Choice = tuple[str, str]


def set_answer_review(
    session: Session,
    question_id: str,
    attempt: int,
    *,
    note: str,
    adjusted_score: float | None,
    reason: str | None,
    areas: Mapping[str, Choice] | None = None,
    star: Mapping[str, Choice] | None = None,
) -> Session:
    """`areas` maps an area's key (see criterion_key) to the coach's (status, reason), `star` a
    part's name to ("present" or "missing", reason); an empty status agrees with the grader.
    None keeps the corrections already there."""
    record = next((r for r in session.records if r.question.id == question_id), None)
    target = next((a for a in record.attempts if a.number == attempt), None) if record else None
    if target is None:
        raise BadInputError(f"session {session.id} has no attempt {attempt} at question {question_id!r}")
    reason = (reason or "").strip() or None
    if adjusted_score is not None:
        if target.feedback is None:
            raise BadInputError("only a graded answer can have its score adjusted")
        if not 1 <= adjusted_score <= 5:
            raise BadInputError(f"an adjusted score must be between 1 and 5, not {adjusted_score:g}")
        if reason is None:
            raise BadInputError(
                "say why the score is adjusted", hint="A reason travels with the score to the candidate."
            )
    review = session.review or CoachReview()
    before = review.for_attempt(question_id, attempt)
    others = [r for r in review.answers if not (r.question_id == question_id and r.attempt == attempt)]
    entry = AnswerReview(
        question_id=question_id,
        attempt=attempt,
        note=note.strip(),
        adjusted_score=adjusted_score,
        adjustment_reason=reason if adjusted_score is not None else None,
        areas=_areas(target.feedback, areas) if areas is not None else (before.areas if before else []),
        star=_star(target.feedback, star) if star is not None else (before.star if before else []),
    )
    return _with(session, review.model_copy(update={"answers": others if entry.is_empty() else [*others, entry]}))


def _chosen(feedback: Feedback | None, choices: Mapping[str, Choice]) -> tuple[Feedback, dict[str, Choice]] | None:
    """The choices that differ from 'agree', trimmed; None when there are none."""
    chosen = {key: (value.strip(), why.strip()) for key, (value, why) in choices.items() if value.strip()}
    if not chosen:
        return None
    if feedback is None:
        raise BadInputError("only a graded answer can have its verdicts corrected")
    return feedback, chosen


def _areas(feedback: Feedback | None, choices: Mapping[str, Choice]) -> list[AreaCorrection]:
    if (found := _chosen(feedback, choices)) is None:
        return []
    feedback, chosen = found
    graded = {criterion_key(c): c for c in feedback.criteria}
    corrections = []
    for key, (status, why) in chosen.items():
        criterion = graded.get(key)
        if criterion is None:
            raise BadInputError(f"the grader judged no area {key!r} in this answer")
        if status not in CriterionStatus.__members__:
            raise BadInputError(f"area {criterion.text!r}: {status!r} is not one of covered, partial, missing")
        if status == criterion.status.value:
            continue
        if not why:
            raise BadInputError(
                f"say why {criterion.text!r} is {status}, not {criterion.status.value}",
                hint="A reason travels with the correction to the candidate.",
            )
        corrections.append(AreaCorrection(criterion=key, status=CriterionStatus(status), reason=why))
    order = list(graded)
    return sorted(corrections, key=lambda c: order.index(c.criterion))


def _star(feedback: Feedback | None, choices: Mapping[str, Choice]) -> list[StarCorrection]:
    if (found := _chosen(feedback, choices)) is None:
        return []
    feedback, chosen = found
    graded = feedback.star.parts()
    corrections = []
    for part in STAR_PARTS:
        if part not in chosen:
            continue
        value, why = chosen.pop(part)
        if value not in STAR_VALUES:
            raise BadInputError(f"STAR {part}: {value!r} is not present or missing")
        if STAR_VALUES[value] == graded[part].present:
            continue
        if not why:
            was = "present" if graded[part].present else "missing"
            raise BadInputError(
                f"say why the {part} is {value}, not {was}",
                hint="A reason travels with the correction to the candidate.",
            )
        corrections.append(StarCorrection.model_validate({"part": part, "present": STAR_VALUES[value], "reason": why}))
    if chosen:
        raise BadInputError(f"STAR has no part {next(iter(chosen))!r}")
    return corrections


def set_session_note(session: Session, note: str, *, reviewer: str | None = None) -> Session:
    review = session.review or CoachReview()
    update: dict[str, object] = {"session_note": note.strip()}
    if reviewer is not None:
        update["reviewer"] = reviewer.strip() or None
    return _with(session, review.model_copy(update=update))


def mark_reviewed(session: Session, reviewed: bool = True) -> Session:
    review = session.review or CoachReview()
    return _with(
        session, review.model_copy(update={"reviewed": reviewed, "reviewed_at": utcnow() if reviewed else None})
    )


def merge_review(existing: Session, incoming: Session) -> tuple[Session, list[str]]:
    """The existing session with the incoming copy's coach review laid over it, and what changed,
    in words. The answers and the grader's verdicts stay those of the history; a review of an
    attempt the history does not hold is refused, since merging it would lose it."""
    if incoming.review is None:
        return existing, []
    attempts = {(r.question.id, a.number) for r in existing.records for a in r.attempts}
    unknown = [r for r in incoming.review.answers if (r.question_id, r.attempt) not in attempts]
    if unknown:
        raise BadInputError(
            f"the file reviews attempt {unknown[0].attempt} at question {unknown[0].question_id!r}, "
            "which your copy of the session does not hold",
            hint="Use `practice import --replace FILE` to replace your copy with the file's.",
        )
    mine = existing.review or CoachReview()
    theirs = incoming.review
    changes: list[str] = []
    answers = {(r.question_id, r.attempt): r for r in mine.answers}
    for entry in theirs.answers:
        key = (entry.question_id, entry.attempt)
        if answers.get(key) != entry:
            changes += _answer_changes(existing, answers.get(key), entry)
            answers[key] = entry
    update: dict[str, object] = {"answers": list(answers.values())}
    if theirs.session_note and theirs.session_note != mine.session_note:
        update["session_note"] = theirs.session_note
        changes.append("the note on the session")
    if theirs.reviewer and theirs.reviewer != mine.reviewer:
        update["reviewer"] = theirs.reviewer
        changes.append(f"reviewer: {theirs.reviewer}")
    if theirs.reviewed and not mine.reviewed:
        update.update(reviewed=True, reviewed_at=theirs.reviewed_at)
        changes.append("marked reviewed")
    if not changes:
        return existing, []
    return _with(existing, mine.model_copy(update=update)), changes


def _answer_changes(session: Session, before: AnswerReview | None, after: AnswerReview) -> list[str]:
    where = f"{after.question_id}, attempt {after.attempt}"
    old = before or AnswerReview(question_id=after.question_id, attempt=after.attempt)
    changes = []
    if after.note != old.note:
        changes.append(f"{where}: the coach's note")
    if after.adjusted_score != old.adjusted_score:
        score = f"{after.adjusted_score:g} / 5" if after.adjusted_score is not None else "none"
        changes.append(f"{where}: adjusted score {score}")
    attempt = next(a for a in session.record(after.question_id).attempts if a.number == after.attempt)
    texts = {criterion_key(c): c.text for c in attempt.feedback.criteria} if attempt.feedback else {}
    for correction in after.areas:
        if old.area(correction.criterion) != correction:
            changes.append(
                f"{where}: {texts.get(correction.criterion, correction.criterion)!r} {correction.status.value}"
            )
    for part in after.star:
        if old.star_part(part.part) != part:
            changes.append(f"{where}: STAR {part.part} {'present' if part.present else 'missing'}")
    dropped = {c.criterion for c in old.areas} - {c.criterion for c in after.areas}
    dropped |= {c.part for c in old.star} - {c.part for c in after.star}
    changes += [f"{where}: {texts.get(key, key)!r} back to the grader's verdict" for key in sorted(dropped)]
    return changes


def _with(session: Session, review: CoachReview) -> Session:
    # Round-trip through validation so an edit can never produce a session the file format rejects.
    # Its id was checked when it came in (STORED: one kept from before ids were checked stays).
    return Session.model_validate({**session.model_dump(), "review": review.model_dump()}, context=STORED)
