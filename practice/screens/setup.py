"""Set-up: track or competencies (or questions picked by hand), how many questions, role level,
mode, timer and seed. It opens with the choices of the last interview started.

The screen only gathers choices into a SessionSettings and posts it; drawing the questions and
starting the interview belong to the engine (via the app).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TypeVar

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
from practice.setup_choices import SetupChoices
from practice.terminal import safe

ACROSS_TRACKS = "__across__"
Choice = TypeVar("Choice")
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
    """`seed` is used when the seed field is left blank (a random one, unless a test pins it);
    `kept` are the last interview's choices, put back where they still fit the bank."""

    seed: int
    kept: SetupChoices | None = None


SEED_HINT = "repeats a draw; blank: random"
NOTHING_FOUND = "No question of this track holds every word searched for."


class SetupScreen(Screen[None]):
    CSS_PATH = "setup.tcss"
    # The track is focused as the screen opens. Left to the default ("*"), the scrolling container
    # took focus first (restyling the whole screen, ~12 ms before the first frame) and handed it
    # to the track after that frame: another restyle and a visible jump.
    AUTO_FOCUS = "#track"
    BINDINGS = [Binding("ctrl+s", "start", "Start interview", id="setup.start")]

    class Chosen(Message):
        def __init__(self, settings: SessionSettings, choices: SetupChoices) -> None:
            """`choices`: what to put back next time (the settings less the seed)."""
            super().__init__()
            self.settings = settings
            self.choices = choices

    def __init__(self, bank: QuestionBank, grader_description: str, defaults: SetupDefaults) -> None:
        super().__init__()
        self.bank = bank
        self.grader_description = grader_description
        self.defaults = defaults
        self.kept = defaults.kept or SetupChoices(track=bank.tracks[0].id)
        known_ids = {q.id for q in bank.questions}
        self.picked: list[str] = [q for q in self.kept.question_ids if q in known_ids]
        """Questions ticked, in the order ticked (that is the order they are asked in)."""
        track_ids = {t.id for t in bank.tracks}
        self.track_shown: str | None = (
            self.kept.track if self.kept.track in track_ids or self.kept.track is None else bank.tracks[0].id
        )

    def compose(self) -> ComposeResult:
        kept = self.kept
        track_value = self.track_shown or ACROSS_TRACKS
        guidance_track = self.bank.track(self.track_shown) if self.track_shown else self.bank.tracks[0]
        count = kept.question_count or default_question_count(guidance_track)
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
                yield Select(options, value=track_value, allow_blank=False, id="track")
            yield Label("Competencies (none ticked: any in the track)", id="competencies-label")
            yield SelectionList[str](id="competencies")
            yield Label("Or pick questions (ticked: only these are asked, in the order ticked)", id="picks-label")
            yield Input(placeholder="Search the questions by their words", id="question-search")
            yield SelectionList[str](id="picks")
            yield Static("", id="pick-detail")
            with Horizontal(classes="row"):
                yield Label("Questions", classes="field")
                yield Input(str(count), type="integer", id="count")
                yield Label("Seed", classes="field short")
                yield Input(
                    "",
                    placeholder="random",
                    type="integer",
                    id="seed",
                    tooltip="The same seed draws the same questions again; left blank, the draw is random.",
                )
                yield Label(SEED_HINT, id="seed-hint")
            yield self._radio_row("Role level", "role", ROLE_LABELS, kept.role_level)
            yield self._radio_row("Mode", "mode", MODE_LABELS, kept.mode)
            yield self._radio_row("Answer timer", "timer", TIMER_LABELS, kept.timer_seconds)
            yield Static("", id="setup-error")
            yield Button("Start interview (ctrl+s)", variant="primary", id="start")
        yield Footer()

    @staticmethod
    def _radio_row(title: str, id_prefix: str, labels: Mapping[Choice, str], selected: Choice) -> Horizontal:
        buttons = [
            RadioButton(label, value=value == selected, id=f"{id_prefix}-{index}")
            for index, (value, label) in enumerate(labels.items())
        ]
        return Horizontal(Label(title, classes="field"), RadioSet(*buttons, id=id_prefix), classes="row radio")

    def on_mount(self) -> None:
        self._fill_competencies(self.track_shown, ticked=self.kept.competencies)
        self._fill_questions()

    def _fill_competencies(self, track: str | None, *, ticked: list[str] | tuple[str, ...] = ()) -> None:
        selection = self.query_one("#competencies", SelectionList)
        selection.clear_options()
        selection.add_options(
            Selection(Content(safe(f"{competency_label(name)} ({count})", one_line=True)), name, name in ticked)
            for name, count in competency_counts(self.bank, track).items()
        )

    def _fill_questions(self) -> None:
        """The questions of the track shown (every track's, across tracks) whose id or text holds
        every word searched for; ticked ones stay ticked while the list is filtered."""
        words = self.query_one("#question-search", Input).value.casefold().split()
        selection = self.query_one("#picks", SelectionList)
        selection.clear_options()
        selection.add_options(
            Selection(
                Content(safe(f"{q.id}  {q.text}", one_line=True)),
                q.id,
                q.id in self.picked,
            )
            for q in self.bank.questions
            if (self.track_shown is None or q.track == self.track_shown)
            and all(word in f"{q.id} {q.text}".casefold() for word in words)
        )
        if selection.option_count:
            selection.highlighted = 0  # so space ticks the first question found at once
        self._show_pick_detail(selection.highlighted)

    def on_selection_list_selection_highlighted(self, event: SelectionList.SelectionHighlighted[str]) -> None:
        if event.selection_list.id == "picks":
            self._show_pick_detail(event.selection_index)
            if event.selection_list.has_focus:
                self.query_one("#pick-detail").scroll_visible(animate=False)

    def _show_pick_detail(self, index: int | None) -> None:
        """The highlighted question whole, under the list: a row shows only its start, and many
        questions start alike ("Tell me about a time when you…")."""
        selection = self.query_one("#picks", SelectionList)
        detail = self.query_one("#pick-detail", Static)
        if index is None or not 0 <= index < selection.option_count:
            detail.update(Content.styled(NOTHING_FOUND if not selection.option_count else "", "$text-muted"))
            return
        question = self.bank.question(selection.get_option_at_index(index).value)
        competencies = ", ".join(competency_label(name) for name in question.competencies)
        detail.update(
            Content.assemble(
                (safe(question.id, one_line=True), "bold"),
                "  ",
                safe(question.text, one_line=True),
                (f"  ({safe(competencies, one_line=True)})" if competencies else "", "$text-muted"),
            )
        )

    def on_select_changed(self, event: Select.Changed) -> None:
        track = None if event.value == ACROSS_TRACKS else str(event.value)
        if track == self.track_shown:
            return  # the value put in at compose, announced as the screen mounts
        self.track_shown = track
        self._fill_competencies(track)
        self._fill_questions()
        guidance_track = self.bank.track(track) if track else self.bank.tracks[0]
        self.query_one("#count", Input).value = str(default_question_count(guidance_track))

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "question-search":
            self._fill_questions()
        elif self._integer_or_error("count", "Questions", 1) is not None and self._seed_or_error() is not None:
            self.query_one("#setup-error", Static).update("")  # fixed: the message goes

    def on_selection_list_selection_toggled(self, event: SelectionList.SelectionToggled[str]) -> None:
        if event.selection_list.id != "picks":
            return
        question_id = event.selection.value
        if question_id in self.picked:
            self.picked.remove(question_id)
        else:
            self.picked.append(question_id)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "start":
            self.action_start()

    def _chosen(self, id_prefix: str) -> object:
        radio_set = self.query_one(f"#{id_prefix}", RadioSet)
        index = radio_set.pressed_index
        return RADIO_CHOICES[id_prefix][max(index, 0)]

    def _integer_or_error(self, input_id: str, what: str, minimum: int) -> int | str | None:
        """The field's whole number, or the message saying what is wrong with it."""
        raw = self.query_one(f"#{input_id}", Input).value.strip()
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or value < minimum:
            return f"{what}: {raw!r} is not a whole number of at least {minimum}."
        return value

    def _seed_or_error(self) -> int | str | None:
        if not self.query_one("#seed", Input).value.strip():
            return self.defaults.seed
        return self._integer_or_error("seed", "Seed (or leave it blank for a random draw)", 0)

    def _integer(self, checked: int | str | None) -> int | None:
        if isinstance(checked, str):
            self._show_error(checked)
            return None
        return checked

    def _show_error(self, message: str) -> None:
        self.query_one("#setup-error", Static).update(Content.styled(message, "$text-error"))
        self.notify(message, severity="error")

    def action_start(self) -> None:
        count = self._integer(self._integer_or_error("count", "Questions", 1))
        seed = self._integer(self._seed_or_error()) if count is not None else None
        if count is None or seed is None:
            return
        track_value = self.query_one("#track", Select).value
        track = None if track_value == ACROSS_TRACKS else str(track_value)
        competencies = list(self.query_one("#competencies", SelectionList).selected)
        if track is None and not competencies and not self.picked:
            self._show_error("Competencies across tracks: tick at least one competency.")
            return
        self.query_one("#setup-error", Static).update("")
        timer = self._chosen("timer")
        choices = SetupChoices(
            track=track,
            competencies=competencies,
            question_ids=list(self.picked),
            question_count=count,
            role_level=RoleLevel(str(self._chosen("role"))),
            mode=Mode(str(self._chosen("mode"))),
            timer_seconds=timer if isinstance(timer, int) else None,
        )
        settings = SessionSettings(
            **choices.model_dump(exclude={"question_count"}),
            question_count=len(self.picked) or count,
            seed=seed,
        )
        self.post_message(self.Chosen(settings, choices))
