"""Cue patterns: the sentence-level signs of STAR parts, obstacles, lessons, plan structure,
figures and first-person actions.

Both the full grader and the live meter use these, so the meter under the answer box and the
feedback after it never disagree about whether a result was stated. Patterns run on lower-cased
text with straight apostrophes (see `normalise`).
"""

from __future__ import annotations

import re

from practice.grading.text import iter_sentences

_IRREGULAR_PAST = (
    "built|ran|led|set|made|took|brought|wrote|sat|met|held|gave|began|chose|drove|got|put|sent|spoke|"
    "told|taught|went|kept|found|cut|hired|paid|sold|flew|rebuilt|undertook|overtook|spent|dug|won|"
    "stood|rewrote|split|shut|shared|caught|thought through|laid out"
)
_PRESENT_ACTIONS = (
    "audit|map|set|build|run|hire|create|use|review|track|measure|prioritize|prioritise|start|define|"
    "launch|train|teach|coach|lead|meet|call|escalate|acknowledge|mirror|summarize|summarise|switch|route|"
    "pause|protect|present|tie|triangulate|staff|deploy|categorize|categorise|pair|quantify|bring|"
    "propose|embed|write|schedule|publish|push|stand up|focus|monitor|keep|add|assign|document|"
    "analyze|analyse|interview|survey|test|pilot|calibrate|celebrate|reinforce|hold|ask|listen|"
    "follow|close|share|identify|communicate|align|involve|check|evaluate|phase|roll|default|lean|"
    "map out|design|draft|rank|cut|stop|reset|brief|model|shadow|visit|partner|join|triage|tag"
)
_NOT_ACTIONS = (
    "needed|wanted|joined|noticed|realized|realised|learned|learnt|believed|liked|loved|hoped|"
    "worried|feared|assumed|expected|seemed|used to|supposed|tried to be|started out|inherited|"
    "was|were|had|am|is|are|have|think|feel|felt|know|knew|guess|suppose"
)
_ADVERBS = r"(?:(?:then|also|first|personally|immediately|quickly|finally|next|jointly|together|initially|always|usually|typically|often|still|eventually|soon|later|again|just|actually|really|all|both|each)\s+)?"

ACTION_RE = re.compile(
    rf"\b(i|we)(?:'d|'ll|'ve|\s+would|\s+will|\s+can|\s+could|\s+have)?\s+{_ADVERBS}"
    rf"(?!(?:{_NOT_ACTIONS})\b)((?:{_IRREGULAR_PAST})\b|\w{{3,}}ed\b|(?:{_PRESENT_ACTIONS})\b)"
)
_MODAL_ACTION_RE = re.compile(rf"\b(i|we)(?:'d|'ll|\s+would|\s+will)\s+{_ADVERBS}(?!(?:be|like|say|think|feel|have|need|want|love)\b)[a-z]{{3,}}")

SITUATION_RE = re.compile(
    r"\b(?:when i (?:joined|started|took over|arrived|inherited|was|moved)|at my (?:last|previous|former|current|first)"
    r"|in (?:19|20)\d\d|last (?:year|quarter|spring|summer|autumn|fall|winter|month)"
    r"|(?:a|one|two|three|four|five|a few|several|\d+) (?:years?|months?|quarters?|weeks?|winters?|summers?|springs?|autumns?) ago"
    r"|back then|at the time|previously|inherited|was hired|the situation|the context|background"
    r"|there (?:was|were)|we (?:had|were|faced)|our (?:\w+ ){0,2}(?:was|were|had)|(?:the|our) (?:company|team|business|product|startup|platform) (?:was|had|were)"
    r"|i was (?:the|a|an|leading|running|managing|heading|responsible)\b|i (?:led|ran|managed|headed) (?:a|the|our) (?:team|department|group|org)\w* of)"
)
TASK_RE = re.compile(
    r"\b(?:my (?:goal|job|task|role|mandate|responsibility|objective|challenge|brief|mission|remit|priority)(?: (?:from|for|at|in|on|there) [^.!?,:]{0,25}?)? (?:was|became|there)"
    r"|i (?:was|had been|got) (?:asked|tasked|hired|brought in|charged|responsible|expected|given)"
    r"|i needed to|i had to|we needed to|we had to|i wanted to|i set out|i decided to|i aimed|i was determined"
    r"|the (?:goal|task|objective|mandate|challenge|ask|aim) (?:was|became)|(?:it|this) was (?:up to me|my job|on me)"
    r"|charged with|responsible for|my role|the target was|i owned|i took ownership|i took on|i volunteered"
    r"|with the (?:goal|aim|objective|mandate) (?:of|to)"
    r"|(?:asked|wanted|hired|needed|brought|tasked) me (?:in )?to)"
)
_CHANGE_VERBS = (
    "rose|grew|increased|improved|raised|lifted|boosted|jumped|climbed|doubled|tripled|fell|dropped|decreased|declined"
    "|reduced|cut|halved|lowered|shrank|went (?:up|down)|came down|recovered"
)
ACHIEVED_RE = re.compile(
    # An achieved change: a past-tense outcome with its size ("raised CSAT from 78 to 88"), a kept
    # customer ("renewed"), or a stated consequence ("as a result"). "To cut churn by 5%" is a goal,
    # not a result: a change verb right after "to" does not count.
    r"\b(?:as a result|the result|results? (?:was|were|came)|resulted in|the outcome|outcome was"
    r"|which (?:meant|cut|reduced|raised|increased|improved|saved|brought|lowered|dropped|doubled)|led to (?:a|an|the)?\s?\w+"
    rf"|(?<!to )(?:{_CHANGE_VERBS})\b[^.!?]{{0,40}}?\b(?:by|to|from)\b"
    r"|\b(?:csat|nps|churn|revenue|retention|costs?|contacts|tickets|complaints|backlog|(?:handle|wait|response|resolution) times?|scores?|rates?)"
    rf" (?:\w+ ){{0,2}}(?:{_CHANGE_VERBS})\b"
    r"|thanked (?:me|us)|renewed|retained|won back|kept the account|saved the account|stayed (?:with us|with the company|a customer|on as|loyal)"
    r"|signed (?:a|the|on|up)\b|upgraded|expanded (?:their|the|to)\b|saved (?:us|the company|them|about|around|over|\$|\d)"
    r"|(?:increase|reduction|improvement|drop|rise|decline|uplift|gain|saving)s? (?:of|in) [^.!?]{0,25}?\d"
    r"|\d+(?:\.\d+)?\s?(?:%|percent|points?|pts)\b[^.!?]{0,25}?\b(?:increase|reduction|improvement|drop|rise|lower|higher|fewer|less|more|gain|faster))"
)
_LATER = (
    r"\b(?:in the end|by the end|ended up|eventually|since then|today (?:we|the|our|it)|the (?:next|following) (?:day|morning|week|month)"
    r"|(?:a|one|two|three|four|five|six|a few|several|\d+) (?:days?|weeks?|months?|quarters?|years?) later"
    r"|over the (?:next|following) (?:\w+ )?(?:days|weeks|months|quarters|years))"
)
_LATER_OPENING = (
    r"(?:within|after) (?:a|an|one|two|three|four|five|six|eight|nine|ten|twelve|\d+) (?:days?|weeks?|months?|quarters?|years?)\b"
)
LATER_RE = re.compile(rf"{_LATER}|^{_LATER_OPENING}")
"""Markers that the story has moved on to its end: a result when nothing else in the sentence is
a goal ("...within two quarters" in "I was asked to ... within two quarters" is a deadline, and
"within"/"after" a time only opens a result: "agreed to ship a fix within ten days" is a plan)."""
_LATER_ANYWHERE_RE = re.compile(rf"{_LATER}|\b{_LATER_OPENING}")
SUSTAIN_RE = re.compile(
    # What keeps a change from fading: a routine that outlives the project, or proof it lasted.
    r"\b(?:to make (?:it|this|them|the \w+) (?:stick|last)|to keep (?:it|this|them|the \w+) from|sustain\w*|to this day|ever since"
    r"|from then on|still (?:review|run|use|hold|meet|do|track|measure)\w*|made it part of|became (?:part of|the norm|standard)"
    r"|(?:built|wrote|baked|embedded|added) (?:\w+ ){1,3}into (?:our |the |all |every )?(?:\w+ )?"
    r"(?:onboarding|hiring|training|performance|quarterly|annual|reviews?|goals|scorecards?|job descriptions?|interviews?|induction|planning)"
    r"|every (?:day|week|month|quarter|year|monday|tuesday|wednesday|thursday|friday|sprint)"
    r"|(?:weekly|monthly|quarterly) (?:\w+ )?(?:review|check|audit|meeting|dashboard|report|retro|call|session)s?)"
)
LESSON_RE = re.compile(
    r"\b(?:i (?:have |'ve )?(?:learned|learnt)|we learned|lessons?|taught me|teaches me|in hindsight|looking back|next time|with hindsight"
    r"|(?:do|done|did|approach)\w* (?:it |things |this )?differently|takeaways?|what i took away|since then,? i|now i (?:always|make sure|start|try|never)"
    r"|i realized|i realised|it reminded me|the biggest lesson|i now|i'd (?:now )?(?:start|involve|test)|i would (?:now )?(?:start|involve|test))"
)
OBSTACLE_RE = re.compile(
    # The look-ahead lists the first letters of the alternatives: other positions fail at once.
    r"\b(?=[hrpsobcdtwfu])(?:however|resist\w*|pushed back|push back|pushback|objections?|objected|skeptic\w*|sceptic\w*|reluctan\w*|obstacles?|barriers?"
    r"|hurdles?|challeng(?:e|es|ing)|struggl\w*|refus\w*|didn't want|did not want|concerns?|worried|tensions?|conflict\w*|blockers?|setbacks?"
    r"|difficult\w*|pressure|constraints?|opposed|opposition|doubts?|friction|went wrong|didn't work|did not work|failed|fell short"
    r"|unhappy|frustrat\w*|angry|irate|upset|threatened)"
)
PHASE_RE = re.compile(
    r"\b(?:(?:first|next|last|final) (?:\d+ )?(?:days?|weeks?|months?|quarters?|phase)|day (?:\d+|one)|by day|week (?:\d+|one|two)"
    r"|month (?:\d+|one|two|three)|phase (?:\d|one|two|three)|\d+-\d+-\d+|\d+ days|in parallel|quick wins?|early wins?|long[- ]term|short[- ]term)"
)
STEP_RE = re.compile(r"(?:^|\b)(?:first(?:ly)?|second(?:ly)?|third(?:ly)?|then|next|after that|finally|once|step \d|lastly|before|afterwards)\b|^\s*(?:[-*•–]|\d{1,2}[.)])\s")
PRINCIPLE_RE = re.compile(
    r"\b(?:principles?|i believe|my (?:rule|philosophy|framework|approach|default|bias)|i (?:always|never|prioritize|prioritise|optimize|optimise|bias)"
    r"|framework|rubric|guardrails?|rule of thumb|non-negotiable|values?|the line|trade-?offs?|i default|criteria)"
)
MEASURE_RE = re.compile(
    r"\b(?:measur\w*|track\w*|monitor\w*|metrics?|kpis?|okrs?|dashboards?|csat|nps|ces|frt|aht|fcr|slas?|scorecards?|thresholds?"
    r"|success criteria|containment|deflection rates?|recontact rates?|review (?:trends|the numbers|weekly|monthly)|baseline)\b"
)
_UNITS = (
    r"%|percent\b|x\b|k\b|m\b|bn\b|pts?\b|points?\b|nps\b|csat\b|weeks?\b|days?\b|months?\b|quarters?\b|years?\b"
    r"|hours?\b|hrs?\b|minutes?\b|mins?\b|seconds?\b|people\b|agents\b|customers\b|accounts\b|tickets\b|reps\b"
    r"|engineers\b|stars?\b|seats\b|contacts\b|calls\b|approvals\b|steps\b|times\b"
)
# Figures in digits start with a digit or a currency sign (a pattern that starts with a character
# set is scanned for several times faster); figures in words are looked for only in sentences that contain a number word.
DIGITS_RE = re.compile(rf"[$€£\d](?<![\w.,]\d)(?:(?<=[$€£])\s?\d)?[\d.,:/]*(?<![.,:/])(?:\s?(?:{_UNITS}))?")
NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty sixty hundred "
    "dozen doubled tripled halved quadrupled".split()
)
WORD_NUMBER_RE = re.compile(
    rf"\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|hundred|dozen)\s+(?:{_UNITS})"
    r"|\b(?:doubled|tripled|halved|quadrupled)\b"
)
NAME_RE = re.compile(r"\b[A-Z]{2,}s?\b|(?<=[a-z,;:] )[A-Z][a-z]+")
"""Acronyms (CSAT, SLA) and capitalised words inside a sentence (Zendesk, Finance): the names that
make a sentence about something in particular. Runs on the original text."""
LIST_SEPARATOR_RE = re.compile(r"[,;\n•|/]+|\s[-–—]\s|[.!?](?:\s|$)")
"""What separates the items of a list, or the clauses of prose."""
_YEAR_RE = re.compile(r"^(?:19|20)\d\d$")

STAR_PARTS = ("situation", "task", "action", "result")
_PAST_RE = re.compile(rf"\b(?:was|were|had|\w{{3,}}ed|{_IRREGULAR_PAST})\b")
_SCENE_BREAKERS = frozenset({"task", "action", "result", "lesson"})
_HABITUAL_RE = re.compile(r"\b(?:always|usually|generally|typically|often|never|all the time|ha(?:ve|s) been|i am|i'm)\b")
"""A claim about oneself in general ("I have always been customer focused") is not a scene."""


def normalise(text: str) -> str:
    """Lower case with straight apostrophes: what every pattern here expects."""
    return text.lower().replace("’", "'").replace("‘", "'")


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
    if SITUATION_RE.search(normalised):
        cues.add("situation")
    if TASK_RE.search(normalised):
        cues.add("task")
    if has_action:
        cues.add("action")
    if ACHIEVED_RE.search(normalised) or ("task" not in cues and LATER_RE.search(normalised)):
        cues.add("result")
    if LESSON_RE.search(normalised):
        cues.add("lesson")
    if OBSTACLE_RE.search(normalised):
        cues.add("obstacle")
    if SUSTAIN_RE.search(normalised):
        cues.add("sustain")
    if opening and cues.isdisjoint(_SCENE_BREAKERS) and _PAST_RE.search(normalised) and not _HABITUAL_RE.search(normalised):
        cues.add("situation")
    return frozenset(cues)


def has_action(normalised: str) -> bool:
    return ACTION_RE.search(normalised) is not None or _MODAL_ACTION_RE.search(normalised) is not None


def star_parts(text: str) -> dict[str, bool]:
    """Which STAR parts an answer holds, as the grader's `sentence_cues` reads its sentences, but
    cheap enough for every keystroke: a pattern that means the same in any sentence is searched
    once in the whole text, and the text is read sentence by sentence only for what depends on
    the sentence (a time marker beside a goal, the opening scene)."""
    normalised = normalise(text)
    found = {
        "situation": SITUATION_RE.search(normalised) is not None,
        "task": TASK_RE.search(normalised) is not None,
        "action": has_action(normalised),
        "result": ACHIEVED_RE.search(normalised) is not None,
    }
    if not found["result"] and _LATER_ANYWHERE_RE.search(normalised):
        found["result"] = any(
            LATER_RE.search(sentence) is not None and TASK_RE.search(sentence) is None
            for sentence in (normalise(item.text) for item in iter_sentences(text))
        )
    if not found["situation"]:
        opening = next(iter_sentences(text), None)
        if opening is not None:
            first = normalise(opening.text)
            found["situation"] = "situation" in sentence_cues(first, has_action=has_action(first), opening=True)
    return found


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
        if figure and not _YEAR_RE.match(figure) and figure not in found:
            found.append(figure)
    return found


SUBJECTS = frozenset({"i", "we", "i'd", "we'd", "i'll", "we'll", "i've", "we've"})


def actions(normalised: str, tokens: frozenset[str] | None = None) -> list[tuple[str, int, int]]:
    """(subject, start, end) of each action a person takes: 'i' or 'we' plus a doing verb.
    `tokens`, the text's words when known, saves the search in text without 'i' or 'we'."""
    if tokens is not None and tokens.isdisjoint(SUBJECTS):
        return []
    spans = {(m.group(1), m.start(), m.end()) for m in ACTION_RE.finditer(normalised)}
    spans.update((m.group(1), m.start(), m.end()) for m in _MODAL_ACTION_RE.finditer(normalised))
    ordered = sorted(spans, key=lambda span: (span[1], -span[2]))
    kept: list[tuple[str, int, int]] = []
    for span in ordered:
        if kept and span[1] < kept[-1][2]:
            continue
        kept.append(span)
    return kept
