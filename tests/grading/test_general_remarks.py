"""A story question is answered by what happened: general remarks, habits and keyword lists are
not evidence that an area was covered, and an answer made only of them is told it is vague."""

from __future__ import annotations

import pytest

from practice.grading import signals
from practice.grading.feedback import CriterionStatus, FlagKind

from .answers import CCL_01, EMP_03, HOS_01, KEYWORD_LIST
from .shipped import grade

GENERAL_ACCOUNTABILITY = (
    "Accountability is really important to me. I hold my team accountable for the customer experience and I "
    "expect them to take ownership. We have KPIs and we review them regularly. If someone isn't performing, I "
    "have a conversation with them about it and we agree on the next steps together."
)
TOLD_ACCOUNTABILITY = (
    "When I took over the support team, nobody owned the customer experience. I introduced three KPIs per "
    "lead: CSAT, first-contact resolution and reopen rate, and I reviewed them with each lead every Monday. "
    "When one lead's reopen rate stayed at 14%, I sat with her for a week and we rebuilt her escalation "
    "checklist; it fell to 6% in a month. Within two quarters CSAT rose from 81% to 90%."
)


@pytest.mark.parametrize(
    ("sentence", "narrates"),
    [
        ("The committee agreed.", True),
        ("It was two in the morning when the pager went off.", True),
        ("Churn fell to 11%.", True),
        ("We have KPIs and we review them regularly.", False),
        ("Normally I look at the logs and find the problem.", False),
        ("We need a hundred more seats.", False),
    ],
)
def test_a_sentence_narrates_when_it_tells_something_that_happened(sentence: str, narrates: bool) -> None:
    assert signals.narrates(signals.normalise(sentence)) is narrates


def test_a_general_remark_never_covers_an_area_of_a_story_question(question) -> None:
    feedback = grade(question("ccl-07"), GENERAL_ACCOUNTABILITY)
    assert not any(result.status == CriterionStatus.covered for result in feedback.criteria)
    told = grade(question("ccl-07"), TOLD_ACCOUNTABILITY)
    assert any(result.status == CriterionStatus.covered for result in told.criteria)
    assert told.score > feedback.score


def test_a_story_question_answered_only_in_general_is_vague_not_off_topic(question) -> None:
    feedback = grade(question("ccl-07"), GENERAL_ACCOUNTABILITY)
    kinds = {flag.kind for flag in feedback.flags}
    assert FlagKind.vague in kinds
    assert not kinds & {FlagKind.off_topic, FlagKind.other_question}
    vague = next(flag for flag in feedback.flags if flag.kind == FlagKind.vague)
    # The message shows the candidate one of their own sentences.
    assert any(sentence.strip(" .") in vague.message for sentence in GENERAL_ACCOUNTABILITY.split(". "))


@pytest.mark.parametrize("question_id", [CCL_01, HOS_01, EMP_03])
def test_a_keyword_list_answers_no_area_and_says_each_was_only_named(question, question_id: str) -> None:
    feedback = grade(question(question_id), KEYWORD_LIST[question_id])
    assert all(result.status == CriterionStatus.missing for result in feedback.criteria)
    assert all(result.evidence is None for result in feedback.criteria)
    named = [result for result in feedback.criteria if result.note and "Named in a list" in result.note]
    assert named, "the areas the list names say so"


def test_a_plan_question_may_be_answered_in_general_terms(question) -> None:
    """ "I would…" is how a situational question is answered: the rule is for stories only."""
    plan = question(HOS_01)
    assert plan.type.value == "situational"
    feedback = grade(
        plan,
        "In the first two weeks I would listen: read a hundred tickets, sit with every agent and meet the heads of "
        "product and sales. Then I would pick the three contact drivers that cost the most and fix one quick win "
        "per month, while setting up tagging, a weekly quality review and a simple dashboard for scale.",
    )
    assert any(result.status == CriterionStatus.covered for result in feedback.criteria)


CLAIMED_DIFFICULT_CUSTOMERS = (
    "I have dealt with many difficult customers over the years. I've handled lots of angry callers in my career "
    "and I stay calm with them."
)
TOLD_DIFFICULT_CUSTOMER = (
    "Last March a customer shouted at me at the counter because his order had been lost twice. I stayed calm, "
    "took him to a quiet desk and listened until he had finished. I found the parcel in our depot system, had "
    "it couriered to his house that evening and refunded the delivery charge. He came back the next week and "
    "thanked me by name."
)


@pytest.mark.parametrize(
    "sentence",
    [
        "I have dealt with many difficult customers.",
        "I've handled lots of angry callers in my career.",
        "Over the years we have solved countless escalations.",
    ],
)
def test_a_claim_about_ones_career_is_no_event(sentence: str) -> None:
    assert signals.UNREAL_RE.search(signals.normalise(sentence))


def test_a_claim_never_covers_an_area_of_a_story_question(question) -> None:
    claimed = grade(question("emp-03"), CLAIMED_DIFFICULT_CUSTOMERS)
    assert not any(result.status == CriterionStatus.covered for result in claimed.criteria)
    told = grade(question("emp-03"), TOLD_DIFFICULT_CUSTOMER)
    assert any(result.status == CriterionStatus.covered for result in told.criteria)
    assert told.score > claimed.score


@pytest.mark.parametrize(
    ("question_id", "thin"),
    [
        (
            "hos-09",
            "Outages are part of life in tech and users understand that. I would stay calm, tell the team not to "
            "panic and we would fix it. I would send an apology to the users afterwards.",
        ),
        (
            "emp-05",
            "I am a very organised person. When deadlines pile up I write a list, I do one thing at a time and I "
            "never miss a deadline, because I am good at multitasking and staying calm.",
        ),
    ],
)
def test_a_thin_answer_that_names_the_questions_subject_is_weak_not_off_topic(
    question, question_id: str, thin: str
) -> None:
    """It is about the question and says too little: telling the candidate it is about something
    else sends them the wrong way."""
    feedback = grade(question(question_id), thin)
    assert not feedback.has_flag(FlagKind.off_topic)
    assert feedback.score <= 2.0
    unrelated = grade(
        question(question_id),
        "At the weekend I love hiking in the hills with my two children, and in the evenings I bake bread. "
        "Last year I baked for our whole street at the summer fair and sold forty loaves in one morning.",
    )
    assert unrelated.has_flag(FlagKind.off_topic)


PRIORITY_PLAN = (
    "For me, the customer who is most affected comes first. If two customers are waiting and one of them "
    "cannot use the service at all, I will attend to that one before the other. But I will not just abandon "
    "the other one, I will keep them informed. In my last job we had month-end when everything was urgent, and "
    "that is how I managed my queue."
)
UNRELATED_STORY = (
    "Last spring I organised our office move to a new building. I booked the vans for 40 desks, I labelled "
    "every box by floor, and we packed the kitchen over two evenings. I ran the move on a Saturday and we "
    "were unpacked by Monday at nine, with only one broken chair."
)


def test_a_plan_with_a_count_in_it_is_not_a_story_about_something_else(question) -> None:
    """A story full of figures and actions that names little of the question is about something
    else: a plan of what the candidate would do, with "two customers" in it, is no such story."""
    assert not grade(question("emp-05"), PRIORITY_PLAN).has_flag(FlagKind.off_topic)
    assert grade(question("emp-05"), UNRELATED_STORY).has_flag(FlagKind.off_topic)
