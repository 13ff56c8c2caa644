"""The offline grader: a deterministic, explainable verdict on one answer in a few milliseconds.

It always runs (it needs nothing), its signals are kept beside any model's verdict, and every
claim it makes points at the candidate's own sentence. How the score is built:

    raw   = 0.45 × criteria + 0.25 × shape + 0.20 × specificity + 0.10 × length   (each 0–1)
    score = 1 + 4 × raw, rounded to the nearest half, minus 0.5 per unmet expectation of the
            role level (at most 1), then capped by any flag (see FLAG_CAPS).

Given the bank, the grader also checks that the answer is about the question asked and not
another one of the bank (see `topics`): a story that mentions clearly more of what only another
question asks than of what only this one asks is flagged with that question, its areas count as
touched on at most, and its score is capped.

"criteria" counts covered as 1 and partial as ½; "shape" is STAR for behavioral questions and
plan structure for situational ones; "specificity" is figures, first-person actions, obstacles
and lessons; "length" rewards an answer of one to three minutes.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from practice.bank.models import Question, QuestionType, RoleLevel
from practice.grading import concepts, knowledge, roles, signals, topics
from practice.grading.feedback import (
    CriterionResult,
    CriterionStatus,
    Feedback,
    Flag,
    FlagKind,
    GraderInfo,
    Specificity,
    Star,
    StarPart,
)
from practice.grading.injection import detect as detect_injection
from practice.grading.text import (
    WORD_RE,
    WORDS_PER_MINUTE,
    Sentence,
    clean,
    speaking_seconds,
    split_sentences,
    spoken_clock,
    word_count,
    words,
)

GRADER_VERSION = "offline-2.8"

_TUNING = knowledge.tuning()
MAX_GRADED_WORDS = _TUNING.max_graded_words
"""About 21 minutes of speech; beyond it an answer is trimmed (and flagged), so a pasted book
cannot stall the interface."""
TOO_SHORT_WORDS = _TUNING.too_short_words
COVERED_AT = _TUNING.covered_at
PARTIAL_AT = _TUNING.partial_at
GENERAL_PARTIAL_AT = _TUNING.general_partial_at
PAIR_DISCOUNT = _TUNING.pair_discount
HEAD_BONUS = _TUNING.head_bonus
SCENE_PROBLEM_BONUS = _TUNING.scene_problem_bonus
DISTINCT_MARGIN = _TUNING.distinct_margin
SPREAD_THIN_AT = _TUNING.spread_thin_at
OFF_TOPIC_CREDIT = _TUNING.off_topic_credit
OFF_TOPIC_RECALL = _TUNING.off_topic_recall
OFF_TOPIC_STORY_TOLD = _TUNING.off_topic_story_told
OFF_TOPIC_STORY_RECALL = _TUNING.off_topic_story_recall
OFF_TOPIC_STORY_COVERED = _TUNING.off_topic_story_covered
OFF_TOPIC_STORY_CREDIT = _TUNING.off_topic_story_credit
OTHER_OWN_CREDIT = _TUNING.other_own_credit
STORY_FOR_PLAN_SHARE = _TUNING.story_for_plan_share
NO_AREA_CAP = _TUNING.no_area_cap
SURE_AT = _TUNING.sure_at
MISSING_DOUBT = _TUNING.missing_doubt
DOUBT_BELOW = _TUNING.doubt_below
VAGUE_SPECIFICITY = _TUNING.vague_specificity
VAGUE_HEDGES = _TUNING.vague_hedges
SCORE_WEIGHTS = dict(_TUNING.score_weights)
FLAG_CAPS = {FlagKind(kind): cap for kind, cap in _TUNING.flag_caps.items()}
MISDIRECTED_FLAGS = frozenset(
    {
        FlagKind.empty,
        FlagKind.too_short,
        FlagKind.injection,
        FlagKind.keyword_list,
        FlagKind.off_topic,
        FlagKind.other_question,
        FlagKind.story_for_plan,
    }
)
"""Flags that say the answer is not (yet) an answer to this question: nothing is "met" then."""
ADVICE_FLAGS = MISDIRECTED_FLAGS | {FlagKind.vague}
"""Flags whose message is also the first thing to fix."""
ROLE_PENALTY = _TUNING.role_penalty
MAX_ROLE_PENALTY = _TUNING.max_role_penalty
MAX_LISTED = _TUNING.max_listed
"""Lists in the feedback (figures, actions, obstacles) stop here: enough to show, short to read."""
MAX_ACTION_WORDS = _TUNING.max_action_words
"""Words quoted after an action's verb when its clause runs on."""
CLAUSE_OPENERS = frozenset(
    [
        "so",
        "because",
        "which",
        "while",
        "whereas",
        "although",
        "though",
        "but",
        "who",
        "whom",
        "whose",
        "until",
        "unless",
        "when",
        "where",
    ]
)
"""Words that start another clause: what comes after them is not the action."""
LEADING_ON = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "so",
        "to",
        "of",
        "in",
        "on",
        "at",
        "for",
        "with",
        "from",
        "by",
        "into",
        "onto",
        "as",
        "than",
        "about",
        "along",
        "across",
        "over",
        "through",
        "within",
        "without",
        "between",
        "around",
        "toward",
        "towards",
        "after",
        "before",
        "during",
        "via",
        "per",
        "our",
        "my",
        "their",
        "his",
        "its",
        "your",
        "this",
        "that",
        "these",
        "those",
    ]
)
"""Words a phrase cannot end on: they lead into words that were cut off."""

SPECIFICITY_WEIGHTS = {QuestionType(kind): dict(weights) for kind, weights in _TUNING.specificity_weights.items()}
"""A story is specific when it has figures, the candidate's own actions, an obstacle and a lesson; a
plan when it has figures (targets, time frames) and concrete steps."""

_ADVICE = knowledge.language().advice
STAR_ADVICE: dict[str, str] = {str(part): advice for part, advice in _ADVICE.star.items()}
STRUCTURE_CHECKS: dict[str, tuple[str, str]] = _ADVICE.structure.model_dump()
"""part: (observation when present, advice when absent)."""
STRUCTURE_PATTERNS = {
    "phases": signals.PHASE_RE,
    "steps": signals.STEP_RE,
    "principles": signals.PRINCIPLE_RE,
    "measurement": signals.MEASURE_RE,
}
STAR_NAMES = ("situation", "task", "action", "result")
# Sentence cues that also say something about the topic ("we had 40% churn" sets a context).
ROLE_CREDIT = _TUNING.role_credit
ROLE_CREDITED = frozenset({"situation", "result", "lesson"})
"""The parts of a story a criterion can ask for by name alone; "how they did it" (the action) is
what every criterion is about, so it is matched on its content."""
CUE_CONCEPTS = {
    "situation": "c:context",
    "task": "c:vision",
    "result": "c:result",
    "lesson": "c:learning",
    "finding": "c:insight",
    "obstacle": "c:obstacle",
    "sustain": "c:sustain",
}


@dataclass(frozen=True, slots=True)
class _Sentence:
    sentence: Sentence
    normal: str
    features: frozenset[str]
    cues: frozenset[str]
    figures: tuple[str, ...]
    actions: tuple[tuple[str, int, int], ...]
    concrete: bool
    told: bool
    """An action told as something that happened: what a story's Action is."""
    hedged: bool
    """Talks around the thing instead of showing it ("I think", "best practices")."""
    imprecise: bool
    """Says how things went only in general words ("complaints went down", "I think it helped"),
    with no figure or name to show it: such a sentence touches on an area, it does not show it."""


@dataclass(frozen=True, slots=True)
class _Role:
    """One expectation of a role level: a check on the analysed answer and what to say if unmet."""

    name: str
    check: Callable[[Specificity, frozenset[str]], bool]
    expectation: str


ROLE_EXPECTATIONS: dict[RoleLevel, tuple[_Role, ...]] = {
    # Individual contributors are expected to be hands-on.
    RoleLevel.individual_contributor: (
        _Role(
            "ownership",
            lambda spec, _: spec.first_person_actions >= 2,
            'hands-on ownership: at least two things you did yourself ("I …")',
        ),
    ),
    # Managers lead through a team: its hiring, coaching, set-up.
    RoleLevel.manager: (
        _Role(
            "ownership",
            lambda spec, _: spec.first_person_actions >= 2,
            'ownership: at least two things you did yourself ("I …")',
        ),
        _Role(
            "team",
            lambda _, found: bool(found & {"c:coaching", "c:hiring", "c:accountability", "c:performance"}),
            "leading through others: how you hired, coached or held the team to account",
        ),
    ),
    # Executives are expected to show organisation-level scope, metrics and strategy.
    RoleLevel.executive: (
        _Role(
            "scope",
            lambda _, found: bool(found & {"c:organization", "c:stakeholder"}),
            "organisation-level scope: the executives, the board, the whole company",
        ),
        _Role(
            "metrics",
            lambda spec, _: len(spec.numbers) >= 2,
            "business metrics: at least two figures (revenue, churn, CSAT, cost)",
        ),
        _Role(
            "strategy",
            lambda _, found: bool(found & {"c:vision", "c:competitive"}),
            "strategy: the vision, the roadmap or the competitive stake",
        ),
    ),
}


def grade(
    question: Question,
    answer: str,
    *,
    role_level: RoleLevel = RoleLevel.individual_contributor,
    bank: Sequence[Question] = (),
    vocabulary: str | None = None,
) -> Feedback:
    """`bank` is the questions the answer could have been meant for (the session's bank): with
    it, an answer to another of them is told apart from an answer to this one. `vocabulary` is
    the bank's field (its concepts); None grades with the field-neutral one."""
    lexicon = concepts.lexicon(vocabulary)
    role_level = RoleLevel(role_level)  # a session may carry the level as its plain string value
    text = clean(answer)
    total_words = word_count(text)
    graded = _trim(text, MAX_GRADED_WORDS) if total_words > MAX_GRADED_WORDS else text
    injected = detect_injection(text)
    # Sentences addressed to the grader are not part of the answer: never evidence, never credit.
    kept = [sentence for sentence in split_sentences(graded) if not (injected and detect_injection(sentence.text))]
    start = signals.opening_index(signals.normalise(sentence.text) for sentence in kept)
    sentences = _scene_continued(
        [_analyse(sentence, lexicon, opening=index == start) for index, sentence in enumerate(kept)], start
    )
    behavioral = question.type == QuestionType.behavioral
    if behavioral:
        sentences = _same_form_untold(_told_in_present(sentences))

    criteria, by_role = _criteria(question, sentences, lexicon)
    star = _star(sentences, applicable=behavioral)
    checks = _structure_checks(question) if not behavioral else ()
    structure, structure_found = _structure(sentences, checks) if not behavioral else ([], {})
    specificity = _specificity(sentences, total_words)
    answer_features = _answer_features(sentences)

    # Whether the answer is about this question is judged on what its sentences are about.
    topical = [
        result.model_copy(update={"status": CriterionStatus.missing}) if result.criterion_id in by_role else result
        for result in criteria
    ]
    flags = _flags(
        question, graded, sentences, total_words, topical, specificity, answer_features, injected, bank, lexicon
    )
    if any(flag.kind == FlagKind.keyword_list for flag in flags):
        # A list of terms tells no story, whatever tense its words are in.
        star = _star([], applicable=behavioral)
        # A term in a list addresses nothing: the area is still to be answered, and the note says
        # it was named.
        criteria = [
            _downgraded(
                result, "Named in a list, not answered: say what you did about it.", ceiling=CriterionStatus.missing
            )
            for result in criteria
        ]
    if any(flag.kind == FlagKind.other_question for flag in flags):
        criteria = [_downgraded(result, "Touched on in an answer to another question.") for result in criteria]
    if any(flag.kind == FlagKind.story_for_plan for flag in flags):
        criteria = [
            _downgraded(result, "Shown in a past story, not in a plan for this question: say what you would do here.")
            for result in criteria
        ]

    parts = {
        "criteria": _criteria_credit(criteria),
        "shape": star.hit_count() / 4 if behavioral else sum(structure_found.values()) / max(1, len(checks)),
        "specificity": _specificity_credit(specificity, question.type),
        "length": _length_credit(total_words),
    }
    raw = sum(SCORE_WEIGHTS[name] * parts[name] for name in sorted(SCORE_WEIGHTS))
    unmet = [
        role for role in ROLE_EXPECTATIONS[role_level] if total_words and not role.check(specificity, answer_features)
    ]
    score = _half(1 + 4 * raw) - min(MAX_ROLE_PENALTY, ROLE_PENALTY * len(unmet))
    for flag in flags:
        score = min(score, FLAG_CAPS.get(flag.kind, 5.0))
    if not any(result.status == CriterionStatus.covered for result in criteria):
        # However long and specific, an answer that shows none of the areas asked about has not
        # answered this question.
        score = min(score, NO_AREA_CAP)
    score = max(1.0, min(5.0, score))

    return Feedback(
        question_id=question.id,
        score=score,
        reasons=_reasons(criteria, star, structure_found, specificity, role_level, unmet, flags),
        criteria=criteria,
        star=star,
        structure=structure,
        specificity=specificity,
        strengths=_strengths(criteria, star, specificity, structure_found) if _answers_this(criteria, flags) else [],
        improvements=_improvements(question, criteria, star, structure_found, specificity, unmet, flags),
        flags=flags,
        grader=GraderInfo(kind="offline", version=GRADER_VERSION),
        role_level=role_level.value,
    )


_STOP_WORDS = frozenset(knowledge.language().stop_words)
_PERCENT_RE = re.compile(r"\d+(?:\.\d+)?\s?%")


# --- reading the answer -------------------------------------------------------------------


PROBLEM_CONCEPTS = frozenset({concepts.CONCEPT_PREFIX + "problem", concepts.CONCEPT_PREFIX + "need"})
"""What a sentence names when it says what was wrong, or what was wanted and missing."""


def _scene_continued(sentences: list[_Sentence], start: int) -> list[_Sentence]:
    """A story's scene often runs on past its first sentence ("I ran a team of 15 at a telecoms
    retailer. The team was focused on call targets and customers were complaining."): until the
    first thing the candidate did, goal set or outcome, a sentence told in the past that plays no
    other part and says what was wrong still sets the scene."""
    if not 0 <= start < len(sentences) or "situation" not in sentences[start].cues:
        return sentences
    continued = list(sentences)
    for index in range(start + 1, len(sentences)):
        item = sentences[index]
        if not item.cues.isdisjoint(signals.SCENE_BREAKERS | {"finding", "sustain"}):
            break
        if _says_what_was_wrong(item) and signals.PAST_RE.search(item.normal) and not item.hedged:
            continued[index] = replace(
                item, cues=item.cues | {"situation"}, features=item.features | {CUE_CONCEPTS["situation"]}
            )
    return continued


def _told_in_present(sentences: list[_Sentence]) -> list[_Sentence]:
    """In a story told in the present (see `signals.present_narration`), the actions told in the
    present are its actions, told and concrete, as their past-tense twins would be."""
    present = signals.present_narration([item.normal for item in sentences], [item.told for item in sentences])
    told = list(sentences)
    for index, spans in present.items():
        item = told[index]
        taken = [(start, end) for _, start, end in item.actions]
        added = [span for span in spans if not any(start < span[2] and span[1] < end for start, end in taken)]
        told[index] = replace(
            item,
            told=True,
            concrete=True,
            cues=item.cues | {"action"},
            actions=tuple(sorted((*item.actions, *added), key=lambda span: span[1])),
        )
    return told


def _same_form_untold(sentences: list[_Sentence]) -> list[_Sentence]:
    """In an answer whose only told actions are verbs spelt the same in past and present (see
    `signals.told_only_in_same_form`), those sentences tell no action."""
    if not signals.told_only_in_same_form(
        [item.normal for item in sentences],
        [list(item.actions) for item in sentences],
        [item.told for item in sentences],
    ):
        return sentences
    return [replace(item, told=False) if item.told else item for item in sentences]


def _says_what_was_wrong(sentence: _Sentence) -> bool:
    return "obstacle" in sentence.cues or not sentence.features.isdisjoint(PROBLEM_CONCEPTS)


def _trim(text: str, limit: int) -> str:
    for index, match in enumerate(WORD_RE.finditer(text)):
        if index == limit - 1:
            return text[: match.end()]
    return text


def _analyse(sentence: Sentence, lexicon: concepts.Lexicon, *, opening: bool) -> _Sentence:
    """Everything the grader reads from one sentence, read once."""
    normal = signals.normalise(sentence.text)
    # Figures and actions are quoted from the original where lower-casing kept the length.
    source = sentence.text if len(sentence.text) == len(normal) else normal
    tokens = frozenset(sentence.words)
    actions = tuple(signals.actions(normal, tokens, skip_role_statements=True))
    figures = tuple(signals.numbers(normal, source, tokens))
    cues = signals.sentence_cues(normal, has_action=bool(actions), opening=opening)
    # A cue that is also a topic names it ("we had 40% churn" is about the context); an opening
    # that is the scene only by its place says nothing about the topic.
    topical = (
        cues - {"situation"} if opening and "situation" in cues and not signals.SITUATION_RE.search(normal) else cues
    )
    found = lexicon.features(sentence.words) | {CUE_CONCEPTS[cue] for cue in topical if cue in CUE_CONCEPTS}
    # A stated lesson is a claim about oneself, and a stated finding what one found: each as
    # concrete as an action.
    named = bool(signals.NAME_RE.search(sentence.text))
    concrete = bool(actions or figures or not cues.isdisjoint({"lesson", "finding"}) or named)
    hedged = signals.HEDGE_RE.search(normal) is not None
    imprecise = not (figures or named) and (hedged or signals.IMPRECISE_RE.search(normal) is not None)
    return _Sentence(
        sentence=sentence,
        normal=normal,
        features=frozenset(found),
        cues=frozenset(cues),
        figures=figures,
        actions=actions,
        concrete=concrete,
        told=signals.told(normal, list(actions)),
        hedged=hedged,
        imprecise=imprecise,
    )


@dataclass(frozen=True, slots=True)
class _Match:
    """One sentence as evidence for one criterion."""

    score: float
    """The overlap adjusted for the part the sentence plays: what ranks the sentences."""
    credit: float
    """The overlap, lowered (never raised) by a part that does not fit: what sets the status, so
    playing the right part picks the quote but cannot by itself cover an area."""
    fit: float
    """What the part the sentence plays added or took off."""
    index: int
    concrete: bool
    does_head: bool = True
    """Whether the sentence (or its pair) does what the criterion's verb asks ("How they MEASURED
    …", "measure deflection"): talking about the thing is not doing it, so without it an area is
    touched on at most."""
    general: bool = False
    """Whether, in a story question, the sentence (and its pair) tells nothing that happened: no
    action told, no figure, no scene, result or lesson ("Self-service is important", "Normally I
    look at the logs"). A general remark never covers an area, and touches one only when it says
    much of it."""
    imprecise: bool = False
    """Whether the sentence (with its pair, if the pair completes it) says how things went only in
    general words: it touches on an area at most."""
    by_role: bool = False
    """Whether the credit comes only from the part the sentence plays (the scene for "The initial
    situation"), not from what it is about."""
    quoted_general: bool = False
    """Whether the sentence quoted, alone, is a general remark: a told neighbour may make the pair
    touch on an area, but "I think it's important to look at things from the customer's side" is
    no evidence that it was covered."""

    @property
    def status(self) -> CriterionStatus:
        if (
            self.credit >= COVERED_AT
            and self.concrete
            and self.does_head
            and not self.general
            and not self.imprecise
            and not self.quoted_general
        ):
            return CriterionStatus.covered
        touched = GENERAL_PARTIAL_AT if self.general else PARTIAL_AT
        return CriterionStatus.partial if self.credit >= touched else CriterionStatus.missing

    @property
    def confidence(self) -> float:
        """Near a threshold the verdict could as well be the other one."""
        status = self.status
        if status == CriterionStatus.covered:
            return round(min(1.0, 0.6 + 0.4 * (self.credit - COVERED_AT) / max(1e-6, SURE_AT - COVERED_AT)), 2)
        if status == CriterionStatus.partial:
            upper = COVERED_AT if self.does_head else 1.0
            return round(0.5 + 0.2 * min(1.0, (self.credit - PARTIAL_AT) / max(1e-6, upper - PARTIAL_AT)), 2)
        return round(min(1.0, max(0.3, 1.0 - max(0.0, self.credit) / PARTIAL_AT * 0.6)), 2)


def _criteria(
    question: Question, sentences: Sequence[_Sentence], lexicon: concepts.Lexicon
) -> tuple[list[CriterionResult], frozenset[str]]:
    """Each criterion is matched against every sentence and every pair of neighbours (an area is
    often covered across two sentences, and then the stronger of the two is quoted). A match is
    the concept overlap, raised when the sentence plays the part the criterion asks for and lowered
    when it plays another (see `roles`), so a goal is never quoted as a result. Only a concrete
    sentence (an action, a figure, a name) covers an area: the right words without an example are
    partial.

    Also returns the criteria found only by the part a sentence plays, whatever it is about: they
    say nothing about whether the answer is about this question.
    """
    targets = lexicon.targets(tuple(criterion.text for criterion in question.criteria))
    story = question.type == QuestionType.behavioral
    ranked = [
        _ranked_matches(
            target,
            roles.asked_for(criterion.text),
            lexicon.head_concepts(criterion.text),
            sentences,
            story=story,
        )
        for criterion, target in zip(question.criteria, targets, strict=True)
    ]
    chosen = _distinct(ranked)
    thin = _spread_thin(chosen)
    by_role = frozenset(
        criterion.id
        for position, (criterion, match) in enumerate(zip(question.criteria, chosen, strict=True))
        if match is not None and match.by_role and position not in thin
    )
    statuses = [
        match.status if match is not None and position not in thin else CriterionStatus.missing
        for position, match in enumerate(chosen)
    ]
    covered = statuses.count(CriterionStatus.covered)
    results: list[CriterionResult] = []
    for position, (criterion, target, match) in enumerate(zip(question.criteria, targets, chosen, strict=True)):
        status = statuses[position]
        confidence = match.confidence if match else 1.0
        if status == CriterionStatus.missing:
            # An answer that shows most of the other areas concretely is specific: an area not
            # found in it is as likely said in words the grader does not know.
            others = (covered / (len(statuses) - 1)) if len(statuses) > 1 else 0.0
            confidence = round(confidence * (1 - MISSING_DOUBT * others), 2)
        if match and position in thin:
            results.append(
                CriterionResult(
                    criterion_id=criterion.id,
                    text=criterion.text,
                    status=CriterionStatus.missing,
                    note=f'Not shown: "{sentences[match.index].sentence.text}" touches on several areas at once '
                    f"without showing this one — say what you {'did' if story else 'would do'} about it.",
                    confidence=confidence,
                )
            )
            continue
        results.append(
            CriterionResult(
                criterion_id=criterion.id,
                text=criterion.text,
                status=status,
                evidence=_clause_for(target, sentences[match.index], lexicon)
                if match and status != CriterionStatus.missing
                else None,
                note=_doubt(status, confidence, match, sentences),
                confidence=confidence,
            )
        )
    return results, by_role


def _spread_thin(chosen: Sequence[_Match | None]) -> set[int]:
    """The criteria whose only evidence is a sentence that merely touches on many areas at once
    ("I would rewrite the worst parts using modern best practices" for learning the system,
    changing it safely and involving its people): a sentence that general shows none of them, so
    it counts for the one it touches most and the others are missing. A sentence that covers an
    area is specific enough to be quoted for as many as it covers."""
    touched: dict[int, list[tuple[float, int]]] = {}
    covering = {match.index for match in chosen if match is not None and match.status == CriterionStatus.covered}
    for position, match in enumerate(chosen):
        if match is not None and match.status == CriterionStatus.partial and match.index not in covering:
            touched.setdefault(match.index, []).append((match.credit, -position))
    thin: set[int] = set()
    for uses in touched.values():
        if len(uses) >= SPREAD_THIN_AT:
            thin.update(-position for _, position in sorted(uses)[:-1])
    return thin


_CLAUSE_SPLIT_RE = re.compile(r";\s+(?:and\s+|but\s+)?|,\s+(?:and|but|so|while|whereas)\s+|\s[—–]\s|\s-\s")
"""Where a long sentence joins clauses that can each be about something else ("…up to £25
without asking, and customer compliments were read out at huddles")."""


def _clause_for(target: concepts.Target, item: _Sentence, lexicon: concepts.Lexicon) -> str:
    """The clause of the sentence that addresses the area, when one clearly does more than the
    rest; else the sentence. Always a verbatim slice of the answer."""
    text = item.sentence.text
    pieces: list[str] = []
    start = 0
    for match in _CLAUSE_SPLIT_RE.finditer(text):
        pieces.append(text[start : match.start()])
        start = match.end()
    pieces.append(text[start:])
    if len(pieces) < 2:
        return text
    shares = [target.share(lexicon.features(words(piece))) for piece in pieces]
    best = max(range(len(pieces)), key=lambda index: shares[index])
    others = max((share for index, share in enumerate(shares) if index != best), default=0.0)
    clause = pieces[best].strip()
    # The clause alone, only when the rest of the sentence adds nothing to this area: "Two leads
    # pushed back, so I ran a pilot" is both halves of "resistance and how they addressed it".
    if shares[best] <= others or shares[best] < target.share(item.features) or word_count(clause) < 4:
        return text
    return clause


def _doubt(
    status: CriterionStatus, confidence: float, match: _Match | None, sentences: Sequence[_Sentence]
) -> str | None:
    """Where the grader cannot tell, it says so instead of asserting."""
    if confidence >= DOUBT_BELOW:
        return None
    if match is None or (status == CriterionStatus.missing and match.credit <= 0):
        return _ADVICE.missing_in_other_words if status == CriterionStatus.missing else None
    if status == CriterionStatus.covered:
        return _ADVICE.probably_covered
    if status == CriterionStatus.missing:
        return _ADVICE.missing_but_near.replace("{sentence}", sentences[match.index].sentence.text)
    return _ADVICE.touched_on_doubt


def _ranked_matches(
    target: concepts.Target,
    asked: frozenset[str],
    head: frozenset[str],
    sentences: Sequence[_Sentence],
    *,
    story: bool,
) -> list[_Match]:
    """Every sentence that shares something telling with the criterion, best first.

    The quote is ranked on what the sentence says alone, adjusted for the part it plays; a
    neighbour that completes it (an area is often covered across two sentences) raises its credit,
    not its rank, so a result is never quoted for a process because the lesson after it names one.
    A sentence that plays the part asked for is a piece of the story, concrete enough to cover it.
    The role only adjusts a real overlap: a sentence that plays the right part but says nothing of
    the area is no evidence. So does doing what the criterion's verb asks (`head`): for "How they
    shared what they learned", the sentence where a customer quote opens every planning meeting,
    not the one that only says what was learned.
    """
    alone = [target.share(sentence.features) for sentence in sentences]
    together = list(alone)
    completed = [False] * len(sentences)
    heads = [not head or bool(head & sentence.features) for sentence in sentences]
    general = [story and _general(sentence) for sentence in sentences]
    quoted_general = list(general)
    imprecise = [sentence.imprecise for sentence in sentences]
    for index, (first, second) in enumerate(pairwise(sentences)):
        pair_share = PAIR_DISCOUNT * target.share(first.features | second.features)
        for member, other in ((index, second), (index + 1, first)):
            if pair_share > together[member]:
                together[member] = pair_share
                completed[member] = other.concrete
                general[member] = general[member] and _general(other)
                imprecise[member] = imprecise[member] and (other.imprecise or not other.concrete)
                heads[member] = heads[member] or not head or bool(head & other.features)
    credited = asked & ROLE_CREDITED
    matches: list[_Match] = []
    for index, sentence in enumerate(sentences):
        fit = roles.fit(asked, sentence.cues)
        # A criterion that asks for a part of the story ("The customer's response", "What the
        # experience taught them") is answered by the sentence that plays it, in whatever words.
        by_role = ROLE_CREDIT * len(credited & sentence.cues) / len(asked) if credited and sentence.concrete else 0.0
        if not (alone[index] or by_role) or fit is None:
            continue
        topical = together[index] + min(fit, 0.0)
        # The situation a criterion asks about is its problem: the scene that says what was wrong
        # is quoted before the one that only names the place.
        scene_asked = "situation" in asked & sentence.cues
        matches.append(
            _Match(
                score=max(alone[index], by_role)
                + fit
                + (HEAD_BONUS if head & sentence.features else 0.0)
                + (SCENE_PROBLEM_BONUS if scene_asked and _says_what_was_wrong(sentence) else 0.0),
                credit=max(topical, by_role),
                fit=fit,
                index=index,
                concrete=sentence.concrete or completed[index] or fit > 0,
                does_head=heads[index],
                general=general[index],
                imprecise=imprecise[index],
                by_role=by_role > topical,
                quoted_general=quoted_general[index],
            )
        )
    return sorted(matches, key=lambda match: (-match.score, not match.concrete, match.index))


_TOLD_PARTS = frozenset({"situation", "result", "lesson", "finding", "obstacle"})


def _general(sentence: _Sentence) -> bool:
    """Nothing told as happening: a remark, or a plan, a condition or a claim ("I have dealt with
    many difficult customers"), whatever it names."""
    if sentence.told or sentence.figures:
        return False
    if signals.UNREAL_RE.search(sentence.normal) and "lesson" not in sentence.cues:
        return True
    return not (sentence.cues & _TOLD_PARTS or signals.narrates(sentence.normal))


def _distinct(ranked: Sequence[list[_Match]]) -> list[_Match | None]:
    """The evidence of each criterion, preferring a sentence fewer criteria quote when it scores
    nearly as well, earns the same status and plays the part asked for as well: eight areas quoted
    from two sentences tell a candidate less than eight quoted from six. "Nearly as well" widens
    with each criterion more that quotes the best sentence, so one sentence that shares words with
    many areas is not quoted for all of them. Criteria with the strongest evidence choose first."""
    order = sorted(
        range(len(ranked)), key=lambda position: (-(ranked[position][0].score if ranked[position] else 0.0), position)
    )
    uses: Counter[int] = Counter()
    chosen: list[_Match | None] = [None] * len(ranked)
    for position in order:
        matches = ranked[position]
        if not matches:
            continue
        best = matches[0]
        pick = next(
            (
                match
                for match in matches
                if uses[match.index] < uses[best.index]
                and best.score - match.score <= DISTINCT_MARGIN * (uses[best.index] - uses[match.index])
                and match.status == best.status
                and match.fit >= best.fit
            ),
            best,
        )
        chosen[position] = pick
        if pick.status != CriterionStatus.missing:
            uses[pick.index] += 1
    return chosen


def _answer_features(sentences: Sequence[_Sentence]) -> frozenset[str]:
    return frozenset().union(*(s.features for s in sentences)) if sentences else frozenset()


def _question_texts(question: Question) -> tuple[str, ...]:
    return (question.text, *(criterion.text for criterion in question.criteria))


_STATUS_RANK = {CriterionStatus.missing: 0, CriterionStatus.partial: 1, CriterionStatus.covered: 2}


def _downgraded(
    result: CriterionResult, note: str, *, ceiling: CriterionStatus = CriterionStatus.partial
) -> CriterionResult:
    """A criterion the answer covers only by the way (in a story about another question) is at
    most partly covered, one it only names in a keyword list not at all; the note says why."""
    if _STATUS_RANK[result.status] <= _STATUS_RANK[ceiling]:
        return result
    evidence = result.evidence if ceiling != CriterionStatus.missing else None
    return result.model_copy(update={"status": ceiling, "note": note, "evidence": evidence})


def _star(sentences: Sequence[_Sentence], *, applicable: bool) -> Star:
    """Each part quotes the sentence that plays it most plainly, read in story order: the action
    quoted is one the candidate took after the goal was set (not the opening "I championed a
    forum…"), and the result one that came after that action, with a figure if one has."""
    position = {id(item): index for index, item in enumerate(sentences)}

    def first(
        name: str, *preferences: Callable[[_Sentence], bool], only: Callable[[_Sentence], bool] = lambda _: True
    ) -> _Sentence | None:
        matching = [item for item in sentences if name in item.cues and only(item)]
        return min(
            matching, key=lambda item: (*(not prefer(item) for prefer in preferences), position[id(item)]), default=None
        )

    def after(chosen: _Sentence | None) -> Callable[[_Sentence], bool]:
        return lambda item: chosen is None or position[id(item)] > position[id(chosen)]

    # The scene is quoted from a sentence that is only the scene where there is one: "My job was to
    # save our largest account, which was about to leave" is the task, even if it names the scene.
    situation = first("situation", lambda item: "task" not in item.cues, lambda item: "action" not in item.cues)
    # A sentence that also sets the scene ("I was responsible for a team of 20 at…") is the task
    # only when the answer states none on its own ("My task was to …").
    task = first("task", lambda item: item is not situation, lambda item: "situation" not in item.cues)
    action = first(
        "action",
        after(task),
        # "This was when I worked on the phones for a broadband provider" is a role and a place:
        # the scene, told with a verb.
        lambda item: "situation" not in item.cues,
        lambda item: any(subject == "i" for subject, _, _ in item.actions),
        lambda item: item.cues.isdisjoint({"situation", "task", "result", "lesson"}),
        only=lambda item: item.told,
    )
    # Of two measured outcomes, the one that only tells it: "We stopped weekend phone support,
    # about 4% of contacts" changed something, and is an action.
    result = first(
        "result",
        after(action),
        # A setback with what it then asked of the candidate ("handle time went up 8%, and I had
        # to defend that") is a turn of the story, not its end.
        lambda item: item.cues.isdisjoint({"obstacle", "task"}),
        lambda item: bool(item.figures),
        lambda item: "action" not in item.cues,
    )
    chosen = dict(zip(STAR_NAMES, (situation, task, action, result), strict=True))
    return Star(applicable=applicable, **{name: _part(name, item) for name, item in chosen.items()})


def _part(name: str, chosen: _Sentence | None) -> StarPart:
    if chosen is None:
        return StarPart(present=False, confidence=0.7)
    # The opening read as the scene only by its place, and a result told only by a time marker,
    # are the grader's reading rather than the candidate's words.
    plain = name != "situation" or signals.SITUATION_RE.search(chosen.normal) is not None
    return StarPart(present=True, evidence=chosen.sentence.text, confidence=0.9 if plain else 0.6)


def _structure_checks(question: Question) -> tuple[str, ...]:
    """A plan laid out in phases is asked of questions that ask for a plan (a first 90 days, a
    roadmap), not of every situational question (a de-escalation, a leadership style). A question
    about the candidate themselves ("Why are you excited about…", "your leadership style") asks
    what guides them, not steps to follow or a measure to watch."""
    text = signals.normalise(question.text)
    if signals.REFLECTIVE_QUESTION_RE.search(text):
        return ("principles",)
    asks_plan = signals.PLAN_QUESTION_RE.search(text) is not None
    return tuple(name for name in STRUCTURE_PATTERNS if name != "phases" or asks_plan)


def _structure(sentences: Sequence[_Sentence], checks: Sequence[str]) -> tuple[list[str], dict[str, bool]]:
    found: dict[str, bool] = {}
    observations: list[str] = []
    for name in checks:
        pattern = STRUCTURE_PATTERNS[name]
        hits = [s for s in sentences if pattern.search(s.normal)]
        if name == "steps":
            hits = hits if len(hits) >= 2 else []
        if name == "measurement":
            # The scene's figure ("volume was up 20%") is where things stood, not how success is
            # measured; a sentence naming a measure (a target, a score, tracking) says it better
            # than one with only a percentage in it.
            hits = sorted(
                (s for s in hits if "situation" not in s.cues or not s.cues.isdisjoint({"action", "result"})),
                key=lambda s: pattern.search(_PERCENT_RE.sub("", s.normal)) is None,
            )
        found[name] = bool(hits)
        present, absent = STRUCTURE_CHECKS[name]
        observations.append(f'{present}: "{hits[0].sentence.text}"' if hits else f"Missing — {absent}")
    return observations, found


def _specificity(sentences: Sequence[_Sentence], total_words: int) -> Specificity:
    figures: list[str] = []
    concrete: list[str] = []
    own = ours = 0
    for item in sentences:
        original = item.sentence.text
        source = original if len(original) == len(item.normal) else item.normal
        for figure in item.figures:
            if figure not in figures:
                figures.append(figure)
        for subject, start, end in item.actions:
            own += subject == "i"
            ours += subject == "we"
            concrete.append(_clause(source, start, end))
    return Specificity(
        word_count=total_words,
        speaking_seconds=speaking_seconds(total_words),
        numbers=figures[:MAX_LISTED],
        concrete_actions=concrete[:MAX_LISTED],
        first_person_actions=own,
        we_actions=ours,
        obstacles=[s.sentence.text for s in sentences if "obstacle" in s.cues][:MAX_LISTED],
        lessons=[s.sentence.text for s in sentences if "lesson" in s.cues][:MAX_LISTED],
    )


def _clause(text: str, start: int, end: int) -> str:
    """The action and the words after it, up to where its clause ends: a punctuation mark, or a
    word that opens the next clause ("so that", "because", "which"). A long clause stops after
    MAX_ACTION_WORDS, and never on a word that only leads on ("…roadmap review so that a"), so
    each phrase in the list reads as a whole thought."""
    found = _CLAUSE_END_RE.search(text, end)
    stop = found.start() if found else len(text)
    following = text[end:stop].split()
    length = next((index for index, word in enumerate(following) if _bare(word) in CLAUSE_OPENERS), len(following))
    tail = following[:length]
    if len(tail) > MAX_ACTION_WORDS:
        # Cut a clause that runs on where a phrase ends: before the last word that leads on.
        tail = tail[:MAX_ACTION_WORDS]
        cut = next((index for index in range(len(tail) - 1, 1, -1) if _bare(tail[index]) in LEADING_ON), len(tail))
        tail = tail[:cut]
    while tail and _bare(tail[-1]) in LEADING_ON:
        tail.pop()
    return " ".join([text[start:end], *tail]).strip()


_CLAUSE_END_RE = re.compile(r"[,;:.!?](?!\d)|[—–(]|\s-\s")
"""Where an action's clause ends: punctuation (not the point or comma inside "1.2" or "1,200"),
a dash, a bracket."""


def _bare(word: str) -> str:
    return word.lower().strip("\"'“”‘’")


# --- flags --------------------------------------------------------------------------------


def _flags(
    question: Question,
    graded: str,
    sentences: Sequence[_Sentence],
    total_words: int,
    criteria: Sequence[CriterionResult],
    specificity: Specificity,
    present: frozenset[str],
    injected: Sequence[str],
    bank: Sequence[Question],
    lexicon: concepts.Lexicon,
) -> list[Flag]:
    flags: list[Flag] = []
    if total_words == 0:
        flags.append(Flag(kind=FlagKind.empty, message="No answer was given: there is nothing to grade yet."))
    elif total_words < TOO_SHORT_WORDS:
        flags.append(
            Flag(
                kind=FlagKind.too_short,
                message=f"Only {total_words} words: too short to show what you did. Aim for 150–300 words "
                "(one to two minutes spoken).",
            )
        )
    if total_words > MAX_GRADED_WORDS:
        flags.append(
            Flag(
                kind=FlagKind.trimmed,
                message=f"Only the first {MAX_GRADED_WORDS:,} of {total_words:,} words were graded.",
            )
        )
    keyword_list = total_words >= 4 and _reads_as_keyword_list(graded, sentences)
    if keyword_list:
        flags.append(
            Flag(
                kind=FlagKind.keyword_list,
                message="This reads as a list of keywords, not an answer: tell one real story in full sentences — "
                "what happened, what you did, what resulted.",
            )
        )
    judged = total_words >= TOO_SHORT_WORDS and not keyword_list
    credit = _criteria_credit(criteria)
    hedges = [item for item in sentences if item.hedged]
    # A story question answered without one thing that happened ("We have KPIs and we review
    # them") is general however few hedges it has.
    untold = question.type == QuestionType.behavioral and all(_general(item) for item in sentences)
    vague = (
        not specificity.numbers
        and (sum(len(signals.HEDGE_RE.findall(item.normal)) for item in hedges) >= VAGUE_HEDGES or untold)
        and _specificity_credit(specificity, question.type) < VAGUE_SPECIFICITY
    )
    recall = lexicon.topic_recall(_question_texts(question), present)
    # A short answer that names what the question itself names ("Outages happen…") is on topic
    # and says too little, which is another verdict. A story full of figures and actions that
    # names few of the question's concepts and covers few of its areas is about something else,
    # however much of a story it is; a plan of what one would do, with "two customers" in it, is
    # no story.
    names_topic = lexicon.topic_recall((question.text,), present) > 0
    storied = (
        bool(specificity.numbers)
        and specificity.first_person_actions + specificity.we_actions >= 3
        and sum(item.told for item in sentences) >= OFF_TOPIC_STORY_TOLD
    )
    unrelated = (credit < OFF_TOPIC_CREDIT and recall < OFF_TOPIC_RECALL and not names_topic) or (
        storied
        and recall < OFF_TOPIC_STORY_RECALL
        and _covered_share(criteria) < OFF_TOPIC_STORY_COVERED
        and credit < OFF_TOPIC_STORY_CREDIT
    )
    other = None
    if judged and bank and not vague and _covered_share(criteria) < OTHER_OWN_CREDIT:
        # An answer that covers its own question's areas is on topic, whatever else its story
        # touches: only one that misses them can be an answer to another question.
        counts = Counter(feature for item in sentences for feature in item.features)
        other = topics.closer_question(question, bank, counts, lexicon)
    if other:
        flags.append(
            Flag(
                kind=FlagKind.other_question,
                message=f'This reads as an answer to another question ({other.question_id}): "{other.text}" '
                f'Answer the one asked: "{question.text}"',
            )
        )
    elif judged and unrelated and not vague:
        # Specific about something, and not about this: an answer to something else.
        flags.append(
            Flag(
                kind=FlagKind.off_topic,
                message=f'This answer does not seem to address the question asked: "{question.text}"',
            )
        )
    elif judged and "phases" in _structure_checks(question) and _story_for_plan(sentences):
        flags.append(
            Flag(kind=FlagKind.story_for_plan, message=_ADVICE.story_for_plan.replace("{question}", question.text))
        )
    if judged and vague and not any(flag.kind in (FlagKind.off_topic, FlagKind.other_question) for flag in flags):
        flags.append(Flag(kind=FlagKind.vague, message=_vague_message(hedges or sentences)))
    if injected:
        quoted = "; ".join(f'"{phrase}"' for phrase in injected[:3])
        flags.append(
            Flag(
                kind=FlagKind.injection,
                message=f"The answer addresses the grader ({quoted}). Answers are graded as answers: that text is "
                f"ignored and the score is capped at {FLAG_CAPS[FlagKind.injection]:g}.",
            )
        )
    return flags


def _story_for_plan(sentences: Sequence[_Sentence]) -> bool:
    """A question that asks for a plan (a first 90 days) answered with what happened once: most
    sentences narrate and none says what the candidate would do. A past story told in phases ("in
    my first month there I…; by day 60…") is the plan, shown, and is not this; one moment named
    ("on day one") is not phases."""
    phased = sum(1 for item in sentences if signals.PHASE_RE.search(item.normal))
    if not sentences or phased >= 2 or any(signals.PLAN_SENTENCE_RE.search(item.normal) for item in sentences):
        return False
    narrated = sum(1 for item in sentences if item.told or signals.narrates(item.normal))
    return narrated >= STORY_FOR_PLAN_SHARE * len(sentences)


def _vague_message(hedged: Sequence[_Sentence]) -> str:
    """Shows the candidate their own most general sentence, so "vague" is something they can see."""
    if not hedged:
        return _ADVICE.vague_no_example
    most = max(hedged, key=lambda item: len(signals.HEDGE_RE.findall(item.normal)))
    return _ADVICE.vague.replace("{example}", most.sentence.text)


def _reads_as_keyword_list(text: str, sentences: Sequence[_Sentence]) -> bool:
    """Sentences are held together by small words ("the", "I", "to"); a keyword list has almost
    none, and its pieces are a few words long."""
    tokens = [token for item in sentences for token in item.sentence.words]
    if not tokens:
        return False
    function_share = sum(token in _STOP_WORDS for token in tokens) / len(tokens)
    if function_share >= 0.22:
        return False
    longest = max(word_count(piece) for piece in signals.LIST_SEPARATOR_RE.split(text))
    return function_share < 0.12 or longest <= 4


# --- scoring ------------------------------------------------------------------------------


def _criteria_credit(criteria: Sequence[CriterionResult]) -> float:
    if not criteria:
        return 0.0
    value = {CriterionStatus.covered: 1.0, CriterionStatus.partial: 0.5, CriterionStatus.missing: 0.0}
    return sum(value[result.status] for result in criteria) / len(criteria)


def _covered_share(criteria: Sequence[CriterionResult]) -> float:
    return sum(result.status == CriterionStatus.covered for result in criteria) / len(criteria) if criteria else 0.0


def _specificity_credit(spec: Specificity, kind: QuestionType) -> float:
    weights = SPECIFICITY_WEIGHTS[kind]
    return (
        weights["numbers"] * min(len(spec.numbers), 3) / 3
        + weights["own_actions"] * min(spec.first_person_actions, 3) / 3
        + weights["obstacle"] * bool(spec.obstacles)
        + weights["lesson"] * bool(spec.lessons)
        + weights["actions"] * min(spec.first_person_actions + spec.we_actions, 5) / 5
    )


def _length_credit(count: int) -> float:
    """An interview answer lands best at one to three minutes."""
    minutes = count / WORDS_PER_MINUTE
    if minutes < 0.4:
        return 0.2
    if minutes < 0.9:
        return 0.6
    if minutes <= 3.5:
        return 1.0
    return 0.8 if minutes <= 5 else 0.6


def _half(value: float) -> float:
    return math.floor(value * 2 + 0.5) / 2


# --- words for people ---------------------------------------------------------------------


def _reasons(
    criteria: Sequence[CriterionResult],
    star: Star,
    structure_found: dict[str, bool],
    spec: Specificity,
    role_level: RoleLevel,
    unmet: Sequence[_Role],
    flags: Sequence[Flag],
) -> list[str]:
    count = {status: sum(r.status == status for r in criteria) for status in CriterionStatus}
    reasons = [
        f"Areas to cover: {count[CriterionStatus.covered]} covered, {count[CriterionStatus.partial]} partly, "
        f"{count[CriterionStatus.missing]} missing (of {len(criteria)})."
    ]
    if star.applicable:
        present = [name for name, part in star.parts().items() if part.present]
        missing = [name for name, part in star.parts().items() if not part.present]
        reasons.append(
            f"STAR: {len(present)} of 4 parts" + (f"; missing {', '.join(missing)}." if missing else ", all present.")
        )
    else:
        shown = [name for name, found in structure_found.items() if found]
        *others, last = structure_found
        parts = ", ".join(shown) if shown else "no " + (f"{', '.join(others)} or {last}" if others else last)
        reasons.append(f"Structure: {parts} (a situational question: STAR is not scored).")
    reasons.append(
        f'Specifics: {len(spec.numbers)} figure(s), {spec.first_person_actions} action(s) with "I", '
        f'{spec.we_actions} with "we", {"an obstacle" if spec.obstacles else "no obstacle"}, '
        f"{'a lesson' if spec.lessons else 'no lesson'}."
    )
    reasons.append(
        f"Length: {spec.word_count} words, about {spoken_clock(spec.speaking_seconds)} spoken "
        f"at {WORDS_PER_MINUTE} words a minute."
    )
    label = role_level.value.replace("_", " ")
    if not _answers_this(criteria, flags):
        reasons.append(f"Not yet judged against what is expected at {label} level: first answer the question asked.")
    elif unmet:
        reasons.append(f"At {label} level, still expected: {'; '.join(role.expectation for role in unmet)}.")
    else:
        reasons.append(f"Meets what is expected at {label} level.")
    return reasons


def _answers_this(criteria: Sequence[CriterionResult], flags: Sequence[Flag]) -> bool:
    """Only an answer to this question that shows at least one of its areas has strengths to
    name or a level to meet: praise for the structure of an answer to something else misleads."""
    return not any(flag.kind in MISDIRECTED_FLAGS for flag in flags) and any(
        result.status == CriterionStatus.covered for result in criteria
    )


def _strengths(
    criteria: Sequence[CriterionResult], star: Star, spec: Specificity, structure_found: dict[str, bool]
) -> list[str]:
    strengths: list[str] = []
    covered = [r for r in criteria if r.status == CriterionStatus.covered]
    if covered and len(covered) >= len(criteria) / 2:
        strengths.append(f'Covers {len(covered)} of {len(criteria)} areas, e.g. "{covered[0].text}".')
    if star.applicable and star.hit_count() == 4:
        strengths.append("A complete STAR story: situation, task, action and result are all there.")
    if not star.applicable:
        strengths.extend(STRUCTURE_CHECKS[name][0] + "." for name, found in structure_found.items() if found)
    if spec.numbers:
        strengths.append(f"Quantified: {', '.join(spec.numbers[:4])}.")
    if spec.first_person_actions >= 3:
        strengths.append(f"Clear ownership: {spec.first_person_actions} actions in the first person.")
    if spec.obstacles:
        strengths.append("Names an obstacle instead of a smooth success story.")
    if spec.lessons:
        strengths.append("Reflects on what was learned.")
    return strengths


def _improvements(
    question: Question,
    criteria: Sequence[CriterionResult],
    star: Star,
    structure_found: dict[str, bool],
    spec: Specificity,
    unmet: Sequence[_Role],
    flags: Sequence[Flag],
) -> list[str]:
    improvements = [flag.message for flag in flags if flag.kind in ADVICE_FLAGS]
    for result in criteria:
        if result.status == CriterionStatus.missing:
            probe = next((f.text for f in question.follow_ups if result.criterion_id in f.targets), None)
            # Where the grader doubts its own "missing", it does not tell the candidate the answer
            # lacks it: it asks them to make it plain.
            doubted = result.confidence is not None and result.confidence < DOUBT_BELOW
            said = _ADVICE.make_plain if doubted else _ADVICE.cover_missing
            improvements.append(
                said.replace("{area}", result.text) + (f' An interviewer would ask: "{probe}"' if probe else "")
            )
    go_further = _ADVICE.go_further_story if star.applicable else _ADVICE.go_further_plan
    for result in criteria:
        if result.status == CriterionStatus.partial:
            improvements.append(go_further.replace("{area}", result.text))
    if star.applicable:
        improvements.extend(STAR_ADVICE[name] for name, part in star.parts().items() if not part.present)
    else:
        improvements.extend(STRUCTURE_CHECKS[name][1] for name, found in structure_found.items() if not found)
    asked_for_own_part = bool(spec.word_count) and spec.first_person_actions < 2 and spec.we_actions >= 2
    if spec.word_count:
        if not spec.numbers:
            improvements.append("Put numbers on it: a before and after, a percentage, a time frame, a team size.")
        if asked_for_own_part:
            improvements.append('Say which parts YOU did: "we" is fine for context, but the interviewer is hiring you.')
        if star.applicable and not spec.obstacles:
            improvements.append(
                "Name the hardest obstacle (pushback, a constraint, a setback) and how you got past it."
            )
        if star.applicable and not spec.lessons:
            improvements.append("Close with what you learned and what you do differently since.")
        if spec.speaking_seconds > 3.5 * 60:
            improvements.append("Tighten it to about two or three minutes: lead with the result, cut the background.")
    for role in unmet:
        if not (role.name == "ownership" and asked_for_own_part):  # said above, in other words
            improvements.append(f"Show {role.expectation}.")
    return improvements
