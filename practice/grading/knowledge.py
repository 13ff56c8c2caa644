"""The grader's knowledge, read from validated data files: the language of answers (cue phrases for
STAR parts, lessons, obstacles, plans; stop words; how criteria are worded), the tuning of the
score, and one vocabulary per field (concepts whose words mean the same thing in answers).

Knowledge is data so that a coach can read and extend it, and so that a bank from another field
is graded with its own words, or with the field-neutral vocabulary, not with customer support's.
Every file is checked by a pydantic model; a broken file is a `BadInputError` that names the
file, the place (JSON path and line) and what is wrong, like a broken bank.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import Annotated, Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from practice.datafiles import read_validated, shipped_data, vocabulary_names
from practice.errors import BadInputError

NEUTRAL = "neutral"
"""The vocabulary of a bank that names none."""

CueName = Literal[
    "situation",
    "scene_opening",
    "task",
    "achieved",
    "later",
    "later_opening",
    "sustain",
    "lesson",
    "finding",
    "obstacle",
    "phase",
    "step",
    "principle",
    "measure",
    "habitual",
    "habit_marker",
    "scene_time",
    "opinion",
    "plan_question",
    "reflective_question",
    "hedge",
    "filler",
    "finite_verb",
    "imprecise",
    "unreal",
    "plan_sentence",
]
_PLACEHOLDER_RE = re.compile(r"<([a-z_]+)>")
KNOWLEDGE_HINT = (
    "Fix that file: every grader data file is JSON checked against its model in practice/grading/knowledge.py."
)


Share = Annotated[float, Field(ge=0, le=1)]
"""A part of a whole: a threshold on a share of weight, of areas, of concepts."""
Weight = Annotated[float, Field(ge=0)]


class _Data(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)


class RoleCue(_Data):
    phrase: str = Field(min_length=1)
    roles: list[Literal["situation", "task", "action", "result", "lesson", "obstacle", "sustain"]]


class ActionWords(_Data):
    irregular_past: list[str] = Field(min_length=1)
    present: list[str] = Field(min_length=1)
    not_actions: list[str] = Field(min_length=1)
    adverbs: list[str] = Field(min_length=1)
    narration_past: list[str] = Field(min_length=1)
    """Past forms that tell something happened without being the candidate's action ("it was",
    "churn fell"): a sentence with one narrates."""
    not_past: list[str] = Field(min_length=1)
    """Words ending in -ed that are not past forms ("need", "hundred")."""
    told_frames: list[str] = Field(min_length=1)
    """Patterns that tell an action without an "I + past verb" ("What I did was get…", "Me and the
    manager went…"); the group that matched is the subject ("i", "me" or "we")."""
    not_implied: list[str] = Field(min_length=1)
    """Past forms that open a sentence without being an action told without its subject: a
    participle ("Based on…", "Frustrated, she…") or a brief ("Asked to lead…")."""
    not_present: list[str] = Field(min_length=1)
    """Words after "I" or "we" that never tell an action in a story told in the present ("I
    think", "we have", "I just"): states of mind, auxiliaries and adverbs."""
    same_form_past: list[str] = Field(min_length=1)
    """Verbs whose past is spelt as their present ("set", "put", "cut"): alone they do not tell
    whether something happened or is how the candidate always works."""


class StructureAdvice(_Data):
    phases: tuple[str, str]
    steps: tuple[str, str]
    principles: tuple[str, str]
    measurement: tuple[str, str]


class Advice(_Data):
    """What the grader tells a candidate: for a missing STAR part, for each plan-structure check
    (what it says when present, and when absent), and for a vague answer."""

    star: dict[Literal["situation", "task", "action", "result"], str]
    structure: StructureAdvice
    vague: str = Field(pattern=r"\{example\}")
    vague_no_example: str
    story_for_plan: str = Field(pattern=r"\{question\}")
    go_further_story: str = Field(pattern=r"\{area\}")
    """For an area only touched on, in a story question."""
    go_further_plan: str = Field(pattern=r"\{area\}")
    """For an area only touched on, in a question about what one would do."""
    probably_covered: str
    """For a covered verdict the grader is unsure of."""
    touched_on_doubt: str
    """For a touched-on verdict the grader is unsure of."""
    missing_but_near: str = Field(pattern=r"\{sentence\}")
    """For an area not found, with the sentence that came nearest."""
    missing_in_other_words: str
    """For an area not found in an answer specific enough that it may be there in other words."""
    cover_missing: str = Field(pattern=r"\{area\}")
    """For an area the answer does not address."""
    make_plain: str = Field(pattern=r"\{area\}")
    """For an area not found where the grader doubts it is really absent."""


class Spelling(_Data):
    doc: str = ""
    suffixes: list[tuple[str, str]]
    words: dict[str, str]
    min_length: int = Field(ge=1)


WORD_START = r"\b(?=[\w'])"
"""Where a cue starts: where a word (or a contraction, "'ve") starts. Said as a lookahead, it lets
the matcher pass over every other position of a sentence without trying each alternative there."""


class Language(_Data):
    """How people say things in any interview answer, whatever the field."""

    schema_version: Literal[1]
    cues_doc: str = ""
    stop_words: list[str]
    criterion_boilerplate: list[str]
    instruction_verbs: list[str]
    criterion_role_cues: list[RoleCue]
    criterion_action_frames: list[str]
    criterion_verb_concepts: dict[str, list[str]]
    actions: ActionWords
    change_verbs: list[str] = Field(min_length=1)
    cues: dict[CueName, list[str]]
    units: list[str]
    number_words: list[str]
    number_change_words: list[str]
    not_counted: list[str] = Field(min_length=1)
    """Words ending in -s that a number word before them does not count ("two of us", "three
    was"): any other plural after a number word is a count, whatever it counts."""
    spelling: Spelling
    stem_exceptions: dict[str, str]
    stem_exceptions_doc: str = ""
    role_statements: list[str]
    """"I led a team of 12" tells who the candidate was (the scene), not what they did."""
    advice: Advice

    @model_validator(mode="after")
    def _cues_compile(self) -> Language:
        missing = sorted(set(get_args(CueName)) - set(self.cues))
        if missing:
            raise ValueError(f"cues: missing {', '.join(missing)}")
        for name, alternatives in self.cues.items():
            for index, alternative in enumerate(alternatives):
                try:
                    re.compile(self.expand(alternative))
                except (re.error, KeyError) as error:
                    raise ValueError(f"cues.{name}[{index}]: not a valid pattern ({error}): {alternative!r}") from None
        for index, statement in enumerate(self.role_statements):
            try:
                re.compile(statement)
            except re.error as error:
                raise ValueError(f"role_statements[{index}]: not a valid pattern ({error}): {statement!r}") from None
        return self

    def expand(self, alternative: str) -> str:
        """A cue with its placeholders (<change_verbs>, <irregular_past>) filled in."""
        lists = {"change_verbs": self.change_verbs, "irregular_past": self.actions.irregular_past}
        return _PLACEHOLDER_RE.sub(lambda match: "|".join(lists[match.group(1)]), alternative)

    def pattern(self, name: CueName, *, prefix: str = WORD_START) -> re.Pattern[str]:
        """The cue's alternatives as one pattern, starting where a word starts unless told."""
        return re.compile(prefix + "(?:" + "|".join(self.expand(item) for item in self.cues[name]) + ")")


class Tuning(_Data):
    """Weights and thresholds of the offline score; `doc` says what each one does."""

    schema_version: Literal[1]
    doc: dict[str, str] = Field(default_factory=dict)
    score_weights: dict[Literal["criteria", "shape", "specificity", "length"], float]
    specificity_weights: dict[
        Literal["behavioral", "situational"],
        dict[Literal["numbers", "own_actions", "obstacle", "lesson", "actions"], float],
    ]
    flag_caps: dict[
        Literal["empty", "too_short", "injection", "keyword_list", "off_topic", "other_question", "story_for_plan"],
        float,
    ]
    no_area_cap: float = Field(ge=1, le=5)
    max_graded_words: int = Field(gt=0)
    too_short_words: int = Field(ge=0)
    covered_at: Share
    partial_at: Share
    general_partial_at: Share
    sure_at: float = Field(gt=0, le=2)
    missing_doubt: Share
    doubt_below: Share
    pair_discount: Share
    head_bonus: Weight
    scene_problem_bonus: Weight
    distinct_margin: Weight
    spread_thin_at: int = Field(ge=2)
    off_topic_credit: Share
    off_topic_recall: Share
    off_topic_story_told: int = Field(ge=1)
    off_topic_story_recall: Share
    off_topic_story_covered: Share
    off_topic_story_credit: Share
    present_narration_at: int = Field(ge=1)
    role_penalty: Weight
    max_role_penalty: Weight
    max_listed: int = Field(gt=0)
    max_action_words: int = Field(gt=0)
    role_agreement_bonus: Weight
    role_credit: Share
    role_conflict_penalty: Weight
    word_weight: Weight
    generic_weight: Weight
    topic_text_boost: Weight
    topic_common_share: Share
    topic_repeat_cap: float = Field(ge=1)
    other_contrast: Share
    other_contrast_other_track: Share
    other_shared_criteria: Share
    other_own_credit: Share
    story_for_plan_share: Share
    scene_fragment_words: int = Field(ge=1)
    vague_specificity: Share
    vague_hedges: int = Field(ge=1)

    @model_validator(mode="after")
    def _ordered(self) -> Tuning:
        if self.partial_at > self.covered_at:
            raise ValueError("partial_at is greater than covered_at")
        if not self.partial_at <= self.general_partial_at <= self.covered_at:
            raise ValueError("general_partial_at must lie between partial_at and covered_at")
        if abs(sum(self.score_weights.values()) - 1) > 1e-6:
            raise ValueError("score_weights must add up to 1")
        return self


class VocabularyFile(_Data):
    """One field's concepts: groups of words and phrases that mean the same thing in its answers.
    A vocabulary may extend another (customer support extends the neutral one): its groups add
    words to the groups of the same name."""

    schema_version: Literal[1]
    name: str = Field(pattern=r"^[a-z0-9][a-z0-9_-]*$")
    description: str
    extends: str | None = None
    generic_concepts: list[str] = Field(default_factory=list)
    concepts: dict[str, list[str]]

    @field_validator("concepts")
    @classmethod
    def _no_empty_groups(cls, value: dict[str, list[str]]) -> dict[str, list[str]]:
        for name, entries in value.items():
            if not re.fullmatch(r"[a-z][a-z_]*", name):
                raise ValueError(f"concept name {name!r}: use lower-case letters and underscores")
            if not entries or any(not entry.strip() for entry in entries):
                raise ValueError(f"concept {name!r}: needs at least one word, and no empty ones")
        return value


class Vocabulary(_Data):
    """A vocabulary with what it extends merged in: what the grader reads."""

    name: str
    chain: tuple[str, ...]
    generic_concepts: frozenset[str]
    concepts: dict[str, tuple[str, ...]]


def _data_dir() -> Path:
    return shipped_data("grading")


@cache
def language() -> Language:
    return read_validated(_data_dir() / "language.json", Language, what="grader data file", hint=KNOWLEDGE_HINT)


@cache
def tuning() -> Tuning:
    return read_validated(_data_dir() / "tuning.json", Tuning, what="grader data file", hint=KNOWLEDGE_HINT)


def available_vocabularies() -> list[str]:
    return vocabulary_names(_data_dir())


@cache
def vocabulary(name: str | None = None) -> Vocabulary:
    """The named vocabulary merged with what it extends; None is the neutral one."""
    chain: list[VocabularyFile] = []
    wanted: str | None = name or NEUTRAL
    while wanted is not None:
        if wanted in (item.name for item in chain):
            raise BadInputError(f"grader vocabulary {wanted!r} extends itself", hint=KNOWLEDGE_HINT)
        path = _data_dir() / "vocabularies" / f"{wanted}.json"
        if not path.is_file():
            raise BadInputError(
                f"unknown grader vocabulary {wanted!r} (known: {', '.join(available_vocabularies())})",
                hint='Name one of those in the bank\'s "vocabulary", or leave it out for the field-neutral one.',
            )
        loaded = read_validated(path, VocabularyFile, what="grader data file", hint=KNOWLEDGE_HINT)
        if loaded.name != wanted:
            raise BadInputError(
                f"{path}: its name is {loaded.name!r}, not {wanted!r} as the file is called", hint=KNOWLEDGE_HINT
            )
        chain.append(loaded)
        wanted = loaded.extends
    merged: dict[str, list[str]] = {}
    generic: set[str] = set()
    for layer in reversed(chain):
        for concept, entries in layer.concepts.items():
            group = merged.setdefault(concept, [])
            group.extend(entry for entry in entries if entry not in group)
        generic.update(layer.generic_concepts)
    unknown = sorted(generic - set(merged))
    if unknown:
        raise BadInputError(
            f"grader vocabulary {name!r}: generic concepts {', '.join(unknown)} are not defined", hint=KNOWLEDGE_HINT
        )
    return Vocabulary(
        name=chain[0].name,
        chain=tuple(layer.name for layer in chain),
        generic_concepts=frozenset(generic),
        concepts={concept: tuple(entries) for concept, entries in sorted(merged.items())},
    )
