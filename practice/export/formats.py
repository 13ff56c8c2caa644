"""The one place that maps an export format to its renderer, shared by the CLI and the TUI.

The renderers are imported when one is used: the command line lists the formats on every start."""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from practice.interview.models import Session


class ExportFormat(StrEnum):
    md = "md"
    html = "html"
    json = "json"


def render(session: Session, export_format: ExportFormat) -> str:
    from practice.export import html, markdown
    from practice.store import session_file

    if export_format == ExportFormat.md:
        return markdown.render(session)
    if export_format == ExportFormat.html:
        return html.render(session)
    return session_file.dumps(session)


def default_path(session: Session, export_format: ExportFormat, directory: Path = Path(".")) -> Path:
    """practice-2026-11-23-<first 8 of the id>.md: sortable by date, unique per session."""
    return directory / f"practice-{session.created_at:%Y-%m-%d}-{session.id[:8]}.{export_format.value}"
