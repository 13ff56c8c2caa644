"""Asked once, before the first spoken answer, when the configured speech model is not on this
machine: download it (its size said first), let the packaged tiny.en hear the answer instead,
or type. Nothing is fetched without a yes."""

from __future__ import annotations

from enum import StrEnum

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Footer, Static

from practice.voice.download import DownloadOffer


class ModelChoice(StrEnum):
    download = "download"
    stand_in = "stand_in"
    type = "type"


def question(offered: DownloadOffer, *, stand_in: bool) -> str:
    instead = " Or the packaged tiny.en can hear you instead, less accurately." if stand_in else ""
    return (
        f"To hear your answers, practice needs the {offered.name} speech model, which is not on this "
        f"machine yet. Downloading it fetches {offered.size_text()} from Hugging Face ({offered.repo}), "
        f"once, into the local model cache; you can type meanwhile, and Escape stops it.{instead}"
    )


class ModelDownloadScreen(ModalScreen[ModelChoice]):
    CSS_PATH = "model_download.tcss"
    BINDINGS = [
        Binding("d", f"choose('{ModelChoice.download}')", "Download", id="model.download"),
        Binding("t", f"choose('{ModelChoice.stand_in}')", "Use tiny.en", id="model.stand_in"),
        Binding("n,escape", f"choose('{ModelChoice.type}')", "Type instead", id="model.type"),
    ]

    def __init__(self, offered: DownloadOffer, *, stand_in: bool) -> None:
        """`stand_in`: the packaged tiny.en is installed and may hear the answer instead."""
        super().__init__()
        self.offered = offered
        self.stand_in = stand_in

    def compose(self) -> ComposeResult:
        labels = {
            ModelChoice.download: f"Download {self.offered.name} ({self.offered.size_text()}) (d)",
            ModelChoice.stand_in: "Use the packaged tiny.en instead (t)",
            ModelChoice.type: "Not now: type the answer (n)",
        }
        if not self.stand_in:
            del labels[ModelChoice.stand_in]
        with Vertical(id="model-download"):
            yield Static(question(self.offered, stand_in=self.stand_in), id="model-question", markup=False)
            with Vertical(id="model-buttons"):
                for choice, label in labels.items():
                    yield Button(
                        label, variant="primary" if choice == ModelChoice.download else "default", id=choice.value
                    )
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return self.stand_in if parameters == (ModelChoice.stand_in.value,) else True

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(ModelChoice(str(event.button.id)))

    def action_choose(self, choice: str) -> None:
        self.dismiss(ModelChoice(choice))
