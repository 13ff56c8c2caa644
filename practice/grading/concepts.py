"""Matching meaning without a model: a text becomes the set of lexicon concepts it mentions, plus
the stems of its other content words, and two texts are compared on those sets.

The lexicon is stemmed once at import, so matching a sentence is a handful of dict look-ups.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from practice.grading.lexicon import (
    CONCEPTS,
    CRITERION_BOILERPLATE,
    CRITERION_VERB_CONCEPTS,
    GENERIC_CONCEPTS,
    GENERIC_WEIGHT,
    INSTRUCTION_VERBS,
    STOP_WORDS,
)
from practice.grading.text import stem, words

CONCEPT_PREFIX = "c:"
WORD_PREFIX = "w:"
WORD_WEIGHT = 0.5


def _build_tables() -> tuple[dict[str, tuple[str, ...]], dict[str, tuple[tuple[tuple[str, ...], tuple[str, ...]], ...]]]:
    """Single-word entries by stem; phrases by their first stem, longest first."""
    single: dict[str, list[str]] = {}
    phrases: dict[tuple[str, ...], list[str]] = {}
    for concept, entries in sorted(CONCEPTS.items()):
        feature = CONCEPT_PREFIX + concept
        for entry in entries:
            stems = tuple(stem(word) for word in words(entry))
            if not stems:
                continue
            table = single.setdefault(stems[0], []) if len(stems) == 1 else phrases.setdefault(stems, [])
            if feature not in table:
                table.append(feature)
    by_start: dict[str, list[tuple[tuple[str, ...], tuple[str, ...]]]] = {}
    for key in sorted(phrases, key=lambda key: (-len(key), key)):
        by_start.setdefault(key[0], []).append((key, tuple(phrases[key])))
    return (
        {key: tuple(value) for key, value in single.items()},
        {key: tuple(value) for key, value in by_start.items()},
    )


_SINGLE, _PHRASES_BY_START = _build_tables()
_STOP_STEMS = frozenset(stem(word) for word in STOP_WORDS)


def features(tokens: Sequence[str]) -> frozenset[str]:
    """Concepts named by the words (single or as a phrase), and the stems of content words that
    no concept covers (so a literal, unlisted match still counts)."""
    stems = [stem(token) for token in tokens]
    found: set[str] = set()
    covered: set[int] = set()
    for index, current in enumerate(stems):
        for key, named in _PHRASES_BY_START.get(current, ()):
            if tuple(stems[index : index + len(key)]) == key:
                found.update(named)
                covered.update(range(index, index + len(key)))
        single = _SINGLE.get(current)
        if single:
            found.update(single)
            covered.add(index)
    for index, current in enumerate(stems):
        if index in covered or current in _STOP_STEMS or len(current) < 3 or current.isdigit():
            continue
        found.add(WORD_PREFIX + current)
    return frozenset(found)


_BOILERPLATE_STEMS = frozenset(stem(word) for word in CRITERION_BOILERPLATE)


@lru_cache(maxsize=4096)
def criterion_features(text: str) -> frozenset[str]:
    """A criterion's features, without its framing ("Their approach to…") or a leading piece of
    advice ("show how you…")."""
    tokens = words(text)
    while tokens and tokens[0] in INSTRUCTION_VERBS:
        tokens = tokens[1:]
    return features([token for token in tokens if stem(token) not in _BOILERPLATE_STEMS])


_HOW_SUBJECTS = frozenset({"they", "you", "we", "they've", "you've", "we've"})


@lru_cache(maxsize=4096)
def head_concepts(text: str) -> frozenset[str]:
    """The concepts of what a "How they …" criterion asks to have been done: its verb ("How they
    SHARED what they learned" asks for sharing; "what they learned" is only what was shared).
    Empty for other criteria, and for a verb the lexicon does not list (see
    `CRITERION_VERB_CONCEPTS`)."""
    tokens = words(text)
    while tokens and tokens[0] in INSTRUCTION_VERBS:
        tokens = tokens[1:]
    if len(tokens) < 3 or tokens[0] != "how" or tokens[1] not in _HOW_SUBJECTS:
        return frozenset()
    # The verb may follow an adverb or a prefix: "How they personally role-modeled the shift".
    verb = next((token for token in tokens[2:5] if token in CRITERION_VERB_CONCEPTS), None)
    return frozenset(CONCEPT_PREFIX + concept for concept in CRITERION_VERB_CONCEPTS[verb]) if verb else frozenset()


def is_generic(feature: str) -> bool:
    return feature.startswith(CONCEPT_PREFIX) and feature[len(CONCEPT_PREFIX) :] in GENERIC_CONCEPTS


def weights(feature_sets: Sequence[frozenset[str]]) -> dict[str, float]:
    """Rare features weigh more: inverse document frequency over the given sets (a question's
    criteria), times a fixed discount for concepts every answer in this domain mentions and for
    literal words (a paraphrase should not lose much for not repeating them)."""
    count = len(feature_sets)
    frequency: dict[str, int] = {}
    for feature_set in feature_sets:
        for feature in feature_set:
            frequency[feature] = frequency.get(feature, 0) + 1
    return {
        feature: round(base_weight(feature) * (1.0 + math.log((count + 1) / (df + 1))), 6)
        for feature, df in sorted(frequency.items())
    }


def base_weight(feature: str) -> float:
    """A feature's weight before rarity: a literal word counts less than a concept (a paraphrase
    should not lose much for not repeating it), a concept every answer mentions less still."""
    if feature.startswith(WORD_PREFIX):
        return WORD_WEIGHT
    return GENERIC_WEIGHT if is_generic(feature) else 1.0


@dataclass(frozen=True, slots=True)
class Target:
    """What a criterion asks for, weighed: built once per grade, compared with every sentence."""

    weighted: tuple[tuple[str, float, bool], ...]
    total: float

    @classmethod
    def of(cls, wanted: frozenset[str], weight: dict[str, float]) -> Target:
        # A criterion made only of generic concepts ("communication", "customer") is about
        # exactly that, so there they count as telling.
        only_generic = all(is_generic(feature) for feature in wanted)
        weighted = tuple(
            (feature, weight.get(feature, 1.0), only_generic or not is_generic(feature)) for feature in sorted(wanted)
        )
        return cls(weighted=weighted, total=sum(value for _, value, _ in weighted))

    def share(self, present: frozenset[str]) -> float:
        """Share of the weight that is present; 0 unless something specific (not generic) matched."""
        if not self.total:
            return 0.0
        matched = 0.0
        specific = False
        for feature, value, telling in self.weighted:
            if feature in present:
                matched += value
                specific = specific or telling
        return matched / self.total if specific else 0.0


@lru_cache(maxsize=512)
def targets(criterion_texts: tuple[str, ...]) -> tuple[Target, ...]:
    """One question's criteria, weighed against each other (built once per question)."""
    wanted = [criterion_features(text) for text in criterion_texts]
    weight = weights(wanted)
    return tuple(Target.of(features, weight) for features in wanted)


@lru_cache(maxsize=512)
def _topic(texts: tuple[str, ...]) -> frozenset[str]:
    found: set[str] = set()
    for text in texts:
        found |= {f for f in criterion_features(text) if f.startswith(CONCEPT_PREFIX) and not is_generic(f)}
    return frozenset(found)


def topic_recall(texts: tuple[str, ...], present: frozenset[str]) -> float:
    """Share of the distinctive concepts of a question (its text and criteria) that an answer
    mentions anywhere: an answer to another question mentions few of them."""
    topic = _topic(texts)
    return len(topic & present) / len(topic) if topic else 1.0
