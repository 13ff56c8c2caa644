"""Every export format: what it says, and that hostile user text stays inert text in each."""

from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from practice.config import load_settings
from practice.export import formats
from practice.export.formats import ExportFormat
from practice.export.text import clean, markdown_inline
from practice.store import session_file

from .factory import build_session

MARKUP = (
    "# Heading\n[click](http://evil.example) ![img](x.png) **bold** <b>raw</b> <script>alert(1)</script> &amp; `code`"
)
LINKS = "https://evil.example www.evil.example someone@evil.example"
CONTROLS = "bell\x07 escape\x1b[31m null\x00 c1\x9b end"
RTL = "\u202eoverride\u202c العربية עברית \u2067isolate\u2069"


def _renderer() -> MarkdownIt:
    return MarkdownIt("gfm-like").enable("table")


def test_markdown_escape_is_literal_under_gfm() -> None:
    hostile = f"{MARKUP}\n1. item\n- item\n---\n===\n> quote\n    indented\n{LINKS} trailing  "
    rendered = _renderer().render(markdown_inline(hostile))
    # The control case: unescaped, the same text does produce markup, so the assertions can fail.
    raw = _renderer().render(hostile)
    assert "<a " in raw and "<h1>" in raw and "<b>" in raw
    for tag in (
        "<a ",
        "<h1>",
        "<h2>",
        "<b>",
        "<script",
        "<img",
        "<ol",
        "<ul",
        "<hr",
        "<blockquote",
        "<pre",
        "<code",
        "<strong",
        "<br",
    ):
        assert tag not in rendered, tag
    assert "&lt;script&gt;" in rendered
    assert "&amp;amp;" in rendered  # the entity is shown as typed, not decoded


@pytest.mark.parametrize("hostile", [MARKUP, LINKS])
def test_markdown_export_keeps_user_text_inert(hostile: str) -> None:
    document = formats.render(build_session(hostile=" " + hostile), ExportFormat.md)
    clean_document = formats.render(build_session(), ExportFormat.md)
    rendered, baseline = _renderer().render(document), _renderer().render(clean_document)
    for tag in ("<a ", "<img", "<script", "<b>", "<code"):
        assert rendered.count(tag) == baseline.count(tag), tag
    assert rendered.count("<h1>") == baseline.count("<h1>") == 1


def test_control_and_bidi_characters_are_removed_everywhere() -> None:
    session = build_session(hostile=f" {CONTROLS} {RTL}")
    for export_format in (ExportFormat.md, ExportFormat.html):
        document = formats.render(session, export_format)
        for char in "\x07\x1b\x00\x9b\u202e\u202c\u2067\u2069":
            assert char not in document, (export_format, repr(char))
        assert "العربية" in document and "עברית" in document
    assert clean("a\r\nb\rc\td") == "a\nb\nc\td"


class _Collector(HTMLParser):
    """Records every tag, every attribute and which text sits inside a dir=auto element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[str] = []
        self.attributes: set[str] = set()
        self.stack: list[bool] = []
        self.isolated_text: list[str] = []
        self.loose_text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attributes |= {name for name, _ in attrs}
        if tag not in {"meta", "br"}:
            self.stack.append(("dir", "auto") in attrs or (bool(self.stack) and self.stack[-1]))

    def handle_endtag(self, tag: str) -> None:
        if self.stack and tag not in {"meta", "br"}:
            self.stack.pop()

    def handle_data(self, data: str) -> None:
        (self.isolated_text if self.stack and self.stack[-1] else self.loose_text).append(data)


def test_html_is_self_contained_and_escapes_hostile_text() -> None:
    marker = "ZQX"
    document = formats.render(
        build_session(hostile=f" {marker} {MARKUP} {LINKS} {RTL} \" ' onload=x"), ExportFormat.html
    )
    parser = _Collector()
    parser.feed(document)
    assert (
        "script" not in parser.tags and "img" not in parser.tags and "a" not in parser.tags and "b" not in parser.tags
    )
    assert "link" not in parser.tags and "iframe" not in parser.tags
    assert not parser.attributes & {"src", "href", "onload", "onerror", "style"}
    head, _, _ = document.partition("<body>")
    style = head.split("<style>")[1].split("</style>")[0]
    assert "url(" not in style and "@import" not in style and "://" not in head
    assert "@media print" in document
    # Every piece of user text is inside an element isolating its direction.
    assert any(marker in text for text in parser.isolated_text)
    assert not any(marker in text for text in parser.loose_text)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in document


def test_reports_name_grader_model_and_prompt_for_each_feedback() -> None:
    session = build_session()
    for export_format in (ExportFormat.md, ExportFormat.html):
        document = formats.render(session, export_format)
        assert "llm grader 1.0, model gpt-4o-mini, prompt grade-v3" in document
        assert document.count("offline grader 1.0") >= 3  # the session's grader and two feedbacks


def test_reports_show_coach_review_beside_the_grader() -> None:
    document = formats.render(build_session(), ExportFormat.md)
    assert "**Score:** 3.5 / 5" in document
    assert "**Coach’s adjusted score:** 4.0 / 5 — Result was measured" in document
    assert "Much clearer" in document and "Good progress; push on results" in document
    assert "*(skipped)*" in document
    assert "(gap +2.0)" in document  # self 4 against grader 2.0
    # latest attempts: ccl-01 #2 graded 3.5, adjusted to 4.0; hos-03 graded 4.0
    assert "- **Mean score:** 3.8 / 5" in document
    assert "- **Mean with the coach's adjustments:** 4.0 / 5" in document
    assert "adjustments" not in formats.render(build_session(reviewed=False), ExportFormat.md)


@pytest.mark.parametrize("export_format", list(ExportFormat))
def test_no_export_contains_the_api_key(
    export_format: ExportFormat, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    marker = "sk-test-SECRET-MARKER-1234"
    monkeypatch.setenv("OPENAI_API_KEY", marker)
    monkeypatch.setenv("PRACTICE_MODEL", "gpt-4o-mini")
    settings = load_settings()
    assert settings.api_key is not None and settings.api_key.get_secret_value() == marker
    document = formats.render(build_session(), export_format)
    assert marker not in document and "SECRET" not in document


def test_json_export_round_trips_through_the_session_file(tmp_path: Path) -> None:
    session = build_session(hostile=f" {MARKUP} {CONTROLS} {RTL}")
    path = tmp_path / "export.json"
    path.write_text(formats.render(session, ExportFormat.json), encoding="utf-8")
    assert session_file.read(path) == session


def test_default_export_name_is_dated_and_unique() -> None:
    session = build_session(session_id="abcdef0123456789")
    assert formats.default_path(session, ExportFormat.html).name == "practice-2026-11-20-abcdef01.html"
