"""Delivery measures from word timings, on hand-made transcripts whose truth is known exactly."""

from practice.voice.delivery import measure
from practice.voice.models import Pace, TimedWord, Transcript


def spoken(
    *stretches: tuple[float, str], seconds_per_word: float = 0.4, audio_seconds: float | None = None
) -> Transcript:
    """Each stretch starts at its time and says its words evenly, one every `seconds_per_word`."""
    words: list[TimedWord] = []
    for start, text in stretches:
        for index, word in enumerate(text.split()):
            at = start + index * seconds_per_word
            words.append(TimedWord(text=word, start=at, end=at + seconds_per_word))
    end = words[-1].end if words else 0.0
    return Transcript(
        text=" ".join(t for _, t in stretches), words=words, audio_seconds=audio_seconds or end + 1, model="test"
    )


def test_pace_leaves_long_pauses_out_of_speaking_time() -> None:
    # 10 words in 4 s, a 5 s pause, 10 words in 4 s: 20 words in 8 s of speech is 150 wpm.
    transcript = spoken((1.0, "one two three four five six seven eight nine ten"), (10.0, "a b c d e f g h i j"))

    delivery = measure(transcript)

    assert delivery.speaking_seconds == 8.0
    assert delivery.words_per_minute == 150.0
    assert delivery.pace == Pace.comfortable
    assert [(p.start, p.seconds, p.after) for p in delivery.pauses] == [(5.0, 5.0, "seven eight nine ten")]
    assert delivery.longest_pause_seconds == 5.0
    assert delivery.seconds_before_first_word == 1.0


def test_pace_outside_the_band_is_named() -> None:
    fast = measure(spoken((0.0, " ".join(["word"] * 20)), seconds_per_word=0.25))
    slow = measure(spoken((0.0, " ".join(["word"] * 20)), seconds_per_word=0.6))

    assert (fast.words_per_minute, fast.pace) == (240.0, Pace.fast)
    assert (slow.words_per_minute, slow.pace) == (100.0, Pace.slow)
    assert "fast: a comfortable pace is 120–160" in fast.lines()[1]


def test_a_pause_at_the_threshold_is_not_long() -> None:
    delivery = measure(spoken((0.0, "one two"), (2.8, "three four")))  # a 2.0 s gap

    assert delivery.pauses == []
    assert delivery.longest_pause_seconds == 2.0


def test_fillers_per_minute_over_speaking_time() -> None:
    delivery = measure(spoken((0.0, "um we had, uh, a backlog and, like, no plan so I basically rebuilt it")))

    assert delivery.filler_counts() == {"um": 1, "uh": 1, "like": 1, "basically": 1}
    assert delivery.fillers_per_minute == round(4 / (15 * 0.4 / 60), 1)


def test_a_short_last_stretch_after_a_long_pause_is_a_trail_off() -> None:
    delivery = measure(spoken((0.0, "I would start by listening to the customer first"), (8.0, "and yeah")))

    assert delivery.trail_off is not None
    assert delivery.trail_off.at_seconds == 3.6
    assert delivery.trail_off.after == "to the customer first"
    assert "2 words came after a 4.4 s pause" in delivery.trail_off.reason


def test_ending_on_a_filler_is_a_trail_off_and_a_full_ending_is_not() -> None:
    ends_on_filler = measure(spoken((0.0, "we shipped it and then um")))
    full = measure(spoken((0.0, "we shipped it"), (5.0, "and the queue fell by half within a quarter")))

    assert ends_on_filler.trail_off is not None and ends_on_filler.trail_off.reason == "it ended on a filler"
    assert full.trail_off is None


def test_silence_is_measured_without_failing() -> None:
    delivery = measure(Transcript(text="", words=[], audio_seconds=4.0, model="test"))

    assert (delivery.word_count, delivery.words_per_minute, delivery.seconds_before_first_word) == (0, 0.0, 4.0)
    assert delivery.lines()[0].startswith("Speaking time 0:00 of 0:04")


def test_punctuation_alone_is_no_word() -> None:
    transcript = Transcript(
        text="yes — done",
        words=[
            TimedWord(text="yes", start=0, end=0.5),
            TimedWord(text="—", start=0.5, end=0.6),
            TimedWord(text="done", start=0.6, end=1.0),
        ],
        audio_seconds=1.0,
        model="test",
    )

    assert measure(transcript).word_count == 2
