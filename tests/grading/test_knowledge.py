"""The grader's knowledge is data: the shipped files validate, a broken one is a precise error,
and a bank names its field's vocabulary or gets the field-neutral one."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from practice import locations
from practice.bank.loader import load_bank
from practice.errors import BadInputError
from practice.grading import concepts, knowledge, offline
from practice.grading.text import words

DATA = Path(knowledge.__file__).resolve().parent.parent / "data" / "grading"


@pytest.fixture
def data_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A private copy of the data files for the loaders to read, and caches that forget them."""
    copy = tmp_path / "grading"
    shutil.copytree(DATA, copy)
    monkeypatch.setattr(knowledge, "_data_dir", lambda: copy)
    for loader in (knowledge.language, knowledge.tuning, knowledge.vocabulary):
        loader.cache_clear()
    yield copy
    for loader in (knowledge.language, knowledge.tuning, knowledge.vocabulary):
        loader.cache_clear()


def _edit(path: Path, change) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def test_every_shipped_vocabulary_loads_with_what_the_grader_names() -> None:
    """The concepts the grader itself refers to (cue topics, role expectations, criterion verbs)
    exist in the neutral vocabulary, so every field has them."""
    neutral = knowledge.vocabulary(None)
    named = {feature.removeprefix("c:") for feature in [*offline.CUE_CONCEPTS.values(), *offline.PROBLEM_CONCEPTS]}
    named |= {concept for concepts_ in knowledge.language().criterion_verb_concepts.values() for concept in concepts_}
    named |= {
        "coaching",
        "hiring",
        "accountability",
        "performance",
        "organization",
        "stakeholder",
        "vision",
        "competitive",
    }
    assert named <= set(neutral.concepts), sorted(named - set(neutral.concepts))
    for name in knowledge.available_vocabularies():
        assert knowledge.vocabulary(name).chain[-1] == knowledge.NEUTRAL


def test_a_field_vocabulary_adds_its_words_to_the_neutral_groups() -> None:
    support = concepts.lexicon("customer-support")
    neutral = concepts.lexicon(None)
    assert "c:measurement" in support.features(["csat"])
    assert "c:measurement" not in neutral.features(["csat"])
    assert "c:measurement" in neutral.features(["metric"]) and "c:measurement" in support.features(["metric"])


def test_a_bad_cue_names_its_file_place_and_line(data_copy: Path) -> None:
    _edit(data_copy / "language.json", lambda data: data["cues"]["task"].append("my (goal"))
    with pytest.raises(BadInputError) as raised:
        knowledge.language()
    message = str(raised.value)
    assert "language.json" in message and "cues.task[" in message and "not a valid pattern" in message
    assert "line" in message


def test_a_bad_tuning_value_names_the_field_and_line(data_copy: Path) -> None:
    _edit(data_copy / "tuning.json", lambda data: data.update(covered_at="high"))
    with pytest.raises(BadInputError) as raised:
        knowledge.tuning()
    message = str(raised.value)
    assert "tuning.json" in message and "covered_at" in message and "(line " in message


def test_thresholds_out_of_order_are_refused(data_copy: Path) -> None:
    _edit(data_copy / "tuning.json", lambda data: data.update(partial_at=0.9, covered_at=0.4))
    with pytest.raises(BadInputError, match="partial_at is greater than covered_at"):
        knowledge.tuning()


def test_a_vocabulary_that_extends_an_unknown_one_says_which_exist(data_copy: Path) -> None:
    _edit(data_copy / "vocabularies" / "customer-support.json", lambda data: data.update(extends="retail"))
    with pytest.raises(BadInputError, match=r"unknown grader vocabulary 'retail' \(known: customer-support, neutral\)"):
        knowledge.vocabulary("customer-support")


def test_a_bank_naming_an_unknown_vocabulary_is_refused_at_its_line(tmp_path: Path) -> None:
    shipped = json.loads(locations.bundled_bank_path().read_text(encoding="utf-8"))
    shipped["vocabulary"] = "nursing"
    path = tmp_path / "bank.json"
    path.write_text(json.dumps(shipped, indent=2), encoding="utf-8")
    with pytest.raises(BadInputError) as raised:
        load_bank(path)
    assert f"{path}: vocabulary (line 3): unknown grader vocabulary 'nursing'" in str(raised.value)
    assert "neutral" in str(raised.value)


def test_the_shipped_bank_names_customer_support_and_a_bank_without_one_is_neutral() -> None:
    from tests.grading.labelled.model import OTHER_FIELD_BANK

    assert load_bank().vocabulary == "customer-support"
    assert load_bank(OTHER_FIELD_BANK).vocabulary is None
    assert concepts.lexicon(None).name == knowledge.NEUTRAL


def test_shifting_a_culture_or_a_focus_is_a_change_not_a_staffing_forecast() -> None:
    """Every "shift" in the shipped bank's criteria is a change ("Challenges they faced in shifting
    culture"); read as a rota it asked every answer for forecasting."""
    lexicon = concepts.lexicon(load_bank().vocabulary)
    for criterion in ("Challenges they faced in shifting culture", "How they personally role-modeled the shift"):
        features = lexicon.criterion_features(criterion)
        assert "c:change" in features and "c:forecast" not in features, criterion


def test_the_neutral_vocabulary_knows_prevention_and_fixes_for_everyone() -> None:
    """ "So it would not happen again" asks for prevention, which an engineer tells as a reminder, an
    alert or a check added; "for all customers, not just the one in front of them" asks for a fix
    that reaches everyone."""
    lexicon = concepts.lexicon(None)
    prevention = lexicon.criterion_features("What they changed afterwards so it would not happen again")
    assert "c:anticipation" in prevention
    told_prevention = (
        "Later we added a reminder in the calendar.",
        "I set up an alert on the queue.",
        "No regression since.",
    )
    for told in told_prevention:
        assert "c:anticipation" in lexicon.features(words(told)), told
    everyone = lexicon.criterion_features("improve the experience for all customers, not just the one in front of them")
    assert "c:systemic" in everyone
    assert "c:systemic" in lexicon.features(words("I changed the form so every customer could do it themselves."))


PARAPHRASES = [
    # Criteria of any field, for the neutral vocabulary; fields far from support: a teacher's parents
    # and pupils, a manager's "own it".
    (
        None,
        "How they would record what they learn for the next person",
        "knowledge_sharing",
        "I'd jot it down as I go.",
    ),
    (
        None,
        "How they would make changes safely in small, reversible steps",
        "mitigation",
        "Each change can be reverted.",
    ),
    (None, "How they would involve the people who know the system", "expertise", "I'd pick their brains first."),
    (None, "postmortem learning", "learning", "We ran a blameless review the next day."),
    (
        None,
        "How they involved others such as parents, tutors or SEN staff",
        "family",
        "I also rang home for six of them.",
    ),
    (None, "How they involved others such as parents, tutors or SEN staff", "family", "I emailed his mom."),
    (None, "The class or pupil and what was going wrong", "learner", "Half the kids in my class had stopped trying."),
    (None, "Their vision for accountability", "accountability", "I wanted them to own the CSAT of their own teams."),
    (None, "prioritizing their needs", "prioritization", "For me, the customer who is most affected comes first."),
    # Shipped-bank criteria, for the customer-support vocabulary.
    (
        "customer-support",
        "be authentic",
        "authenticity",
        "I'm the same person with the team as at home, and I never pretend to know it all.",
    ),
    (
        "customer-support",
        "What this experience taught them about organizational change",
        "learning",
        "It was a wake-up call about how slowly a big company moves.",
    ),
    (
        "customer-support",
        "Evidence that the cultural shift took hold",
        "sustain",
        "By spring the new habit had become second nature.",
    ),
    (
        "customer-support",
        "How this insight differed from conventional thinking",
        "conventional_wisdom",
        "We always assumed price was the issue; it was the onboarding.",
    ),
    (
        "customer-support",
        "how you shield the team while re-sequencing work",
        "shielding",
        "I took the heat from the VPs so the agents could keep going.",
    ),
    ("customer-support", "explain your taxonomy", "taxonomy", "Every ticket gets one reason code and a product label."),
    ("customer-support", "how they sought input from key customers", "key_account", "I rang our five biggest clients."),
    (
        "customer-support",
        "connect business goals to capabilities",
        "capability",
        "I'd write the must-haves down before any demo.",
    ),
    (
        "customer-support",
        "created a win that preserved value",
        "win_win",
        "We met in the middle: a longer contract, no discount.",
    ),
    (
        "customer-support",
        "The short-term pressure or opportunity they faced",
        "trade_off",
        "Sales wanted the quick money rather than the relationship.",
    ),
    (
        "customer-support",
        "improve the experience for all customers, not just the one in front of them",
        "systemic",
        "Instead of just fixing the one patient who complained, we changed it for everybody.",
    ),
    (None, "fix it for all customers", "systemic", "We rewrote the help text for everybody, not just him."),
    (None, "How they found out what lay behind the behaviour", "root_cause", "It turned out his reading age was nine."),
    (None, "how you handled the interaction itself", "resolve", "I got a replacement booked for the next morning."),
    (
        None,
        "How they would involve the people who know the system",
        "expertise",
        "I'd pair with whoever knows it best.",
    ),
    (
        None,
        "How they would learn the system before changing it",
        "learning",
        "I wouldn't touch anything for two weeks except reading the code.",
    ),
    (
        None,
        "How they recognized and celebrated customer-focused behaviors",
        "recognition",
        "Every month the team voted for a customer hero and the winner got a half day off.",
    ),
    (
        None,
        "What they said to the guest and what they offered to put it right",
        "mitigation",
        "I took the mains off the bill and brought the cake on the house.",
    ),
    (None, "why you did it", "motivation", "It wasn't my job really, but I just couldn't leave it."),
    ("customer-support", "why you did it", "motivation", "It was not really hotel problem, but I wanted to help them."),
    (None, "why you did it", "motivation", "I did it because I'd been in her place once."),
    (None, "develop people and build a leadership bench", "coaching", "I mentor two senior agents."),
    (None, "The criteria they used to make their final decision", "decision", "We picked the tracking."),
    (
        "customer-support",
        "How they confirmed the problem was really resolved",
        "closing_loop",
        "I watched the error rate for an hour before I closed the incident.",
    ),
    (None, "How they confirmed the problem was really resolved", "closing_loop", "We verified every invoice."),
    (
        None,
        "How they confirmed the problem was really resolved",
        "closing_loop",
        "Queues were back to normal by Monday and I kept an eye on them all week.",
    ),
    (None, "The fix or mitigation they chose and why", "mitigation", "The quick fix was to add the index."),
    (None, "learning rituals", "learning", 'Every Friday we have a "show and tell": someone brings what they read.'),
    ("customer-support", "learning rituals", "learning", "Once a month there is a lunch and learn."),
    (None, "show how you diagnosed root cause", "root_cause", "The main driver of contacts was the delivery promise."),
    # a team's trouble, who does what, and keeping track, as a shift manager or a teacher says them
    (None, "How they handled conflict or resistance from individuals", "conflict", "The servers were yelling."),
    (None, "The specific changes they made to roles, routines or communication", "accountability", "So I split it."),
    (None, "How they checked whether it was working", "measurement", "I kept track of his scores each week."),
]
"""(vocabulary, criterion, the concept its area asks for, how a candidate says it)."""

OTHER_SENSES = [
    ("customer-support", "An elderly lady rang because her internet had been down for four days.", "motivation"),
    (None, "An elderly lady rang because her internet had been down for four days.", "motivation"),
    ("customer-support", "Their drivers kept getting logged out of the app.", "root_cause"),
    (None, "I asked the SEN staff to look at him.", "hiring"),
]
"""(vocabulary, what a candidate says, a concept it does not name): "she rang because…" says why the
customer called, which is the scene, not the candidate's motive; drivers who drive are people, and
so are a school's staff: nobody is hiring them."""

DEVELOPED_NOT_COACHED = (
    "How they developed potential solutions",
    "The specific vision for customer centricity they developed",
)
"""Solutions and a vision are developed by working them out; people are developed by coaching."""


@pytest.mark.parametrize(("vocabulary", "told", "concept"), OTHER_SENSES)
def test_a_word_in_another_sense_names_no_concept(vocabulary: str | None, told: str, concept: str) -> None:
    assert f"c:{concept}" not in concepts.lexicon(vocabulary).features(words(told))


@pytest.mark.parametrize("vocabulary", [None, "customer-support"])
@pytest.mark.parametrize("criterion", DEVELOPED_NOT_COACHED)
def test_developing_solutions_or_a_vision_is_not_coaching(vocabulary: str | None, criterion: str) -> None:
    assert "c:coaching" not in concepts.lexicon(vocabulary).criterion_features(criterion)


@pytest.mark.parametrize(
    ("vocabulary", "criterion", "concept", "told"),
    PARAPHRASES,
)
def test_a_vocabulary_hears_everyday_ways_of_saying_an_area(
    vocabulary: str | None, criterion: str, concept: str, told: str
) -> None:
    """A criterion maps to the concept its area asks for ('be authentic' is authenticity, not only
    empowerment; 'taught them' a lesson, not coaching; 'short-term' keeps its framing word), and a
    paraphrase a candidate would say maps to it too."""
    lexicon = concepts.lexicon(vocabulary)
    assert f"c:{concept}" in lexicon.criterion_features(criterion)
    assert f"c:{concept}" in lexicon.features(words(told))
