"""Counting tokens with tiktoken, without ever letting it reach the network.

tiktoken downloads an encoding file the first time and caches it under TIKTOKEN_CACHE_DIR by
the sha1 of its URL. A terminal coach may run offline, so an encoding is loaded only when its
file is already in that cache with the expected content; otherwise counts are estimated from
the text length and labelled as estimates. A failure here never stops a grade.
"""

from __future__ import annotations

import hashlib
import logging
import os
import tempfile
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import tiktoken
import tiktoken.model
from tiktoken_ext import openai_public  # type: ignore[import-untyped]

from practice.llm import pricing
from practice.llm.usage import TokenUsage

log = logging.getLogger(__name__)

CHARS_PER_TOKEN = 4
# Per-message framing tokens of the chat format (role, separators), as OpenAI documents it.
TOKENS_PER_MESSAGE = 3
DEFAULT_ENCODING = "o200k_base"


@dataclass(frozen=True)
class EncodingSource:
    """Where tiktoken fetches an encoding and what its file must hash to (from tiktoken_ext)."""

    name: str
    url: str
    sha256: str
    build: Callable[[], dict[str, Any]]


OPENAI_ENCODINGS: Mapping[str, EncodingSource] = {
    "o200k_base": EncodingSource(
        "o200k_base",
        "https://openaipublic.blob.core.windows.net/encodings/o200k_base.tiktoken",
        "446a9538cb6c348e3516120d7c08b09f57c36495e2acfffe59a5bf8b0cfb1a2d",
        openai_public.o200k_base,
    ),
    "cl100k_base": EncodingSource(
        "cl100k_base",
        "https://openaipublic.blob.core.windows.net/encodings/cl100k_base.tiktoken",
        "223921b76ee99bde995b7ff738513eef100fb51d18c93597a113bcffe865b2a7",
        openai_public.cl100k_base,
    ),
}


def cache_file(url: str) -> Path | None:
    """The file tiktoken's loader would read for `url` (mirrors tiktoken.load.read_file_cached)."""
    directory = os.environ.get("TIKTOKEN_CACHE_DIR", os.environ.get("DATA_GYM_CACHE_DIR"))
    if directory is None:
        directory = os.path.join(tempfile.gettempdir(), "data-gym-cache")
    if directory == "":
        return None  # caching disabled: tiktoken would always download
    return Path(directory) / hashlib.sha1(url.encode()).hexdigest()


def load_cached_encoding(source: EncodingSource) -> tiktoken.Encoding | None:
    """The encoding, or None when loading it would need the network (or the file is corrupt,
    which tiktoken answers by downloading it again)."""
    path = cache_file(source.url)
    try:
        if path is None or not path.is_file():
            return None
        if hashlib.sha256(path.read_bytes()).hexdigest() != source.sha256:
            log.warning("tiktoken cache file %s does not match %s; estimating token counts", path, source.name)
            return None
        return tiktoken.Encoding(**source.build())
    except Exception as error:  # counting must never stop grading
        log.warning("cannot load the %s encoding (%s); estimating token counts", source.name, error)
        return None


@dataclass(frozen=True)
class TokenCounter:
    """Counts for one model. `estimated` is True when the count is not the model's own
    tokenizer: no cached encoding, or a model tiktoken does not know (a local Llama, say)."""

    encoding: tiktoken.Encoding | None
    estimated: bool

    def count(self, text: str) -> int:
        if self.encoding is None:
            return -(-len(text) // CHARS_PER_TOKEN)
        return len(self.encoding.encode(text, disallowed_special=()))

    def count_messages(self, messages: list[dict[str, str]]) -> int:
        return sum(TOKENS_PER_MESSAGE + self.count(m["content"]) for m in messages) + TOKENS_PER_MESSAGE

    def truncate(self, text: str, max_tokens: int) -> str:
        """The longest prefix of `text` within `max_tokens`."""
        if self.encoding is None:
            return text[: max_tokens * CHARS_PER_TOKEN]
        tokens = self.encoding.encode(text, disallowed_special=())
        return self.encoding.decode(tokens[:max_tokens])


def counter_for(model: str, sources: Mapping[str, EncodingSource] = OPENAI_ENCODINGS) -> TokenCounter:
    try:
        name, known = tiktoken.model.encoding_name_for_model(model), True
    except KeyError:
        name, known = DEFAULT_ENCODING, False
    source = sources.get(name)
    encoding = _load(source) if source is not None else None
    return TokenCounter(encoding=encoding, estimated=encoding is None or not known)


@cache
def _load(source: EncodingSource) -> tiktoken.Encoding | None:
    # Cached per process: building an encoding takes a second; a miss is retried next process.
    return load_cached_encoding(source)


def add_usage(total: TokenUsage, *, model: str, prompt: int, completion: int, estimated: bool) -> TokenUsage:
    """The running total after one more request. Each request is priced at its own model's
    price and added to the cost so far, never the whole total at this model's: a session
    resumed under another model keeps what it spent before at that model's price. Once any
    tokens went to a model whose price is unknown, so is the session's cost (None)."""
    spent = pricing.cost_usd(model, prompt, completion)
    earlier_unknown = total.cost_usd is None and bool(total.prompt_tokens or total.completion_tokens)
    if not (prompt or completion):
        cost = total.cost_usd  # nothing spent: nothing to price
    elif spent is None or earlier_unknown:
        cost = None
    else:
        cost = round((total.cost_usd or 0.0) + spent, 6)
    return TokenUsage(
        prompt_tokens=total.prompt_tokens + prompt,
        completion_tokens=total.completion_tokens + completion,
        estimated=total.estimated or estimated,
        cost_usd=cost,
    )


# Context windows of common OpenAI models; elsewhere Settings.context_tokens says it, or the
# endpoint's own context_length_exceeded error does.
CONTEXT_WINDOWS: dict[str, int] = {
    "gpt-4o": 128_000,
    "gpt-4.1": 1_000_000,
    "gpt-4-turbo": 128_000,
    "gpt-3.5-turbo": 16_385,
    "o3-mini": 200_000,
    "o4-mini": 200_000,
}


def context_window(model: str, configured: int | None) -> int | None:
    if configured is not None:
        return configured
    return pricing.for_model(CONTEXT_WINDOWS, model)
