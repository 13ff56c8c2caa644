"""A session as one self-contained, printable HTML page: inline CSS (with print styles), no
scripts, no external assets. Every user string is cleaned and escaped by `_t`/`_block`, and each
sits in its own dir="auto" element, so right-to-left text reads correctly and cannot reorder the
page around it. No other path puts text into the page."""

from __future__ import annotations

import html

from practice.export.report import AttemptReport, QuestionReport, Report, build_report
from practice.export.text import clean
from practice.feedback_view import Correction
from practice.interview.models import Session

STYLE = """
:root { color-scheme: light; --ink: #1d2330; --muted: #5b6475; --line: #d9dde5; --ok: #1b7f3b;
  --part: #9a6700; --bad: #b42318; --coach: #6941c6; }
* { box-sizing: border-box; }
body { font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink);
  max-width: 52rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: .5rem; } h2 { font-size: 1.25rem; margin-top: 2.5rem; }
h3 { font-size: 1.05rem; } h4 { font-size: .95rem; margin-bottom: .25rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .2rem 1rem; }
dl.facts dt { color: var(--muted); } dl.facts dd { margin: 0; }
.meta { color: var(--muted); font-size: .9rem; }
.prompt { font-weight: 600; margin: 1rem 0 .25rem; }
.answer, .sample, .note { white-space: pre-wrap; overflow-wrap: anywhere; border-left: 3px solid var(--line);
  padding: .25rem .75rem; margin: 0 0 .75rem; }
.note { border-color: var(--coach); }
.covered { color: var(--ok); } .partial { color: var(--part); } .missing { color: var(--bad); }
.coach { color: var(--coach); }
ul { padding-left: 1.25rem; } li { margin: .15rem 0; overflow-wrap: anywhere; }
q { quotes: "\\201C" "\\201D"; color: var(--muted); }
section.question { border-top: 1px solid var(--line); }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  section.question { break-before: page; border: none; }
  section.question:first-of-type { break-before: auto; }
  .answer, .sample, .note, li { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
}
"""

STATUS_MARK = {"covered": "✔", "partial": "◐", "missing": "✘"}


def render(session: Session) -> str:
    return render_report(build_report(session))


def render_report(report: Report) -> str:
    facts = "".join(f"<dt>{_t(label)}</dt><dd>{_t(value)}</dd>" for label, value in report.facts)
    note = f"<h2>Coach’s note on the session</h2>{_block(report.session_note, 'note')}" if report.session_note else ""
    summary = "".join(
        f"<h4>{title}</h4><ul>{''.join(f'<li>{_t(item)}</li>' for item in items)}</ul>"
        for title, items in report.summary
    )
    note += f"<h2>Summary</h2>{summary}" if summary else ""
    body = "".join(_question(q) for q in report.questions)
    return (
        "<!DOCTYPE html>\n"
        '<html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # Belt and braces: even if escaping were ever bypassed, nothing may load or run.
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        f"<title>{_plain(report.title)}</title><style>{STYLE}</style></head>\n"
        f'<body><header><h1>{_t(report.title)}</h1><dl class="facts">{facts}</dl></header>'
        f"{note}<main>{body}</main></body></html>\n"
    )


def _question(question: QuestionReport) -> str:
    meta = f"{question.type} · {', '.join(question.competencies)} · id {question.question_id}"
    parts = [
        '<section class="question">',
        f"<h2>Question {question.number}: {_t(question.text)}</h2>",
        f'<p class="meta">{_t(meta)}</p>',
    ]
    if not question.attempts:
        parts.append("<p>Not answered.</p>")
    several = len(question.attempts) > 1
    parts += [_attempt(attempt, several=several) for attempt in question.attempts]
    if question.sample_answer:
        parts.append("<h4>A sample answer (one good way, not the only one)</h4>")
        parts.append(_block(question.sample_answer, "sample"))
    parts.append("</section>")
    return "".join(parts)


def _attempt(attempt: AttemptReport, *, several: bool) -> str:
    parts = [f"<h3>Attempt {attempt.number}</h3>"] if several else []
    for turn in attempt.turns:
        asker = "Follow-up" if turn.is_follow_up else "Interviewer"
        parts.append(f'<p class="prompt">{asker}: {_t(turn.speaker_prompt)}</p>')
        parts.append("<p><em>(skipped)</em></p>" if turn.skipped else _block(turn.text or "(empty)", "answer"))
    parts.append(_verdict(attempt))
    graded = attempt.graded
    if graded is None:
        return "".join(parts)
    if graded.criteria:
        items = []
        for c in graded.criteria:
            evidence = f" — <q>{_t(c.evidence)}</q>" if c.evidence else ""
            note = f" ({_t(c.note)})" if c.note else ""
            known = c.status if c.status in STATUS_MARK else ""
            items.append(
                f'<li class="{known}">{STATUS_MARK.get(known, "")} {_t(c.status)} — {_t(c.text)}{evidence}{note}'
                f"{_coach(c.coach)}</li>"
            )
        parts.append(f"<h4>Areas to cover</h4><ul>{''.join(items)}</ul>")
    heading = "STAR" if graded.star_applicable else "STAR (for information: not scored for this question)"
    items = []
    for s in graded.star:
        evidence = f" — <q>{_t(s.evidence)}</q>" if s.evidence else ""
        state = "covered" if s.present else "missing"
        items.append(f'<li class="{state}">{_t(s.verdict)}{evidence}{_coach(s.coach)}</li>')
    parts.append(f"<h4>{heading}</h4><ul>{''.join(items)}</ul>")
    for title, lines in attempt.notes():
        parts.append(f"<h4>{title}</h4><ul>{''.join(f'<li>{_t(line)}</li>' for line in lines)}</ul>")
    return "".join(parts)


def _verdict(attempt: AttemptReport) -> str:
    if attempt.graded is None:
        return "<p><em>Not graded.</em></p>"
    coach = ' class="coach"'
    items = [
        f"<li{coach if line.coach else ''}><strong>{line.label}:</strong> {_t(line.text)}</li>"
        for line in attempt.verdict()
    ]
    coach_note = attempt.graded.coach_note
    note = f'<h4 class="coach">Coach’s note</h4>{_block(coach_note, "note")}' if coach_note else ""
    return f"<ul>{''.join(items)}</ul>{note}"


def _coach(correction: Correction | None) -> str:
    """A coach's correction, beside the grader's verdict it corrects."""
    return f' <strong class="coach">{_t(correction.beside)}</strong>' if correction else ""


def _plain(text: str) -> str:
    return html.escape(clean(text), quote=True)


def _t(text: str) -> str:
    """Inline user text, isolated so its direction cannot leak into the surrounding sentence."""
    return f'<bdi dir="auto">{_plain(text)}</bdi>'


def _block(text: str, css_class: str) -> str:
    return f'<div class="{css_class}" dir="auto">{_plain(text)}</div>'
