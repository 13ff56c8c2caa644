"""Prompt texts live in versioned .txt files beside this module, never in scattered strings.

Each file starts with a `# version: NAME-DATE.N` line; that version is recorded with every
verdict, so a coach can tell which wording of the instructions a grade came from. Placeholders
use `$name` (string.Template) so JSON examples with braces in a prompt need no escaping.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from importlib import resources
from string import Template

VERSION_PREFIX = "# version:"


@dataclass(frozen=True)
class Prompt:
    name: str
    version: str
    template: str

    def render(self, **values: str) -> str:
        """A missing value is a programming error and raises KeyError rather than sending '$x'."""
        return Template(self.template).substitute(values)


@cache
def load(name: str) -> Prompt:
    raw = (resources.files(__package__) / f"{name}.txt").read_text(encoding="utf-8")
    first_line, _, body = raw.partition("\n")
    if not first_line.startswith(VERSION_PREFIX):
        raise ValueError(f"prompt {name}.txt: first line must be '{VERSION_PREFIX} <version>'")
    return Prompt(name=name, version=first_line.removeprefix(VERSION_PREFIX).strip(), template=body.strip("\n"))
