"""Exports open with the session at a glance: weakest areas, STAR hit rate, what to practise next."""

from __future__ import annotations

from export.factory import build_session
from practice.export import html, markdown
from practice.export.report import build_report


def test_the_summary_is_in_the_report_and_both_documents() -> None:
    session = build_session(hostile="<b>*x*</b>")
    summary = dict(build_report(session).summary)
    assert summary["STAR parts found"][3] == "Result: 0 of 1 behavioral answers"
    assert any("The measured result" in line for line in summary["Weakest areas across the session"])
    assert summary["What to practise next"]
    text = markdown.render(session)
    assert text.index("## Summary") < text.index("## Question 1")
    assert "- Result: 0 of 1 behavioral answers" in text
    assert "How the feedback was gathered<b>" not in text  # data stays escaped
    page = html.render(session)
    assert page.index("<h2>Summary</h2>") < page.index("Question 1")
    assert "<h4>What to practise next</h4>" in page and "<b>*x*</b>" not in page
