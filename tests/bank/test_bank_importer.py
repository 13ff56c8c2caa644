"""Importing a guide gives back what the shipped bank holds for the same document, and a text
in neither layout is refused with what was expected."""

from __future__ import annotations

import pytest
from conftest import REPO_ROOT, SOURCES_DIR

from practice.bank.importer import classify_question, import_guide, split_guidance_into_criteria
from practice.bank.loader import load_bank
from practice.bank.models import MAX_TEXT_CHARS, QuestionBank, QuestionType
from practice.errors import BadInputError


@pytest.fixture(scope="module")
def shipped() -> QuestionBank:
    return load_bank(REPO_ROOT / "question_bank.json")


def import_seed(name: str, **options: str) -> QuestionBank:
    return import_guide(
        (SOURCES_DIR / name).read_text(encoding="utf-8"),
        source_name=name,
        track_id=options.pop("track_id", None),
        **options,
    )


def test_leadership_guide_imports_as_the_shipped_questions(shipped: QuestionBank) -> None:
    imported = import_seed("000_7d107d663c1ac165.txt", track_id="customer-centric-leadership", id_prefix="ccl")
    expected = shipped.questions_in("customer-centric-leadership")
    assert [q.id for q in imported.questions] == [q.id for q in expected]
    for got, want in zip(imported.questions, expected, strict=True):
        assert got.text == want.text
        assert [c.text for c in got.criteria] == [c.text for c in want.criteria]
        assert [f.text for f in got.follow_ups] == [f.text for f in want.follow_ups]
        assert got.type is QuestionType.behavioral
        assert got.competencies[0] == "customer-centric-leadership" and len(got.competencies) == 2
    # A follow-up targets the areas it shares the most words with: ccl-01's metrics question the
    # area naming metrics.
    first = imported.questions[0]
    assert "Specific initiatives, metrics or processes they implemented" in [
        first.criterion(target).text for target in first.follow_ups[0].targets
    ]
    assert first.follow_ups[3].targets == ["c4"]  # "…this transformation process?" and "The process they used…"
    track = imported.tracks[0]
    assert track.title == "Interview Questions for Assessing Customer Centricity in Leadership Roles"
    assert track.description == shipped.track("customer-centric-leadership").description


def test_support_page_imports_as_the_shipped_questions(shipped: QuestionBank) -> None:
    imported = import_seed("002_8239ca1802ff40c9.txt", track_id="hos")
    expected = shipped.questions_in("head-of-customer-support")
    assert [q.id for q in imported.questions] == [q.id for q in expected]
    for got, want in zip(imported.questions, expected, strict=True):
        assert (got.text, got.why_asked, got.guidance, got.sample_answer, got.type) == (
            want.text,
            want.why_asked,
            want.guidance,
            want.sample_answer,
            want.type,
        )
        assert got.criteria and all(c.text in got.guidance for c in got.criteria)
        assert got.competencies[0] == "hos" and len(got.competencies) == 2


def test_the_article_of_dimensions_imports_what_interviewers_ask_and_listen_for() -> None:
    imported = import_seed("001_36b1390d5b503541.txt")
    assert imported.tracks[0].id == "customer-empathy"
    first = imported.questions[0]
    assert first.id == "customer-empathy-01"
    assert first.text == (
        "Describe a time when you had to ask questions and listen carefully to clarify the exact "
        "nature of a customer's problem."
    )
    assert "how you sought to understand the situation fully before jumping to conclusions or solutions" in [
        c.text for c in first.criteria
    ]
    assert first.competencies == ["customer-empathy", "listen"]
    texts = [q.text for q in imported.questions]
    assert "Tell me about a time when you went above and beyond for a customer." in texts
    assert "Describe a time you had to balance the needs of the customer with the needs of the business." in texts
    difficult = next(q for q in imported.questions if "irate" in q.text)
    assert [f.text for f in difficult.follow_ups] == ["How would you handle it differently?"]
    # Six dimensions, each asked about at least once.
    assert len({q.competencies[1] for q in imported.questions}) == 6


def test_text_in_no_layout_is_refused() -> None:
    with pytest.raises(BadInputError) as raised:
        import_guide("A page\n\nSign up for our newsletter.\n", source_name="page.txt", track_id=None)
    assert "not an interview guide in a known format" in raised.value.message
    hint = raised.value.hint or ""
    assert "Areas to Cover" in hint and "Employers ask this question" in hint and "dimensions" in hint


def test_a_guide_mixing_layouts_keeps_every_question_in_order() -> None:
    guide = (
        "Mixed guide\n\nTell me about a time you fixed a queue.\nAreas to Cover:\n- The queue\n- The fix\n\n"
        "How would you staff a night shift?\n"
        "Employers ask this question to see your planning. In your answer, show coverage and cost.\n\n"
        "Tell me about a time you calmed a customer.\nAreas to Cover:\n- What they felt\n"
    )
    imported = import_guide(guide, source_name="mixed.txt", track_id=None)
    assert [q.text for q in imported.questions] == [
        "Tell me about a time you fixed a queue.",
        "How would you staff a night shift?",
        "Tell me about a time you calmed a customer.",
    ]


def test_default_track_and_ids_come_from_the_heading_s_words() -> None:
    imported = import_seed("002_8239ca1802ff40c9.txt")
    assert imported.tracks[0].id == "head-customer-support"
    assert imported.questions[0].id == "head-customer-support-01"
    assert imported.questions[0].source is not None
    assert imported.questions[0].source.document == "002_8239ca1802ff40c9.txt"
    leadership = import_seed("000_7d107d663c1ac165.txt")
    assert leadership.tracks[0].id == "customer-centricity-leadership"  # whole words, no acronym


def test_a_long_title_is_cut_at_a_word_s_end() -> None:
    title = "Onboarding " + " ".join(["escalations"] * 12)
    imported = import_guide(
        "x\n\nTell me about a time.\nAreas to Cover:\n- a\n", source_name="g.txt", track_id=None, title=title
    )
    track = imported.tracks[0].id
    assert len(track) <= 40 and all(word in {"onboarding", "escalations"} for word in track.split("-"))


def test_classifier_agrees_with_every_shipped_question(shipped: QuestionBank) -> None:
    for question in shipped.questions:
        assert classify_question(question.text) is question.type, question.id


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Tell me about a tough escalation you turned around.", QuestionType.behavioral),
        ("Share a time when priorities changed overnight.", QuestionType.behavioral),
        ("Give me an example of how you've built a team.", QuestionType.behavioral),
        ("What has been your experience with BPOs?", QuestionType.behavioral),
        ("Describe how you'd handle a major outage.", QuestionType.situational),
        ("Walk me through your de-escalation playbook.", QuestionType.situational),
        ("What would your first 90 days look like?", QuestionType.situational),
    ],
)
def test_classifier_reads_the_wording(text: str, expected: QuestionType) -> None:
    assert classify_question(text) is expected


@pytest.mark.parametrize(
    ("guidance", "expected"),
    [
        (
            "In your answer, show how you diagnose quickly, prioritize ruthlessly, and deliver early wins.",
            ["show how you diagnose quickly", "prioritize ruthlessly", "deliver early wins"],
        ),
        (
            "In your answer, highlight the profiles you hire, onboarding structure, and the principles you used to "
            "create a high-performing, customer-first team.",
            [
                "highlight the profiles you hire",
                "onboarding structure",
                "the principles you used to create a high-performing, customer-first team",
            ],
        ),
        (
            "In your answer, specify use cases (classification, suggested replies) and how you measure success.",
            ["specify use cases (classification, suggested replies)", "how you measure success"],
        ),
        ("In your answer, be authentic.", ["be authentic"]),
    ],
)
def test_guidance_splits_into_its_asks(guidance: str, expected: list[str]) -> None:
    assert split_guidance_into_criteria(guidance) == expected


AREAS_GUIDE = """My guide

Tell me about a time you fixed a broken process.

Areas to Cover:
- What was broken
- What you changed

Which tool would you pick for a new team?
Areas to Cover:
* Requirements
Follow-Up Questions:
1. What about cost?

Sign up for our newsletter!
"""


def test_areas_layout_accepts_other_bullets_and_optional_follow_ups() -> None:
    bank = import_guide(AREAS_GUIDE, source_name="mine.txt", track_id="ops", title="Ops")
    assert [q.text for q in bank.questions] == [
        "Tell me about a time you fixed a broken process.",
        "Which tool would you pick for a new team?",
    ]
    assert [q.type for q in bank.questions] == [QuestionType.behavioral, QuestionType.situational]
    assert [c.text for c in bank.questions[0].criteria] == ["What was broken", "What you changed"]
    assert bank.questions[0].follow_ups == []
    assert [f.text for f in bank.questions[1].follow_ups] == ["What about cost?"]
    assert bank.tracks[0].title == "Ops" and bank.questions[0].id == "ops-01"
    assert any("app's default" in note for note in bank.tracks[0].guidance.notes)


def test_areas_heading_without_bullets_names_the_line() -> None:
    text = "Title\n\nHow do you plan?\nAreas to Cover:\nNothing listed here.\n"
    with pytest.raises(BadInputError) as raised:
        import_guide(text, source_name="g.txt", track_id="t")
    assert raised.value.message.startswith("g.txt:5:")
    assert "line 3" in raised.value.message


def test_qa_layout_without_guidance_names_the_line() -> None:
    text = "Title\nHow do you plan?\nEmployers ask this question to see planning.\n"
    with pytest.raises(BadInputError) as raised:
        import_guide(text, source_name="g.txt", track_id="t")
    assert raised.value.message.startswith("g.txt:3:") and "In your answer" in raised.value.message


def test_qa_layout_sample_answer_is_optional() -> None:
    text = (
        "How do you plan?\nEmployers ask this question to see planning. In your answer, name your steps.\n"
        "Why us?\nEmployers ask this question to see fit. In your answer, be honest.\n"
        "Answer Example: “Because.”\n"
    )
    bank = import_guide(text, source_name="g.txt", track_id="t")
    assert [q.sample_answer for q in bank.questions] == [None, "Because."]
    assert [c.text for c in bank.questions[0].criteria] == ["name your steps"]


@pytest.mark.parametrize(("track_id", "id_prefix"), [("ops", "Not An Id"), ("Not A Track", None)])
def test_a_given_id_that_is_not_an_id_is_bad_input(track_id: str, id_prefix: str | None) -> None:
    with pytest.raises(BadInputError) as raised:
        import_guide(AREAS_GUIDE, source_name="mine.txt", track_id=track_id, id_prefix=id_prefix)
    assert raised.value.message.startswith("mine.txt: the imported bank would be invalid")
    assert "--track and --id-prefix" in (raised.value.hint or "")


def test_a_guide_line_longer_than_a_bank_text_is_refused_saying_so() -> None:
    """A 2 MB guidance line took 85 s and 418 MB, then wrote a bank the app refused."""
    asks = ", ".join(f"show step {n} of the plan" for n in range(80_000))
    guide = (
        "A Guide\n\nWhat is your approach to support?\n"
        f"Employers ask this question to see your plan. In your answer, {asks}, and say what you learned.\n"
    )
    with pytest.raises(BadInputError) as refused:
        import_guide(guide, source_name="long.txt", track_id=None)
    assert "long.txt: the imported bank would be invalid" in str(refused.value)
    assert f"at most {MAX_TEXT_CHARS:,} characters" in (refused.value.hint or "")
