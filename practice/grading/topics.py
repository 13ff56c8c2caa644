"""Which question of the bank an answer is about: the check that catches an answer to a different
(often a related) question.

Criteria alone cannot tell: an outage story "covers" a fair share of any customer-service
question's areas (a situation, actions, a result, the customers). What tells the questions apart
is their topic, so each question gets a profile — the distinctive concepts and words of its text
(weighed higher: it names the topic), its criteria, its follow-ups and why it is asked — weighed
by how rare each is across the bank. An answer's fit to a part of a profile is the share of its
weight the answer mentions, a feature it repeats counting up to twice as much as one it mentions once.

Two related questions share much of their profiles (a cross-functional initiative and creating
accountability both ask for the customer experience, a team and results), and a story fits that
shared part whichever of them it answers. So the comparison is on what tells the two apart: the
answer reads as one to the other question when it mentions clearly more of what only that question
asks than of what only the asked one asks.

The profiles are built once per bank (cached on the bank's texts), so a grade pays only for a few
hundred dictionary look-ups.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
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
OTHER_CONTRAST = _TUNING.other_contrast
OTHER_CONTRAST_OTHER_TRACK = _TUNING.other_contrast_other_track
"""How much more of what only the other question asks the answer must mention than of what only
the asked one asks; more for a question of another track, which a candidate is less likely to have
mixed up with this one (benchmarks/bench_grading_quality.py measures how often fair answers come
near)."""
OTHER_SHARED_CRITERIA = _TUNING.other_shared_criteria
"""Two questions with this share of the asked one's areas in common (a successful initiative and
how you evaluated the customer experience both ask to improve it for all customers, proactively)
ask for the same story: an answer to one is never told it answers the other."""

Source = tuple[str, str, str, tuple[tuple[str, float], ...]]
"""A question as the index reads it: id, track, text, and its profile texts with their boost."""


@dataclass(frozen=True, slots=True)
class Match:
    """The question an answer fits clearly better than the one asked."""

    question_id: str
    text: str
    contrast: float
    """How much more of what only that question asks the answer mentions than of what only the
    asked one asks."""


@dataclass(frozen=True, slots=True)
class _Only:
    """The features one profile holds and another does not, with their weights."""

    weights: Mapping[str, float]
    total: float

    def fit(self, counts: Mapping[str, int]) -> float:
        """Share of the weight that the answer mentions, repeats counting a little more."""
        found = 0.0
        for feature in sorted(counts.keys() & self.weights.keys()):
            found += self.weights[feature] * min(1 + math.log(counts[feature]), REPEAT_CAP) / REPEAT_CAP
        return found / self.total if self.total else 0.0


@dataclass(frozen=True, slots=True)
class _Profile:
    question_id: str
    track: str
    text: str
    weights: Mapping[str, float]
    indexed: bool = False
    """Whether the profile is one of the bank's index, which lives as long as the bank does."""
    _only: dict[str, _Only] = field(default_factory=dict, compare=False, repr=False)
    """What this profile holds and another of the index does not, by the other's id: the same for
    every answer, so worked out once per pair rather than once per grade."""

    def only(self, other: _Profile) -> _Only:
        """The features, with their weights, that this profile holds and `other` does not."""
        held = self._only.get(other.question_id) if other.indexed else None
        if held is None:
            weights = {feature: self.weights[feature] for feature in sorted(self.weights.keys() - other.weights.keys())}
            held = _Only(weights, sum(weights.values()))
            if other.indexed:
                self._only[other.question_id] = held
        return held

    def contrast(self, other: _Profile, counts: Mapping[str, int]) -> float:
        """How much more the answer mentions of what only this profile holds than of what only
        `other` holds."""
        return self.only(other).fit(counts) - other.only(self).fit(counts)


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
        weights = {
            feature: round(factor * _weight(self.lexicon, feature, self.frequency.get(feature, 0), self.size), 6)
            for feature, factor in sorted(boost.items())
            if self.frequency.get(feature, 0) <= COMMON_SHARE * self.size
        }
        return _Profile(question_id, track, text, weights)


def source(question: Question) -> Source:
    parts = [(question.text, TEXT_BOOST), *((criterion.text, 1.0) for criterion in question.criteria)]
    parts += [(follow_up.text, 1.0) for follow_up in question.follow_ups if not follow_up.derived]
    if question.why_asked:
        parts.append((question.why_asked, 1.0))
    return question.id, question.track, question.text, tuple(parts)


def closer_question(
    asked: Question, bank: Sequence[Question], counts: Mapping[str, int], lexicon: concepts.Lexicon
) -> Match | None:
    """The question of `bank` the answer (its feature counts) reads as an answer to rather than
    `asked`, or None. Of several, the one whose own concepts the answer mentions most."""
    index = _index(tuple(source(question) for question in bank), lexicon)
    asked_source = source(asked)
    asked_profile = index.profiles.get(asked_source) or index.profile(asked_source)
    best: Match | None = None
    for profile in index.profiles.values():
        if profile.question_id == asked.id:
            continue
        contrast = profile.contrast(asked_profile, counts)
        needed = OTHER_CONTRAST if profile.track == asked.track else OTHER_CONTRAST_OTHER_TRACK
        if contrast >= needed and (best is None or contrast > best.contrast) and not _same_story(asked, profile, bank):
            best = Match(profile.question_id, profile.text, contrast)
    return best


def _same_story(asked: Question, other: _Profile, bank: Sequence[Question]) -> bool:
    """Whether the two questions share enough of their areas word for word to ask for one story.
    Read only for a question the answer already fits clearly better, so a grade rarely pays for it."""
    areas = {criterion.text.casefold() for criterion in asked.criteria}
    theirs = next((question for question in bank if question.id == other.question_id), None)
    if theirs is None or not areas:
        return False
    shared = areas & {criterion.text.casefold() for criterion in theirs.criteria}
    return len(shared) / len(areas) >= OTHER_SHARED_CRITERIA


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
        profiles={item: replace(index.profile(item), indexed=True) for item in sources},
        frequency=frequency,
        size=len(sources),
        lexicon=lexicon,
    )


def _telling(lexicon: concepts.Lexicon, text: str) -> frozenset[str]:
    """What can tell one question from another: generic concepts (the customer, the team) cannot."""
    return frozenset(feature for feature in lexicon.criterion_features(text) if not lexicon.is_generic(feature))


def _weight(lexicon: concepts.Lexicon, feature: str, frequency: int, size: int) -> float:
    return lexicon.base_weight(feature) * math.log((size + 1) / (frequency + 1))
