"""What a spoken answer leaves behind: the timed words, and the delivery measured from them.

`Delivery` is stored with the answer in a session, so it is a plain pydantic model with no
dependency on the speech extra, and it is versioned like Feedback.
"""

from __future__ import annotations

from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from practice.grading.feedback import Feedback
from practice.grading.text import spoken_clock

DELIVERY_SCHEMA_VERSION = 1


class Model(BaseModel):
    model_config = ConfigDict(extra="forbid", defer_build=True)


class TimedWord(Model):
    """One word as the recogniser heard it: its text keeps the punctuation it came with, since a
    comma around 'like' is part of what makes it a filler."""

    text: str
    start: float = Field(ge=0)
    end: float = Field(ge=0)
    probability: float | None = Field(default=None, ge=0, le=1)


class Transcript(Model):
    text: str
    words: list[TimedWord] = Field(default_factory=list)
    audio_seconds: float = Field(ge=0)
    model: str = Field(description="Which speech model heard it, e.g. tiny.en.")


class Pace(StrEnum):
    slow = "slow"
    comfortable = "comfortable"
    fast = "fast"


class Pause(Model):
    start: float = Field(description="Seconds into the recording.")
    seconds: float
    after: str = Field(description="The words just before the pause, so the candidate can find it.")


class FillerUse(Model):
    phrase: str = Field(description="The filler as listed, e.g. 'um' for 'umm'.")
    heard: str = Field(description="What was said.")
    at_seconds: float


class TrailOff(Model):
    at_seconds: float
    after: str = Field(description="The words before the answer trailed off.")
    reason: str


class Delivery(Model):
    """How the answer was spoken. Speaking time leaves out long pauses, so a candidate who
    stops to think is not told they speak slowly."""

    schema_version: int = DELIVERY_SCHEMA_VERSION
    audio_seconds: float
    speaking_seconds: float
    word_count: int
    words_per_minute: float
    pace: Pace
    comfortable_wpm: tuple[int, int]
    fillers: list[FillerUse] = Field(default_factory=list)
    fillers_per_minute: float
    pauses: list[Pause] = Field(default_factory=list, description="Pauses over the long-pause threshold.")
    long_pause_seconds: float = Field(description="The threshold used for `pauses`.")
    longest_pause_seconds: float
    seconds_before_first_word: float
    trail_off: TrailOff | None = None
    model: str

    def filler_counts(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for use in self.fillers:
            counts[use.phrase] = counts.get(use.phrase, 0) + 1
        return counts

    def lines(self) -> list[str]:
        """The measures in words, one line each, the same on the screen, in `practice grade` and
        in exports."""
        low, high = self.comfortable_wpm
        pace_note = {
            Pace.comfortable: "comfortable",
            Pace.slow: f"slow: a comfortable pace is {low}–{high}",
            Pace.fast: f"fast: a comfortable pace is {low}–{high}",
        }[self.pace]
        counts = self.filler_counts()
        filler_detail = ", ".join(
            f"{phrase} ×{n}" for phrase, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
        )
        lines = [
            f"Speaking time {spoken_clock(self.speaking_seconds)} of {spoken_clock(self.audio_seconds)} recorded; "
            f"{self.word_count} words",
            f"Pace: {self.words_per_minute:.0f} words per minute ({pace_note})",
            f"Fillers: {len(self.fillers)} ({self.fillers_per_minute:.1f} per minute)"
            + (f": {filler_detail}" if filler_detail else ""),
            f"Time before the first word: {self.seconds_before_first_word:.1f} s",
        ]
        if self.pauses:
            where = "; ".join(
                f"{p.seconds:.1f} s at {spoken_clock(p.start)} after \u201c{p.after}\u201d" for p in self.pauses
            )
            lines.append(f"Pauses over {self.long_pause_seconds:g} s: {len(self.pauses)} ({where})")
        else:
            lines.append(
                f"Pauses over {self.long_pause_seconds:g} s: none (longest {self.longest_pause_seconds:.1f} s)"
            )
        if self.trail_off:
            lines.append(
                f"Trailed off at {spoken_clock(self.trail_off.at_seconds)} after "
                f"\u201c{self.trail_off.after}\u201d: {self.trail_off.reason}"
            )
        return lines


class SpokenTake(Model):
    """One recording that went into the answer box: the words as heard, so the engine can tell
    whether the answer still is what was said, and the delivery measured on them. Kept in the
    draft, so a resume (or "Finish and grade") still knows how the answer was spoken."""

    heard: str = Field(min_length=1)
    delivery: Delivery


class SpokenAnswer(Model):
    """A spoken answer as `practice grade --audio` reports it and the TUI keeps it."""

    transcript: Transcript
    delivery: Delivery


class SpokenGrade(Model):
    """`practice grade --audio --json`: the feedback on the transcript, with what was heard and how."""

    feedback: Feedback
    spoken: SpokenAnswer
