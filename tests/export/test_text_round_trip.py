"""Round trips for the human formats: what a candidate typed, exported and rendered (Markdown by a
CommonMark/GFM renderer, HTML by a browser's parser) reads exactly as typed, minus only the
control and bidi-formatting characters that exports drop on purpose."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest
from markdown_it import MarkdownIt

from practice.export import formats
from practice.export.formats import ExportFormat
from practice.export.text import clean

from .factory import build_session

LINES = [
    "# not a heading",
    "1. not a list; 2) nor this",
    "- nor this + or this",
    "> not a quote",
    "[not a link](http://evil.example) and ![no image](x.png)",
    "*not emphasis* _nor this_ **nor bold** ~~nor struck~~ `nor code`",
    "<b>not bold</b> &amp; &lt; <script>alert('x')</script>",
    "https://evil.example www.evil.example mail@evil.example",
    "a | table | row",
    "back\\slash\\ at the end\\",
    "===",
    "    indented four spaces",
    "مرحبا بالعالم — שלום עולם \u202eoverride\u202c done",
    "bell\x07 and escape\x1b[31m red",
]


class _Text(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.skip += tag in {"style", "title"}

    def handle_endtag(self, tag: str) -> None:
        self.skip -= tag in {"style", "title"}

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(data)


def _visible_text(html: str) -> str:
    parser = _Text()
    parser.feed(html)
    return "".join(parser.parts)


@pytest.mark.parametrize("line", LINES)
def test_markdown_renders_user_text_as_typed(line: str) -> None:
    document = formats.render(build_session(hostile=f" {line}"), ExportFormat.md)
    visible = _visible_text(MarkdownIt("gfm-like").render(document))
    # The answer is "… I fixed it. <line>"; the session note "Good progress; push on results. <line>".
    # Exports drop control and bidi characters on purpose; nothing else changes.
    assert f"Good progress; push on results. {clean(line)}" in visible


@pytest.mark.parametrize("line", LINES)
def test_html_renders_user_text_as_typed(line: str) -> None:
    document = formats.render(build_session(hostile=f" {line}"), ExportFormat.html)
    assert f"Good progress; push on results. {clean(line)}" in _visible_text(document)


def test_multi_line_answers_keep_their_lines() -> None:
    answer = "First line\n\n# Second paragraph\n- third\n    indented, not code"
    session = build_session()
    session.records[1].attempts[0].answers[0].text = answer
    rendered = MarkdownIt("gfm-like").render(formats.render(session, ExportFormat.md))
    markdown_text = _visible_text(rendered)
    # Leading indentation is the one thing Markdown drops: kept, it would make a code block.
    assert "First line" in markdown_text and "# Second paragraph\n- third\nindented, not code" in markdown_text
    assert "<code>" not in rendered
    assert answer in _visible_text(formats.render(session, ExportFormat.html))


def test_a_heading_keeps_a_trailing_hash() -> None:
    session = build_session()
    record = session.records[1]
    session.records[1] = record.model_copy(
        update={"question": record.question.model_copy(update={"text": "Rank us #"})}
    )
    rendered = MarkdownIt("gfm-like").render(formats.render(session, ExportFormat.md))
    assert "<h2>Question 2: Rank us #</h2>" in rendered
