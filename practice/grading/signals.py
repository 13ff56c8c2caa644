"""Cue patterns: the sentence-level signs of STAR parts, obstacles, lessons, plan structure,
figures and first-person actions.

Both the full grader and the live meter use these, so the meter under the answer box and the
feedback after it never disagree about whether a result was stated. Patterns run on lower-cased
text with straight apostrophes (see `normalise`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

from practice.grading import knowledge
from practice.grading.text import iter_sentences

_LANGUAGE = knowledge.language()
_IRREGULAR_PAST = "|".join(_LANGUAGE.actions.irregular_past)
_PRESENT_ACTIONS = "|".join(_LANGUAGE.actions.present)
_NOT_ACTIONS = "|".join(_LANGUAGE.actions.not_actions)
_ADVERBS = r"(?:(?:" + "|".join(_LANGUAGE.actions.adverbs) + r")\s+)?"

ACTION_RE = re.compile(
    rf"\b(i|we)(?:'d|'ll|'ve|\s+would|\s+will|\s+can|\s+could|\s+have)?\s+{_ADVERBS}"
    rf"(?!(?:{_NOT_ACTIONS})\b)((?:{_IRREGULAR_PAST})\b|\w{{3,}}ed\b|(?:{_PRESENT_ACTIONS})\b)"
)
_MODAL_ACTION_RE = re.compile(
    rf"\b(i|we)(?:'d|'ll|\s+would|\s+will)\s+{_ADVERBS}(?!(?:be|like|say|think|feel|have|need|want|love)\b)[a-z]{{3,}}"
)

_IMPLIED_SUBJECT_RE = re.compile(
    rf"(?:^|[;:]\s+|\n)(?:[-•*]\s*|\d+[.)]\s*)?(?:(?:then|so|and|also|first|next|finally),?\s+)?"
    rf"(?!(?:{_NOT_ACTIONS}|{'|'.join(_LANGUAGE.actions.not_implied)})\b)((?:{_IRREGULAR_PAST})\b|\w{{3,}}ed\b)"
)
"""An action told without its subject, as terse answers and bullets tell them ("Picked two
measures with them", "- Rewrote the guide"): the candidate's own."""

_TOLD_FRAME_RE = re.compile(knowledge.WORD_START + "(?:" + "|".join(_LANGUAGE.actions.told_frames) + ")")
"""Actions told in a frame ("What I did was get…", "Me and the manager went through…"): told, so
a story's Action, though the verb after the frame may be in any form."""

SITUATION_RE = _LANGUAGE.pattern("situation")
TASK_RE = _LANGUAGE.pattern("task")
ACHIEVED_RE = _LANGUAGE.pattern("achieved")
"""An achieved change: a past-tense outcome with its size ("raised CSAT from 78 to 88"), a kept
customer ("renewed"), what people did afterwards ("she later wrote to my manager"), or a stated
consequence ("as a result"). "To cut churn by 5%" is a goal and "churn had climbed to 18%" the
problem, not a result: a change verb right after "to" or "had" does not count."""
_LATER = "|".join(_LANGUAGE.expand(item) for item in _LANGUAGE.cues["later"])
_LATER_OPENING = "|".join(_LANGUAGE.expand(item) for item in _LANGUAGE.cues["later_opening"])
LATER_RE = re.compile(rf"{knowledge.WORD_START}(?:{_LATER})|^(?:{_LATER_OPENING})")
"""Markers that the story has moved on to its end: a result when nothing else in the sentence is
a goal ("...within two quarters" in "I was asked to ... within two quarters" is a deadline, and
"within"/"after" a time only opens a result: "agreed to ship a fix within ten days" is a plan)."""
_LATER_ANYWHERE_RE = re.compile(rf"{knowledge.WORD_START}(?:{_LATER}|{_LATER_OPENING})")
UNREAL_RE = _LANGUAGE.pattern("unreal")
"""A plan, a condition or a claim about how things usually go: whatever it says happened, it did not."""
PLAN_SENTENCE_RE = _LANGUAGE.pattern("plan_sentence")
"""A sentence that says what the candidate would or will do: a plan, not a story."""
SUSTAIN_RE = _LANGUAGE.pattern("sustain")
"""What keeps a change from fading: a routine that outlives the project, or proof it lasted."""
LESSON_RE = _LANGUAGE.pattern("lesson")
FINDING_RE = _LANGUAGE.pattern("finding")
OBSTACLE_RE = _LANGUAGE.pattern("obstacle")
PHASE_RE = _LANGUAGE.pattern("phase")
STEP_RE = re.compile(_LANGUAGE.pattern("step", prefix=r"(?:^|\b)").pattern + r"|^\s*(?:[-*•–]|\d{1,2}[.)])\s")
PRINCIPLE_RE = _LANGUAGE.pattern("principle")
MEASURE_RE = _LANGUAGE.pattern("measure")
PLAN_QUESTION_RE = _LANGUAGE.pattern("plan_question")
"""What a question says when it asks for a plan laid out over time (a first 90 days, a roadmap)."""
REFLECTIVE_QUESTION_RE = _LANGUAGE.pattern("reflective_question")
"""What a question says when it asks about the candidate themselves (why here, their style)."""
HEDGE_RE = _LANGUAGE.pattern("hedge")
"""The words of an answer that talks around a thing instead of showing it."""
_FILLER_RE = _LANGUAGE.pattern("filler", prefix="^")
_FINITE_VERB_RE = _LANGUAGE.pattern("finite_verb")
_SCENE_FRAGMENT_WORDS = knowledge.tuning().scene_fragment_words
IMPRECISE_RE = _LANGUAGE.pattern("imprecise")
"""Words that say a thing changed without saying how much or what happened ("things got better")."""
_UNITS = "|".join(unit if unit in ("%",) else unit + r"\b" for unit in _LANGUAGE.units)
# Figures in digits start with a digit or a currency sign (a pattern that starts with a character
# set is scanned for several times faster); figures in words are looked for only in sentences that
# contain a number word. A number run into letters ("4pm", "b2b", "3rd") or a time of day is no
# measurement.
DIGITS_RE = re.compile(
    rf"[$€£\d](?<![\w.,]\d)(?:(?<=[$€£])\s?\d)?(?:\d|[.,/](?=\d))*(?:\s?(?:{_UNITS}))?(?![\w:])(?!\s?[ap]\.?m\b)"
)
_TIME_OF_DAY_RE = re.compile(r"^\d{1,2}[:.]\d\d$")
NUMBER_WORDS = frozenset(_LANGUAGE.number_words) | frozenset(_LANGUAGE.number_change_words)
_NOT_COUNTED = "|".join(_LANGUAGE.not_counted)
WORD_NUMBER_RE = re.compile(
    rf"\b(?:{'|'.join(_LANGUAGE.number_words)})\s+(?:{_UNITS})"
    # "three detentions", "two failed releases": a count, whatever it counts
    rf"|\b(?:{'|'.join(_LANGUAGE.number_words)})\s+(?!of\b)(?:[a-z'-]+\s+)?(?!(?:{_NOT_COUNTED})\b)[a-z]{{3,}}s\b"
    rf"|\b(?:{'|'.join(_LANGUAGE.number_change_words)})\b"
)
NAME_RE = re.compile(r"\b[A-Z]{2,}s?\b|(?<=[a-z,;:] )[A-Z][a-z]+")
"""Acronyms (CSAT, SLA) and capitalised words inside a sentence (Zendesk, Finance): the names that
make a sentence about something in particular. Runs on the original text."""
LIST_SEPARATOR_RE = re.compile(r"[,;\n•|/]+|\s[-–—]\s|[.!?](?:\s|$)")
"""What separates the items of a list, or the clauses of prose."""
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")

STAR_PARTS = ("situation", "task", "action", "result")
PAST_RE = re.compile(rf"\b(?:\w{{3,}}ed|{_IRREGULAR_PAST}|{'|'.join(_LANGUAGE.actions.narration_past)})\b")
SCENE_BREAKERS = frozenset({"task", "action", "result", "lesson"})
_SCENE_OPENING_RE = _LANGUAGE.pattern("scene_opening", prefix="^")
"""An answer that opens on a clause of time or place ("When I became team leader in the contact
centre, …", "After two outages in a month, …") or on what someone else did ("One customer asked
me to …") sets the scene first, whatever the rest of the sentence goes on to say."""
_HABITUAL_RE = _LANGUAGE.pattern("habitual")
"""A claim about oneself in general ("I have always been customer focused") is not a scene."""
_HABIT_MARKER_RE = _LANGUAGE.pattern("habit_marker")
"""How a habit is said without "always" or "usually" ("Normally I…", "Whenever a customer…")."""
_OPINION_RE = _LANGUAGE.pattern("opinion")
"""A view or a condition ("I think conflict is healthy", "If I had a difficult colleague…"):
never the scene of a story, whatever tense its verbs are in."""
_SCENE_TIME_RE = _LANGUAGE.pattern("scene_time")
"""How things stood before the story's end ("back then", "by the time I joined"): the problem's
figure, never an outcome."""


def normalise(text: str) -> str:
    """Lower case with straight apostrophes: what every pattern here expects."""
    return text.lower().replace("’", "'").replace("‘", "'")


def says_nothing(normalised: str) -> bool:
    """A whole sentence that is only a filler ("Sure.", "Um, yes.", "Great question.")."""
    return _FILLER_RE.match(normalised.strip()) is not None


def opening_index(normalised_sentences: Iterable[str]) -> int:
    """Where the story starts: the first sentence that says something ("Sure. So, I had this one
    student…" starts at its second). Reads no further than that sentence."""
    return next((index for index, sentence in enumerate(normalised_sentences) if not says_nothing(sentence)), 0)


def sentence_cues(normalised: str, *, has_action: bool, opening: bool) -> frozenset[str]:
    """The parts one sentence plays in a story: its STAR part(s), and whether it states a lesson,
    an obstacle or how a change was sustained. A sentence may play several ("Two leads pushed back,
    so I ran a pilot" is an obstacle and an action).

    A goal is not a result: a sentence that states an assignment ("I was asked to … within two
    quarters") is a result only if it also reports an achieved change. An answer's opening
    sentence that tells what happened without the candidate's own action, goal, result or lesson
    sets the scene ("Our largest customer emailed our CEO …"), even without a cue like "at my last
    company".
    """
    cues: set[str] = set()
    if SITUATION_RE.search(normalised) and not _HABITUAL_RE.search(normalised):
        cues.add("situation")
    if TASK_RE.search(normalised):
        cues.add("task")
    if has_action:
        cues.add("action")
    if _tells_result(normalised, stated_task="task" in cues, opening=opening):
        cues.add("result")
    if LESSON_RE.search(normalised):
        cues.add("lesson")
    if FINDING_RE.search(normalised):
        cues.add("finding")
    if OBSTACLE_RE.search(normalised):
        cues.add("obstacle")
    if SUSTAIN_RE.search(normalised):
        cues.add("sustain")
    if (
        opening
        and (cues.isdisjoint(SCENE_BREAKERS) or (_SCENE_OPENING_RE.search(normalised) and "lesson" not in cues))
        and (PAST_RE.search(normalised) or _scene_fragment(normalised))
        and not _HABITUAL_RE.search(normalised)
        and not _HABIT_MARKER_RE.search(normalised)
        and not _OPINION_RE.search(normalised)
    ):
        cues.add("situation")
    return frozenset(cues)


_SUBJECT_PRONOUN_RE = re.compile(r"\b(?:i|you|we|he|she|they)\b")
"""A fragment names a place and a time without anyone doing anything: "you reconcile the
accounts" and "I tend to stay calm" are sentences whose verb the finite-verb list does not know."""
_ASSENT_RE = re.compile(r"\b(?:yes|yeah|yep|okay|ok)\b")
"""A fragment that says yes to the question ("Oh, conflict, yeah.") restates it; it sets no scene."""


def _scene_fragment(normalised: str) -> bool:
    """A short opening with no verb at all names where the story happens, as a spoken answer often
    starts ("Parent of a Year 11 boy.", "Big retail client, Christmas peak.")."""
    return (
        len(normalised.split()) <= _SCENE_FRAGMENT_WORDS
        and _FINITE_VERB_RE.search(normalised) is None
        and _SUBJECT_PRONOUN_RE.search(normalised) is None
        and _ASSENT_RE.search(normalised) is None
        and not says_nothing(normalised)
    )


def _tells_result(normalised: str, *, stated_task: bool, opening: bool) -> bool:
    """An outcome that happened: an achieved change, or the story's end told beside no goal; never
    in a plan, a condition or a claim ("I'd follow up a week later", "my teams always deliver").
    A time marker in the opening sentence belongs to the scene ("he had an interview the next
    morning"): the story has not yet reached its end."""
    candidate = ACHIEVED_RE.search(normalised) is not None or (
        not stated_task and not opening and LATER_RE.search(normalised) is not None
    )
    return candidate and UNREAL_RE.search(normalised) is None and _SCENE_TIME_RE.search(normalised) is None


def has_action(normalised: str) -> bool:
    return ACTION_RE.search(normalised) is not None or _MODAL_ACTION_RE.search(normalised) is not None


_MODAL_OR_PERFECT_RE = re.compile(
    r"(?:i|we)(?:'d|'ll|'ve|\s+would(?:n't)?|\s+will|\s+won't|\s+can|\s+could|\s+have|\s+should(?:n't)?|\s+might)\b"
)
_PAST_VERBS = tuple(_LANGUAGE.actions.irregular_past)
_NARRATION_PAST = frozenset(_LANGUAGE.actions.narration_past) | {
    verb for verb in _LANGUAGE.actions.irregular_past if " " not in verb
}
_NOT_PAST = frozenset(_LANGUAGE.actions.not_past)


def narrates(normalised: str) -> bool:
    """Whether a sentence tells something that happened, by anyone ("The committee agreed", "it
    was 2am"), rather than saying how things are or usually go ("We have KPIs", "Normally I
    look at the logs"); "I always put the customer first" is how things usually go."""
    if _HABITUAL_RE.search(normalised):
        return False
    return any(
        word in _NARRATION_PAST or (len(word) > 4 and word.endswith("ed") and word not in _NOT_PAST)
        for word in re.findall(r"[a-z]+", _FIRST_PERSON_PERFECT_RE.sub(" ", normalised))
    )


_FIRST_PERSON_PERFECT_RE = re.compile(
    r"\b(?:i|we)(?:'ve| have) (?:(?:always|never|often|also|already|just|really|ever) )?\w+"
)
""""I've handled hundreds of these", "we've always delivered": a claim about one's record, not
something that happened."""


def _frame_subject(match: re.Match[str]) -> str:
    subject = next((group for group in match.groups() if group), "i")
    return "i" if subject == "me" else subject


def told(normalised: str, spans: list[tuple[str, int, int]]) -> bool:
    """Whether an action is told as something that happened ("I rebuilt her menu"): the action of
    a story. "I listen", "I have handled many" and "I'd call" are habits, claims and plans."""
    for _, start, end in spans:
        span = normalised[start:end]
        if _TOLD_FRAME_RE.match(span):
            return True
        # "I always put the customer first" is a habit, whatever the verb's form.
        if _MODAL_OR_PERFECT_RE.match(span) or _HABITUAL_RE.match(span):
            continue
        if span.endswith("ed") or span.endswith(_PAST_VERBS):
            return True
    return False


_PRESENT_NARRATION_AT = knowledge.tuning().present_narration_at
_PRESENT_NARRATION_RE = re.compile(
    rf"\b(i|we)\s+{_ADVERBS}(?!(?:{'|'.join(_LANGUAGE.actions.not_present)})\b)([a-z]{{2,}})\b(?!')"
)


def present_actions(normalised: str) -> list[tuple[str, int, int]]:
    """(subject, start, end) of each first-person action the sentence tells in the present, when
    it is neither a habit, a claim nor a plan ("So I take it to the product director"): how a
    story told in the present tells what the candidate did. Whether the answer is such a story is
    the grader's to judge."""
    found = [
        (match.group(1), match.start(), match.end())
        for match in _PRESENT_NARRATION_RE.finditer(normalised)
        if not (match.group(2).endswith("ed") or match.group(2) in _NARRATION_PAST)
    ]
    if found and (
        _HABITUAL_RE.search(normalised) or _HABIT_MARKER_RE.search(normalised) or UNREAL_RE.search(normalised)
    ):
        return []
    return found


def _sets_scene(normalised: str) -> bool:
    """A scene named by its words ("So this is 2022. I'm director of support at…"), not by its place."""
    return SITUATION_RE.search(normalised) is not None and _HABITUAL_RE.search(normalised) is None


def present_narration(normalised: Sequence[str], told_past: Sequence[bool]) -> dict[int, list[tuple[str, int, int]]]:
    """The actions told in the present, by sentence, of an answer that is a story told in the
    present ("Last winter a customer rang us, furious. So I take the call myself. Then I book an
    engineer."): one that first tells something that happened or sets its scene, then enough
    actions in the present.
    Without the past first, it is how the candidate says they work ("I keep it professional. I
    do my job.").
    Empty for any other answer. `told_past` says which sentences already tell an action."""
    present = {
        index: spans
        for index, (sentence, past) in enumerate(zip(normalised, told_past, strict=True))
        if not past and (spans := present_actions(sentence))
    }
    first = min(present, default=0)
    if len(present) < _PRESENT_NARRATION_AT or not any(
        (past or narrates(sentence) or _sets_scene(sentence)) and UNREAL_RE.search(sentence) is None
        for sentence, past in zip(normalised[:first], told_past[:first], strict=True)
    ):
        return {}
    return present


_SAME_FORM_PAST = frozenset(_LANGUAGE.actions.same_form_past)


def _told_plainly(normalised: str, spans: list[tuple[str, int, int]]) -> bool:
    """Whether an action is told as something that happened by a verb that can only be past
    ("I rebuilt", "I called"): "I set my own targets higher" may as well be how one always works."""
    return told(
        normalised, [span for span in spans if normalised[span[1] : span[2]].split()[-1] not in _SAME_FORM_PAST]
    )


def told_only_in_same_form(
    normalised: Sequence[str], spans: Sequence[list[tuple[str, int, int]]], told_past: Sequence[bool]
) -> bool:
    """Whether the answer's only told actions are verbs spelt the same in past and present ("I set
    clear expectations") and nothing else in it is told in the past, in the same sentence or
    another ("When our backlog doubled I set up a rota" is a story): then those verbs say how the
    candidate works, and tell no action. `told_past` says which sentences tell an action."""
    sentences = list(zip(normalised, spans, told_past, strict=True))
    return (
        any(past for _, _, past in sentences)
        and not any(_told_plainly(sentence, found) for sentence, found, past in sentences if past)
        and not any(narrates(_without(sentence, found) if past else sentence) for sentence, found, past in sentences)
    )


def _without(normalised: str, spans: list[tuple[str, int, int]]) -> str:
    """The sentence with its actions blanked out: what else it tells."""
    for _, start, end in spans:
        normalised = normalised[:start] + " " * (end - start) + normalised[end:]
    return normalised


def star_parts(text: str) -> dict[str, bool]:
    """Which STAR parts an answer holds, as the grader's `sentence_cues` reads its sentences, but
    cheap enough for every keystroke: a pattern that means the same in any sentence is searched
    once in the whole text, and the text is read sentence by sentence only for what depends on
    the sentence (a time marker beside a goal, the opening scene)."""
    normalised = normalise(text)
    found = {
        "situation": SITUATION_RE.search(normalised) is not None,
        "task": TASK_RE.search(normalised) is not None,
        "action": told(normalised, actions(normalised, skip_role_statements=True)),
        "result": ACHIEVED_RE.search(normalised) is not None,
    }
    # Only where a sentence could change the verdict is the text read sentence by sentence: a
    # time marker that may open a result, or a result pattern that a plan or a claim may void; a
    # scene cue that a claim about oneself may void.
    if (not found["result"] and _LATER_ANYWHERE_RE.search(normalised)) or (
        found["result"] and UNREAL_RE.search(normalised)
    ):
        read = list(_normalised_sentences(text))
        start = opening_index(read)
        found["result"] = any(
            _tells_result(sentence, stated_task=TASK_RE.search(sentence) is not None, opening=index == start)
            for index, sentence in enumerate(read)
        )
    if not found["action"]:
        read = list(_normalised_sentences(text))
        found["action"] = bool(present_narration(read, [False] * len(read)))
    elif not _told_plainly(normalised, actions(normalised, skip_role_statements=True)):
        read = list(_normalised_sentences(text))
        spans = [actions(sentence, skip_role_statements=True) for sentence in read]
        found["action"] = not told_only_in_same_form(
            read, spans, [told(sentence, found) for sentence, found in zip(read, spans, strict=True)]
        )
    if found["situation"] and _HABITUAL_RE.search(normalised):
        found["situation"] = any(
            SITUATION_RE.search(sentence) and not _HABITUAL_RE.search(sentence)
            for sentence in _normalised_sentences(text)
        )
    if not found["situation"]:
        first = next((sentence for sentence in _normalised_sentences(text) if not says_nothing(sentence)), None)
        if first is not None:
            found["situation"] = "situation" in sentence_cues(first, has_action=has_action(first), opening=True)
    return found


def _normalised_sentences(text: str) -> Iterator[str]:
    return (normalise(sentence.text) for sentence in iter_sentences(text))


def numbers(normalised_text: str, original: str, tokens: frozenset[str] | None = None) -> list[str]:
    """Figures quoted from the answer as written (years alone are dates, not measurements), in
    the order they appear. `tokens`, the text's words when known, saves a search for number
    words in text that has none."""
    matches = list(DIGITS_RE.finditer(normalised_text))
    if tokens is None or not tokens.isdisjoint(NUMBER_WORDS):
        matches.extend(WORD_NUMBER_RE.finditer(normalised_text))
        matches.sort(key=lambda match: match.start())
    found: list[str] = []
    for match in matches:
        figure = original[match.start() : match.end()].strip()
        if figure and not _YEAR_RE.match(figure) and not _TIME_OF_DAY_RE.match(figure) and figure not in found:
            found.append(figure)
    return found


SUBJECTS = frozenset({"i", "we", "i'd", "we'd", "i'll", "we'll", "i've", "we've"})


_ROLE_STATEMENT_RE = re.compile("|".join(_LANGUAGE.role_statements))


def actions(
    normalised: str, tokens: frozenset[str] | None = None, *, skip_role_statements: bool = False
) -> list[tuple[str, int, int]]:
    """(subject, start, end) of each action a person takes: 'i' or 'we' plus a doing verb.
    `tokens`, the text's words when known, saves the search in text without 'i' or 'we'. With
    `skip_role_statements`, "I led a team of 12" says who the candidate was, not what they did."""
    implied = {
        ("i", m.start(1), m.end())
        for m in _IMPLIED_SUBJECT_RE.finditer(normalised)
        if not (skip_role_statements and _ROLE_STATEMENT_RE.match("i " + normalised[m.start(1) :]))
    }
    if tokens is not None and tokens.isdisjoint(SUBJECTS):
        return sorted(implied, key=lambda span: span[1])
    spans = {(m.group(1), m.start(), m.end()) for m in ACTION_RE.finditer(normalised)} | implied
    spans.update((m.group(1), m.start(), m.end()) for m in _MODAL_ACTION_RE.finditer(normalised))
    spans.update((_frame_subject(m), m.start(), m.end()) for m in _TOLD_FRAME_RE.finditer(normalised))
    if skip_role_statements:
        roles = [match.start() for match in _ROLE_STATEMENT_RE.finditer(normalised)]
        spans = {span for span in spans if span[1] not in roles}
    ordered = sorted(spans, key=lambda span: (span[1], -span[2]))
    kept: list[tuple[str, int, int]] = []
    for span in ordered:
        if kept and span[1] < kept[-1][2]:
            continue
        kept.append(span)
    return kept
