"""Token counts through tiktoken's real loading path with a small self-built encoding, the
estimate when no encoding is cached, and proof that tiktoken never reaches for the network."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

import pytest
import tiktoken.load

from practice.llm import pricing, tokens
from practice.llm.tokens import EncodingSource
from practice.llm.usage import TokenUsage

TINY_URL = "https://example.invalid/encodings/tiny.tiktoken"


def tiny_ranks() -> dict[bytes, int]:
    ranks = {bytes([b]): b for b in range(256)}
    for merged in (b"he", b"ll", b"hell", b"hello"):
        ranks[merged] = len(ranks)
    return ranks


def write_tiny_encoding(cache: Path, *, corrupt: bool = False) -> EncodingSource:
    """A .tiktoken file where tiktoken's cache looks for TINY_URL, and a source describing it."""
    data = b"".join(base64.b64encode(token) + b" " + str(rank).encode() + b"\n" for token, rank in tiny_ranks().items())
    sha256 = hashlib.sha256(data).hexdigest()
    (cache / hashlib.sha1(TINY_URL.encode()).hexdigest()).write_bytes(data + (b"garbage" if corrupt else b""))
    return EncodingSource(
        name="tiny",
        url=TINY_URL,
        sha256=sha256,
        build=lambda: {
            "name": "tiny",
            "pat_str": r"\S+|\s+",
            "mergeable_ranks": tiktoken.load.load_tiktoken_bpe(TINY_URL, expected_hash=sha256),
            "special_tokens": {},
        },
    )


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """tiktoken downloads through tiktoken.load.read_file; any call to it fails the test."""

    def refuse(blobpath: str) -> bytes:
        raise AssertionError(f"tiktoken tried to download {blobpath}")

    monkeypatch.setattr(tiktoken.load, "read_file", refuse)


def test_cached_encoding_is_loaded_through_tiktoken_and_counts_exactly(empty_tiktoken_cache: Path) -> None:
    source = write_tiny_encoding(empty_tiktoken_cache)

    counter = tokens.counter_for("gpt-4o", sources={"o200k_base": source})

    assert counter.estimated is False
    assert counter.count("hello hello") == 3  # "hello", " ", "hello"
    assert counter.count("help") == 3  # "he", "l", "p"
    assert counter.truncate("hello hello", 1) == "hello"


def test_no_cached_encoding_means_an_estimate_and_no_download() -> None:
    counter = tokens.counter_for("gpt-4o")

    assert counter.encoding is None and counter.estimated is True
    assert counter.count("a" * 9) == 3  # chars / 4, rounded up
    assert counter.truncate("abcdefghij", 2) == "abcdefgh"


def test_a_corrupt_cached_file_is_not_used_and_not_downloaded_again(empty_tiktoken_cache: Path) -> None:
    source = write_tiny_encoding(empty_tiktoken_cache, corrupt=True)

    counter = tokens.counter_for("gpt-4o", sources={"o200k_base": source})

    assert counter.encoding is None and counter.estimated is True


def test_a_model_tiktoken_does_not_know_is_counted_but_labelled_an_estimate(empty_tiktoken_cache: Path) -> None:
    source = write_tiny_encoding(empty_tiktoken_cache)

    counter = tokens.counter_for("llama3.1:8b", sources={tokens.DEFAULT_ENCODING: source})

    assert counter.encoding is not None and counter.estimated is True


def test_disabled_tiktoken_cache_is_treated_as_no_encoding(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIKTOKEN_CACHE_DIR", "")
    assert tokens.load_cached_encoding(tokens.OPENAI_ENCODINGS["o200k_base"]) is None


def test_message_count_includes_the_chat_framing(empty_tiktoken_cache: Path) -> None:
    counter = tokens.counter_for("gpt-4o", sources={"o200k_base": write_tiny_encoding(empty_tiktoken_cache)})
    messages = [{"role": "system", "content": "hello"}, {"role": "user", "content": "hello hello"}]
    assert counter.count_messages(messages) == (3 + 1) + (3 + 3) + 3


def test_usage_accumulates_and_is_priced_only_for_known_models() -> None:
    total = tokens.add_usage(
        TokenUsage(), model="gpt-4o-mini-2024-07-18", prompt=2_000_000, completion=1_000_000, estimated=False
    )
    total = tokens.add_usage(total, model="gpt-4o-mini-2024-07-18", prompt=0, completion=0, estimated=True)

    assert (total.prompt_tokens, total.completion_tokens, total.estimated) == (2_000_000, 1_000_000, True)
    assert total.cost_usd == pytest.approx(2 * 0.15 + 1 * 0.60)
    assert tokens.add_usage(TokenUsage(), model="llama3.1", prompt=10, completion=10, estimated=True).cost_usd is None


def test_each_request_keeps_its_own_models_price() -> None:
    """A session resumed under another model: what was spent before stays at the old price."""
    earlier = tokens.add_usage(TokenUsage(), model="gpt-4o", prompt=1_000_000, completion=100_000, estimated=False)
    assert earlier.cost_usd == pytest.approx(2.50 + 1.00)
    later = tokens.add_usage(earlier, model="gpt-4o-mini", prompt=1_000_000, completion=100_000, estimated=False)
    assert later.cost_usd == pytest.approx(2.50 + 1.00 + 0.15 + 0.06)
    assert later.cost_usd != pytest.approx(pricing.cost_usd("gpt-4o-mini", 2_000_000, 200_000))


def test_a_cost_is_unknown_once_tokens_went_to_an_unpriced_model() -> None:
    local = tokens.add_usage(TokenUsage(), model="llama3.1", prompt=10, completion=10, estimated=True)
    assert tokens.add_usage(local, model="gpt-4o-mini", prompt=10, completion=10, estimated=False).cost_usd is None
    idle = tokens.add_usage(TokenUsage(), model="llama3.1", prompt=0, completion=0, estimated=True)
    assert idle.cost_usd is None  # no price known, none shown
    assert tokens.add_usage(idle, model="gpt-4o-mini", prompt=1_000_000, completion=0, estimated=False).cost_usd == (
        pytest.approx(0.15)
    )


def test_price_and_context_tables_match_the_longest_family_name() -> None:
    assert pricing.for_model(pricing.PRICES, "gpt-4o-mini") == pricing.PRICES["gpt-4o-mini"]
    assert pricing.for_model(pricing.PRICES, "gpt-4o-2024-08-06") == pricing.PRICES["gpt-4o"]
    assert pricing.for_model(pricing.PRICES, "gpt-4omega") is None
    assert tokens.context_window("gpt-4o-mini", None) == 128_000
    assert tokens.context_window("gpt-4o-mini", 4096) == 4096
    assert tokens.context_window("mistral", None) is None
