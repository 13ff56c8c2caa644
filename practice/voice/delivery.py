"""Delivery measured from a transcript's word timings: pace, fillers, pauses, the start and
the end of the answer. Pure arithmetic on the words, so it is tested without a recording."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from practice.voice.fillers import FillerFinder, tokens_of
from practice.voice.knowledge import DeliveryKnowledge, bundled_knowledge
from practice.voice.models import Delivery, Pace, Pause, TimedWord, TrailOff, Transcript

_CONTEXT_WORDS = 4


def measure(transcript: Transcript, knowledge: DeliveryKnowledge | None = None) -> Delivery:
    knowledge = knowledge or bundled_knowledge()
    words = [w for w, token in zip(transcript.words, _kept(transcript.words), strict=True) if token]
    band = (knowledge.pace.comfortable_min_wpm, knowledge.pace.comfortable_max_wpm)
    fillers = FillerFinder(knowledge).find(words)
    if not words:
        return Delivery(
            audio_seconds=transcript.audio_seconds,
            speaking_seconds=0.0,
            word_count=0,
            words_per_minute=0.0,
            pace=Pace.slow,
            comfortable_wpm=band,
            fillers_per_minute=0.0,
            long_pause_seconds=knowledge.long_pause_seconds,
            longest_pause_seconds=0.0,
            seconds_before_first_word=transcript.audio_seconds,
            model=transcript.model,
        )
    gaps = [
        (index, after.start - before.end) for index, (before, after) in enumerate(itertools.pairwise(words), start=1)
    ]
    long_gaps = [(index, gap) for index, gap in gaps if gap > knowledge.long_pause_seconds]
    pauses = [
        Pause(start=words[index - 1].end, seconds=round(gap, 2), after=_before(words, index))
        for index, gap in long_gaps
    ]
    span = words[-1].end - words[0].start
    speaking = max(span - sum(gap for _, gap in long_gaps), 0.0)
    minutes = speaking / 60
    wpm = len(words) / minutes if minutes else 0.0
    return Delivery(
        audio_seconds=round(transcript.audio_seconds, 2),
        speaking_seconds=round(speaking, 2),
        word_count=len(words),
        words_per_minute=round(wpm, 1),
        pace=_pace(wpm, band),
        comfortable_wpm=band,
        fillers=fillers,
        fillers_per_minute=round(len(fillers) / minutes, 1) if minutes else 0.0,
        pauses=pauses,
        long_pause_seconds=knowledge.long_pause_seconds,
        longest_pause_seconds=round(max((gap for _, gap in gaps), default=0.0), 2),
        seconds_before_first_word=round(words[0].start, 2),
        trail_off=_trail_off(
            words,
            long_gaps,
            fillers_at_end=bool(fillers) and fillers[-1].at_seconds >= words[-1].start,
            knowledge=knowledge,
        ),
        model=transcript.model,
    )


def combine(deliveries: Sequence[Delivery]) -> Delivery:
    """Takes recorded one after another for one answer, as one delivery: each take's times move
    on by the audio before it, and the microphone's stop between two takes is no pause (the
    candidate chose it), so only pauses within a take count."""
    first, last = deliveries[0], deliveries[-1]
    if len(deliveries) == 1:
        return first
    offsets = [0.0, *itertools.accumulate(d.audio_seconds for d in deliveries[:-1])]
    speaking = sum(d.speaking_seconds for d in deliveries)
    words = sum(d.word_count for d in deliveries)
    minutes = speaking / 60
    wpm = words / minutes if minutes else 0.0
    fillers = [
        use.model_copy(update={"at_seconds": round(use.at_seconds + offset, 2)})
        for d, offset in zip(deliveries, offsets, strict=True)
        for use in d.fillers
    ]
    trail_off = last.trail_off
    return Delivery(
        audio_seconds=round(sum(d.audio_seconds for d in deliveries), 2),
        speaking_seconds=round(speaking, 2),
        word_count=words,
        words_per_minute=round(wpm, 1),
        pace=_pace(wpm, first.comfortable_wpm),
        comfortable_wpm=first.comfortable_wpm,
        fillers=fillers,
        fillers_per_minute=round(len(fillers) / minutes, 1) if minutes else 0.0,
        pauses=[
            pause.model_copy(update={"start": round(pause.start + offset, 2)})
            for d, offset in zip(deliveries, offsets, strict=True)
            for pause in d.pauses
        ],
        long_pause_seconds=first.long_pause_seconds,
        longest_pause_seconds=max(d.longest_pause_seconds for d in deliveries),
        seconds_before_first_word=first.seconds_before_first_word,
        trail_off=trail_off.model_copy(update={"at_seconds": round(trail_off.at_seconds + offsets[-1], 2)})
        if trail_off
        else None,
        model=", ".join(dict.fromkeys(d.model for d in deliveries)),
    )


def _kept(words: list[TimedWord]) -> list[bool]:
    """Words that are only punctuation ("—", "...") are no words."""
    return [bool(tokens_of([w])) for w in words]


def _pace(wpm: float, band: tuple[int, int]) -> Pace:
    if wpm < band[0]:
        return Pace.slow
    return Pace.fast if wpm > band[1] else Pace.comfortable


def _before(words: list[TimedWord], index: int) -> str:
    """The few words before words[index], as said, so a pause or a trail-off can be found."""
    return " ".join(w.text.strip() for w in words[max(0, index - _CONTEXT_WORDS) : index])


def _trail_off(
    words: list[TimedWord], long_gaps: list[tuple[int, float]], *, fillers_at_end: bool, knowledge: DeliveryKnowledge
) -> TrailOff | None:
    if long_gaps:
        index, gap = long_gaps[-1]
        tail = len(words) - index
        if tail <= knowledge.trail_off.max_tail_words:
            return TrailOff(
                at_seconds=round(words[index - 1].end, 2),
                after=_before(words, index),
                reason=f"only {tail} word{'s' if tail != 1 else ''} came after a {gap:.1f} s pause",
            )
    if fillers_at_end:
        return TrailOff(
            at_seconds=round(words[-1].start, 2), after=_before(words, len(words) - 1), reason="it ended on a filler"
        )
    return None
