"""Prices of common OpenAI models, to show what a session cost. Unknown models show no cost
rather than a wrong one (a local model costs nothing we can know)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import NamedTuple, TypeVar

T = TypeVar("T")


class Price(NamedTuple):
    input_per_million: float
    output_per_million: float


# USD per million tokens, standard tier. The longest matching prefix wins, so a dated snapshot
# ("gpt-4o-mini-2024-07-18") is priced as its family.
PRICES: dict[str, Price] = {
    "gpt-4o": Price(2.50, 10.00),
    "gpt-4o-mini": Price(0.15, 0.60),
    "gpt-4.1": Price(2.00, 8.00),
    "gpt-4.1-mini": Price(0.40, 1.60),
    "gpt-4.1-nano": Price(0.10, 0.40),
    "gpt-4-turbo": Price(10.00, 30.00),
    "gpt-3.5-turbo": Price(0.50, 1.50),
    "o3-mini": Price(1.10, 4.40),
    "o4-mini": Price(1.10, 4.40),
}


def for_model(table: Mapping[str, T], model: str) -> T | None:
    """The entry of the longest prefix naming `model`'s family, or None."""
    matches = [prefix for prefix in table if model == prefix or model.startswith(prefix + "-")]
    return table[max(matches, key=len)] if matches else None


def cost_usd(model: str, prompt_tokens: int, completion_tokens: int) -> float | None:
    price = for_model(PRICES, model)
    if price is None:
        return None
    return round(
        (prompt_tokens * price.input_per_million + completion_tokens * price.output_per_million) / 1_000_000, 6
    )
