"""Turning an interview guide (web-page text) into a question bank.

Three layouts are understood, the three the shipped documents use:
  A. an interviewer's guide: each question followed by "Areas to Cover:" bullets and, optionally,
     "Follow-Up Questions:" bullets;
  B. a candidate's Q&A page: each question followed by "Employers ask this question … In your
     answer, …" and optionally 'Answer Example: "…"';
  C. an article of numbered dimensions, each a paragraph saying what interviewers ask ("They
     might ask you to describe a time …") and what they listen for ("They are listening to …").
A guide may mix them; every question of every layout is read, in the guide's order. Anything else
on the page (sign-up prompts, FAQs, a bare list of the questions) is page chrome and is skipped.

A follow-up targets the areas it shares the most words with (none where it shares none), so the
interviewer can ask it when those are thin.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pydantic import ValidationError

from practice.bank.guide_words import DimensionAsk, guide_words
from practice.bank.models import (
    MAX_TEXT_CHARS,
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
DIMENSION_HEADING = re.compile(r"^\d+\.\s+(\S.{0,99})$")
SENTENCE_END = re.compile(r"(?<=[.?!])\s+(?=[A-Z\"“])")
QUOTED = re.compile(r"^[\"“]([^\"”]+)[\"”]")
ALSO_ASKS = re.compile(r",? or (?=(?:describe|tell me|share) )", re.IGNORECASE)
DIRECT_ASK = re.compile(r"^(?:describe|tell me|share)\b", re.IGNORECASE)
# "…handle it differently, showing a capacity for…": the clause after the ask is commentary.
TRAILING_CLAUSE = re.compile(r",\s+\w+ing\b.*$")
LIST_OF_ASKS = re.compile(r", (?:and|or) ")
WORD = re.compile(r"[a-z0-9]+")
# Ids stay short enough to type; a slug is cut at a word's end, never inside one.
MAX_TRACK_ID = 40
COMPETENCY_WORDS = 3
PARAGRAPH_CHARS = 100
SEPARATOR = re.compile(r", (?:and |or )?| and ")

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
    "'Employers ask this question … In your answer, …' and optionally 'Answer Example: \"…\"', or (C) "
    "numbered dimensions ('1. …'), each a paragraph saying what interviewers might ask and what they "
    "are listening for."
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
    competency: str | None = None


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
    drafts: list[_Draft] = []
    if any(AREAS_HEADING.match(line) for line in lines):
        drafts += _read_areas_format(lines, source_name)
    if any(WHY_ASKED_START.match(line) for line in lines):
        drafts += _read_qa_format(lines, source_name)
    drafts += _read_dimensions_format(lines)
    if not drafts:
        raise BadInputError(f"{source_name}: not an interview guide in a known format", hint=EXPECTED_FORMATS)
    drafts.sort(key=lambda draft: draft.line)

    heading = title or _heading(lines) or source_name
    track = track_id or _slug(heading)
    prefix = id_prefix or track
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
        hint = (
            f"A bank's texts hold at most {MAX_TEXT_CHARS:,} characters: check the guide's line breaks there."
            if first["type"] == "string_too_long"
            else "Ids are lowercase letters, digits, '-' and '_'; check --track and --id-prefix."
        )
        raise BadInputError(
            f"{source_name}: the imported bank would be invalid: {where}: {first['msg']}", hint=hint
        ) from error


def _question(draft: _Draft, question_id: str, track: str, source: SourceRef) -> Question:
    criteria = [Criterion(id=f"c{n}", text=text) for n, text in enumerate(draft.criteria, 1)]
    competency = draft.competency or _slug(draft.why_asked or draft.text, words=COMPETENCY_WORDS)
    return Question(
        id=question_id,
        track=track,
        text=draft.text,
        type=classify_question(draft.text),
        competencies=list(dict.fromkeys([track, competency])),
        criteria=criteria,
        follow_ups=[
            FollowUp(id=f"f{n}", text=text, targets=follow_up_targets(text, criteria))
            for n, text in enumerate(draft.follow_ups, 1)
        ],
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
                f"{source_name}:{index + 1}: no 'In your answer, …' guidance "
                f"for the question on line {question_at + 1}",
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


def _read_dimensions_format(lines: list[str]) -> list[_Draft]:
    """Layout C: '1. <dimension>' then a paragraph. Its asks become questions (a "might even ask"
    one a follow-up of the question before it), what the interviewer listens for the criteria of
    every question of that dimension, and the dimension its competency."""
    words = guide_words()
    drafts: list[_Draft] = []
    for index, line in enumerate(lines):
        heading = DIMENSION_HEADING.match(line)
        paragraph_at = _next_text_line(lines, index + 1) if heading else None
        if heading is None or paragraph_at is None or len(lines[paragraph_at]) < PARAGRAPH_CHARS:
            continue
        sentences = SENTENCE_END.split(lines[paragraph_at])
        criteria = [item for sentence in sentences for item in _listens_for(sentence, words.dimension_listens_for)]
        competency = _slug(heading.group(1), words=COMPETENCY_WORDS)
        # Where it names nothing it listens for, the paragraph's other sentences are what it values.
        fallback = [sentence.rstrip(".") for sentence in sentences if not _asks(sentence)]
        found: list[_Draft] = []
        for sentence in sentences:
            for ask, asked, extra in _asks(sentence):
                if ask.follow_up and found:
                    found[-1].follow_ups.append(asked)
                    continue
                found.append(
                    _Draft(
                        line=paragraph_at + 1,
                        text=asked,
                        why_asked=sentences[0],
                        criteria=[*criteria, *extra] or fallback,
                        competency=competency,
                    )
                )
        if not found:  # a dimension the article names but quotes no question for is still asked about
            found.append(
                _Draft(
                    line=paragraph_at + 1,
                    text=f"Tell me about a time that shows this: {heading.group(1)}.",
                    why_asked=sentences[0],
                    criteria=criteria or fallback,
                    competency=competency,
                )
            )
        drafts += found
    return drafts


def _asks(sentence: str) -> list[tuple[DimensionAsk, str, list[str]]]:
    """The questions a sentence says interviewers ask, each with areas its own list adds
    ("… initiatives to improve X, how they evaluated Y, or how they sought Z": Y and Z)."""
    lowered = sentence.lower()
    for ask in sorted(guide_words().dimension_asks, key=lambda a: -len(a.cue)):
        at = lowered.find(ask.cue)
        if at < 0:
            continue
        rest = sentence[at + len(ask.cue) :].strip().rstrip(".")
        quoted = QUOTED.match(rest)
        if quoted:
            return [(ask, _as_question(quoted.group(1), "{rest}"), [])]
        asked = []
        for part in ALSO_ASKS.split(TRAILING_CLAUSE.sub("", rest)):
            listed = ask.form.startswith("Tell me about") and LIST_OF_ASKS.search(part)
            items = split_guidance_into_criteria(part) if listed else [part]
            extra = [_second_person(item) for item in items[1:]]
            form = "{rest}" if DIRECT_ASK.match(part) else ask.form
            asked.append((ask, _as_question(items[0], form), extra))
        return asked
    return []


def _as_question(rest: str, form: str) -> str:
    rest = rest.strip().rstrip(".?")
    if form.startswith("How "):
        rest = re.sub(r"^you'd\b", "would you", rest)
        rest = re.sub(r"^you\b", "do you", rest)
        return f"How {rest}?"
    text = form.format(rest=rest)
    text = text[0].upper() + text[1:]
    return text if text.endswith(("?", ".")) else f"{text}."


def _listens_for(sentence: str, cues: tuple[str, ...]) -> list[str]:
    lowered = sentence.lower()
    for cue in cues:
        at = lowered.find(cue)
        if at >= 0:
            rest = re.sub(r"^candidates who ", "", sentence[at + len(cue) :].strip().rstrip("."))
            return split_guidance_into_criteria(rest) if LIST_OF_ASKS.search(rest) else [rest]
    return []


def _second_person(text: str) -> str:
    """'how they evaluated their product' → 'how you evaluated your product'."""
    return re.sub(r"\bthey\b", "you", re.sub(r"\btheir\b", "your", text))


def follow_up_targets(text: str, criteria: list[Criterion]) -> list[str]:
    """The areas a follow-up shares the most content words with (all of them on a tie), or none."""
    asked = _content_words(text)
    overlap = {criterion.id: len(asked & _content_words(criterion.text)) for criterion in criteria}
    best = max(overlap.values(), default=0)
    return [criterion_id for criterion_id, shared in overlap.items() if best and shared == best]


def _content_words(text: str) -> set[str]:
    filler = guide_words().filler_words
    return {word for word in WORD.findall(text.lower()) if word not in filler and len(word) > 2}


def _split_guidance(line: str) -> tuple[str, str | None]:
    """'Employers ask this question to … In your answer, …' → (why asked, guidance)."""
    match = GUIDANCE_START.search(line)
    if match is None:
        return line, None
    return line[: match.start()].strip(), line[match.start() :].strip()


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
        elif char in ", ":
            # Matched in place: slicing the rest of the text at every character made a long
            # guidance line cost quadratic time.
            separator = SEPARATOR.match(body, position)
            if separator:
                spans.append(separator.span())
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
    if len(text) >= 2 and text[0] in '"“' and text[-1] in '"”':
        return text[1:-1].strip()
    return text


def _slug(text: str, *, words: int | None = None) -> str:
    """The text's content words, lowercased and joined by '-' ("Interview Questions for Assessing
    Customer Centricity" → "customer-centricity"): at most `words` of them, and cut at a word's
    end to stay within MAX_TRACK_ID."""
    filler = guide_words().filler_words
    content = [word for word in WORD.findall(text.lower()) if word not in filler] or WORD.findall(text.lower())
    slug = ""
    for word in content[:words]:
        longer = f"{slug}-{word}" if slug else word
        if len(longer) > MAX_TRACK_ID:
            break
        slug = longer
    return slug or "imported"
