"""How far a grader's verdicts are from the labelled set's: the figures of the grading-quality
benchmark, kept apart from it so tests can assert on the same numbers.

Each measure takes (case, feedback) pairs and returns the figure with the misses behind it, so a
developer sees which case and which area a figure is lost on, not just the figure.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import product

from practice.bank.loader import load_bank
from practice.bank.models import Question, QuestionBank
from practice.grading.feedback import CriterionStatus, Feedback, FlagKind
from tests.grading.labelled.model import BANK_FILES, ON_TOPIC, Bank, Case, Kind

RANK = {Kind.strong: 2, Kind.medium: 1, Kind.weak: 0}
STAR_PARTS = ("situation", "task", "action", "result")
SENTENCE_END = re.compile(r"(?<=[.!?])[\"')\]]*\s+|\n+")


@dataclass(frozen=True)
class Banks:
    """The banks a case may come from; a case is graded given its own bank's questions, as the
    app grades a session's answer."""

    by_name: Mapping[Bank, QuestionBank]

    @classmethod
    def load(cls) -> Banks:
        return cls({bank: load_bank(path) for bank, path in BANK_FILES.items()})

    @property
    def all(self) -> list[QuestionBank]:
        return list(self.by_name.values())

    def of(self, case: Case) -> QuestionBank:
        return self.by_name[case.bank]

    def question(self, case: Case) -> Question:
        return self.of(case).question(case.question_id)


Graded = tuple[Case, Feedback]


@dataclass
class Figure:
    """A share (or a value) and the misses that cost it."""

    value: float | None
    misses: list[str] = field(default_factory=list)
    count: int = 0


def _norm(text: str) -> str:
    return " ".join(re.sub(r"[^\w%£$€.'-]+", " ", text.lower()).split()).strip(" .")


def sentence_around(text: str, quote: str) -> str:
    """The sentence (or bullet line) of `text` that holds `quote`; a quote spanning a sentence end
    returns the sentences it spans."""
    start = text.find(quote)
    if start < 0:
        return quote
    end = start + len(quote)
    begin = 0
    for match in SENTENCE_END.finditer(text):
        if match.end() <= start:
            begin = match.end()
        elif match.start() >= end:
            return text[begin : match.start()]
    return text[begin:]


def evidence_matches(text: str, labelled: str, quoted: str | None) -> bool:
    """The grader's quote is right when it holds the labelled words, or is a piece of the sentence
    that holds them (a clause of it)."""
    if not quoted:
        return False
    got, want = _norm(quoted), _norm(labelled)
    return want in got or (bool(got) and got in _norm(sentence_around(text, labelled)))


def ordering(graded: Sequence[Graded]) -> Figure:
    """Share of (stronger, weaker) answer pairs to the same question scored in that order; a tie
    counts half."""
    by_question: dict[tuple[str, str], list[Graded]] = {}
    for case, feedback in graded:
        if case.kind in RANK:
            by_question.setdefault((case.bank.value, case.question_id), []).append((case, feedback))
    total = 0.0
    pairs = 0
    misses: list[str] = []
    for cases in by_question.values():
        for (high, high_fb), (low, low_fb) in product(cases, cases):
            if RANK[high.kind] <= RANK[low.kind]:
                continue
            pairs += 1
            if high_fb.score > low_fb.score:
                total += 1
            else:
                total += 0.5 if high_fb.score == low_fb.score else 0
                misses.append(f"{high.id} ({high.kind}) {high_fb.score} vs {low.id} ({low.kind}) {low_fb.score}")
    return Figure(total / pairs if pairs else None, misses, pairs)


@dataclass
class AreaAgreement:
    f1: Figure
    exact: Figure
    confusion: Counter[tuple[CriterionStatus, CriterionStatus]]


def areas(graded: Sequence[Graded]) -> AreaAgreement:
    """Positive = covered or partial. The grader's areas are matched to the labels by criterion id."""
    confusion: Counter[tuple[CriterionStatus, CriterionStatus]] = Counter()
    misses: list[str] = []
    exact_misses: list[str] = []
    for case, feedback in graded:
        got = {result.criterion_id: result for result in feedback.criteria}
        for area, want in case.areas.items():
            result = got.get(area)
            status = result.status if result else CriterionStatus.missing
            confusion[(want, status)] += 1
            if status != want:
                line = (
                    f"{case.id} {area}: expected {want.value}, got {status.value} — quoted {result.evidence!r}"
                    if result and result.evidence
                    else f"{case.id} {area}: expected {want.value}, got {status.value}"
                )
                exact_misses.append(line)
                if (want == CriterionStatus.missing) != (status == CriterionStatus.missing):
                    misses.append(line)
    positive = (CriterionStatus.covered, CriterionStatus.partial)
    tp = sum(n for (want, got), n in confusion.items() if want in positive and got in positive)
    fp = sum(n for (want, got), n in confusion.items() if want == CriterionStatus.missing and got in positive)
    fn = sum(n for (want, got), n in confusion.items() if want in positive and got == CriterionStatus.missing)
    total = sum(confusion.values())
    f1 = 2 * tp / (2 * tp + fp + fn) if tp + fp + fn else None
    same = sum(n for (want, got), n in confusion.items() if want == got)
    return AreaAgreement(
        Figure(f1, misses, total), Figure(same / total if total else None, exact_misses, total), confusion
    )


def evidence(graded: Sequence[Graded]) -> Figure:
    """Of the areas both sides found, the share quoted from the right sentence."""
    right = 0
    count = 0
    misses: list[str] = []
    for case, feedback in graded:
        got = {result.criterion_id: result for result in feedback.criteria}
        for area, labelled in case.evidence.items():
            result = got.get(area)
            if result is None or result.status == CriterionStatus.missing:
                continue
            count += 1
            if evidence_matches(case.text, labelled, result.evidence):
                right += 1
            else:
                misses.append(f"{case.id} {area}: expected a quote with {labelled!r}, got {result.evidence!r}")
    return Figure(right / count if count else None, misses, count)


def star(graded: Sequence[Graded]) -> dict[str, Figure]:
    """Per part and overall ('all'), on the cases that carry STAR labels."""
    right: Counter[str] = Counter()
    count: Counter[str] = Counter()
    misses: dict[str, list[str]] = {part: [] for part in STAR_PARTS}
    for case, feedback in graded:
        if case.star is None:
            continue
        parts = feedback.star.parts()
        for part, want in case.star.parts().items():
            got = parts[part].present
            count[part] += 1
            if got == want:
                right[part] += 1
            else:
                misses[part].append(
                    f"{case.id} {part}: expected {'present' if want else 'absent'}, got "
                    f"{'present' if got else 'absent'} — quoted {parts[part].evidence!r}"
                )
    figures = {
        part: Figure(right[part] / count[part] if count[part] else None, misses[part], count[part])
        for part in STAR_PARTS
    }
    total = sum(count.values())
    figures["all"] = Figure(
        sum(right.values()) / total if total else None, [miss for part in STAR_PARTS for miss in misses[part]], total
    )
    return figures


def flagged(graded: Sequence[Graded], kind: FlagKind) -> Figure:
    """On-topic answers (strong, medium, weak) that carry the flag: the figure is a count."""
    hits = [
        f"{case.id} ({case.kind}): {next(f.message for f in fb.flags if f.kind == kind)}"
        for case, fb in graded
        if case.kind in ON_TOPIC and fb.has_flag(kind)
    ]
    return Figure(float(len(hits)), hits, sum(case.kind in ON_TOPIC for case, _ in graded))


def highest_score(graded: Sequence[Graded], kind: Kind) -> Figure:
    scored = [(fb.score, case.id) for case, fb in graded if case.kind == kind]
    if not scored:
        return Figure(None)
    top = max(scored)
    return Figure(top[0], [f"{case_id}: {score}" for score, case_id in sorted(scored, reverse=True)], len(scored))


def detected(graded: Sequence[Graded], kind: Kind, *flags: FlagKind) -> Figure:
    """Share of cases of a kind the grader flags as such, by any of the flags (information, no target)."""
    cases = [(case, fb) for case, fb in graded if case.kind == kind]
    hits = [case.id for case, fb in cases if any(fb.has_flag(flag) for flag in flags)]
    return Figure(
        len(hits) / len(cases) if cases else None, [case.id for case, _ in cases if case.id not in hits], len(cases)
    )
