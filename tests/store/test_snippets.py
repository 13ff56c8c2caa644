"""Where a search matched, found as the full-text index finds it: each word as a word or the
start of one, any case; the window around the first match cut at spaces, ends marked."""

from __future__ import annotations

from practice.store.snippets import ELLIPSIS, matches_all, query_words, snippet


def test_the_words_of_a_search_are_its_word_characters_only() -> None:
    assert query_words('"nine" OR days* [b]') == ["nine", "OR", "days", "b"]


def test_every_word_must_start_a_word_of_the_text() -> None:
    text = "Refund time went from nine days to two."
    assert matches_all(text, ["ref", "DAY"])
    assert not matches_all(text, ["und"])  # inside a word, as the index reads it: no match
    assert not matches_all(text, ["nine", "weeks"])
    assert not matches_all(text, [])


def test_one_word_of_the_text_can_answer_two_of_the_search() -> None:
    assert matches_all("customers", ["cu", "customer"])
    assert not matches_all("customers", ["cut", "customer"])


def test_the_window_marks_each_match_and_its_cut_ends() -> None:
    text = "x" * 50 + " before the refund queue we cut refunds in half and then " + "y" * 80
    pieces = snippet(text, ["refund"], width=60)
    assert pieces[0] == (ELLIPSIS, False) and pieces[-1] == (ELLIPSIS, False)
    assert [piece for piece, hit in pieces if hit] == ["refund", "refunds"]
    window = "".join(piece for piece, _ in pieces)
    assert window.startswith(ELLIPSIS + "before the refund")  # cut at a space, not inside the x's
    assert "y" not in window  # nor inside the y's
    assert len(window) <= 60 + 2


def test_a_short_answer_is_shown_whole_and_no_match_gives_nothing() -> None:
    assert snippet("We cut refunds.", ["refunds"]) == [("We cut ", False), ("refunds", True), (".", False)]
    assert snippet("We cut refunds.", ["weeks"]) == []
