"""The offline grader ranks answers as a person would, and every verdict points at the answer."""

from __future__ import annotations

import pytest

from practice.bank.models import RoleLevel
from practice.grading import offline
from practice.grading.feedback import CriterionStatus, FlagKind
from tests.grading.labelled.metrics import Banks
from tests.grading.labelled.model import ON_TOPIC, SET_FILES, load_set

from .answers import (
    CCL_01,
    EMP_03,
    EXCELLENT,
    GOOD,
    HOS_01,
    INJECTIONS,
    KEYWORD_LIST,
    OFF_TOPIC,
    ONE_LINE,
    PARAPHRASED_CCL_01,
    PARAPHRASED_EMP_03,
    VAGUE,
)
from .shipped import grade

QUESTIONS = (CCL_01, HOS_01, EMP_03)


@pytest.mark.parametrize("question_id", QUESTIONS)
def test_quality_levels_are_ordered(question, question_id: str) -> None:
    q = question(question_id)
    scores = [grade(q, answers[question_id]).score for answers in (EXCELLENT, GOOD, VAGUE, KEYWORD_LIST)]
    excellent, good, vague, keywords = scores
    # A vague answer made only of claims ("most of the time things work out fine") shows as little
    # as a keyword list: both may sit at the floor, but the vague one is never below it.
    assert excellent > good > vague >= keywords and (vague > keywords or vague == 1.0), scores
    assert scores[0] >= 4.5
    assert scores[-1] <= 2


@pytest.mark.parametrize("question_id", QUESTIONS)
def test_excellent_answer_covers_most_areas_with_evidence(question, question_id: str) -> None:
    feedback = grade(question(question_id), EXCELLENT[question_id])
    answered = [c for c in feedback.criteria if c.status != CriterionStatus.missing]
    assert len(answered) == len(feedback.criteria)
    assert sum(c.status == CriterionStatus.covered for c in feedback.criteria) >= len(feedback.criteria) / 2
    assert not feedback.flags
    assert feedback.strengths


@pytest.mark.parametrize("question_id", QUESTIONS)
def test_every_evidence_is_a_verbatim_substring(question, question_id: str) -> None:
    for answers in (EXCELLENT, GOOD, VAGUE, OFF_TOPIC):
        answer = answers[question_id]
        feedback = grade(question(question_id), answer)
        quotes = [c.evidence for c in feedback.criteria] + [p.evidence for p in feedback.star.parts().values()]
        quotes += feedback.specificity.obstacles + feedback.specificity.lessons + feedback.specificity.numbers
        for quote in filter(None, quotes):
            assert quote in answer, quote
        for result in feedback.criteria:
            assert (result.evidence is None) == (result.status == CriterionStatus.missing)


@pytest.mark.parametrize("question_id", QUESTIONS)
def test_keyword_list_is_flagged_and_low(question, question_id: str) -> None:
    feedback = grade(question(question_id), KEYWORD_LIST[question_id])
    assert feedback.has_flag(FlagKind.keyword_list)
    assert feedback.score <= 2
    assert all(c.status != CriterionStatus.covered for c in feedback.criteria)


def test_long_keyword_list_is_still_a_keyword_list(question) -> None:
    """Past the too-short threshold a list of terms is still not an answer."""
    terms = (
        KEYWORD_LIST[CCL_01]
        + ", "
        + ", ".join(
            [
                "customer journey mapping",
                "voice of the customer",
                "NPS",
                "CSAT",
                "churn reduction",
                "root cause analysis",
                "cross-functional alignment",
                "executive sponsorship",
                "quick wins",
                "change management",
                "OKRs",
                "QA",
            ]
        )
    )
    feedback = grade(question(CCL_01), terms + ", balanced scorecard, closed-loop feedback")
    assert feedback.specificity.word_count >= 30
    assert feedback.has_flag(FlagKind.keyword_list)
    # "balanced" and "closed-loop" are past forms, not a story: a list has no STAR part.
    assert not any(part.present for part in feedback.star.parts().values())
    assert not feedback.has_flag(FlagKind.too_short)
    assert feedback.score <= 2


@pytest.mark.parametrize("question_id", QUESTIONS)
def test_answer_to_another_question_is_off_topic(question, question_id: str) -> None:
    feedback = grade(question(question_id), OFF_TOPIC[question_id])
    assert feedback.has_flag(FlagKind.off_topic)
    assert feedback.score <= 2
    assert feedback.score < grade(question(question_id), GOOD[question_id]).score


def test_good_answers_are_not_called_off_topic(question) -> None:
    for question_id in QUESTIONS:
        for answers in (EXCELLENT, GOOD):
            assert not grade(question(question_id), answers[question_id]).has_flag(FlagKind.off_topic)


def test_no_on_topic_answer_to_tune_on_is_called_off_topic() -> None:
    """A specific story told in few of the question's words (a bar manager's "the servers were
    fighting with the bartenders … so I split it") is on topic once it earns half the areas'
    credit: of the labelled answers tuned on, none is called off topic."""
    banks = Banks.load()
    called = [
        case.id
        for name, path in SET_FILES.items()
        if not name.startswith("holdout")
        for case in load_set(path).cases
        if case.kind in ON_TOPIC
        and offline.grade(
            banks.question(case), case.text, bank=banks.of(case).questions, vocabulary=banks.of(case).vocabulary
        ).has_flag(FlagKind.off_topic)
    ]
    assert not called


@pytest.mark.parametrize("phrase", INJECTIONS)
def test_injection_is_flagged_and_capped_whatever_else_is_there(question, phrase: str) -> None:
    q = question(CCL_01)
    for answer in (EXCELLENT[CCL_01] + "\n\n" + phrase, phrase + " " + EXCELLENT[CCL_01]):
        feedback = grade(q, answer)
        assert feedback.has_flag(FlagKind.injection)
        assert feedback.score <= 2
        assert any("grader" in item for item in feedback.improvements)
        quotes = [c.evidence for c in feedback.criteria] + [p.evidence for p in feedback.star.parts().values()]
        assert not any(phrase in quote for quote in filter(None, quotes))  # never quoted as evidence


@pytest.mark.parametrize("question_id", QUESTIONS)
def test_empty_answer_scores_one_with_a_reason(question, question_id: str) -> None:
    for empty in ("", "   \n\t  "):
        feedback = grade(question(question_id), empty)
        assert feedback.score == 1
        assert feedback.has_flag(FlagKind.empty)
        assert feedback.specificity.word_count == 0
        assert all(c.status == CriterionStatus.missing for c in feedback.criteria)
        assert any("No answer" in flag.message for flag in feedback.flags)
        assert feedback.improvements


@pytest.mark.parametrize("question_id", QUESTIONS)
def test_one_line_answer_scores_one_and_says_why(question, question_id: str) -> None:
    feedback = grade(question(question_id), ONE_LINE[question_id])
    assert feedback.score == 1
    flag = next(f for f in feedback.flags if f.kind == FlagKind.too_short)
    assert "words" in flag.message and "150" in flag.message
    assert feedback.improvements[0] == flag.message  # the first thing to fix


@pytest.mark.parametrize(("question_id", "answer"), [(CCL_01, PARAPHRASED_CCL_01), (EMP_03, PARAPHRASED_EMP_03)])
def test_paraphrased_story_gets_credit_without_the_criteria_words(question, question_id: str, answer: str) -> None:
    q = question(question_id)
    criteria_words = {word.strip(".,").lower() for c in q.criteria for word in c.text.split() if len(word) > 5}
    answer_words = {word.strip(".,:;").lower() for word in answer.split()}
    assert not criteria_words & answer_words, criteria_words & answer_words  # the premise of the test
    feedback = grade(q, answer)
    assert feedback.score >= 3.5
    assert feedback.score > grade(q, VAGUE[question_id]).score
    assert sum(c.status != CriterionStatus.missing for c in feedback.criteria) >= 0.7 * len(q.criteria)
    assert sum(c.status == CriterionStatus.covered for c in feedback.criteria) >= 0.3 * len(q.criteria)
    assert not feedback.flags


def test_missing_areas_and_star_parts_are_named_in_improvements(question) -> None:
    q = question(CCL_01)
    answer = (
        "At my last company our support queue was full of repeat contacts and customers were unhappy. "
        "I reviewed 200 tickets, I mapped where customers got stuck, and I rewrote our top ten macros "
        "with the team leads so that agents could solve problems on the first contact."
    )
    feedback = grade(q, answer)
    assert not feedback.star.result.present
    assert any(item.startswith("Say what resulted, with a number") for item in feedback.improvements)
    missing = [c for c in feedback.criteria if c.status == CriterionStatus.missing]
    assert missing
    for result in missing:
        assert any(result.text in item for item in feedback.improvements)


def test_situational_question_is_not_penalised_for_missing_star(question) -> None:
    q = question(HOS_01)
    feedback = grade(q, EXCELLENT[HOS_01])
    assert not feedback.star.applicable
    assert feedback.star.hit_count() < 4  # a plan has no past situation or result...
    assert feedback.score == 5  # ...and loses nothing for it
    assert not any("STAR: " in reason for reason in feedback.reasons)
    assert not any(item.startswith("Say what resulted") for item in feedback.improvements)
    assert len(feedback.structure) == 4
    assert not any(line.startswith("Missing") for line in feedback.structure)


def test_situational_structure_gaps_are_reported(question) -> None:
    feedback = grade(question(HOS_01), GOOD[HOS_01])
    missing = [line for line in feedback.structure if line.startswith("Missing")]
    present = [line for line in feedback.structure if not line.startswith("Missing")]
    assert missing and present
    assert any("phases" in item for item in feedback.improvements)


def test_measurement_is_quoted_from_a_measure_not_from_the_scenes_figure(question) -> None:
    """The scene's "volume was up 20%" is where things stood; how success is measured is the target and the
    score the answer ends on."""
    measured = "Three months later first response was back under our two-hour target and CSAT held at 91%."
    answer = (
        "At my last job, a support team of fourteen, we lost three people in a hiring freeze and volume was up 20%. "
        "So I listed everything the team did in a week and how many hours each took. "
        "We stopped the weekly PDF report, which about 4% of leadership ever opened, and sent a short summary. "
        f"{measured}"
    )
    structure = grade(question("hos-14"), answer).structure
    assert any(line.startswith("Measurement") and measured in line for line in structure), structure


def test_behavioral_star_is_scored(question) -> None:
    q = question(EMP_03)
    feedback = grade(q, EXCELLENT[EMP_03])
    assert feedback.star.applicable
    assert feedback.star.hit_count() == 4


def test_role_level_changes_expectations(question) -> None:
    """The same hands-on story meets what is expected of an individual contributor; an
    executive is also expected to show organisation-level scope and strategy."""
    q = question(EMP_03)
    ic = grade(q, EXCELLENT[EMP_03], role_level=RoleLevel.individual_contributor)
    executive = grade(q, EXCELLENT[EMP_03], role_level=RoleLevel.executive)
    assert executive.score < ic.score
    assert executive.role_level == "executive"
    assert any("organisation-level scope" in item for item in executive.improvements)
    assert not any("organisation-level scope" in item for item in ic.improvements)


def test_we_only_story_is_asked_for_own_part(question) -> None:
    answer = (
        "Last year our biggest client was furious about a billing error that charged them twice. We listened to "
        "the client, we apologised, we refunded the charge the same day and we fixed the invoice template. "
        "We then called them every week for a month. They renewed their contract for two more years."
    )
    feedback = grade(question(EMP_03), answer)
    assert feedback.specificity.we_actions >= 4
    assert feedback.specificity.first_person_actions == 0
    assert any("YOU" in item for item in feedback.improvements)
    assert any("hands-on ownership" in reason for reason in feedback.reasons)


def test_grader_identifies_itself(question) -> None:
    feedback = grade(question(CCL_01), GOOD[CCL_01])
    assert feedback.grader.kind == "offline"
    assert feedback.grader.version
    assert feedback.question_id == CCL_01


def test_a_discovery_and_a_routine_that_lasts_cover_the_areas_that_ask_for_them(question) -> None:
    """ "What surprised me was…" is the insight gained, however it is worded, and "one afternoon a
    month with customers" is how the connection is kept ("How they've continued…" asks for it)."""
    answer = (
        "Our churn numbers said small restaurants left us because of price, and I didn't quite believe it, so "
        "I spent a month doing ride-alongs with our account managers and visited twenty customers myself. I sat "
        "in their kitchens during a lunch rush and watched them use our ordering tablet. What surprised me was "
        "that price almost never came up; they left because the tablet froze during the busiest hour and nobody "
        "answered the phone after 6pm. That was completely different from what the surveys told us, because the "
        "surveys went out at 10am when everything was calm. I brought two of the owners to our all-hands to tell "
        "the story in their own words. We moved a third of the support team to evening shifts and engineering "
        "fixed the freeze within the quarter, and churn among restaurants fell from 4% to 2.5% a month. It "
        "changed how I lead: I now spend one afternoon a month with customers and every manager on my team does "
        "the same."
    )
    feedback = grade(question("ccl-09"), answer)
    areas = {result.text: result for result in feedback.criteria}
    insights = areas["What specific insights they gained from these interactions"]
    assert insights.status == CriterionStatus.covered
    assert insights.evidence is not None and insights.evidence.startswith("What surprised me")
    kept = areas["How they've continued to maintain customer connection"]
    assert kept.status != CriterionStatus.missing
    assert kept.evidence is not None and "one afternoon a month" in kept.evidence
    assert feedback.star.situation.present


def test_of_sentences_that_say_as_much_about_an_area_the_concrete_one_is_quoted(question) -> None:
    """ "My job was to find out why" and "What surprised me was that…" name an insight as much as each
    other; only the second shows one."""
    answer = (
        "Two years ago I was head of support at a payroll software company and our churn among small customers "
        "had climbed to 9%. My job was to find out why. I spent a month on calls with forty customers who had "
        "left or were about to. What surprised me was that they did not complain about the product, they felt "
        "nobody called them back. We changed our callback rule to the same day. Churn fell to 5% in two quarters."
    )
    feedback = grade(question("ccl-12"), answer)
    insight = next(result for result in feedback.criteria if result.text.startswith("The specific insight"))
    assert insight.evidence is not None and insight.evidence.startswith("What surprised me")


def test_a_general_remark_beside_a_told_sentence_touches_an_area_but_never_covers_it(question) -> None:
    """The neighbour's story may make the pair touch on mapping the process; the quote a candidate
    reads, "I think it's important to always look at things from the customer's point of view", is
    no evidence that it was covered."""
    answer = (
        "So in my previous role I noticed that some of our processes were not really great for customers, "
        "like there were too many steps and people were getting frustrated. I think it's important to always "
        "look at things from the customer's point of view. I talked to the team and we tried to simplify "
        "things where we could. In the end things improved and customers were happier."
    )
    areas = {result.criterion_id: result for result in grade(question("ccl-08"), answer).criteria}
    mapping = areas["a2"]
    assert mapping.text.startswith("Their approach to mapping")
    assert mapping.status != CriterionStatus.covered
