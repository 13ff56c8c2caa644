"""A calibration in plain words, the same for `practice calibrate` and the TUI's screen. Strings
from sessions (questions, answers, reasons) are cleaned of control characters here; the screen
shows the result as plain text, never as markup."""

from __future__ import annotations

from practice.calibration.agreement import Agreement, Calibration, Disagreement, VerdictAgreement
from practice.export.text import clean

UNDEFINED = "—"
LABEL_WIDTH = 36


def render(calibration: Calibration, *, skipped: int = 0) -> str:
    overall = calibration.overall
    if not overall.attempts:
        lines = [
            "No reviewed sessions yet: nothing to compare the grader with.",
            "Mark a session reviewed in the review screen (ctrl+r) once you have checked its verdicts.",
        ]
        return "\n".join(lines + _skipped(skipped)) + "\n"
    lines = [
        f"Grader against coaches: {_count(overall.attempts, 'graded attempt')} "
        f"in {_count(calibration.sessions, 'reviewed session')}",
        *_skipped(skipped),
        "",
        *_agreement(overall),
    ]
    for title, groups in (("By grader", calibration.by_grader), ("By track", calibration.by_track)):
        lines += ["", title]
        for name, group in groups.items():
            lines += [f"  {clean(name)} ({_count(group.attempts, 'attempt')})", *_summary(group)]
    for title, found in (
        ("Largest score disagreements", calibration.score_disagreements),
        ("Largest verdict disagreements", calibration.verdict_disagreements),
    ):
        lines += ["", title]
        lines += [line for number, item in enumerate(found, 1) for line in _disagreement(number, item)] or ["  none"]
    lines += ["", f"{UNDEFINED}: not defined for these pairs (fewer than two, or every verdict the same)."]
    return "\n".join(lines) + "\n"


def _agreement(agreement: Agreement) -> list[str]:
    score = agreement.score
    lines = [
        _row("Score: Spearman's rank correlation", _number(score.spearman)),
        _row("Score: quadratic-weighted kappa", _number(score.weighted_kappa)),
        _row(
            "Score: coach minus grader",
            f"mean {_signed(score.mean_difference)}, spread {_number(score.difference_spread)}",
        ),
        _row(f"Area verdicts ({agreement.areas.pairs})", _verdicts(agreement.areas)),
    ]
    lines += [_row(f"STAR {part} ({found.pairs})", _verdicts(found)) for part, found in agreement.star.items()]
    return lines


def _summary(agreement: Agreement) -> list[str]:
    """A group's figures in two lines, so several groups can be read side by side."""
    score = agreement.score
    star = " ".join(f"{part[0].upper()} {_share(found.agreement)}" for part, found in agreement.star.items())
    return [
        f"    score: rho {_number(score.spearman)}, weighted kappa {_number(score.weighted_kappa)}, "
        f"coach minus grader {_signed(score.mean_difference)} ± {_number(score.difference_spread)}",
        f"    areas: {_verdicts(agreement.areas)}" + (f" · STAR agree: {star}" if star else ""),
    ]


def _disagreement(number: int, item: Disagreement) -> list[str]:
    reason = f" — {clean(item.reason)}" if item.reason else ""
    return [
        f"  {number}. session {item.session_id[:8]}, {clean(item.question_id)} attempt {item.attempt} "
        f"({clean(item.grader_name)}): {clean(item.about)}: grader {item.grader}, coach {item.coach}{reason}",
        f"     Q: {clean(item.question)}",
        f"     “{clean(item.words)}”",
    ]


def _verdicts(found: VerdictAgreement) -> str:
    return f"agree {_share(found.agreement)}, kappa {_number(found.kappa)}"


def _share(value: float | None) -> str:
    return f"{value:.0%}" if value is not None else UNDEFINED


def _row(label: str, value: str) -> str:
    return f"{label:<{LABEL_WIDTH}} {value}" if len(label) < LABEL_WIDTH else f"{label}  {value}"


def _number(value: float | None) -> str:
    return f"{value:.2f}" if value is not None else UNDEFINED


def _signed(value: float | None) -> str:
    return f"{value:+.2f}" if value is not None else UNDEFINED


def _count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def _skipped(skipped: int) -> list[str]:
    return [f"({_count(skipped, 'session file')} not marked reviewed, left out)"] if skipped else []
