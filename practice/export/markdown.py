"""A session as Markdown, for documents and e-mail. Every user string goes through
`markdown_inline`, so an answer containing `# heading`, `[link](…)` or `<script>` stays text."""

from __future__ import annotations

from practice.export.report import AttemptReport, QuestionReport, Report, build_report
from practice.export.text import markdown_inline as md
from practice.interview.models import Session

STATUS_MARK = {"covered": "✔ covered", "partial": "◐ partial", "missing": "✘ missing"}


def render(session: Session) -> str:
    return render_report(build_report(session))


def render_report(report: Report) -> str:
    out: list[str] = [f"# {md(report.title)}", ""]
    out += [f"- **{label}:** {md(value)}" for label, value in report.facts]
    out.append("")
    if report.session_note:
        out += ["## Coach's note on the session", "", *_quote(report.session_note), ""]
    if report.summary:
        out += ["## Summary", ""]
        for title, items in report.summary:
            out += [f"**{title}**", "", *(f"- {md(item)}" for item in items), ""]
    for question in report.questions:
        out += _question(question)
    return "\n".join(out).rstrip() + "\n"


def _question(question: QuestionReport) -> list[str]:
    out = [
        f"## Question {question.number}: {md(question.text)}",
        "",
        f"*{md(question.type)} · {md(', '.join(question.competencies))} · id {md(question.question_id)}*",
        "",
    ]
    if not question.attempts:
        out += ["Not answered.", ""]
    for attempt in question.attempts:
        out += _attempt(attempt, several=len(question.attempts) > 1)
    if question.sample_answer:
        out += ["#### A sample answer (one good way, not the only one)", "", *_quote(question.sample_answer), ""]
    return out


def _attempt(attempt: AttemptReport, *, several: bool) -> list[str]:
    out = [f"### Attempt {attempt.number}", ""] if several else []
    for turn in attempt.turns:
        asker = "Follow-up" if turn.is_follow_up else "Interviewer"
        out += [f"**{asker}:** {md(turn.speaker_prompt)}", ""]
        out += ["*(skipped)*", ""] if turn.skipped else ["**Answer:**", "", *_quote(turn.text or "(empty)"), ""]
    out += _verdict(attempt)
    graded = attempt.graded
    if graded is None:
        return out
    if graded.criteria:
        out += ["**Areas to cover**", ""]
        for c in graded.criteria:
            line = f"- {STATUS_MARK.get(c.status, md(c.status))} — {md(c.text)}"
            if c.evidence:
                line += f" — “{md(c.evidence)}”"
            if c.note:
                line += f" ({md(c.note)})"
            if c.coach:
                line += f" — **{md(c.coach.beside)}**"
            out.append(line)
        out.append("")
    heading = "**STAR**" if graded.star_applicable else "**STAR** (for information: not scored for this question)"
    out += [heading, ""]
    for s in graded.star:
        evidence = f" — “{md(s.evidence)}”" if s.evidence else ""
        coach = f" — **{md(s.coach.beside)}**" if s.coach else ""
        out.append(f"- {md(s.verdict)}{evidence}{coach}")
    out.append("")
    for title, items in attempt.notes():
        out += [f"**{title}**", "", *(f"- {md(item)}" for item in items), ""]
    return out


def _verdict(attempt: AttemptReport) -> list[str]:
    if attempt.graded is None:
        return ["*Not graded.*", ""]
    lines = [f"- **{line.label}:** {md(line.text)}" for line in attempt.verdict()]
    if attempt.graded.coach_note:
        lines.append(f"- **Coach’s note:** {md(attempt.graded.coach_note)}")
    return [*lines, ""]


def _quote(text: str) -> list[str]:
    return [f"> {line}" if line else ">" for line in md(text).split("\n")]
