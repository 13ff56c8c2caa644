"""Matching meaning without a model: a text becomes the set of vocabulary concepts it mentions,
plus the stems of its other content words, and two texts are compared on those sets.

Each vocabulary (see `knowledge`) is stemmed once, into a `Lexicon`, so matching a sentence is a
handful of dict look-ups; a bank from another field gets its own lexicon, or the neutral one.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cache

from practice.grading import knowledge
from practice.grading.text import stem, words

CONCEPT_PREFIX = "c:"
WORD_PREFIX = "w:"
_HOW_SUBJECTS = frozenset({"they", "you", "we", "they've", "you've", "we've"})


@dataclass(frozen=True, slots=True)
class Target:
    """What a criterion asks for, weighed: built once per question, compared with every sentence."""

    weighted: tuple[tuple[str, float, bool], ...]
    total: float

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


class Lexicon:
    """One vocabulary, stemmed: single-word entries by stem, phrases whole (with the lengths of the
    phrases each first stem starts), and the caches of what a bank's criteria ask for."""

    def __init__(self, vocabulary: knowledge.Vocabulary) -> None:
        language = knowledge.language()
        tuning = knowledge.tuning()
        self.name = vocabulary.name
        self.generic = vocabulary.generic_concepts
        self._word_weight = tuning.word_weight
        self._generic_weight = tuning.generic_weight
        self._stop_stems = frozenset(stem(word) for word in language.stop_words)
        self._boilerplate = frozenset(stem(word) for word in language.criterion_boilerplate)
        self._instruction_verbs = frozenset(language.instruction_verbs)
        self._verb_concepts = {
            verb: frozenset(CONCEPT_PREFIX + concept for concept in named if concept in vocabulary.concepts)
            for verb, named in language.criterion_verb_concepts.items()
        }
        single: dict[str, list[str]] = {}
        phrases: dict[tuple[str, ...], list[str]] = {}
        for concept, entries in vocabulary.concepts.items():
            feature = CONCEPT_PREFIX + concept
            for entry in entries:
                stems = tuple(stem(word) for word in words(entry))
                if not stems:
                    continue
                table = single.setdefault(stems[0], []) if len(stems) == 1 else phrases.setdefault(stems, [])
                if feature not in table:
                    table.append(feature)
        lengths: dict[str, set[int]] = {}
        for key in phrases:
            lengths.setdefault(key[0], set()).add(len(key))
        self._single = {key: tuple(value) for key, value in single.items()}
        # A phrase is looked up whole, by the lengths of the phrases its first stem starts: a
        # common first word ("the", "what") starts dozens of phrases, and comparing each against
        # the sentence was most of a grade's cost.
        self._phrases = {key: tuple(value) for key, value in phrases.items()}
        self._phrase_lengths = {key: tuple(sorted(value, reverse=True)) for key, value in lengths.items()}
        self._criterion_cache: dict[str, frozenset[str]] = {}
        self._targets_cache: dict[tuple[str, ...], tuple[Target, ...]] = {}
        self._topic_cache: dict[tuple[str, ...], frozenset[str]] = {}

    def features(self, tokens: Sequence[str]) -> frozenset[str]:
        """Concepts named by the words (single or as a phrase), and the stems of content words that
        no concept covers (so a literal, unlisted match still counts)."""
        stems = [stem(token) for token in tokens]
        found: set[str] = set()
        covered: set[int] = set()
        for index, current in enumerate(stems):
            if current in self._phrase_lengths:
                for key, named in self._phrases_at(stems, index):
                    found.update(named)
                    covered.update(range(index, index + len(key)))
            single = self._single.get(current)
            if single:
                found.update(single)
                covered.add(index)
        for index, current in enumerate(stems):
            if index in covered or current in self._stop_stems or len(current) < 3 or current.isdigit():
                continue
            found.add(WORD_PREFIX + current)
        return frozenset(found)

    def _criterion_tokens(self, text: str) -> list[str]:
        tokens = words(text)
        while tokens and tokens[0] in self._instruction_verbs:
            tokens = tokens[1:]
        return tokens

    def criterion_features(self, text: str) -> frozenset[str]:
        """A criterion's features, without its framing ("Their approach to…") or a leading piece of
        advice ("show how you…")."""
        cached = self._criterion_cache.get(text)
        if cached is None:
            tokens = self._criterion_tokens(text)
            # "How they've continued…" frames as "How they continued…" does.
            kept = self.features([t for t in tokens if stem(t.split("'")[0]) not in self._boilerplate])
            cached = self._criterion_cache[text] = kept | self._boilerplate_phrases(tokens)
        return cached

    def _boilerplate_phrases(self, tokens: Sequence[str]) -> frozenset[str]:
        """The concepts of vocabulary phrases that hold a framing word: "long-term", "short-term"
        and "key customers" keep their meaning though "term" and "key" alone are framing."""
        stems = [stem(token) for token in tokens]
        found: set[str] = set()
        for index in range(len(stems)):
            for key, named in self._phrases_at(stems, index):
                if any(part in self._boilerplate for part in key):
                    found.update(named)
        return frozenset(found)

    def _phrases_at(self, stems: Sequence[str], index: int) -> Iterator[tuple[tuple[str, ...], tuple[str, ...]]]:
        """The vocabulary phrases that start at this stem, with the concepts each names."""
        for length in self._phrase_lengths.get(stems[index], ()):
            key = tuple(stems[index : index + length])
            named = self._phrases.get(key)
            if named is not None:
                yield key, named

    def head_concepts(self, text: str) -> frozenset[str]:
        """The concepts of what a "How they …" criterion (or one that is an instruction, "measure
        deflection") asks to have been done: its verb ("How they SHARED what they learned" asks for
        sharing; "what they learned" is only what was shared).
        Empty for other criteria, and for a verb the language file does not list."""
        tokens = self._criterion_tokens(text)
        if tokens and tokens[0] in self._verb_concepts:
            # A criterion that is itself an instruction: "measure deflection and customer effort".
            return self._verb_concepts[tokens[0]]
        if len(tokens) < 3 or tokens[0] != "how" or tokens[1] not in _HOW_SUBJECTS:
            return frozenset()
        # The verb may follow an adverb or a prefix: "How they personally role-modeled the shift".
        verb = next((token for token in tokens[2:5] if token in self._verb_concepts), None)
        return self._verb_concepts[verb] if verb else frozenset()

    def is_generic(self, feature: str) -> bool:
        return feature.startswith(CONCEPT_PREFIX) and feature[len(CONCEPT_PREFIX) :] in self.generic

    def base_weight(self, feature: str) -> float:
        """A feature's weight before rarity: a literal word counts less than a concept (a paraphrase
        should not lose much for not repeating it), a concept every answer mentions less still."""
        if feature.startswith(WORD_PREFIX):
            return self._word_weight
        return self._generic_weight if self.is_generic(feature) else 1.0

    def targets(self, criterion_texts: tuple[str, ...]) -> tuple[Target, ...]:
        """One question's criteria, weighed against each other: rare features weigh more (inverse
        document frequency over the criteria)."""
        cached = self._targets_cache.get(criterion_texts)
        if cached is not None:
            return cached
        wanted = [self.criterion_features(text) for text in criterion_texts]
        frequency: dict[str, int] = {}
        for feature_set in wanted:
            for feature in feature_set:
                frequency[feature] = frequency.get(feature, 0) + 1
        count = len(wanted)
        weight = {
            feature: round(self.base_weight(feature) * (1.0 + math.log((count + 1) / (df + 1))), 6)
            for feature, df in sorted(frequency.items())
        }
        built = []
        for features in wanted:
            # A criterion made only of generic concepts ("communication", "customer") is about
            # exactly that, so there they count as telling.
            only_generic = all(self.is_generic(feature) for feature in features)
            weighted = tuple(
                (feature, weight.get(feature, 1.0), only_generic or not self.is_generic(feature))
                for feature in sorted(features)
            )
            built.append(Target(weighted=weighted, total=sum(value for _, value, _ in weighted)))
        result = self._targets_cache[criterion_texts] = tuple(built)
        return result

    def topic_recall(self, texts: tuple[str, ...], present: frozenset[str]) -> float:
        """Share of the distinctive concepts of a question (its text and criteria) that an answer
        mentions anywhere: an answer to another question mentions few of them."""
        topic = self._topic_cache.get(texts)
        if topic is None:
            found: set[str] = set()
            for text in texts:
                found |= {
                    f for f in self.criterion_features(text) if f.startswith(CONCEPT_PREFIX) and not self.is_generic(f)
                }
            topic = self._topic_cache[texts] = frozenset(found)
        return len(topic & present) / len(topic) if topic else 1.0


@cache
def lexicon(name: str | None = None) -> Lexicon:
    """The stemmed vocabulary of that name; None is the field-neutral one."""
    return Lexicon(knowledge.vocabulary(name or knowledge.NEUTRAL))
