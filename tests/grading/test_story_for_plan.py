"""A question that asks for a plan ("what would your first 90 days look like?") is not answered by
a past story, however good: the story is evidence, the plan is the answer. A past story told in
phases is the plan shown; a plan, or a story for a question that asks for no plan, is not this."""

from __future__ import annotations

from practice.grading.feedback import CriterionStatus, FlagKind
from practice.grading.offline import FLAG_CAPS

from .shipped import grade

TEAM_STORY = (
    "When I joined a travel startup as their first support hire, the founders were answering emails at night "
    "and the backlog was about 800 tickets. I was asked to build a team that could keep up with growth. I hired "
    "for writing and curiosity, and every candidate replied to a real complaint as part of the interview. New "
    "starters shadowed for three days and then answered with a buddy who reviewed every reply. I fixed the "
    "causes of our top five contact reasons with the product team. Over a year we grew from one to seven "
    "people, first response went from two days to three hours, and CSAT held at 91%."
)
PHASED_STORY = (
    "When I joined my last company as its first head of support, I did exactly this. In my first month I read "
    "300 tickets, sat with every agent and met the heads of product and sales to find the three biggest "
    "problems. By day 60 we had macros for the top two contact reasons and a priority rule for enterprise "
    "customers, which cut their wait from two days to four hours. By day 90 I had a hiring plan agreed with "
    "finance and a weekly metrics review running."
)
PLAN = (
    "In the first month I'd listen: read a few hundred tickets, sit with every agent, and pull the data on "
    "volume, first response and the top contact reasons. Then I'd pick the three problems that matter most and "
    "say what we will not do this quarter. By day 60 I want quick wins customers can feel, like macros for the "
    "top two reasons, and by day 90 a staffing plan and a weekly metrics review."
)
OUTAGE_STORY = (
    "During a launch at my last company our login service went down for every user. I opened an incident "
    "channel within five minutes, named one engineer as incident lead and put a banner on the status page. "
    "I had my team reply to every ticket with the same update every thirty minutes. Login was back after two "
    "hours, and the review afterwards added a pre-written outage template for launches."
)


def test_a_past_story_where_a_plan_is_asked_is_told_so_and_capped(question) -> None:
    feedback = grade(question("hos-01"), TEAM_STORY)
    [flag] = [flag for flag in feedback.flags if flag.kind == FlagKind.story_for_plan]
    assert question("hos-01").text in flag.message
    assert feedback.improvements[0] == flag.message
    assert feedback.score <= FLAG_CAPS[FlagKind.story_for_plan]
    assert not any(result.status == CriterionStatus.covered for result in feedback.criteria)
    assert not feedback.strengths  # no praise for the shape of an answer to something else
    touched = [result for result in feedback.criteria if result.status == CriterionStatus.partial]
    assert all(result.note and "past story" in result.note for result in touched)


def test_a_past_story_told_in_phases_is_the_plan_shown(question) -> None:
    feedback = grade(question("hos-01"), PHASED_STORY)
    assert not feedback.has_flag(FlagKind.story_for_plan)
    assert feedback.score > grade(question("hos-01"), TEAM_STORY).score


def test_a_plan_is_not_a_story(question) -> None:
    assert not grade(question("hos-01"), PLAN).has_flag(FlagKind.story_for_plan)


def test_a_story_answers_a_situational_question_that_asks_for_no_plan(question) -> None:
    assert not grade(question("hos-09"), OUTAGE_STORY).has_flag(FlagKind.story_for_plan)


def test_any_field_s_plan_question_is_read_the_same_way(question) -> None:
    hos_01 = question("hos-01")
    areas = (
        "how you would learn how the ward works",
        "what you would change first",
        "how you would win the team's trust",
    )
    nursing = hos_01.model_copy(
        update={
            "text": "You're joining as charge nurse on a new ward: what would your first month look like?",
            "criteria": [
                criterion.model_copy(update={"text": text})
                for criterion, text in zip(hos_01.criteria, areas, strict=True)
            ],
        }
    )
    ward_story = (
        "When I became charge nurse on a surgical ward, I worked shifts with every nurse to learn how the ward "
        "worked, and handovers took forty minutes with things missed. The first thing I changed was handover: "
        "I wrote a one-page sheet with the team and we tried it on nights. I won their trust by taking the "
        "hardest patients myself. Within two months handover took fifteen minutes and missed medication fell "
        "from six incidents a month to one."
    )
    assert grade(nursing, ward_story).has_flag(FlagKind.story_for_plan)


def test_advice_for_an_area_touched_on_fits_the_question_type(question) -> None:
    thin_plan = (
        "I'd start by meeting the team and looking at the main problems in the queue. Then I'd focus on a few of "
        "them and try to get some quick improvements, and later build the processes we need to grow."
    )
    plan_advice = [item for item in grade(question("hos-01"), thin_plan).improvements if item.startswith("Go further")]
    story_advice = [
        item for item in grade(question("hos-01"), TEAM_STORY).improvements if item.startswith("Go further")
    ]
    assert plan_advice and all("what you would do" in item for item in plan_advice)
    assert story_advice and all("what you would do" in item for item in story_advice)  # the plan is still asked for
    behavioral = [
        item for item in grade(question("emp-03"), OUTAGE_STORY).improvements if item.startswith("Go further")
    ]
    assert all("what you did about it" in item for item in behavioral)
