"""Which question of the bank an answer is about: the check that catches an answer to a different
(often a related) question.

Criteria alone cannot tell: an outage story "covers" a fair share of any customer-service
question's areas (a situation, actions, a result, the customers). What tells the questions apart
is their topic, so each question gets a profile — the distinctive concepts and words of its text
(weighed higher: it names the topic), its criteria, its follow-ups and why it is asked — weighed
by how rare each is across the bank. An answer's fit to a question is the share of that profile
the answer mentions, a feature it repeats counting up to twice as much as one it mentions once.

The profiles are built once per bank (cached on the bank's texts), so a grade pays only for a few
hundred dictionary look-ups.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache

from practice.bank.models import Question
from practice.grading import concepts, knowledge

_TUNING = knowledge.tuning()
TEXT_BOOST = _TUNING.topic_text_boost
"""The question's own text names its topic; criteria and follow-ups describe a good answer."""
COMMON_SHARE = _TUNING.topic_common_share
"""A feature in more than this share of the bank's questions tells none of them apart (the
"employers ask this question to…" of every question of a guide): it is left out of every profile."""
REPEAT_CAP = _TUNING.topic_repeat_cap
"""A feature the answer repeats counts up to this many times as much as one it names once."""
OTHER_RATIO = _TUNING.other_ratio
OTHER_MARGIN = _TUNING.other_margin
"""An answer reads as one to another question when it fits that question at least OTHER_RATIO
times as well as the one asked, and by at least OTHER_MARGIN of a whole profile (the benchmark
benchmarks/bench_grading_quality.py measures how often fair answers come near)."""

Source = tuple[str, str, str, tuple[tuple[str, float], ...]]
"""A question as the index reads it: id, track, text, and its profile texts with their boost."""


@dataclass(frozen=True, slots=True)
class Match:
    """The question an answer fits clearly better than the one asked."""

    question_id: str
    text: str
    fit: float
    asked_fit: float


@dataclass(frozen=True, slots=True)
class _Profile:
    question_id: str
    track: str
    text: str
    weights: tuple[tuple[str, float], ...]
    total: float

    def fit(self, counts: Mapping[str, int]) -> float:
        """Share of the profile's weight that the answer mentions, repeats counting a little more."""
        if not self.total:
            return 0.0
        found = 0.0
        for feature, weight in self.weights:
            count = counts.get(feature, 0)
            if count:
                found += weight * min(1 + math.log(count), REPEAT_CAP) / REPEAT_CAP
        return found / self.total


@dataclass(frozen=True, slots=True)
class _Index:
    profiles: Mapping[Source, _Profile]
    frequency: Mapping[str, int]
    size: int
    lexicon: concepts.Lexicon

    def profile(self, source: Source) -> _Profile:
        """A question's profile weighed against the bank, whether or not the bank holds it."""
        question_id, track, text, parts = source
        boost: dict[str, float] = {}
        for part, factor in parts:
            for feature in _telling(self.lexicon, part):
                boost[feature] = max(boost.get(feature, 0.0), factor)
        weights = tuple(
            (feature, round(factor * _weight(self.lexicon, feature, self.frequency.get(feature, 0), self.size), 6))
            for feature, factor in sorted(boost.items())
            if self.frequency.get(feature, 0) <= COMMON_SHARE * self.size
        )
        return _Profile(question_id, track, text, weights, sum(weight for _, weight in weights))


def source(question: Question) -> Source:
    parts = [(question.text, TEXT_BOOST), *((criterion.text, 1.0) for criterion in question.criteria)]
    parts += [(follow_up.text, 1.0) for follow_up in question.follow_ups if not follow_up.derived]
    if question.why_asked:
        parts.append((question.why_asked, 1.0))
    return question.id, question.track, question.text, tuple(parts)


def closer_question(
    asked: Question, bank: Sequence[Question], counts: Mapping[str, int], lexicon: concepts.Lexicon
) -> Match | None:
    """The question of `bank` the answer (its feature counts) fits clearly better than `asked`,
    or None when the answer fits the asked question about as well as any. Of several, the one in
    the asked question's track is named first: a candidate mixing up two questions of one
    interview guide mixed up those two."""
    index = _index(tuple(source(question) for question in bank), lexicon)
    asked_source = source(asked)
    asked_profile = index.profiles.get(asked_source) or index.profile(asked_source)
    asked_fit = asked_profile.fit(counts)
    closer: list[tuple[bool, float, str, _Profile]] = []
    for profile in index.profiles.values():
        fit = profile.fit(counts)
        if profile.question_id != asked.id and fit >= OTHER_RATIO * asked_fit and fit - asked_fit >= OTHER_MARGIN:
            closer.append((profile.track == asked.track, fit, profile.question_id, profile))
    if not closer:
        return None
    _, fit, _, profile = max(closer, key=lambda item: item[:3])
    return Match(profile.question_id, profile.text, fit, asked_fit)


@lru_cache(maxsize=8)
def _index(sources: tuple[Source, ...], lexicon: concepts.Lexicon) -> _Index:
    """Built once per bank: the bank's texts are the key, so an edited bank gets a new index."""
    telling = [frozenset().union(*(_telling(lexicon, part) for part, _ in parts)) for *_, parts in sources]
    frequency: dict[str, int] = {}
    for features in telling:
        for feature in features:
            frequency[feature] = frequency.get(feature, 0) + 1
    index = _Index(profiles={}, frequency=frequency, size=len(sources), lexicon=lexicon)
    return _Index(
        profiles={item: index.profile(item) for item in sources},
        frequency=frequency,
        size=len(sources),
        lexicon=lexicon,
    )


def _telling(lexicon: concepts.Lexicon, text: str) -> frozenset[str]:
    """What can tell one question from another: generic concepts (the customer, the team) cannot."""
    return frozenset(feature for feature in lexicon.criterion_features(text) if not lexicon.is_generic(feature))


def _weight(lexicon: concepts.Lexicon, feature: str, frequency: int, size: int) -> float:
    return lexicon.base_weight(feature) * math.log((size + 1) / (frequency + 1))
