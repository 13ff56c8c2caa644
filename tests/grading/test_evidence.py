"""find_quote returns the candidate's own words, forgiving only how a quote was retyped."""

from __future__ import annotations

import pytest

from practice.grading.evidence import find_quote

ANSWER = (
    "When I joined, our CSAT was 71%.  I “rebuilt” the on-call rota — and I didn't wait for approval.\n"
    "As a result, churn fell to 9% in Q3."
)


@pytest.mark.parametrize(
    ("quote", "expected"),
    [
        ("our CSAT was 71%.", "our CSAT was 71%."),
        ("OUR csat WAS 71%", "our CSAT was 71%"),
        ('I "rebuilt" the on-call rota - and I didn\'t wait', "I “rebuilt” the on-call rota — and I didn't wait"),
        ("71%. I", "71%.  I"),  # whitespace runs differ
        ("approval. As a result", "approval.\nAs a result"),  # a line break quoted as a space
        ("  “As a result, churn fell to 9% in Q3.”  ", "As a result, churn fell to 9% in Q3."),  # wrapped in quotes
        ("As a result, churn fell…", "As a result, churn fell"),  # cut short with an ellipsis
        ("As a result, churn fell to 9% in Q3!", "As a result, churn fell to 9% in Q3"),  # other end punctuation
    ],
)
def test_quotes_are_found_as_written_in_the_answer(quote: str, expected: str) -> None:
    found = find_quote(ANSWER, quote)
    assert found == expected
    assert found in ANSWER


@pytest.mark.parametrize(
    "quote",
    ["", "   ", "“”", "churn fell to 8%", "I rebuilt the rota", "our NPS was 71%", "CSAT was 71% and churn fell"],
)
def test_words_the_candidate_did_not_write_are_not_found(quote: str) -> None:
    assert find_quote(ANSWER, quote) is None


def test_case_folding_that_changes_length_still_maps_back() -> None:
    answer = "Die Straße war gesperrt, also rief ich an."
    assert find_quote(answer, "STRASSE war gesperrt") == "Straße war gesperrt"


def test_invisible_characters_in_the_answer_are_skipped() -> None:
    answer = "I re\u200bwrote the macros."
    assert find_quote(answer, "I rewrote the macros") == "I re\u200bwrote the macros"
