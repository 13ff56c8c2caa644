"""An answer to a different question — often a related one of the same guide — is told apart
from an answer to the question asked, and never a fair answer to its own question.

The matrix grades every answer we know the question of (the bank's sample answers, the tests'
excellent, good and paraphrased answers, the gold-evidence answers) against its own question and
against every other question of its track. Measured with the bank (offline-1.0, this change):
the own question scores strictly higher in 86.6% of 863 pairs (82.3% before the bank was used),
59% of the answers to another question are flagged (15% before, all as off topic), no own answer
is; the share of answers to another question scoring 3.5 or more fell from 25% to 16%.
The thresholds below leave a few points of room for changes elsewhere in the grader.

offline-2.0 flags less (52% of the answers to another question) so that an answer that covers
its own question is never flagged: the labelled set's on-topic answers (tests/grading/labelled)
are the other side of that trade, measured by benchmarks/bench_grading_quality.py.

offline-2.4 compares what tells two questions apart (see `topics`) instead of whole profiles:
on-topic answers of the labelled set flagged as another question's 5 -> 1, the labelled answers
to another question flagged 27% -> 22%, and 49% of this matrix's answers to another question
flagged (55% before) while the own question wins 84.4% of pairs (84.3%).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from practice.bank.models import Question, QuestionBank
from practice.cli import main
from practice.grading import concepts, topics
from practice.grading.feedback import CriterionStatus, Feedback, FlagKind
from practice.grading.offline import FLAG_CAPS
from tests.grading.labelled.model import SET_FILES, load_set

from .answers import CCL_01, EXCELLENT, GOOD, OFF_TOPIC, PARAPHRASED_CCL_01, PARAPHRASED_EMP_03, RELATED_TOPIC
from .gold_evidence import GOLD_ANSWERS
from .shipped import grade

OWN_WINS_AT_LEAST = 0.82
"""offline-2.3 reads acronyms' plurals and touches areas from a share of 0.2: the bank's short
sample answers, full of acronyms, touch more areas of their track's other questions (0.853 ->
0.837 here) while the labelled set's area F1 rose. offline-2.5's everyday paraphrases in the
neutral vocabulary ("own the", "rang home", "pupils") cost a little more (0.831 -> 0.829) while
the labelled set's area F1 rose from 0.779 to 0.785 and its ordering from 94.8% to 95.3%."""
CROSS_FLAGGED_AT_LEAST = 0.33
"""offline-2.5 asks for a clearer contrast (0.30, not 0.25) and never flags a question that shares
half the asked one's areas: on the labelled answers (dev, dev3, holdout, holdout2) strong and medium
answers flagged as another question's fell from 4 to 1 and answers to another question flagged from
10 to 7; the bank's sample answers are flagged against fewer of their track's other questions
(0.46 -> 0.36 here). offline-2.6 asks for 0.32, so that the last strong answer flagged (an
insurance form's evaluation told with its upset customers, read as the irate-customer question's)
is not: answers to another question flagged fell from 9 to 7 of 67, and here 0.36 -> 0.34."""
NOT_THIS_QUESTION = (FlagKind.other_question, FlagKind.off_topic)
OUTAGE_PLAYBOOK = OFF_TOPIC[CCL_01]
"""An answer to hos-09 (a major outage in the middle of a launch)."""


@dataclass(frozen=True)
class Known:
    """An answer whose question we know."""

    name: str
    question_id: str
    text: str


@dataclass(frozen=True)
class Pair:
    answer: Known
    asked: str
    own: Feedback
    cross: Feedback


def known_answers(bank: QuestionBank) -> list[Known]:
    known = [Known(f"sample {q.id}", q.id, q.sample_answer) for q in bank.questions if q.sample_answer]
    for level, answers in (("excellent", EXCELLENT), ("good", GOOD)):
        known += [Known(f"{level} {question_id}", question_id, text) for question_id, text in answers.items()]
    known += [
        Known("paraphrased ccl-01", "ccl-01", PARAPHRASED_CCL_01),
        Known("paraphrased emp-03", "emp-03", PARAPHRASED_EMP_03),
    ]
    known += [Known(f"gold {case.name}", case.question_id, case.text) for case in GOLD_ANSWERS]
    known += [Known(f"related {question_id}", question_id, text) for question_id, (text, _) in RELATED_TOPIC.items()]
    return known


def not_this_question(feedback: Feedback) -> bool:
    return any(feedback.has_flag(kind) for kind in NOT_THIS_QUESTION)


@pytest.fixture(scope="module")
def matrix(bank: QuestionBank) -> list[Pair]:
    pairs: list[Pair] = []
    for known in known_answers(bank):
        asked = bank.question(known.question_id)
        own = grade(asked, known.text, bank=bank.questions)
        for other in bank.questions_in(asked.track):
            if other.id != asked.id:
                pairs.append(Pair(known, other.id, own, grade(other, known.text, bank=bank.questions)))
    return pairs


def report(pairs: list[Pair]) -> str:
    scores = Counter(pair.cross.score for pair in pairs)
    lines = [f"cross scores: {sorted(scores.items())}"]
    lines += [
        f"  {pair.answer.name} for {pair.asked}: own {pair.own.score:g}, cross {pair.cross.score:g}"
        for pair in pairs
        if pair.cross.score >= pair.own.score and not not_this_question(pair.cross)
    ][:40]
    return "\n".join(lines)


def test_no_answer_is_flagged_against_its_own_question(bank: QuestionBank) -> None:
    flagged: list[tuple[str, list[str]]] = []
    for known in known_answers(bank):
        feedback = grade(bank.question(known.question_id), known.text, bank=bank.questions)
        if not_this_question(feedback):
            flagged.append((known.name, [flag.message for flag in feedback.flags]))
    assert not flagged


def test_own_question_scores_higher_and_answers_to_others_are_flagged(matrix: list[Pair]) -> None:
    own_wins = sum(pair.own.score > pair.cross.score for pair in matrix) / len(matrix)
    flagged = [pair for pair in matrix if not_this_question(pair.cross)]
    assert own_wins >= OWN_WINS_AT_LEAST, f"own question scores higher in {own_wins:.0%}\n{report(matrix)}"
    assert len(flagged) / len(matrix) >= CROSS_FLAGGED_AT_LEAST, (
        f"{len(flagged)} of {len(matrix)} flagged\n{report(matrix)}"
    )
    assert all(pair.cross.score <= FLAG_CAPS[FlagKind.other_question] for pair in flagged)


def test_without_the_bank_there_is_no_other_question_to_name(question) -> None:
    assert not grade(question("hos-16"), OUTAGE_PLAYBOOK).has_flag(FlagKind.other_question)


@pytest.mark.parametrize(
    ("own", "asked"),
    [("hos-09", "hos-16")] + [(own, asked) for own, (_, given_for) in RELATED_TOPIC.items() for asked in given_for],
)
def test_a_related_answer_names_its_question_and_is_capped(bank: QuestionBank, own: str, asked: str) -> None:
    text = OUTAGE_PLAYBOOK if own == "hos-09" else RELATED_TOPIC[own][0]
    fair = grade(bank.question(own), text, bank=bank.questions)
    feedback = grade(bank.question(asked), text, bank=bank.questions)

    assert not fair.flags and fair.score >= 3.5
    [flag] = [flag for flag in feedback.flags if flag.kind == FlagKind.other_question]
    assert f'({own}): "{bank.question(own).text}"' in flag.message
    assert bank.question(asked).text in flag.message
    assert feedback.improvements[0] == flag.message
    assert feedback.score <= FLAG_CAPS[FlagKind.other_question] < fair.score
    # An area the story covers by the way counts as touched on, and says why.
    for plain, judged in zip(grade(bank.question(asked), text).criteria, feedback.criteria, strict=True):
        if plain.status == CriterionStatus.covered:
            assert (judged.status, judged.note) == (
                CriterionStatus.partial,
                "Touched on in an answer to another question.",
            )
        else:
            assert judged == plain


@pytest.mark.parametrize(("asked", "related"), [("ccl-07", "ccl-06"), ("hos-18", "hos-17"), ("ccl-01", "ccl-09")])
def test_what_two_related_questions_share_names_neither(bank: QuestionBank, asked: str, related: str) -> None:
    """A story fits what two related questions both ask (the customer experience, a team,
    results) whichever it answers: only what the other question alone asks makes it an answer to
    that one."""
    lexicon = concepts.lexicon(bank.vocabulary)
    index = topics._index(tuple(topics.source(question) for question in bank.questions), lexicon)
    profiles = {profile.question_id: profile for profile in index.profiles.values()}
    mine, theirs = profiles[asked].weights.keys(), profiles[related].weights.keys()
    assert mine & theirs and theirs - mine
    shared = Counter({feature: 2 for feature in mine & theirs})
    own_of_related = shared + Counter({feature: 1 for feature in theirs - mine})

    assert topics.closer_question(bank.question(asked), bank.questions, shared, lexicon) is None
    match = topics.closer_question(bank.question(asked), bank.questions, own_of_related, lexicon)
    assert match is not None and match.question_id == related
    assert match.contrast >= topics.OTHER_CONTRAST


def test_a_question_outside_the_bank_is_compared_with_the_bank(bank: QuestionBank) -> None:
    """A session from a file may carry a question its bank does not hold."""
    renamed = bank.question("hos-16").model_copy(update={"id": "my-16"})
    feedback = grade(renamed, OUTAGE_PLAYBOOK, bank=bank.questions)
    assert feedback.has_flag(FlagKind.other_question)
    assert "(hos-09)" in feedback.flags[0].message


def test_the_same_question_under_another_id_is_no_other_question(bank: QuestionBank) -> None:
    copy: Question = bank.question("hos-09").model_copy(update={"id": "my-09"})
    assert not grade(copy, OUTAGE_PLAYBOOK, bank=bank.questions).flags


def test_practice_grade_says_which_question_the_answer_reads_as(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    answer = tmp_path / "outage.txt"
    answer.write_text(OUTAGE_PLAYBOOK, encoding="utf-8")
    assert main(["grade", "hos-16", "--answer-file", str(answer)]) == 0
    out = " ".join(capsys.readouterr().out.split())
    assert "Score: 2 / 5" in out
    assert 'This reads as an answer to another question (hos-09): "Describe how you’d handle a major outage' in out


def _rubric_pairs(bank: QuestionBank) -> list[tuple[str, str]]:
    """(asked, other) pairs of questions with at least half the asked one's areas in common."""
    pairs = []
    for asked in bank.questions:
        areas = {criterion.text.casefold() for criterion in asked.criteria}
        for other in bank.questions:
            shared = areas & {criterion.text.casefold() for criterion in other.criteria}
            if other.id != asked.id and len(shared) >= len(areas) / 2:
                pairs.append((asked.id, other.id))
    return pairs


@pytest.mark.parametrize(("asked", "other"), [("emp-11", "emp-10")])
def test_questions_that_share_half_their_areas_never_call_each_others_answers_misplaced(
    bank: QuestionBank, asked: str, other: str
) -> None:
    """emp-10 (a successful initiative) and emp-11 (how you evaluated the customer experience) share
    two of their three areas: a story that answers one answers the other, whatever it stresses.
    dev3's strong emp-11 answer (a claims form studied with customers, then changed for everyone)
    mentions more of what only emp-10 asks than of what only emp-11 asks."""
    assert (asked, other) in _rubric_pairs(bank)
    case = next(case for case in load_set(SET_FILES["dev3"]).cases if case.id == "dev3-emp11-strong")
    feedback = grade(bank.question(asked), case.text, bank=bank.questions)
    assert not any(f"({other})" in flag.message for flag in feedback.flags), feedback.flags
