"""The single entry point for grading an answer, whichever grader is configured.

The offline grader always runs: it is cheap, needs nothing, and its signals are kept beside any
model's verdict. The LLM grader (issue 4) plugs in here and nowhere else.
"""

from __future__ import annotations

from practice.bank.models import Question, RoleLevel
from practice.config import GraderKind, Settings
from practice.grading import offline
from practice.grading.feedback import Feedback


def grade(question: Question, answer: str, *, settings: Settings, role_level: RoleLevel) -> Feedback:
    baseline = offline.grade(question, answer, role_level=role_level)
    if settings.effective_grader == GraderKind.offline:
        return baseline
    raise NotImplementedError("the LLM grader lands with the LLM issue")
