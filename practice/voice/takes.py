"""Which recordings an answer still holds, and the delivery they add up to.

A recording lands in the answer box, and the candidate may then correct misheard words, type
around them, or replace them. Its delivery (pace, fillers, pauses) was measured on what was
said, so it stays with the answer while the answer still is mostly what was said: at least the
knowledge's `min_share_of_words` of the take's words are still there, in order. A take whose
words were replaced no longer tells how the answer was delivered, and is left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from difflib import SequenceMatcher

from practice.voice.delivery import combine
from practice.voice.knowledge import DeliveryKnowledge, bundled_knowledge
from practice.voice.models import Delivery, SpokenTake

_WORD = re.compile(r"[\w']+")


def _words(text: str) -> list[str]:
    return _WORD.findall(text.lower().replace("\u2019", "'"))


def share_kept(heard: str, text: str) -> float:
    """The share of the heard words still in `text`, in their order (0 when nothing was heard)."""
    said = _words(heard)
    if not said:
        return 0.0
    matcher = SequenceMatcher(None, said, _words(text), autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / len(said)


def kept_takes(takes: Sequence[SpokenTake], text: str, knowledge: DeliveryKnowledge | None = None) -> list[SpokenTake]:
    least = (knowledge or bundled_knowledge()).kept_through_edits.min_share_of_words
    return [take for take in takes if share_kept(take.heard, text) >= least]


def delivery_of(takes: Sequence[SpokenTake], text: str, knowledge: DeliveryKnowledge | None = None) -> Delivery | None:
    """The delivery stored with an answer of this text: that of the takes it still holds, as one."""
    kept = kept_takes(takes, text, knowledge)
    return combine([take.delivery for take in kept]) if kept else None
