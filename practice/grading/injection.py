"""Spotting answers that talk to the grader instead of the interviewer.

The candidate's text is data, never instructions. Both graders run this first: the offline one
caps the score, the LLM one also refuses to trust a verdict on such an answer. Matching is on a
normalised copy (case, width, zero-width characters and spacing folded), and once more on the
letters alone, so "I G N O R E  previous   instructions" is caught as surely as the plain form.
"""

from __future__ import annotations

import re
import unicodedata

_TARGET = (
    r"(?:instructions?|prompts?|system prompt|rubric"
    r"|(?:grading|scoring|marking) (?:rules|criteria|guidelines|instructions))"
)
_OBJECT = r"(?:this|me|it|my answer|the answer|this answer|my response|this response|the candidate)"
_TOP_SCORE = (
    r"(?:(?:5|five)\s*(?:/|out of)\s*(?:5|five)|(?:10|ten)\s*(?:/|out of)\s*(?:10|ten)|100\s*(?:/|out of)\s*100"
    r"|a perfect score|perfect score|full marks|top marks|five stars|the highest score|the maximum score|max score)"
)

# Each pattern with the words (or symbols) it cannot match without: looking those up in the
# answer's set of words is far cheaper than running the expression, and most answers have none.
_PATTERNS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (triggers, re.compile(pattern))
    for triggers, pattern in (
        (
            ("ignore", "disregard", "forget", "override", "bypass"),
            rf"\b(?:ignore|disregard|forget|override|bypass)\b(?:\s+\w+){{0,4}}?\s+{_TARGET}\b",
        ),
        (
            ("ignore", "disregard", "forget"),
            r"\b(?:ignore|disregard|forget)\s+(?:all\s+|any\s+)?(?:previous|prior|above|earlier|your|of your)\s+"
            r"(?:\w+\s+)?(?:rules|guidelines|directions|orders)\b",
        ),
        (
            ("grader", "evaluator", "assessor", "scorer", "marker", "grading", "model", "llm"),
            r"\b(?:as|you are|you're|dear|hey|hi|attention|note to|message (?:to|for))\s+(?:the\s+|an?\s+|my\s+)?"
            r"(?:ai\s+)?(?:grader|evaluator|assessor|scorer|marker|grading (?:model|system|ai)|language model|llm)\b",
        ),
        (
            ("give", "award", "assign", "grant", "rate", "score", "grade", "mark"),
            rf"\b(?:give|award|assign|grant|rate|score|grade|mark)\s+{_OBJECT}\s+(?:an?\s+|as\s+)?(?:score of\s+)?"
            r"(?:5|five|10|ten|100|perfect|full marks|top marks|the highest|the maximum|max)\b",
        ),
        (
            ("give", "award", "assign", "grant", "rate", "score", "grade", "mark", "deserve", "deserves"),
            rf"\b(?:give|award|assign|grant|rate|score|grade|mark|deserves?)\s+(?:\w+\s+){{0,2}}?{_TOP_SCORE}",
        ),
        (("score", "rating", "grade", "mark"), r"\b(?:score|rating|grade|mark)\s*[:=]\s*(?:5|10|100|five|ten)\b"),
        (("system", "assistant", "developer"), r"(?:^|(?<=[\n.!?:;]))\s*(?:system|assistant|developer)\s*:(?=\s*\S)"),
        (
            ("<", "[", "#"),
            r"<\|?\s*(?:im_start|im_end|system|endoftext)\s*\|?>|\[/?(?:inst|system)\]|###\s*(?:instruction|system)",
        ),
        (("instruction", "instructions"), r"\b(?:new|updated|revised|real|actual|secret|hidden)\s+instructions?\b"),
        (
            ("you",),
            rf"\byou (?:must|should|will|have to|need to)\s+(?:give|score|rate|grade|award|mark|assign)\s+{_OBJECT}\b",
        ),
        (("mode", "jailbreak"), r"\b(?:developer|god|dan) mode\b|\bjailbreak"),
        (
            ("penalize", "penalise", "deduct", "mark", "flag", "downgrade", "lower"),
            r"\b(?:do not|don't|never) (?:penali[sz]e|deduct points from|mark down|flag|downgrade|lower the score of)"
            r"\s+(?:me|this|my answer|the answer|this answer)\b",
        ),
        (
            ("deserves", "should"),
            r"\b(?:this|my) (?:answer|response) (?:deserves|should (?:get|receive|be graded|be scored|be rated))\b",
        ),
        (
            ("return", "output", "respond", "reply"),
            r"\b(?:return|output|respond with|reply with)\s+(?:only\s+)?(?:json|\{|the score|a score)",
        ),
        (("score",), r"\"?score\"?\s*:\s*\"?5(?:\.0)?\b"),
    )
)

# Letters-only copies of the unmistakable phrases, for text spaced or punctuated to dodge the
# patterns above ("i g n o r e", "ignore_all_previous_instructions").
_COMPACT_PATTERNS: tuple[tuple[tuple[str, ...], re.Pattern[str]], ...] = tuple(
    (triggers, re.compile(pattern))
    for triggers, pattern in (
        (
            ("instruction", "prompt"),
            r"(?:ignore|disregard|forget)(?:all|any|the|your|my|previous|prior|above|earlier|these|those|of)*(?:instructions?|prompts?)",
        ),
        (
            ("grader", "evaluator", "assessor", "scorer"),
            r"(?:asthe|youarethe|dear|notetothe)(?:ai)?(?:grader|evaluator|assessor|scorer)",
        ),
        (
            ("give", "award", "rate", "score", "grade"),
            r"(?:give|award|rate|score|grade)(?:this|me|it|myanswer|theanswer|thisanswer)(?:a)?(?:(?:five|5)(?:outof)?(?:five|5)|(?:ten|10)(?:outof)?(?:ten|10)|perfect|fullmarks|topmarks)",
        ),
        (("systemprompt", "newinstruction", "imstart"), r"systemprompt|newinstructions|imstart"),
    )
)

_INVISIBLE = dict.fromkeys(
    code
    for code in (
        0x200B,
        0x200C,
        0x200D,
        0x2060,
        0xFEFF,
        0x00AD,
        0x180E,
        0x202A,
        0x202B,
        0x202C,
        0x202D,
        0x202E,
        0x2066,
        0x2067,
        0x2068,
        0x2069,
    )
)
_SPACES = re.compile(r"[^\S\n]+")
_NOT_LETTERS = re.compile(r"[^a-z0-9]+")
_TOKENS = re.compile(r"[a-z]+|[<\[#]")
MAX_SCANNED_CHARS = 200_000
"""Injections hide at either end of an overlong answer; the middle of a 100,000-word paste is
scanned only in part so detection stays fast."""


def normalise(text: str) -> str:
    folded = unicodedata.normalize("NFKC", text).translate(_INVISIBLE).lower()
    folded = folded.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return _SPACES.sub(" ", folded)


def detect(text: str) -> list[str]:
    """The phrases that address the grader, as found in the normalised text, in order; empty
    if the answer is clean."""
    if len(text) > MAX_SCANNED_CHARS:
        half = MAX_SCANNED_CHARS // 2
        text = text[:half] + "\n" + text[-half:]
    normal = normalise(text)
    present = frozenset(_TOKENS.findall(normal))
    found: list[str] = []
    for triggers, pattern in _PATTERNS:
        if not present.isdisjoint(triggers):
            for match in pattern.finditer(normal):
                _add(found, match.group().strip())
    compact = _NOT_LETTERS.sub("", normal)
    for triggers, pattern in _COMPACT_PATTERNS:
        if any(trigger in compact for trigger in triggers):
            for match in pattern.finditer(compact):
                if not any(match.group() in _NOT_LETTERS.sub("", phrase) for phrase in found):
                    _add(found, match.group())
    return found


def _add(found: list[str], phrase: str) -> None:
    """Keep the longest of overlapping phrases ("give this 5" inside "give this 5/5")."""
    phrase = " ".join(phrase.split())
    if not phrase or any(phrase in kept for kept in found):
        return
    found[:] = [kept for kept in found if kept not in phrase]
    found.append(phrase)
