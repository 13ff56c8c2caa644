"""Small modals that ask for a file: export a session (format and path), or a path to open or
save to. Shared by the summary, history and review screens so exporting looks the same everywhere.

A path that already exists is never replaced silently: the dialog says so and keeps the typed name.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, RadioButton, RadioSet, Static

from practice.errors import PracticeError
from practice.export import formats
from practice.export.formats import ExportFormat
from practice.interview.models import Session
from practice.store import session_file

FORMAT_LABELS = {
    ExportFormat.md: "Markdown (documents, e-mail)",
    ExportFormat.html: "HTML (one printable page)",
    ExportFormat.json: "JSON (session file for a coach)",
}
REPLACE_LABEL = "Replace the file if it exists"


class _FileDialog(ModalScreen[Path | None]):
    """The frame both dialogs share: a title, a path input, an error line, OK and Cancel."""

    CSS_PATH = "file_dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", "Cancel", id="file_dialog.cancel")]

    def __init__(self, title: str, initial: Path, ok_label: str) -> None:
        super().__init__()
        self.title_text = title
        self.initial = initial
        self.ok_label = ok_label

    def compose(self) -> ComposeResult:
        with Vertical(id="file-dialog"):
            yield Static(Content.from_markup("[b]$title[/b]", title=self.title_text), id="file-dialog-title")
            yield from self.compose_options()
            yield Label("File")
            yield Input(str(self.initial), id="file-path")
            yield Static("", id="file-error")
            with Horizontal(id="file-buttons"):
                yield Button(self.ok_label, variant="primary", id="ok")
                yield Button("Cancel", id="cancel")

    def compose_options(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.query_one("#file-path", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._confirm()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._confirm()
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        self.dismiss(None)

    @property
    def path(self) -> Path:
        return Path(self.query_one("#file-path", Input).value.strip()).expanduser()

    def show_error(self, message: str) -> None:
        self.query_one("#file-error", Static).update(Content.styled(message, "$text-error"))

    def _confirm(self) -> None:
        if not self.query_one("#file-path", Input).value.strip():
            self.show_error("Type a file name.")
            return
        try:
            result = self.accept(self.path)
        except PracticeError as error:
            self.show_error(str(error))
            return
        self.dismiss(result)

    def accept(self, path: Path) -> Path:
        return path


class PathPrompt(_FileDialog):
    """Ask for a path; `check` may raise PracticeError to keep the dialog open with its message."""

    def __init__(
        self, title: str, initial: Path, *, ok_label: str = "OK", check: Callable[[Path], object] | None = None
    ) -> None:
        super().__init__(title, initial, ok_label)
        self.check = check

    def accept(self, path: Path) -> Path:
        if self.check is not None:
            self.check(path)
        return path


class ExportDialog(_FileDialog):
    """Choose a format and a file name, then write the export; dismissed with the written path."""

    def __init__(self, session: Session, directory: Path = Path(".")) -> None:
        super().__init__("Export this session", formats.default_path(session, ExportFormat.md, directory), "Export")
        self.session = session
        self.directory = directory

    def compose_options(self) -> ComposeResult:
        yield RadioSet(
            *(
                RadioButton(label, value=fmt == ExportFormat.md, id=f"format-{fmt.value}")
                for fmt, label in FORMAT_LABELS.items()
            ),
            id="export-format",
        )
        yield Checkbox(REPLACE_LABEL, value=False, id="replace-existing")

    @property
    def export_format(self) -> ExportFormat:
        pressed = self.query_one("#export-format", RadioSet).pressed_button
        return ExportFormat(pressed.id.removeprefix("format-")) if pressed and pressed.id else ExportFormat.md

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        """Keep the suggested name's extension in step with the format, unless the user typed their own."""
        path_input = self.query_one("#file-path", Input)
        current = Path(path_input.value)
        if current.stem == formats.default_path(self.session, ExportFormat.md).stem:
            path_input.value = str(current.with_suffix(f".{self.export_format.value}"))

    def accept(self, path: Path) -> Path:
        written = session_file.write_text(
            path,
            formats.render(self.session, self.export_format),
            overwrite=self.query_one("#replace-existing", Checkbox).value,
            how_to_replace=f"tick “{REPLACE_LABEL}”",
        )
        self.app.notify(f"Exported to {written}")
        return written
