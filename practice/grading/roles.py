"""The part of an answer a criterion asks for, so that its evidence is a sentence playing that part.

Concept overlap alone quotes the sentence that mentions the most of a criterion's words, and the
words of a story repeat from part to part: "customer outcomes" is in the goal and the result,
"metric" in the action and the lesson. A reader judges a quote by whether it plays the part the
criterion asks for — the situation, the goal, the actions, the result, the lesson, what stood in
the way, what made it last — so each criterion is read for those parts (from a table of cue words
in the language data file, see `knowledge`) and each sentence is read for the parts it plays (by
`signals.sentence_cues`), and a sentence's match with a criterion gains when the two agree and
loses when they clearly do not.
"""

from __future__ import annotations

import re
from functools import lru_cache

from practice.grading import knowledge

ROLES = frozenset({"situation", "task", "action", "result", "lesson", "obstacle", "sustain"})
AGREEMENT_BONUS = knowledge.tuning().role_agreement_bonus
"""Added to a sentence's concept overlap when it plays the part(s) the criterion asks for."""
CONFLICT_PENALTY = knowledge.tuning().role_conflict_penalty
"""Taken off when the sentence plays parts, none of them the one asked for (a goal quoted as a
result). A sentence that plays no recognisable part is neither helped nor hurt."""

_PHASE = {"situation": 0, "task": 0, "action": 1, "obstacle": 1, "result": 2, "lesson": 2, "sustain": 2}
"""Where in a story each part belongs: before, during, after."""
_CUE_ROLES = {cue.phrase: tuple(cue.roles) for cue in knowledge.language().criterion_role_cues}
_CUE_RE = re.compile(
    r"(?<![\w-])(?:"
    + "|".join(re.escape(cue) for cue in sorted(_CUE_ROLES, key=lambda cue: (-len(cue), cue)))
    + r")(?![\w-])"
)
_FRAME_RE = re.compile(
    r"\b(?:" + "|".join(re.escape(frame) for frame in knowledge.language().criterion_action_frames) + r")\b"
)


@lru_cache(maxsize=4096)
def asked_for(criterion: str) -> frozenset[str]:
    """The parts of an answer a criterion asks for; empty when its wording names none ("clarity")."""
    text = criterion.lower().replace("’", "'")
    found: set[str] = set()
    for match in _CUE_RE.finditer(text):
        found.update(_CUE_ROLES[match.group()])
    if not found and _FRAME_RE.search(text):
        found.add("action")
    return frozenset(found)


@lru_cache(maxsize=4096)
def fit(asked: frozenset[str], played: frozenset[str]) -> float | None:
    """How much a sentence's part(s) add to, or take from, its match with a criterion; None when
    the sentence is from the other end of the story (the scene quoted for how a change lasted, a
    result quoted for what prompted it): then it is no evidence at all, whatever words it shares."""
    played = played & ROLES
    if not asked or not played:
        return 0.0
    if asked & played:
        # The clearest quote plays exactly the part(s) asked: both parts of "Resistance … and how
        # they addressed it", and for "mapping the process" the mapping, not the sentence that
        # also says how the change was kept.
        return AGREEMENT_BONUS * len(asked & played) / len(asked | played)
    distance = min(abs(_PHASE[wanted] - _PHASE[part]) for wanted in asked for part in played)
    return None if distance >= 2 else -CONFLICT_PENALTY
