"""STAR parts and specifics are read from sentences written to contain exactly those parts."""

from __future__ import annotations

import pytest

from practice.grading.text import WORDS_PER_MINUTE

from .answers import EMP_03
from .shipped import grade

SITUATION = "When I joined the clinic software company in 2022, our support inbox had a backlog of 900 emails."
TASK = "My goal was to bring first replies under one day."
ACTION = "I split the inbox by topic and I wrote twelve reply templates with the senior agents."
RESULT = "As a result, the backlog fell to 40 emails within three weeks."

PARTS = {"situation": SITUATION, "task": TASK, "action": ACTION, "result": RESULT}


@pytest.mark.parametrize(
    "present",
    [
        ("situation",),
        ("task",),
        ("action",),
        ("result",),
        ("situation", "action"),
        ("task", "result"),
        ("situation", "task", "action"),
        ("situation", "task", "action", "result"),
    ],
)
def test_star_parts_are_detected_exactly(question, present: tuple[str, ...]) -> None:
    answer = " ".join(PARTS[name] for name in PARTS if name in present)
    star = grade(question(EMP_03), answer).star
    for name, part in star.parts().items():
        assert part.present == (name in present), name
        assert part.evidence == (PARTS[name] if name in present else None)


def test_result_evidence_prefers_the_measured_sentence(question) -> None:
    answer = f"{SITUATION} {ACTION} In the end the customer was happy. {RESULT}"
    assert grade(question(EMP_03), answer).star.result.evidence == RESULT


@pytest.mark.parametrize(
    ("part", "story", "quoted"),
    [
        # of two measured outcomes, the one that only tells it: the other changed something
        (
            "result",
            (
                "At a courier firm I ran a support team of eight, and complaints about late parcels had doubled.",
                "I sat with the depot manager and found that most delays came from one sorting shift.",
                "We moved the evening collections, about 30% of the volume, to the morning round, "
                "which cut the backlog within a week.",
                "Two months later complaints about late parcels were down by 50% and two clients renewed.",
            ),
            3,
        ),
        # a role and a place told with a verb is the scene, not the action
        (
            "action",
            (
                "This was when I worked on the phones for a broadband provider.",
                "An elderly lady rang because her internet had been down for four days and she was really upset.",
                "I called the field team lead directly, so an engineer could go that afternoon.",
                "The engineer was there that afternoon, and two days later she phoned back to say thank you.",
            ),
            2,
        ),
        # a setback with what it asked of the candidate is a turn of the story, not its end
        (
            "result",
            (
                "When I took over customer operations, the team was measured only on speed.",
                "I started every Monday meeting with one real customer email, read out loud.",
                "Handle time went up 8% for a month, and I had to defend that to the ops director.",
                "After six months complaints were down 30% and our NPS went from 12 to 41.",
            ),
            3,
        ),
    ],
)
def test_the_part_is_quoted_from_the_sentence_that_plays_it(
    question, part: str, story: tuple[str, ...], quoted: int
) -> None:
    star = grade(question(EMP_03), " ".join(story)).star
    assert star.parts()[part].evidence == story[quoted]


@pytest.mark.parametrize(
    ("sentence", "counted"),
    [
        ("She'd had three detentions in a month.", ["three detentions"]),
        ("Twelve vans were sitting in a car park.", ["Twelve vans"]),
        ("Two of us stayed late.", []),
        ("Three was the most we could take.", []),
        ("The two businesses merged.", ["two businesses"]),
    ],
)
def test_a_number_word_counts_whatever_it_counts(question, sentence: str, counted: list[str]) -> None:
    assert grade(question(EMP_03), sentence).specificity.numbers == counted


def test_specifics_are_counted(question) -> None:
    answer = (
        "Last year an angry customer threatened to cancel a $25,000 contract after three failed deliveries. "
        "I called her within an hour, I listened to the whole story, and I promised a fix by Friday. "
        "We traced the fault to the courier and we switched carriers for her region. "
        "However, finance pushed back on the cost of the new carrier. "
        "Her complaints dropped to zero and she renewed for 2 years. "
        "I learned that a fast personal call matters more than the refund."
    )
    spec = grade(question(EMP_03), answer).specificity
    assert spec.numbers == ["$25,000", "three failed deliveries", "2 years"]
    assert spec.first_person_actions == 3
    assert spec.we_actions == 2
    assert "However, finance pushed back on the cost of the new carrier." in spec.obstacles
    assert spec.lessons == ["I learned that a fast personal call matters more than the refund."]
    assert spec.concrete_actions[0].startswith("I called her")
    assert spec.word_count == len(answer.split())
    assert spec.speaking_seconds == round(len(answer.split()) * 60 / WORDS_PER_MINUTE, 1)


def test_years_are_not_counted_as_measurements(question) -> None:
    spec = grade(question(EMP_03), "In 2019 I handled a complaint. It took 3 days to fix.").specificity
    assert spec.numbers == ["3 days"]


def test_we_for_context_is_not_counted_as_an_action(question) -> None:
    spec = grade(question(EMP_03), "We were a small team and we had no tooling. I built a triage board.").specificity
    assert spec.we_actions == 0
    assert spec.first_person_actions == 1


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        # Ends before the clause that "so that" opens, not on its article.
        (
            "I changed our roadmap review so that a customer quote opened every planning meeting.",
            "I changed our roadmap review",
        ),
        # A clause that runs on ends before a word that leads on ("with our biggest…").
        (
            "I spent two days a month on support calls with our biggest customers because churn rose.",
            "I spent two days a month on support calls",
        ),
        ("I ran a four-week pilot with one pod to show them the data.", "I ran a four-week pilot with one pod"),
        ("I weighted each account by revenue.", "I weighted each account by revenue"),
    ],
)
def test_a_concrete_action_is_quoted_to_where_its_thought_ends(question, sentence: str, phrase: str) -> None:
    assert grade(question(EMP_03), sentence).specificity.concrete_actions[0] == phrase
