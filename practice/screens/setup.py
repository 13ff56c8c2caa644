"""Set-up: track or competencies, how many questions, role level, mode, timer and seed.

The screen only gathers choices into a SessionSettings and posts it; drawing the questions and
starting the interview belong to the engine (via the app).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, Header, Input, Label, RadioButton, RadioSet, Select, SelectionList, Static
from textual.widgets.selection_list import Selection

from practice.bank.models import QuestionBank, RoleLevel
from practice.bank.selection import default_question_count
from practice.interview.models import Mode, SessionSettings
from practice.terminal import safe

ACROSS_TRACKS = "__across__"
TIMER_CHOICES: tuple[tuple[str, int | None], ...] = (("Off", None), ("1 min", 60), ("2 min", 120), ("3 min", 180))
ROLE_LABELS = {
    RoleLevel.individual_contributor: "Individual contributor",
    RoleLevel.manager: "Manager",
    RoleLevel.executive: "Executive",
}
MODE_LABELS = {Mode.coach: "Coach: feedback per answer", Mode.mock: "Mock: feedback at the end"}
TIMER_LABELS = {seconds: label for label, seconds in TIMER_CHOICES}
RADIO_CHOICES: dict[str, list[object]] = {
    "role": list(ROLE_LABELS),
    "mode": list(MODE_LABELS),
    "timer": list(TIMER_LABELS),
}


def competency_label(competency: str) -> str:
    return competency.replace("-", " ")


def competency_counts(bank: QuestionBank, track: str | None) -> dict[str, int]:
    """How many questions test each competency (in the track, or across the bank), most first."""
    counts: dict[str, int] = {}
    for question in bank.questions:
        if track is None or question.track == track:
            for competency in question.competencies:
                counts[competency] = counts.get(competency, 0) + 1
    return dict(sorted(counts.items(), key=lambda item: (-item[1], item[0])))


@dataclass(frozen=True)
class SetupDefaults:
    seed: int
    role_level: RoleLevel = RoleLevel.individual_contributor
    mode: Mode = Mode.coach
    timer_seconds: int | None = None


class SetupScreen(Screen[None]):
    CSS_PATH = "setup.tcss"
    # The track is focused as the screen opens. Left to the default ("*"), the scrolling container
    # took focus first (restyling the whole screen, ~12 ms before the first frame) and handed it
    # to the track after that frame: another restyle and a visible jump.
    AUTO_FOCUS = "#track"
    BINDINGS = [Binding("ctrl+s", "start", "Start interview", id="setup.start")]

    class Chosen(Message):
        def __init__(self, settings: SessionSettings) -> None:
            super().__init__()
            self.settings = settings

    def __init__(self, bank: QuestionBank, grader_description: str, defaults: SetupDefaults) -> None:
        super().__init__()
        self.bank = bank
        self.grader_description = grader_description
        self.defaults = defaults

    def compose(self) -> ComposeResult:
        first_track = self.bank.tracks[0]
        yield Header()
        with VerticalScroll(id="setup"):
            yield Static(Content.from_markup("Grader: [b]$grader[/b]", grader=self.grader_description), id="grader")
            with Horizontal(classes="row"):
                yield Label("Track", classes="field")
                # Content, not str: a str prompt is read as markup, and a title may hold "[/]".
                options: list[tuple[Content, str]] = [
                    (Content(safe(track.title, one_line=True)), track.id) for track in self.bank.tracks
                ]
                options.append((Content("Competencies across tracks"), ACROSS_TRACKS))
                yield Select(options, value=first_track.id, allow_blank=False, id="track")
            yield Label("Competencies (none ticked: any in the track)", id="competencies-label")
            yield SelectionList[str](id="competencies")
            with Horizontal(classes="row"):
                yield Label("Questions", classes="field")
                yield Input(str(default_question_count(first_track)), type="integer", id="count")
                yield Label("Seed", classes="field short")
                yield Input(
                    str(self.defaults.seed), type="integer", id="seed", tooltip="The same seed draws the same questions"
                )
            yield self._radio_row("Role level", "role", ROLE_LABELS, self.defaults.role_level)
            yield self._radio_row("Mode", "mode", MODE_LABELS, self.defaults.mode)
            yield self._radio_row("Answer timer", "timer", TIMER_LABELS, self.defaults.timer_seconds)
            yield Static("", id="setup-error")
            yield Button("Start interview (ctrl+s)", variant="primary", id="start")
        yield Footer()

    @staticmethod
    def _radio_row(title: str, id_prefix: str, labels: dict[object, str], selected: object) -> Horizontal:
        buttons = [
            RadioButton(label, value=value == selected, id=f"{id_prefix}-{index}")
            for index, (value, label) in enumerate(labels.items())
        ]
        return Horizontal(Label(title, classes="field"), RadioSet(*buttons, id=id_prefix), classes="row radio")

    def on_mount(self) -> None:
        self._fill_competencies(self.bank.tracks[0].id)

    def _fill_competencies(self, track: str | None) -> None:
        selection = self.query_one("#competencies", SelectionList)
        selection.clear_options()
        selection.add_options(
            Selection(Content(safe(f"{competency_label(name)} ({count})", one_line=True)), name)
            for name, count in competency_counts(self.bank, track).items()
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        track = None if event.value == ACROSS_TRACKS else str(event.value)
        self._fill_competencies(track)
        guidance_track = self.bank.track(track) if track else self.bank.tracks[0]
        self.query_one("#count", Input).value = str(default_question_count(guidance_track))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def _chosen(self, id_prefix: str) -> object:
        radio_set = self.query_one(f"#{id_prefix}", RadioSet)
        index = radio_set.pressed_index
        return RADIO_CHOICES[id_prefix][max(index, 0)]

    def _integer(self, input_id: str, what: str, minimum: int) -> int | None:
        raw = self.query_one(f"#{input_id}", Input).value.strip()
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or value < minimum:
            self._show_error(f"{what}: {raw!r} is not a whole number of at least {minimum}.")
            return None
        return value

    def _show_error(self, message: str) -> None:
        self.query_one("#setup-error", Static).update(Content.styled(message, "$text-error"))
        self.notify(safe(message), severity="error", markup=False)

    def action_start(self) -> None:
        count = self._integer("count", "Questions", 1)
        seed = self._integer("seed", "Seed", 0)
        if count is None or seed is None:
            return
        track_value = self.query_one("#track", Select).value
        track = None if track_value == ACROSS_TRACKS else str(track_value)
        competencies = list(self.query_one("#competencies", SelectionList).selected)
        if track is None and not competencies:
            self._show_error("Competencies across tracks: tick at least one competency.")
            return
        self.query_one("#setup-error", Static).update("")
        timer = self._chosen("timer")
        settings = SessionSettings(
            track=track,
            competencies=competencies,
            question_count=count,
            role_level=RoleLevel(str(self._chosen("role"))),
            mode=Mode(str(self._chosen("mode"))),
            timer_seconds=timer if isinstance(timer, int) else None,
            seed=seed,
        )
        self.post_message(self.Chosen(settings))
