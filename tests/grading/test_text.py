"""Sentences are exact slices of the answer, so evidence can always be quoted verbatim."""

from __future__ import annotations

import pytest

from practice.grading.text import split_sentences, stem, word_count, words


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I led. We won!  Did it work? Yes.", ["I led.", "We won!", "Did it work?", "Yes."]),
        (
            "CSAT rose to 4.5 from 3.9, e.g. in Q3. Then it held.",
            ["CSAT rose to 4.5 from 3.9, e.g. in Q3.", "Then it held."],
        ),
        ("He said “we’re done.” Then left.", ["He said “we’re done.”", "Then left."]),
        (
            "Steps:\n- audit tickets\n- set SLAs\n1) hire\n2) train",
            ["Steps:", "- audit tickets", "- set SLAs", "1) hire", "2) train"],
        ),
        ("first paragraph\n\nsecond paragraph", ["first paragraph", "second paragraph"]),
        ("windows paragraph\r\n\r\nnext one\r\n", ["windows paragraph", "next one"]),
        ("a line wrapped\nat eighty columns.", ["a line wrapped\nat eighty columns."]),
        ("  \n ... !!! \n", []),
    ],
)
def test_sentences(text: str, expected: list[str]) -> None:
    sentences = split_sentences(text)
    assert [s.text for s in sentences] == expected
    for sentence in sentences:
        assert text[sentence.start : sentence.end] == sentence.text


def test_word_count_counts_figures_and_contractions_as_words() -> None:
    assert word_count("I didn't cut 1,200 tickets by 35% — we did.") == 9


def test_stemming_keeps_domain_words_apart() -> None:
    assert stem("customers") == stem("customer") != stem("custom")
    assert stem("underlying") != stem("under")
    assert stem("experiments") != stem("experience")
    assert stem("resisted") == stem("resistance") == stem("resist")


def test_an_acronyms_plural_is_read_as_the_acronym() -> None:
    # The stemmer keeps the s after a vowel, so "KPIs" never met "kpi" in a vocabulary.
    assert [stem(word) for word in words("We set KPIs, SLAs and QBRs")] == ["we", "set", "kpi", "sla", "and", "qbr"]
    assert words("Its IDs, his bus") == ["its", "id", "his", "bus"]
