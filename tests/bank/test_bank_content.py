"""The shipped bank checked against the three source documents themselves: every question,
area, follow-up, reason and sample answer must be found verbatim (whitespace aside) in its
document, in the document's order, and nothing of the documents' interview content missing.

The probes derived from a question's areas (origin "derived") are the bank's own words, not the
documents': the faithfulness checks read only the documents' follow-ups, and the derived ones
are checked for what they are for (each aims at an area no document follow-up covers)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import REPO_ROOT, SOURCES_DIR

from practice.bank.loader import load_bank
from practice.bank.models import FollowUp, Question, QuestionBank, QuestionType, RoleLevel
from practice.locations import bundled_bank_path

LEADERSHIP_DOC = "000_7d107d663c1ac165.txt"
EMPATHY_DOC = "001_36b1390d5b503541.txt"
SUPPORT_DOC = "002_8239ca1802ff40c9.txt"


def normal(text: str) -> str:
    """Whitespace-only normalisation (the empathy article has non-breaking spaces)."""
    return " ".join(text.split())


def source_text(name: str) -> str:
    return normal((SOURCES_DIR / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def bank() -> QuestionBank:
    return load_bank(REPO_ROOT / "question_bank.json")


def questions(bank: QuestionBank, prefix: str) -> list[Question]:
    return [q for q in bank.questions if q.id.startswith(prefix + "-")]


def document_follow_ups(question: Question) -> list[FollowUp]:
    return [f for f in question.follow_ups if not f.derived]


def positions_in(document: str, texts: list[str]) -> list[int]:
    found = []
    for text in texts:
        position = document.find(normal(text))
        assert position >= 0, f"not found verbatim in the document: {text!r}"
        found.append(position)
    return found


# --- the shipped copy ------------------------------------------------------------------------


def test_package_data_is_a_symlink_to_the_repository_bank() -> None:
    link = REPO_ROOT / "practice" / "data" / "question_bank.json"
    assert link.is_symlink()
    assert Path(link.readlink()) == Path("../../question_bank.json")
    assert bundled_bank_path().read_bytes() == (REPO_ROOT / "question_bank.json").read_bytes()


def test_ids_follow_the_documents_numbering(bank: QuestionBank) -> None:
    assert [q.id for q in questions(bank, "ccl")] == [f"ccl-{n:02d}" for n in range(1, 16)]
    assert [q.id for q in questions(bank, "hos")] == [f"hos-{n:02d}" for n in range(1, 25)]
    emp = [q.id for q in questions(bank, "emp")]
    assert emp == [f"emp-{n:02d}" for n in range(1, len(emp) + 1)]
    assert {t.id for t in bank.tracks} == {
        "customer-centric-leadership",
        "head-of-customer-support",
        "customer-empathy",
    }


def test_every_question_names_its_source_document_and_title(bank: QuestionBank) -> None:
    for question in bank.questions:
        assert question.source is not None
        path = SOURCES_DIR / question.source.document
        assert path.is_file(), question.id
        assert question.source.title and normal(question.source.title) in source_text(question.source.document), (
            question.id
        )
    for track in bank.tracks:
        assert track.source is not None and track.description
        assert normal(track.description) in source_text(track.source.document), track.id


def test_no_page_chrome_in_the_bank() -> None:
    text = (REPO_ROOT / "question_bank.json").read_text(encoding="utf-8")
    for chrome in (
        "Help us improve this answer",
        "Sign up",
        "Yardstick",
        "Thank you! Your submission",
        "Gabrielle",
        "3 min read",
    ):
        assert chrome not in text


# --- document 000: customer-centric leadership ------------------------------------------------


def leadership_blocks() -> list[tuple[str, list[str], list[str]]]:
    """(question, areas, follow-ups) as the document lays them out: a question line, then
    'Areas to Cover:' bullets, then 'Follow-Up Questions:' bullets."""
    lines = [line.strip() for line in (SOURCES_DIR / LEADERSHIP_DOC).read_text(encoding="utf-8").splitlines()]
    lines = [line for line in lines if line]
    blocks = []
    for index, line in enumerate(lines):
        if line == "Areas to Cover:":
            areas_end = lines.index("Follow-Up Questions:", index)
            follow_ups = []
            for after in lines[areas_end + 1 :]:
                if not after.startswith("•"):
                    break
                follow_ups.append(after.lstrip("• "))
            blocks.append((lines[index - 1], [a.lstrip("• ") for a in lines[index + 1 : areas_end]], follow_ups))
    return blocks


def test_leadership_questions_areas_and_follow_ups_match_the_document(bank: QuestionBank) -> None:
    blocks = leadership_blocks()
    shipped = questions(bank, "ccl")
    assert len(blocks) == len(shipped) == 15
    for question, (text, areas, follow_ups) in zip(shipped, blocks, strict=True):
        assert question.text == text
        assert [c.text for c in question.criteria] == areas and len(areas) == 8
        assert [c.id for c in question.criteria] == [f"a{n}" for n in range(1, 9)]
        assert [f.text for f in document_follow_ups(question)] == follow_ups and len(follow_ups) == 4
        assert [f.id for f in document_follow_ups(question)] == [f"f{n}" for n in range(1, 5)]
        assert question.type is QuestionType.behavioral
        assert question.track == "customer-centric-leadership"
        assert question.why_asked is None and question.sample_answer is None


def test_every_leadership_follow_up_targets_an_area(bank: QuestionBank) -> None:
    for question in questions(bank, "ccl"):
        for follow_up in question.follow_ups:
            assert follow_up.targets, f"{question.id} {follow_up.id} targets nothing"


def test_leadership_guidance_carries_the_faq(bank: QuestionBank) -> None:
    document = source_text(LEADERSHIP_DOC)
    guidance = bank.track("customer-centric-leadership").guidance
    assert "include 3-4 behavioral questions focused on different dimensions" in document
    assert (guidance.questions_per_interview_min, guidance.questions_per_interview_max) == (3, 4)
    assert guidance.distinct_competencies
    verbatim_notes = [note for note in guidance.notes if normal(note) in document]
    for idea in (
        "much more reliable data than hypothetical scenarios",
        "seems superficial",
        "Look for specificity and depth",
        "growth mindset",
    ):
        assert any(idea in note for note in verbatim_notes), idea
    assert any("app's default" in note for note in guidance.notes)
    assert [r.level for r in guidance.role_types] == ["customer-facing", "operational", "senior-executive"]
    for role in guidance.role_types:
        assert normal(role.expectation) in document
    levels = {level.level: level.expectation for level in guidance.career_levels}
    assert set(levels) == {level.value for level in RoleLevel}
    for expectation in levels.values():
        assert expectation.startswith(("Quoted from the guide", "Derived from the guide"))
    for quoted in re.findall(r"\"([^\"]+)\"", " ".join(levels.values())):
        assert normal(quoted) in document


# --- document 002: head of customer support ----------------------------------------------------


def test_support_questions_match_both_the_list_and_the_detailed_section(bank: QuestionBank) -> None:
    document = source_text(SUPPORT_DOC)
    raw = (SOURCES_DIR / SUPPORT_DOC).read_text(encoding="utf-8")
    shipped = questions(bank, "hos")
    assert len(shipped) == 24 == raw.count("Answer Example:")
    detail = document[document.index(" - ") :]
    listed = document[: document.index(" - ")]
    assert positions_in(detail, [q.text for q in shipped]) == sorted(positions_in(detail, [q.text for q in shipped]))
    assert positions_in(listed, [q.text for q in shipped]) == sorted(positions_in(listed, [q.text for q in shipped]))


def test_support_reasons_guidance_and_sample_answers_are_verbatim(bank: QuestionBank) -> None:
    document = source_text(SUPPORT_DOC)
    for question in questions(bank, "hos"):
        assert question.why_asked and question.why_asked.startswith("Employers ask this question")
        assert question.guidance and question.guidance.startswith("In your answer,")
        assert normal(f"{question.text} {question.why_asked} {question.guidance}") in document, question.id
        assert normal(f'Answer Example: "{question.sample_answer}"') in document, question.id
        assert document_follow_ups(question) == []
        for criterion in question.criteria:
            assert criterion.text in question.guidance, (question.id, criterion.text)


def test_support_question_types_follow_their_wording(bank: QuestionBank) -> None:
    behavioral = {q.id for q in questions(bank, "hos") if q.type is QuestionType.behavioral}
    assert behavioral == {"hos-03", "hos-11", "hos-13", "hos-17", "hos-18"}


def test_curly_apostrophes_and_dashes_of_the_source_are_kept(bank: QuestionBank) -> None:
    first = bank.question("hos-01")
    assert first.text == "You’re stepping in as our first Head of Support—what would your first 90 days look like?"


# --- document 001: customer empathy -------------------------------------------------------------

DIMENSIONS = {
    "listening": "1. Your Ability to Truly Listen and Understand",
    "difficult-situations": "2. How You Handle Difficult Situations",
    "above-and-beyond": '3. Times You Went "Above and Beyond"',
    "prioritization": "4. Your Prioritization and Balancing Act",
    "anticipating-needs": "5. Identifying Needs the Customer Didn't Even Know They Had",
    "improving-experience": "6. Improving the Overall Customer Experience",
}


def dimension_section(document: str, dimension: str) -> str:
    headings = list(DIMENSIONS.values())
    start = document.index(DIMENSIONS[dimension])
    following = [document.index(h) for h in headings if document.index(h) > start]
    return document[start : min(following, default=len(document))]


def test_all_six_empathy_dimensions_have_questions(bank: QuestionBank) -> None:
    document = source_text(EMPATHY_DOC)
    for heading in DIMENSIONS.values():
        assert heading in document
    for dimension in DIMENSIONS:
        assert any(dimension in q.competencies for q in questions(bank, "emp")), dimension


def test_empathy_reasons_and_criteria_come_from_their_dimension(bank: QuestionBank) -> None:
    document = source_text(EMPATHY_DOC)
    for question in questions(bank, "emp"):
        dimensions = [c for c in question.competencies if c in DIMENSIONS]
        assert len(dimensions) >= 1, question.id
        sections = " ".join(dimension_section(document, d) for d in dimensions)
        assert question.why_asked and normal(question.why_asked) in sections, question.id
        for criterion in question.criteria:
            assert normal(criterion.text) in sections, (question.id, criterion.text)
        for follow_up in question.follow_ups:
            assert follow_up.targets


EMPATHY_QUESTIONS_IN_THE_ARTICLE = [
    "ask questions and listen carefully to clarify the exact nature of a customer's problem",
    "customer feedback",
    "difficult or irate customer",
    "above and beyond for a customer",
    "prioritize customer needs and expectations when faced with competing priorities or deadlines",
    "balance the needs of the customer with the needs of the business",
    "customer's expectations to avoid making unreasonable commitments",
    "didn't know they needed yet",
    "innovate or introduce new products/services based on customer insights",
    "initiative you implemented to improve customer satisfaction or loyalty",
    "evaluated the customer experience of your product or service",
    "sought input from key customers",
]


def test_every_question_the_empathy_article_mentions_is_in_the_bank(bank: QuestionBank) -> None:
    texts = [q.text for q in questions(bank, "emp")]
    for wording in EMPATHY_QUESTIONS_IN_THE_ARTICLE:
        assert sum(wording in text for text in texts) == 1, wording
    assert "Tell me about a time when you went above and beyond for a customer." in texts
    assert '"Tell me about a time when you went above and beyond for a customer"' in source_text(EMPATHY_DOC)


def test_empathy_follow_ups_the_article_implies(bank: QuestionBank) -> None:
    difficult = next(q for q in questions(bank, "emp") if "irate" in q.text)
    assert [f.text for f in document_follow_ups(difficult)] == ["How would you handle it differently?"]
    above = next(q for q in questions(bank, "emp") if "above and beyond" in q.text)
    follow_ups = " ".join(f.text for f in document_follow_ups(above))
    assert "Why did you do it?" in follow_ups and "customer respond" in follow_ups


def test_tracks_without_interview_length_guidance_say_it_is_the_apps_default(bank: QuestionBank) -> None:
    for track_id in ("head-of-customer-support", "customer-empathy"):
        notes = bank.track(track_id).guidance.notes
        assert any("app's default, not the document's" in note for note in notes), track_id


def test_competency_ids_are_shared_across_tracks(bank: QuestionBank) -> None:
    by_track: dict[str, set[str]] = {}
    for question in bank.questions:
        by_track.setdefault(question.track, set()).update(question.competencies)
    shared = set.intersection(*by_track.values())
    assert shared, "tracks use disjoint competency vocabularies"


# --- the derived probes -----------------------------------------------------------------------


def test_every_question_without_the_documents_follow_ups_for_an_area_has_a_derived_probe_for_it(
    bank: QuestionBank,
) -> None:
    """Every question can probe a thin answer: an area the documents' follow-ups do not reach
    has a probe of its own, except in the leadership guide, whose four follow-ups per question
    already cover its areas between them and are asked as they stand."""
    for question in bank.questions:
        assert question.follow_ups, f"{question.id} has nothing to probe with"
        if question.track == "customer-centric-leadership":
            assert not any(f.derived for f in question.follow_ups), question.id
            continue
        by_document = {t for f in document_follow_ups(question) for t in f.targets}
        for criterion in question.criteria:
            derived = [f for f in question.follow_ups if f.derived and criterion.id in f.targets]
            assert (criterion.id in by_document) != bool(derived), (question.id, criterion.id)


def test_derived_probes_aim_at_one_area_each_in_the_banks_own_words(bank: QuestionBank) -> None:
    texts = [f.text for q in bank.questions for f in q.follow_ups if f.derived]
    assert len(texts) == len(set(texts)), "a derived probe is repeated word for word"
    for question in bank.questions:
        for follow_up in question.follow_ups:
            if follow_up.derived:
                assert len(follow_up.targets) == 1, (question.id, follow_up.id)
                assert follow_up.id.startswith("d") and follow_up.text != question.text, (question.id, follow_up.id)
                assert normal(follow_up.text) not in source_text(question.source.document), (
                    "a document's words marked derived"
                )
