"""Turning an interview guide (web-page text) into a question bank.

Two layouts are understood, the two the shipped documents use:
  A. an interviewer's guide: each question followed by "Areas to Cover:" bullets and, optionally,
     "Follow-Up Questions:" bullets;
  B. a candidate's Q&A page: each question followed by "Employers ask this question … In your
     answer, …" and optionally 'Answer Example: "…"'.
Anything else on the page (sign-up prompts, FAQs, a bare list of the questions) is page chrome
and is skipped, because only lines in one of those shapes are read as questions.

Follow-up `targets` are left empty: which areas a follow-up probes is a judgement the raw text
does not state, and a wrong guess would steer the interviewer worse than no guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from practice.bank.models import (
    Criterion,
    FollowUp,
    InterviewGuidance,
    Question,
    QuestionBank,
    QuestionType,
    SourceRef,
    Track,
)
from practice.errors import BadInputError

AREAS_HEADING = re.compile(r"^areas to cover\s*:?$", re.IGNORECASE)
FOLLOW_UPS_HEADING = re.compile(r"^follow[- ]?up questions\s*:?$", re.IGNORECASE)
WHY_ASKED_START = re.compile(r"^employers ask this question\b", re.IGNORECASE)
GUIDANCE_START = re.compile(r"\bIn your answer,\s*", re.IGNORECASE)
ANSWER_EXAMPLE = re.compile(r"^answer example\s*:\s*(.*)$", re.IGNORECASE)
BULLET = re.compile(r"^(?:[•·\-*–]|\d+[.)])\s+(.*)$")

BEHAVIORAL_WORDING = re.compile(
    r"\b(tell me about|a time (?:when|you)|an example of|a situation (?:where|when)|"
    r"what has been your experience|have you ever)\b",
    re.IGNORECASE,
)

DEFAULT_GUIDANCE_NOTE = (
    "Imported guide: 3–4 questions on distinct competencies with at most 2 follow-ups each is this "
    "app's default, not the guide's."
)

EXPECTED_FORMATS = (
    "Expected either (A) questions each followed by an 'Areas to Cover:' list of bullets (and "
    "optionally 'Follow-Up Questions:' bullets), or (B) questions each followed by a line "
    "'Employers ask this question … In your answer, …' and optionally 'Answer Example: \"…\"'."
)


def classify_question(text: str) -> QuestionType:
    """Behavioral if the wording asks about a past event ("Tell me about a time…", "Share an
    example of…", "What has been your experience…"), situational otherwise ("How do you…",
    "What would…", "Walk me through how you'd…"). The one place this rule lives."""
    return QuestionType.behavioral if BEHAVIORAL_WORDING.search(text) else QuestionType.situational


@dataclass
class _Draft:
    """A question as read from the page, before ids and the track are known."""

    line: int
    text: str
    criteria: list[str] = field(default_factory=list)
    follow_ups: list[str] = field(default_factory=list)
    why_asked: str | None = None
    guidance: str | None = None
    sample_answer: str | None = None


def import_guide(
    text: str,
    *,
    source_name: str,
    track_id: str | None,
    title: str | None = None,
    id_prefix: str | None = None,
) -> QuestionBank:
    """A one-track bank from a guide. The track id defaults to a slug of the title (given, or
    the page's heading); question ids are `<prefix>-01`…, the prefix defaulting to the track
    id's initials (`customer-centric-leadership` → `ccl`)."""
    lines = [line.replace("\xa0", " ").strip() for line in text.splitlines()]
    if any(AREAS_HEADING.match(line) for line in lines):
        drafts = _read_areas_format(lines, source_name)
    elif any(WHY_ASKED_START.match(line) for line in lines):
        drafts = _read_qa_format(lines, source_name)
    else:
        raise BadInputError(f"{source_name}: not an interview guide in a known format", hint=EXPECTED_FORMATS)

    heading = title or _heading(lines) or source_name
    track = track_id or _slug(heading)
    words = [word for word in re.split(r"[-_]", track) if word]
    prefix = id_prefix or ("".join(word[0] for word in words) if len(words) > 1 else track)
    try:
        return QuestionBank(
            tracks=[
                Track(
                    id=track,
                    title=heading,
                    description=_description(lines) or heading,
                    source=SourceRef(document=source_name, title=heading),
                    guidance=InterviewGuidance(
                        questions_per_interview_min=3,
                        questions_per_interview_max=4,
                        max_follow_ups_per_question=2,
                        notes=[DEFAULT_GUIDANCE_NOTE],
                    ),
                )
            ],
            questions=[
                _question(draft, f"{prefix}-{number:02d}", track, SourceRef(document=source_name, title=heading))
                for number, draft in enumerate(drafts, 1)
            ],
        )
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "bank"
        raise BadInputError(
            f"{source_name}: the imported bank would be invalid: {where}: {first['msg']}",
            hint="Ids are lowercase letters, digits, '-' and '_'; check --track and --id-prefix.",
        ) from error


def _question(draft: _Draft, question_id: str, track: str, source: SourceRef) -> Question:
    return Question(
        id=question_id,
        track=track,
        text=draft.text,
        type=classify_question(draft.text),
        competencies=[track],
        criteria=[Criterion(id=f"c{n}", text=text) for n, text in enumerate(draft.criteria, 1)],
        follow_ups=[FollowUp(id=f"f{n}", text=text) for n, text in enumerate(draft.follow_ups, 1)],
        why_asked=draft.why_asked,
        guidance=draft.guidance,
        sample_answer=draft.sample_answer,
        source=source,
    )


def _read_areas_format(lines: list[str], source_name: str) -> list[_Draft]:
    drafts: list[_Draft] = []
    index = 0
    while index < len(lines):
        if not AREAS_HEADING.match(lines[index]):
            index += 1
            continue
        question_at = _previous_text_line(lines, index)
        if question_at is None:
            raise BadInputError(
                f"{source_name}:{index + 1}: 'Areas to Cover:' with no question before it",
                hint=EXPECTED_FORMATS,
            )
        draft = _Draft(line=question_at + 1, text=lines[question_at])
        draft.criteria, index = _bullets_after(lines, index + 1)
        if not draft.criteria:
            raise BadInputError(
                f"{source_name}:{index + 1}: 'Areas to Cover:' for the question on line {draft.line} has no bullets",
                hint="List each area on its own line starting with '•' or '-'.",
            )
        next_text = _next_text_line(lines, index)
        if next_text is not None and FOLLOW_UPS_HEADING.match(lines[next_text]):
            draft.follow_ups, index = _bullets_after(lines, next_text + 1)
        drafts.append(draft)
    return drafts


def _read_qa_format(lines: list[str], source_name: str) -> list[_Draft]:
    drafts: list[_Draft] = []
    for index, line in enumerate(lines):
        if not WHY_ASKED_START.match(line):
            continue
        question_at = _previous_text_line(lines, index)
        if question_at is None:
            raise BadInputError(f"{source_name}:{index + 1}: 'Employers ask this question' with no question before it")
        why, guidance = _split_guidance(line)
        if guidance is None:
            raise BadInputError(
                f"{source_name}:{index + 1}: no 'In your answer, …' guidance for the question on line {question_at + 1}",
                hint="The guidance is what the answer is graded against; without it the question has no criteria.",
            )
        draft = _Draft(line=question_at + 1, text=lines[question_at], why_asked=why, guidance=guidance)
        draft.criteria = split_guidance_into_criteria(guidance)
        answer_at = _next_text_line(lines, index + 1)
        answer = ANSWER_EXAMPLE.match(lines[answer_at]) if answer_at is not None else None
        if answer:
            draft.sample_answer = _unquote(answer.group(1))
        drafts.append(draft)
    return drafts


def _split_guidance(line: str) -> tuple[str, str | None]:
    """'Employers ask this question to … In your answer, …' → (why asked, guidance)."""
    match = GUIDANCE_START.search(line)
    if match is None:
        return line, None
    return line[: match.start()].strip(), line[match.start():].strip()


def split_guidance_into_criteria(guidance: str) -> list[str]:
    """'In your answer, show how you diagnose quickly, prioritize ruthlessly, and deliver early
    wins…' → one criterion per ask, each a verbatim phrase of the guidance.

    In "A, B, and C" the commas before the final ", and" separate asks and the last item stays
    whole (its own commas are adjectives: "a high-performing, customer-first team"); without
    such a list, "A and B" are two asks. Nothing inside parentheses or dashes splits.
    """
    body = GUIDANCE_START.sub("", guidance, count=1).strip().rstrip(".")
    separators = _top_level_separators(body)
    final = [span for span in separators if body.startswith((", and ", ", or "), span[0])]
    if final:
        cut = final[-1][0]
        cuts = [span for span in separators if span[0] < cut and body[span[0]] == ","] + [final[-1]]
    else:
        cuts = [span for span in separators if body.startswith(" and ", span[0])]
    parts, start = [], 0
    for begin, end in cuts:
        parts.append(body[start:begin])
        start = end
    parts.append(body[start:])
    return [part.strip() for part in parts if part.strip()] or [body]


def _top_level_separators(body: str) -> list[tuple[int, int]]:
    """Spans of ', ', ', and ', ', or ' and ' and ' outside parentheses and dash pairs."""
    dashes_pair = body.count("—") % 2 == 0
    spans: list[tuple[int, int]] = []
    depth, in_dashes = 0, False
    for position, char in enumerate(body):
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(depth - 1, 0)
        elif char == "—" and dashes_pair:
            in_dashes = not in_dashes
        elif depth or in_dashes:
            continue
        else:
            separator = re.match(r", (?:and |or )?| and ", body[position:])
            if separator and (char == "," or char == " "):
                spans.append((position, position + separator.end()))
    return spans


def _bullets_after(lines: list[str], index: int) -> tuple[list[str], int]:
    """The bullet items starting at `index` (blank lines between them allowed), and where they end."""
    items: list[str] = []
    while index < len(lines):
        if not lines[index]:
            index += 1
            continue
        bullet = BULLET.match(lines[index])
        if bullet is None:
            break
        items.append(bullet.group(1).strip())
        index += 1
    return items, index


def _previous_text_line(lines: list[str], index: int) -> int | None:
    for before in range(index - 1, -1, -1):
        if lines[before]:
            return None if BULLET.match(lines[before]) else before
    return None


def _next_text_line(lines: list[str], index: int) -> int | None:
    for after in range(index, len(lines)):
        if lines[after]:
            return after
    return None


def _heading(lines: list[str]) -> str | None:
    """The page's title: its first short lines, joined (a title may be broken over lines)."""
    words: list[str] = []
    for line in lines:
        if not line:
            continue
        if len(line) > 100 or line.endswith((".", "?", ":")) or BULLET.match(line):
            break
        words.append(line)
    return " ".join(words) or None


def _description(lines: list[str]) -> str | None:
    """The first paragraph of prose: what the guide says it is about."""
    return next((line for line in lines if len(line) > 100 and line.endswith(".")), None)


def _unquote(text: str) -> str:
    text = text.strip()
    if len(text) >= 2 and text[0] in "\"“" and text[-1] in "\"”":
        return text[1:-1].strip()
    return text


def _slug(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug[:64].rstrip("-") or "imported"
