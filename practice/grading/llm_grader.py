"""The LLM grader: the model judges the answer against the question's rubric, and this module
keeps it honest.

The reply is one small models can give: the criterion ids are the schema's own keys (a model
held to the schema cannot invent one), every string has a bound, `max_tokens` is sized to the
longest reply the schema allows, and evidence is a sentence NUMBER (the answer's sentences are
numbered in the prompt) rather than long verbatim copying: the app quotes the sentence, and the
quote is still checked against the answer. A verdict whose evidence does not hold cannot keep
its score: an invalid citation costs its criterion its status, and when half of them or more
fail the model's verdict is not used at all (UnsupportedVerdict). An answer that addresses the
grader cannot score above 2 whatever the model says (injection.detect), and the offline
grader's score stays beside the verdict, flagged when the two disagree widely. The answer is
fenced with markers the candidate cannot guess, and the instructions are restated after it.
"""

from __future__ import annotations

import json
import math
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationInfo, model_validator

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
from practice.grading.text import split_sentences
from practice.llm.client import LlmClient, Message

LLM_GRADER_VERSION = "llm-2"
INJECTION_SCORE_CAP = 2.0
DISAGREEMENT_GAP = 2.0
MARKER_BYTES = 8
REASON_CHARS = 160
POINT_CHARS = 90
# Room over the longest reply the schema allows, for a tokenizer that splits words finer.
REPLY_TOKEN_MARGIN = 1.15
STAR_KEYS = ("situation", "task", "action", "result")


def _cut_to(limit: int) -> AfterValidator:
    """Over-long text is cut at a word, not refused: a server without schema support may run on."""

    def cut(text: str) -> str:
        text = " ".join(text.split())
        return (
            text
            if len(text) <= limit
            else text[: text.rfind(" ", 0, limit) if " " in text[:limit] else limit].rstrip(" ,;") + "…"
        )

    return AfterValidator(cut)


class _Reply(BaseModel):
    """Strict: the reply schema sent as json_schema needs every field required, none extra."""

    model_config = ConfigDict(extra="forbid")


class CriterionVerdict(_Reply):
    status: CriterionStatus
    sentence: int = Field(ge=0, description="The number of the sentence that shows it; 0 for none.")


class StarVerdict(_Reply):
    situation: int = Field(ge=0)
    task: int = Field(ge=0)
    action: int = Field(ge=0)
    result: int = Field(ge=0)


class GraderReply(_Reply):
    criteria: dict[str, CriterionVerdict]
    star: StarVerdict
    reason: Annotated[str, _cut_to(REASON_CHARS)]
    strength: Annotated[str, _cut_to(POINT_CHARS)]
    improvement: Annotated[str, _cut_to(POINT_CHARS)]
    score: int = Field(ge=1, le=5)

    @model_validator(mode="after")
    def _every_criterion_once(self, info: ValidationInfo) -> GraderReply:
        expected: list[str] = list((info.context or {}).get("criterion_ids", []))
        if not expected:
            return self
        if not self.criteria:
            raise ValueError("an empty verdict: no criteria were assessed")
        unknown = sorted(set(self.criteria) - set(expected))
        missing = [cid for cid in expected if cid not in self.criteria]
        if unknown or missing:
            raise ValueError(
                "criteria must hold each of these ids once: "
                + ", ".join(expected)
                + (f" (unknown: {', '.join(unknown)})" if unknown else "")
                + (f" (missing: {', '.join(missing)})" if missing else "")
            )
        return self


class UnsupportedVerdict(Exception):
    """The model's evidence did not hold: its verdict cannot stand in for a grade."""


def prompt_version() -> str:
    return "+".join(prompts.load(name).version for name in ("grader_system", "grader_user", "repair"))


@cache
def reply_schema(criterion_ids: tuple[str, ...], sentence_count: int) -> dict[str, Any]:
    """The schema of the reply for one question: its criterion ids as required keys, sentence
    numbers as an enum of the answer's own, strings bounded. Inline (no $ref), which every
    grammar-constrained server takes."""
    sentence = {"type": "integer", "enum": list(range(sentence_count + 1))}
    verdict = {
        "type": "object",
        "additionalProperties": False,
        "required": ["status", "sentence"],
        "properties": {
            "status": {"type": "string", "enum": [status.value for status in CriterionStatus]},
            "sentence": sentence,
        },
    }

    def text(limit: int) -> dict[str, Any]:
        return {"type": "string", "maxLength": limit}

    return {
        "type": "object",
        "additionalProperties": False,
        "required": ["criteria", "star", "reason", "strength", "improvement", "score"],
        "properties": {
            "criteria": {
                "type": "object",
                "additionalProperties": False,
                "required": list(criterion_ids),
                "properties": {cid: verdict for cid in criterion_ids},
            },
            "star": {
                "type": "object",
                "additionalProperties": False,
                "required": list(STAR_KEYS),
                "properties": dict.fromkeys(STAR_KEYS, sentence),
            },
            "reason": text(REASON_CHARS),
            "strength": text(POINT_CHARS),
            "improvement": text(POINT_CHARS),
            "score": {"type": "integer", "enum": [1, 2, 3, 4, 5]},
        },
    }


def _as_range(node: Any) -> Any:
    """The schema as the prompt states it: a sentence number as a range, not a list of every
    number (which would grow the prompt with the answer); the server's copy keeps the enum."""
    if isinstance(node, dict):
        if node.get("type") == "integer" and isinstance(node.get("enum"), list) and node["enum"][:1] == [0]:
            return {"type": "integer", "minimum": 0, "maximum": node["enum"][-1]}
        return {key: _as_range(value) for key, value in node.items()}
    return node


# Feedback as dense in tokens as a grader's prose gets (figures, names, punctuation): a filler of
# one repeated word would count half the tokens of real text and size max_tokens too small.
DENSE_PROSE = (
    "Names the 9-day refund delay and the 1,200 detractor comments, but not what the candidate did; "
    "the result (NPS +12 in Q3) isn't tied to the change. "
)


@cache
def _prompt_schema(criterion_ids: tuple[str, ...], sentence_count: int) -> str:
    """The schema as the prompt states it, built once per question and answer length."""
    return json.dumps(_as_range(reply_schema(criterion_ids, sentence_count)), separators=(",", ":"))


def longest_reply(criterion_ids: Sequence[str], sentence_count: int) -> str:
    """The longest reply the schema allows, as compact JSON, its texts at their bounds in dense
    prose: what max_tokens must leave room for."""
    number = max(sentence_count, 10)

    def filler(limit: int) -> str:
        return (DENSE_PROSE * (limit // len(DENSE_PROSE) + 1))[:limit]

    return json.dumps(
        {
            "criteria": {cid: {"status": CriterionStatus.partial.value, "sentence": number} for cid in criterion_ids},
            "star": dict.fromkeys(STAR_KEYS, number),
            "reason": filler(REASON_CHARS),
            "strength": filler(POINT_CHARS),
            "improvement": filler(POINT_CHARS),
            "score": 5,
        },
        separators=(",", ":"),
    )


def reply_token_budget(criterion_ids: Sequence[str], sentence_count: int, client: LlmClient) -> int:
    return math.ceil(client.counter.count(longest_reply(criterion_ids, sentence_count)) * REPLY_TOKEN_MARGIN)


@dataclass(frozen=True)
class Numbered:
    """The transcript with the candidate's sentences numbered, and those sentences in order
    (sentence n is sentences[n - 1])."""

    transcript: str
    sentences: list[str]


def numbered_transcript(exchanges: Sequence[Exchange]) -> Numbered:
    sentences: list[str] = []
    turns: list[str] = []
    for exchange in exchanges:
        lines = [f"Interviewer: {exchange.prompt}", "Candidate:"]
        for sentence in split_sentences(exchange.answer):
            sentences.append(sentence.text)
            lines.append(f"[{len(sentences)}] {sentence.text}")
        turns.append("\n".join(lines))
    return Numbered(transcript="\n\n".join(turns), sentences=sentences)


def build_messages(
    question: Question, exchanges: Sequence[Exchange], *, role_level: RoleLevel, marker: str, notice: str = ""
) -> tuple[list[Message], Numbered]:
    numbered = numbered_transcript(exchanges)
    ids = [c.id for c in question.criteria]
    system = prompts.load("grader_system").render(schema=_prompt_schema(tuple(ids), len(numbered.sentences)))
    user = prompts.load("grader_user").render(
        question_type=question.type.value,
        role_level=role_level.value.replace("_", " "),
        question=question.text,
        criteria="\n".join(f"- {c.id}: {c.text}" for c in question.criteria),
        guidance=f"\nGuidance for the answer: {question.guidance}\n" if question.guidance else "",
        sample_answer=(
            f"\nOne example of a strong answer (an example, not the only right answer):\n{question.sample_answer}\n"
            if question.sample_answer
            else ""
        ),
        marker=marker,
        transcript=numbered.transcript + notice,
        criterion_ids=", ".join(ids),
        sentence_count=str(len(numbered.sentences)),
    )
    return [{"role": "system", "content": system}, {"role": "user", "content": user}], numbered


@dataclass(frozen=True)
class Verdict:
    """What the model said, which model, the sentences its numbers refer to, and the notice
    that it saw only part of the answer."""

    reply: GraderReply
    model: str
    sentences: list[str]
    trimmed: Flag | None


def ask(
    question: Question,
    answer: str,
    *,
    client: LlmClient,
    role_level: RoleLevel,
    exchanges: Sequence[Exchange] | None = None,
    on_sending: Callable[[], None] | None = None,
) -> Verdict:
    """The model's half of a grade, which needs no offline grade: the service works that out
    while this waits on the network, starting when `on_sending` is called. `answer` is what
    evidence is checked against (all the candidate's words); `exchanges` gives the model the
    follow-up questions too. Raises LlmError."""
    exchanges = list(exchanges) if exchanges else [Exchange(prompt=question.text, answer=answer)]
    marker = secrets.token_hex(MARKER_BYTES)
    messages, numbered, trimmed = _fitted_messages(
        question, exchanges, client=client, role_level=role_level, marker=marker
    )
    ids = [c.id for c in question.criteria]
    reply = client.structured(
        messages,
        GraderReply,
        schema=reply_schema(tuple(ids), len(numbered.sentences)),
        max_tokens=reply_token_budget(ids, len(numbered.sentences), client),
        context={"criterion_ids": ids},
        repair=lambda problem: prompts.load("repair").render(error=problem, criterion_ids=", ".join(ids)),
        purpose="grading",
        on_sending=on_sending,
    )
    return Verdict(reply=reply, model=client.model, sentences=numbered.sentences, trimmed=trimmed)


def _fitted_messages(
    question: Question, exchanges: list[Exchange], *, client: LlmClient, role_level: RoleLevel, marker: str
) -> tuple[list[Message], Numbered, Flag | None]:
    """The request's messages, built once when they fit the model's context (the usual case),
    and again only when the candidate's words had to be trimmed to fit, with that said."""
    messages, numbered = build_messages(question, exchanges, role_level=role_level, marker=marker)
    window = client.context_tokens
    if window is None:
        return messages, numbered, None
    reply_tokens = reply_token_budget([c.id for c in question.criteria], len(numbered.sentences), client)
    excess = client.counter.count_messages(messages) + reply_tokens - window
    if excess <= 0:
        return messages, numbered, None
    kept, trimmed = _trimmed(exchanges, excess, client=client, window=window)
    messages, numbered = build_messages(
        question, kept, role_level=role_level, marker=marker, notice=f"\n[{trimmed.message}]"
    )
    return messages, numbered, trimmed


def _trimmed(exchanges: list[Exchange], excess: int, *, client: LlmClient, window: int) -> tuple[list[Exchange], Flag]:
    """The candidate's words less about `excess` tokens (the end of the transcript goes first),
    and the notice saying so: a grade of part of an answer must never look like the whole."""
    counter = client.counter
    kept: list[Exchange] = []
    remaining = excess
    for exchange in reversed(exchanges):
        # Its size as sent, sentence numbers included; what is cut is the answer's own words.
        size = counter.count(numbered_transcript([exchange]).transcript)
        if remaining <= 0:
            kept.append(exchange)
        elif size > remaining:
            keep = counter.count(exchange.answer) * (size - remaining) // size
            kept.append(exchange.model_copy(update={"answer": counter.truncate(exchange.answer, keep)}))
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
    sentences: Sequence[str],
    baseline: Feedback,
    role_level: RoleLevel,
    model: str,
    trimmed: Flag | None = None,
    injected: Sequence[str] | None = None,
) -> Feedback:
    """The verdict held to the answer: each cited number must be one of `sentences` and that
    sentence must be in `answer`. `injected`: the answer's phrases addressed to the grader
    (injection.detect), when the caller found them already while the model was thinking.
    Raises UnsupportedVerdict when half the citations or more do not hold."""
    cited = failed = 0

    def quoted(number: int) -> str | None:
        nonlocal cited, failed
        if number == 0:
            return None
        cited += 1
        sentence = sentences[number - 1] if number <= len(sentences) else None
        found = evidence.find_quote(answer, sentence) if sentence else None
        failed += found is None
        return found

    criteria: list[CriterionResult] = []
    for criterion in question.criteria:
        verdict = reply.criteria[criterion.id]
        quote = quoted(verdict.sentence)
        status, note = verdict.status, None
        if quote is None and status != CriterionStatus.missing:
            # A status needs words from the answer to stand on: without them it drops a level.
            status = CriterionStatus.partial if status == CriterionStatus.covered else CriterionStatus.missing
            note = (
                f"The model cited sentence {verdict.sentence}, which the answer does not have."
                if verdict.sentence
                else "The model cited no sentence for this."
            )
        criteria.append(
            CriterionResult(criterion_id=criterion.id, text=criterion.text, status=status, evidence=quote, note=note)
        )

    star_quotes = {key: quoted(getattr(reply.star, key)) for key in STAR_KEYS}
    if cited and failed * 2 >= cited:
        raise UnsupportedVerdict(
            f"the model's evidence did not hold: {failed} of its {cited} sentence citations are not in the answer"
        )
    star = Star(
        applicable=question.type == QuestionType.behavioral,
        **{key: StarPart(present=quote is not None, evidence=quote) for key, quote in star_quotes.items()},
    )

    score = float(reply.score)
    flags = [flag for flag in baseline.flags if flag.kind != FlagKind.injection]
    supported = _supported_score(criteria)
    if failed and score > supported:
        flags.append(
            Flag(
                kind=FlagKind.quotes_dropped,
                message=f"{failed} of the model's {cited} sentence citations are not in the answer; its score of "
                f"{score:g} is cut to {supported:g}, what the evidence that holds supports.",
            )
        )
        score = supported
    elif failed:
        flags.append(
            Flag(
                kind=FlagKind.quotes_dropped,
                message=f"{failed} of the model's {cited} sentence citations are not in the answer and were dropped.",
            )
        )
    attempts = injection.detect(answer) if injected is None else injected
    if attempts:
        score = min(score, INJECTION_SCORE_CAP)
        flags.append(
            Flag(
                kind=FlagKind.injection,
                message=f"The answer addresses the grader ({'; '.join(attempts)}); its score is capped at "
                f"{INJECTION_SCORE_CAP:g} whatever the model said.",
            )
        )
    if abs(score - baseline.score) >= DISAGREEMENT_GAP:
        flags.append(
            Flag(
                kind=FlagKind.disagreement,
                message=f"The model scored {score:g} and the offline grader {baseline.score:g}; "
                "read the evidence before trusting either.",
            )
        )
    if trimmed is not None:
        flags.append(trimmed)
    return Feedback(
        question_id=question.id,
        score=score,
        reasons=[reply.reason] if reply.reason else [],
        criteria=criteria,
        star=star,
        structure=baseline.structure if question.type == QuestionType.situational else [],
        specificity=baseline.specificity,
        strengths=[reply.strength] if reply.strength else [],
        improvements=[reply.improvement] if reply.improvement else [],
        flags=flags,
        grader=GraderInfo(kind="llm", version=LLM_GRADER_VERSION, model=model, prompt_version=prompt_version()),
        offline_score=baseline.score,
        role_level=role_level.value,
    )


def _supported_score(criteria: Sequence[CriterionResult]) -> float:
    """The score the held evidence alone supports: 1 with nothing covered, 5 with everything."""
    weight = {CriterionStatus.covered: 1.0, CriterionStatus.partial: 0.5, CriterionStatus.missing: 0.0}
    share = sum(weight[c.status] for c in criteria) / len(criteria) if criteria else 0.0
    return float(round(1 + 4 * share))
