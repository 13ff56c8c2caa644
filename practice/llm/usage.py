"""What model calls cost in tokens: counted by the client, kept with the session it was spent on.

A module of its own, with nothing but the model, so the session (practice/interview/models.py)
can hold it without importing the client, and the client can count without knowing sessions.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict


class TokenUsage(BaseModel):
    # As the session's own models: extra fields refused; built when a session is first read or written.
    model_config = ConfigDict(extra="forbid", defer_build=True)

    prompt_tokens: int = 0
    completion_tokens: int = 0
    estimated: bool = False
    cost_usd: float | None = None
