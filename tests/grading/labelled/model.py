"""The labelled answer set's schema: hand-written answers with a careful coach's verdict.

The set measures the offline grader (benchmarks/bench_grading_quality.py) and must stay honest
data, so a typo in a hand-edited label is an error at load time, never a silently skipped case.
"""

from __future__ import annotations

import json
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError, model_validator

from practice.grading.feedback import CriterionStatus

HERE = Path(__file__).resolve().parent
SET_FILES = {
    "dev": HERE / "dev.json",
    "holdout": HERE / "holdout.json",
    "holdout2": HERE / "holdout2.json",
    "holdout3": HERE / "holdout3.json",
    "holdout4": HERE / "holdout4.json",
    "holdout5": HERE / "holdout5.json",
    "dev3": HERE / "dev3.json",
    "dev4": HERE / "dev4.json",
    "dev5": HERE / "dev5.json",
    "regressions": HERE / "regressions.json",
}
OTHER_FIELD_BANK = HERE / "other_field_bank.json"
NURSING_BANK = HERE / "nursing_bank.json"
TEACHING_BANK = HERE / "teaching_bank.json"
HOSPITALITY_BANK = HERE / "hospitality_bank.json"
SALES_BANK = HERE / "sales_bank.json"
WAREHOUSE_BANK = HERE / "warehouse_bank.json"

CaseId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]*$", min_length=1, max_length=80)]
Quote = Annotated[str, StringConstraints(min_length=3)]


class Bank(StrEnum):
    """Which bank the case's question comes from: the shipped one, or a bank of another field that
    names no vocabulary (software engineering, nursing, B2B sales, secondary teaching, hospitality,
    warehouse operations), graded as a coach's imported bank is."""

    shipped = "shipped"
    other_field = "other_field"
    nursing = "nursing"
    sales = "sales"
    teaching = "teaching"
    hospitality = "hospitality"
    warehouse = "warehouse"


BANK_FILES: dict[Bank, Path | None] = {
    Bank.shipped: None,
    Bank.other_field: OTHER_FIELD_BANK,
    Bank.nursing: NURSING_BANK,
    Bank.sales: SALES_BANK,
    Bank.teaching: TEACHING_BANK,
    Bank.hospitality: HOSPITALITY_BANK,
    Bank.warehouse: WAREHOUSE_BANK,
}
"""Each bank's file; None is the bank shipped with the app."""


class Kind(StrEnum):
    """What the answer is, as a coach would file it; strong/medium/weak are on-topic answers."""

    strong = "strong"
    medium = "medium"
    weak = "weak"
    other_question = "other_question"
    keyword_list = "keyword_list"
    injection = "injection"
    empty = "empty"


ON_TOPIC = frozenset({Kind.strong, Kind.medium, Kind.weak})


class StarLabel(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    situation: bool
    task: bool
    action: bool
    result: bool

    def parts(self) -> dict[str, bool]:
        return {"situation": self.situation, "task": self.task, "action": self.action, "result": self.result}


class Case(BaseModel):
    """One answer and its labels. `evidence` quotes, for each area labelled covered or partial,
    a verbatim piece of the sentence that addresses it best, so a grader's quote can be checked."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    id: CaseId
    bank: Bank
    question_id: str
    kind: Kind
    answers_question: str | None = None
    text: str
    areas: dict[str, CriterionStatus] = Field(min_length=1)
    evidence: dict[str, Quote] = Field(default_factory=dict)
    star: StarLabel | None = None
    note: str | None = None

    @model_validator(mode="after")
    def _labels_agree(self) -> Case:
        if (self.kind == Kind.other_question) != (self.answers_question is not None):
            raise ValueError("answers_question is required for kind other_question, and only for it")
        if self.kind == Kind.empty and self.text.strip():
            raise ValueError("an empty case has no text")
        found = {area for area, status in self.areas.items() if status != CriterionStatus.missing}
        if set(self.evidence) != found:
            raise ValueError(
                f"evidence must quote exactly the areas labelled covered or partial: labelled {sorted(found)}, "
                f"quoted {sorted(self.evidence)}"
            )
        for area, quote in self.evidence.items():
            if quote not in self.text:
                raise ValueError(f"evidence for {area!r} is not a verbatim substring of the text: {quote!r}")
        return self


class LabelledSet(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    description: str
    cases: list[Case] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_unique(self) -> LabelledSet:
        seen: set[str] = set()
        for case in self.cases:
            if case.id in seen:
                raise ValueError(f"duplicate case id {case.id!r}")
            seen.add(case.id)
        return self


class LabelledSetError(Exception):
    """A labelled file that does not load, with the file and the place in it."""


def load_set(path: Path) -> LabelledSet:
    try:
        return LabelledSet.model_validate_json(path.read_text(encoding="utf-8"))
    except OSError as error:
        raise LabelledSetError(f"{path}: cannot read it ({error.strerror})") from error
    except ValidationError as error:
        raw = _raw_cases(path)
        problems = []
        for problem in error.errors():
            loc = problem["loc"]
            where = ".".join(str(part) for part in loc)
            if len(loc) >= 2 and loc[0] == "cases" and isinstance(loc[1], int) and loc[1] < len(raw):
                where += f" (case {raw[loc[1]].get('id', '?')!r})"
            problems.append(f"{where}: {problem['msg']}")
        raise LabelledSetError(f"{path}: " + "; ".join(problems)) from error


def _raw_cases(path: Path) -> list[dict[str, object]]:
    """The cases as plain JSON, to name a failing case by its id rather than its index."""
    try:
        cases = json.loads(path.read_text(encoding="utf-8")).get("cases", [])
    except (ValueError, AttributeError):
        return []
    return [case if isinstance(case, dict) else {} for case in cases]
