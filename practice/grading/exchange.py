"""One turn of an interview as a grader sees it. Kept apart from the LLM grader so the engine can
build the transcript without loading the openai SDK (an offline run never needs it)."""

from __future__ import annotations

from pydantic import BaseModel


class Exchange(BaseModel):
    """One turn of the transcript: what the interviewer asked and what the candidate said."""

    prompt: str
    answer: str
