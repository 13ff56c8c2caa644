"""The words on the interview's status line saying who grades and what the model has cost so
far, so a candidate paying per token sees it as it grows, and an estimate never looks exact."""

from __future__ import annotations

from practice.grading.feedback import GraderInfo
from practice.llm.usage import TokenUsage

CENT = 0.01
SMALLEST_SHOWN = 0.0001


def grader_status(grader: GraderInfo, tokens: TokenUsage) -> str:
    """`grader` is who grades this session; `tokens` what its model calls used up to now."""
    if grader.kind != "llm":
        return "offline grader"
    about = "≈" if tokens.estimated else ""
    total = tokens.prompt_tokens + tokens.completion_tokens
    parts = [f"LLM grader: {grader.model or 'unknown model'}", f"{about}{total:,} tokens"]
    if tokens.estimated:
        parts[-1] += " (estimated)"
    if tokens.cost_usd is not None:
        parts.append(cost_text(tokens.cost_usd, about))
    return "  ·  ".join(parts)


def cost_text(cost_usd: float, about: str) -> str:
    """Cents where a session costs that much; four decimals below; never a cost shown as zero."""
    if cost_usd < SMALLEST_SHOWN:
        return f"<${SMALLEST_SHOWN:.4f}"
    return f"{about}${cost_usd:.4f}" if cost_usd < CENT else f"{about}${cost_usd:.2f}"
