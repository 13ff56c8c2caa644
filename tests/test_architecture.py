"""The package's layering, read from its source: no import cycle between the units of `practice`
(its subpackages and top-level modules: bank, grading, interview, llm, store, config, ...), and
the UI libraries imported only by the screens, the widgets and the app.

The import graph is built with `ast`, so nothing is imported to check it, and every import
counts: at the top, inside a function (imported when first used) and under TYPE_CHECKING (a
dependency of the design, even where not of the running code). Each checker is also run on a
small package written for the test, to show that it finds what it is there to find.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass
from pathlib import Path

import practice

PACKAGE = Path(practice.__file__).resolve().parent
UI_LIBRARIES = frozenset({"textual", "textual_plotext", "rich", "plotext"})
"""Terminal UI: Textual, its charts, and the renderers it draws with."""
UI_UNITS = frozenset({"screens", "widgets", "app"})
"""The units that may import them: screens render state and send intents, the app places them."""


@dataclass(frozen=True)
class Import:
    importer: str
    imported: str
    line: int

    def __str__(self) -> str:
        return f"{self.importer} -> {self.imported} (line {self.line})"


def module_files(root: Path) -> dict[str, Path]:
    """Every module of the package at `root`, by its dotted name (a package by its own name)."""
    found = {}
    for path in sorted(root.rglob("*.py")):
        parts = (root.name, *path.relative_to(root).with_suffix("").parts)
        found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(root: Path) -> list[Import]:
    """Every import in the package at `root`, with `from x import y` read as the module x.y when
    there is one, and relative imports resolved."""
    modules = module_files(root)
    found = []
    for name, path in modules.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                found += [Import(name, alias.name, node.lineno) for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    above = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join([*above, *([node.module] if node.module else [])])
                for alias in node.names:
                    target = f"{base}.{alias.name}"
                    found.append(Import(name, target if target in modules else base, node.lineno))
    return list(dict.fromkeys(found))  # `from x import a, b` is one import of x


def unit(module: str) -> str | None:
    """`practice.bank.loader` -> `bank`, `practice.config` -> `config`; the package itself has none."""
    parts = module.split(".")
    return parts[1] if len(parts) > 1 else None


def unit_imports(root: Path) -> dict[tuple[str, str], list[Import]]:
    """The imports from one unit of the package into another, by (importer, imported) unit."""
    between: dict[tuple[str, str], list[Import]] = {}
    for found in imports(root):
        if found.imported.split(".")[0] != root.name:
            continue
        source, target = unit(found.importer), unit(found.imported)
        if source and target and source != target:
            between.setdefault((source, target), []).append(found)
    return between


def unit_cycles(root: Path) -> list[list[str]]:
    """The groups of units that import each other, directly or round a loop (the strongly
    connected components of more than one unit, by Tarjan's algorithm)."""
    edges: dict[str, set[str]] = {}
    for source, target in unit_imports(root):
        edges.setdefault(source, set()).add(target)
        edges.setdefault(target, set())
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    groups: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for following in sorted(edges[node]):
            if following not in index:
                visit(following)
                low[node] = min(low[node], low[following])
            elif following in stack:
                low[node] = min(low[node], index[following])
        if low[node] == index[node]:
            group = []
            while (member := stack.pop()) != node:
                group.append(member)
            group.append(node)
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return sorted(groups)


def cycle_report(root: Path) -> str:
    """Each cycle with the imports that make it, so the one to move can be chosen."""
    between = unit_imports(root)
    lines = []
    for group in unit_cycles(root):
        lines.append(f"units importing each other: {', '.join(group)}")
        for source in group:
            for target in group:
                lines += [f"  {source} -> {target}: {found}" for found in between.get((source, target), [])]
    return "\n".join(lines)


def ui_imports_outside_the_ui(root: Path) -> list[Import]:
    return [
        found
        for found in imports(root)
        if found.imported.split(".")[0] in UI_LIBRARIES and unit(found.importer) not in UI_UNITS
    ]


# --- the rules, on practice -----------------------------------------------------------------


def test_no_import_cycle_between_the_units_of_practice() -> None:
    between = unit_imports(PACKAGE)
    # The graph was read: the interview engine grades through the grading package.
    assert ("interview", "grading") in between
    report = cycle_report(PACKAGE)
    assert not report, f"import cycles between the units of practice:\n{report}"


def test_the_ui_libraries_are_imported_only_by_the_screens_widgets_and_app() -> None:
    assert any(found.importer == "practice.app" for found in imports(PACKAGE) if found.imported.startswith("textual"))
    outside = ui_imports_outside_the_ui(PACKAGE)
    listed = "\n".join(f"  {found}" for found in outside)
    assert not outside, f"UI libraries imported outside screens/, widgets/ and app.py:\n{listed}"


# --- the checkers, on packages written for them -----------------------------------------------


def write_package(tmp_path: Path, files: dict[str, str]) -> Path:
    root = tmp_path / "pkg"
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return root


LAYERED = {
    "__init__.py": "",
    "base.py": "import json\n",
    "low/__init__.py": "",
    "low/models.py": "from pkg import base\n",
    "high/__init__.py": "",
    "high/engine.py": "from pkg.low.models import Thing\nfrom . import helpers\n",
    "high/helpers.py": "from ..low import models\n",
}


def test_a_layered_package_has_no_cycle(tmp_path: Path) -> None:
    root = write_package(tmp_path, LAYERED)
    assert set(unit_imports(root)) == {("low", "base"), ("high", "low")}
    assert unit_cycles(root) == [] and cycle_report(root) == ""


def test_a_cycle_is_found_through_any_kind_of_import_and_named_by_its_imports(tmp_path: Path) -> None:
    back = {
        # Imported when first used, under TYPE_CHECKING, relatively: each still closes the loop.
        "low/models.py": "from pkg import base\n\ndef later():\n    from pkg.high import engine\n",
        "base.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from .low import models\n",
    }
    root = write_package(tmp_path, {**LAYERED, **back})

    assert unit_cycles(root) == [["base", "high", "low"]]
    report = cycle_report(root)
    assert "pkg.low.models -> pkg.high.engine (line 4)" in report
    assert "pkg.base -> pkg.low.models (line 3)" in report
    assert "pkg.high.helpers -> pkg.low.models (line 1)" in report


def test_ui_imports_are_found_outside_the_ui_only(tmp_path: Path) -> None:
    root = write_package(
        tmp_path,
        {
            **LAYERED,
            "app.py": "from textual.app import App\n",
            "screens/__init__.py": "",
            "screens/main.py": "import textual.widgets\nfrom rich.text import Text\n",
            "widgets/__init__.py": "",
            "widgets/chart.py": "from textual_plotext import PlotextPlot\n",
            "low/render.py": "def show():\n    from rich.console import Console\n",
            "high/engine.py": "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from textual.app import App\n",
            "textual_names.py": "import textualize_not_textual\n",
        },
    )
    assert [str(found) for found in ui_imports_outside_the_ui(root)] == [
        "pkg.high.engine -> textual.app (line 3)",
        "pkg.low.render -> rich.console (line 2)",
    ]
