"""The LLM grader: the model judges the answer against the question's rubric, and this module
keeps it honest.

The model's verdict is checked, not trusted: every quote it gives must be found in the answer
(evidence.find_quote), an answer that addresses the grader cannot score above 2 whatever the
model says (injection.detect), and the offline grader's score stays beside the verdict, flagged
when the two disagree widely. The answer is fenced with markers the candidate cannot guess,
and the instructions live in the system message and are restated after the answer.
"""

from __future__ import annotations

import json
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from pydantic import BaseModel, ConfigDict, Field, ValidationInfo, model_validator

from practice import prompts
from practice.bank.models import Question, QuestionType, RoleLevel
from practice.grading import evidence, injection
from practice.grading.exchange import Exchange
from practice.grading.feedback import (
    CriterionResult,
    CriterionStatus,
    Feedback,
    Flag,
    FlagKind,
    GraderInfo,
    Star,
    StarPart,
)
from practice.llm.client import LlmClient, Message

LLM_GRADER_VERSION = "llm-1"
INJECTION_SCORE_CAP = 2.0
DISAGREEMENT_GAP = 2.0
# Room kept for the model's JSON reply when an answer has to be trimmed to the context window.
REPLY_TOKENS = 2_000
MARKER_BYTES = 8


class _Reply(BaseModel):
    """Strict: the reply schema sent as json_schema needs every field required, none extra."""

    model_config = ConfigDict(extra="forbid")


class CriterionVerdict(_Reply):
    criterion_id: str
    status: CriterionStatus
    evidence: str | None = Field(description="A sentence copied verbatim from the answer, or null.")
    note: str = Field(description="One short sentence: what was there or what was missing.")


class StarPartVerdict(_Reply):
    present: bool
    evidence: str | None = Field(description="Copied verbatim from the answer, or null.")


class StarVerdict(_Reply):
    situation: StarPartVerdict
    task: StarPartVerdict
    action: StarPartVerdict
    result: StarPartVerdict


class GraderReply(_Reply):
    criteria: list[CriterionVerdict]
    star: StarVerdict
    structure: list[str] = Field(description="For situational questions: observations on structure.")
    strengths: list[str]
    improvements: list[str]
    reasons: list[str] = Field(description="Why this score, in two or three short sentences.")
    score: int = Field(ge=1, le=5)

    @model_validator(mode="after")
    def _every_criterion_once(self, info: ValidationInfo) -> GraderReply:
        expected: list[str] = list((info.context or {}).get("criterion_ids", []))
        if not expected:
            return self
        if not self.criteria:
            raise ValueError("an empty verdict: no criteria were assessed")
        given = [verdict.criterion_id for verdict in self.criteria]
        unknown = sorted(set(given) - set(expected))
        missing = [cid for cid in expected if cid not in given]
        if unknown or missing or len(given) != len(set(given)):
            raise ValueError(
                "criteria must list each of these ids exactly once: " + ", ".join(expected)
                + (f" (unknown: {', '.join(unknown)})" if unknown else "")
                + (f" (missing: {', '.join(missing)})" if missing else "")
            )
        return self


def prompt_version() -> str:
    return "+".join(prompts.load(name).version for name in ("grader_system", "grader_user", "repair"))


@cache
def _reply_schema_text() -> str:
    """Built once: pydantic takes milliseconds to generate the schema, on every grade otherwise."""
    return json.dumps(GraderReply.model_json_schema())


def build_messages(
    question: Question, exchanges: Sequence[Exchange], *, role_level: RoleLevel, marker: str, notice: str = ""
) -> list[Message]:
    system = prompts.load("grader_system").render(schema=_reply_schema_text())
    user = prompts.load("grader_user").render(
        question_type=question.type.value,
        role_level=role_level.value.replace("_", " "),
        question=question.text,
        criteria="\n".join(f"- {c.id}: {c.text}" for c in question.criteria),
        guidance=f"\nGuidance for the answer: {question.guidance}\n" if question.guidance else "",
        sample_answer=(
            "\nOne example of a strong answer (an example, not the only right answer):\n"
            f"{question.sample_answer}\n"
            if question.sample_answer
            else ""
        ),
        marker=marker,
        transcript=transcript(exchanges) + notice,
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def transcript(exchanges: Sequence[Exchange]) -> str:
    return "\n\n".join(f"Interviewer: {e.prompt}\nCandidate: {e.answer}" for e in exchanges)


@dataclass(frozen=True)
class Verdict:
    """What the model said, which model, and the notice that it saw only part of the answer."""

    reply: GraderReply
    model: str
    trimmed: Flag | None


def ask(
    question: Question,
    answer: str,
    *,
    client: LlmClient,
    role_level: RoleLevel,
    exchanges: Sequence[Exchange] | None = None,
) -> Verdict:
    """The model's half of a grade, which needs no offline grade: the service works that out
    while this waits on the network. `answer` is what evidence is checked against (all the
    candidate's words); `exchanges` gives the model the follow-up questions too. Raises LlmError."""
    exchanges = list(exchanges) if exchanges else [Exchange(prompt=question.text, answer=answer)]
    marker = secrets.token_hex(MARKER_BYTES)
    exchanges, trimmed = _fit_context(question, exchanges, client=client, role_level=role_level, marker=marker)
    notice = f"\n[{trimmed.message}]" if trimmed else ""
    messages = build_messages(question, exchanges, role_level=role_level, marker=marker, notice=notice)
    ids = [c.id for c in question.criteria]
    reply = client.structured(
        messages,
        GraderReply,
        context={"criterion_ids": ids},
        repair=lambda problem: prompts.load("repair").render(error=problem, criterion_ids=", ".join(ids)),
    )
    return Verdict(reply=reply, model=client.model, trimmed=trimmed)


def _fit_context(
    question: Question, exchanges: list[Exchange], *, client: LlmClient, role_level: RoleLevel, marker: str
) -> tuple[list[Exchange], Flag | None]:
    """Trim the candidate's words (the end of the transcript goes first) so the request fits the
    model's context, and say so: a grade of part of an answer must never look like the whole."""
    window = client.context_tokens
    if window is None:
        return exchanges, None
    counter = client.counter
    used = counter.count_messages(build_messages(question, exchanges, role_level=role_level, marker=marker))
    excess = used + REPLY_TOKENS - window
    if excess <= 0:
        return exchanges, None
    kept: list[Exchange] = []
    remaining = excess
    for exchange in reversed(exchanges):
        size = counter.count(exchange.answer)
        if remaining <= 0:
            kept.append(exchange)
        elif size > remaining:
            kept.append(exchange.model_copy(update={"answer": counter.truncate(exchange.answer, size - remaining)}))
            remaining = 0
        else:
            remaining -= size  # this follow-up answer is dropped entirely
    message = (
        f"The answer was trimmed by about {excess} tokens to fit the {window}-token context of {client.model}; "
        "the model graded only the part kept."
    )
    return list(reversed(kept)), Flag(kind=FlagKind.trimmed, message=message)


def to_feedback(
    question: Question,
    answer: str,
    reply: GraderReply,
    *,
    baseline: Feedback,
    role_level: RoleLevel,
    model: str,
    trimmed: Flag | None = None,
    injected: Sequence[str] | None = None,
) -> Feedback:
    """The verdict held to the answer. `injected`: the answer's phrases addressed to the grader
    (injection.detect), when the caller found them already while the model was thinking."""
    dropped = 0

    def checked(quote: str | None) -> str | None:
        nonlocal dropped
        if not quote:
            return None
        found = evidence.find_quote(answer, quote)
        dropped += found is None
        return found

    verdicts = {v.criterion_id: v for v in reply.criteria}
    criteria: list[CriterionResult] = []
    for criterion in question.criteria:
        verdict = verdicts[criterion.id]
        quote = checked(verdict.evidence)
        status = verdict.status
        note = verdict.note
        if verdict.evidence and quote is None and status == CriterionStatus.covered:
            # "Covered" needs words from the answer to stand on; unverified, it is only partial.
            status = CriterionStatus.partial
            note = f"{note} (the model's quote was not found in the answer)".strip()
        criteria.append(
            CriterionResult(criterion_id=criterion.id, text=criterion.text, status=status, evidence=quote, note=note)
        )

    def star_part(part: StarPartVerdict) -> StarPart:
        quote = checked(part.evidence)
        return StarPart(present=part.present and (quote is not None or not part.evidence), evidence=quote)

    star = Star(
        applicable=question.type == QuestionType.behavioral,
        situation=star_part(reply.star.situation),
        task=star_part(reply.star.task),
        action=star_part(reply.star.action),
        result=star_part(reply.star.result),
    )

    score = float(reply.score)
    flags = [flag for flag in baseline.flags if flag.kind != FlagKind.injection]
    attempts = injection.detect(answer) if injected is None else injected
    if attempts:
        score = min(score, INJECTION_SCORE_CAP)
        flags.append(Flag(
            kind=FlagKind.injection,
            message=f"The answer addresses the grader ({'; '.join(attempts)}); its score is capped at "
                    f"{INJECTION_SCORE_CAP:g} whatever the model said.",
        ))
    if dropped:
        flags.append(Flag(
            kind=FlagKind.quotes_dropped,
            message=f"{dropped} quote(s) the model gave as evidence were not found in the answer and were dropped.",
        ))
    if abs(score - baseline.score) >= DISAGREEMENT_GAP:
        flags.append(Flag(
            kind=FlagKind.disagreement,
            message=f"The model scored {score:g} and the offline grader {baseline.score:g}; "
                    "read the evidence before trusting either.",
        ))
    if trimmed is not None:
        flags.append(trimmed)
    return Feedback(
        question_id=question.id,
        score=score,
        reasons=reply.reasons,
        criteria=criteria,
        star=star,
        structure=reply.structure,
        specificity=baseline.specificity,
        strengths=reply.strengths,
        improvements=reply.improvements,
        flags=flags,
        grader=GraderInfo(kind="llm", version=LLM_GRADER_VERSION, model=model, prompt_version=prompt_version()),
        offline_score=baseline.score,
        role_level=role_level.value,
    )


