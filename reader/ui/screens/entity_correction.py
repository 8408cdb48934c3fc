"""Correct one entity: rename it, merge it into another (picked by typing), change its kind,
or say it is no entity. Dismisses with (change, value) for Library.correct_entity, or None."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from reader.terminal import visible
from reader.ui.format import KIND_LABELS

if TYPE_CHECKING:
    from index.models import Entity

Correction = tuple[str, str]
KIND_NAMES = {"person": "a person", "org": "an organisation", "place": "a place", "other": "something else"}
# Merge candidates shown at once; typing narrows them.
CANDIDATES_SHOWN = 50
ACTIONS = {
    "rename": "Rename… (r)",
    "merge": "Merge into another entity… (m)",
    "kind": "Change kind… (k)",
    "suppress": "Not an entity (x)",
}


class CorrectEntity(ModalScreen[Correction | None]):
    """First a choice of correction; then the new name, the other entity or the kind."""

    BINDINGS = [
        Binding("escape", "cancel", "Cancel"),
        Binding("r", "choose('rename')", "Rename", show=False),
        Binding("m", "choose('merge')", "Merge", show=False),
        Binding("k", "choose('kind')", "Kind", show=False),
        Binding("x", "choose('suppress')", "Not an entity", show=False),
    ]

    def __init__(self, entity: Entity, others: list[Entity]) -> None:
        super().__init__()
        self.entity = entity
        self.others = [o for o in others if o.id != entity.id]
        self.step = "choose"

    def compose(self) -> ComposeResult:
        kind = KIND_NAMES.get(self.entity.kind, self.entity.kind)
        with Vertical(classes="dialog wide"):
            yield Label(Text(f"Correct “{visible(self.entity.name)}”, {kind} ({self.entity.id})"),
                        classes="dialog-title")
            yield Input(id="correction-text")
            yield OptionList(*(Option(label, id=change) for change, label in ACTIONS.items()),
                             id="correction-choices")
            yield Label("Enter to choose · Esc to cancel", id="correction-hint", classes="dialog-hint")

    @property
    def text_input(self) -> Input:
        return self.query_one("#correction-text", Input)

    @property
    def choices(self) -> OptionList:
        return self.query_one("#correction-choices", OptionList)

    def on_mount(self) -> None:
        self.text_input.display = False
        self.choices.focus()

    def action_choose(self, change: str) -> None:
        if self.step != "choose":
            return
        self.step = change
        hint = self.query_one("#correction-hint", Label)
        if change == "suppress":
            self.dismiss(("suppress", ""))
        elif change == "rename":
            self._ask_text(visible(self.entity.name), "The new name")
            hint.update("Enter to rename · Esc to cancel")
        elif change == "merge":
            self._ask_text("", "Type the name of the entity it is part of")
            self._show_candidates("")
            hint.update("Type to narrow · ↓ and Enter to pick · Esc to cancel")
        else:
            self.choices.clear_options()
            self.choices.add_options(Option(f"{KIND_LABELS[k]} ({KIND_NAMES[k]})", id=k)
                                     for k in KIND_LABELS if k != self.entity.kind)
            self.choices.highlighted = 0
            hint.update("Enter to choose the kind · Esc to cancel")

    def _ask_text(self, value: str, placeholder: str) -> None:
        self.text_input.display = True
        self.text_input.value = value
        self.text_input.placeholder = placeholder
        self.text_input.focus()
        if self.step == "rename":
            self.choices.display = False

    def _show_candidates(self, typed: str) -> None:
        wanted = typed.casefold().strip()
        found = [o for o in self.others
                 if not wanted or wanted in o.name.casefold()
                 or any(wanted in a.casefold() for a in o.aliases)][:CANDIDATES_SHOWN]
        self.choices.clear_options()
        if not found:
            self.choices.add_option(Option(Text("No entity of that name.", style="italic"), disabled=True))
            return
        self.choices.add_options(
            Option(Text(f"{visible(o.name)} · {KIND_LABELS.get(o.kind, o.kind)} · {o.id}"), id=o.id)
            for o in found)
        self.choices.highlighted = 0

    @on(Input.Changed, "#correction-text")
    def typed(self, event: Input.Changed) -> None:
        if self.step == "merge":
            self._show_candidates(event.value)

    @on(Input.Submitted, "#correction-text")
    def submitted(self, event: Input.Submitted) -> None:
        if self.step == "rename":
            name = " ".join(event.value.split())
            if name and name != visible(self.entity.name):
                self.dismiss(("rename", name))
            elif not name:
                self.notify("Give the new name, or Esc to cancel.", severity="warning")
            else:
                self.dismiss(None)
        elif self.step == "merge":
            option = self.choices.highlighted_option
            if option is not None and option.id:
                self.dismiss(("merge", option.id))

    @on(OptionList.OptionSelected, "#correction-choices")
    def selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        chosen = event.option.id or ""
        if self.step == "choose":
            self.action_choose(chosen)
        elif self.step == "kind":
            self.dismiss(("kind", chosen))
        elif self.step == "merge" and chosen:
            self.dismiss(("merge", chosen))

    def action_cancel(self) -> None:
        self.dismiss(None)
