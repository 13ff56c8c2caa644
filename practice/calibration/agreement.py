"""Agreement between grader and coach, from the pairs (see pairs.py).

The overall score is ordinal: Spearman's rank correlation says whether grader and coach order
answers alike, the quadratic-weighted kappa whether they give the same marks (a near miss costs
less than a far one), and the mean and spread of the difference (coach minus grader) which way
and how far the grader is off. Area verdicts and STAR parts are categories: the share on which
both agree, and Cohen's kappa, which discounts the agreement chance alone would give. A statistic
that is undefined for the pairs at hand (too few, or every verdict the same) is None, not a number
that looks meaningful. scipy and scikit-learn do the statistics (the `coach` extra); this module
is imported only when a calibration runs.
"""

from __future__ import annotations

import math
import statistics
import warnings
from collections.abc import Callable, Sequence

from pydantic import BaseModel, ConfigDict
from scipy.stats import spearmanr
from sklearn.metrics import cohen_kappa_score

from practice.calibration.pairs import AttemptPair

AREA_LABELS = ("missing", "partial", "covered")
STAR_LABELS = (False, True)
# Scores are graded in half points; the kappa's categories are that grid, counted in half points
# (1 / 5 is 2 / 10), as whole numbers are what a classification metric takes.
SCORE_LABELS = tuple(range(2, 11))
DECIMALS = 2
EXCERPT_CHARS = 240
SHOWN_DISAGREEMENTS = 5


class Result(BaseModel):
    model_config = ConfigDict(frozen=True)


class ScoreAgreement(Result):
    pairs: int
    spearman: float | None
    weighted_kappa: float | None
    mean_difference: float | None
    """Coach minus grader: above zero, the grader marks lower than the coach."""
    difference_spread: float | None
    """The standard deviation of the difference."""


class VerdictAgreement(Result):
    pairs: int
    agreement: float | None
    kappa: float | None


class Agreement(Result):
    attempts: int
    score: ScoreAgreement
    areas: VerdictAgreement
    star: dict[str, VerdictAgreement]


class Disagreement(Result):
    session_id: str
    question_id: str
    attempt: int
    question: str
    grader_name: str
    about: str
    """'score', 'area: <its text>' or 'STAR <part>'."""
    grader: str
    coach: str
    size: float
    reason: str | None
    words: str
    """The answer's own words: the grader's quote for an area, else the start of the answer."""


class Calibration(Result):
    sessions: int
    overall: Agreement
    by_grader: dict[str, Agreement]
    by_track: dict[str, Agreement]
    score_disagreements: list[Disagreement]
    verdict_disagreements: list[Disagreement]


def calibrate(pairs: Sequence[AttemptPair], *, shown: int = SHOWN_DISAGREEMENTS) -> Calibration:
    return Calibration(
        sessions=len({pair.session_id for pair in pairs}),
        overall=agreement(pairs),
        by_grader=_grouped(pairs, lambda pair: pair.grader_name),
        by_track=_grouped(pairs, lambda pair: pair.track),
        score_disagreements=_score_disagreements(pairs)[:shown],
        verdict_disagreements=_verdict_disagreements(pairs)[:shown],
    )


def agreement(pairs: Sequence[AttemptPair]) -> Agreement:
    grader = [_half_point(pair.grader_score) for pair in pairs]
    coach = [_half_point(pair.coach_score) for pair in pairs]
    differences = [c - g for g, c in zip(grader, coach, strict=True)]
    areas = [(area.grader, area.coach) for pair in pairs for area in pair.areas]
    star: dict[str, list[tuple[bool, bool]]] = {}
    for pair in pairs:
        for part in pair.star:
            star.setdefault(part.part, []).append((part.grader, part.coach))
    return Agreement(
        attempts=len(pairs),
        score=ScoreAgreement(
            pairs=len(pairs),
            spearman=_spearman(grader, coach),
            weighted_kappa=_kappa(
                [int(g * 2) for g in grader], [int(c * 2) for c in coach], SCORE_LABELS, weights="quadratic"
            ),
            mean_difference=_round(statistics.fmean(differences)) if differences else None,
            difference_spread=_round(statistics.stdev(differences)) if len(differences) > 1 else None,
        ),
        areas=_verdicts(areas, AREA_LABELS),
        star={part: _verdicts(found, STAR_LABELS) for part, found in star.items()},
    )


def _grouped(pairs: Sequence[AttemptPair], key: Callable[[AttemptPair], str]) -> dict[str, Agreement]:
    groups: dict[str, list[AttemptPair]] = {}
    for pair in pairs:
        groups.setdefault(key(pair), []).append(pair)
    return {name: agreement(members) for name, members in sorted(groups.items())}


def _verdicts(found: Sequence[tuple[object, object]], labels: Sequence[object]) -> VerdictAgreement:
    if not found:
        return VerdictAgreement(pairs=0, agreement=None, kappa=None)
    grader = [g for g, _ in found]
    coach = [c for _, c in found]
    agreed = sum(g == c for g, c in found) / len(found)
    return VerdictAgreement(pairs=len(found), agreement=_round(agreed), kappa=_kappa(grader, coach, labels))


def _spearman(grader: Sequence[float], coach: Sequence[float]) -> float | None:
    if len(grader) < 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # a constant input is reported as None below, not warned about
        rho = float(spearmanr(grader, coach).statistic)
    return _round(rho)


def _kappa(
    grader: Sequence[object], coach: Sequence[object], labels: Sequence[object], weights: str | None = None
) -> float | None:
    """None where chance alone would give full agreement (every verdict the same): kappa is 0/0."""
    if len(grader) < 2:
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        kappa = float(cohen_kappa_score(grader, coach, labels=list(labels), weights=weights))
    return _round(kappa)


def _score_disagreements(pairs: Sequence[AttemptPair]) -> list[Disagreement]:
    found = [
        _disagreement(
            pair,
            "score",
            f"{pair.grader_score:g}",
            f"{pair.coach_score:g}",
            abs(pair.coach_score - pair.grader_score),
            pair.score_reason,
            None,
        )
        for pair in pairs
        if pair.coach_score != pair.grader_score
    ]
    return sorted(found, key=lambda d: -d.size)


def _verdict_disagreements(pairs: Sequence[AttemptPair]) -> list[Disagreement]:
    found = []
    for pair in pairs:
        for area in pair.areas:
            if area.coach != area.grader:
                steps = abs(AREA_LABELS.index(area.coach) - AREA_LABELS.index(area.grader))
                found.append(
                    _disagreement(
                        pair, f"area: {area.text}", area.grader, area.coach, steps, area.reason, area.evidence
                    )
                )
        for part in pair.star:
            if part.coach != part.grader:
                found.append(
                    _disagreement(
                        pair, f"STAR {part.part}", _present(part.grader), _present(part.coach), 1, part.reason, None
                    )
                )
    return sorted(found, key=lambda d: -d.size)


def _disagreement(
    pair: AttemptPair, about: str, grader: str, coach: str, size: float, reason: str | None, quote: str | None
) -> Disagreement:
    return Disagreement(
        session_id=pair.session_id,
        question_id=pair.question_id,
        attempt=pair.attempt,
        question=pair.question,
        grader_name=pair.grader_name,
        about=about,
        grader=grader,
        coach=coach,
        size=size,
        reason=reason,
        words=quote or _excerpt(pair.answer),
    )


def _excerpt(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= EXCERPT_CHARS else flat[: EXCERPT_CHARS - 1].rsplit(" ", 1)[0] + "…"


def _present(value: bool) -> str:
    return "present" if value else "missing"


def _half_point(score: float) -> float:
    return math.floor(score * 2 + 0.5) / 2


def _round(value: float) -> float | None:
    return None if math.isnan(value) else round(value, DECIMALS)
