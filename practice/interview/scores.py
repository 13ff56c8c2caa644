"""How a mean of scores is written, the same on every screen, in `practice sessions list` and in
every export: to one decimal (2.3 / 5), as a grade read to two decimals claims a precision the
grading does not have. Single scores are graded in half points and keep their own form (3.5)."""

from __future__ import annotations

NOT_GRADED = "–"


def mean_text(mean: float | None) -> str:
    return f"{mean:.1f}" if mean is not None else NOT_GRADED
