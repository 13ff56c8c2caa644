"""Sessions with spoken answers of known delivery, for the progress tests and snapshots."""

from __future__ import annotations

from datetime import datetime

from export.factory import build_session

from practice.interview.models import Session
from practice.voice.models import Delivery, FillerUse, Pace, Pause


def delivery(*, words: int, seconds: float, fillers: int = 0, pauses: int = 0) -> Delivery:
    wpm = words / (seconds / 60)
    return Delivery(
        audio_seconds=seconds + 2.5 * pauses + 1,
        speaking_seconds=seconds,
        word_count=words,
        words_per_minute=round(wpm, 1),
        pace=Pace.comfortable if 120 <= wpm <= 160 else Pace.slow if wpm < 120 else Pace.fast,
        comfortable_wpm=(120, 160),
        fillers=[FillerUse(phrase="um", heard="um", at_seconds=1.0 + n) for n in range(fillers)],
        fillers_per_minute=round(fillers / (seconds / 60), 1),
        pauses=[Pause(start=5.0 + 5 * n, seconds=2.5, after="and then") for n in range(pauses)],
        long_pause_seconds=2.0,
        longest_pause_seconds=2.5 if pauses else 1.0,
        seconds_before_first_word=1.0,
        model="tiny.en",
    )


def spoken_session(
    created_at: datetime, first: Delivery, second: Delivery | None = None, *, session_id: str | None = None
) -> Session:
    """build_session's sessions with the first attempt's main answer spoken (and, given
    `second`, the second attempt's too); the other answers typed."""
    session = build_session(created_at=created_at, session_id=session_id, reviewed=False)
    attempts = session.records[0].attempts
    attempts[0].answers[0].delivery = first
    if second is not None:
        attempts[1].answers[0].delivery = second
    return session
