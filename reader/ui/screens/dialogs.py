"""Small modal questions: a path, a yes/no, a bookmark's note and tags. Each dismisses with its answer."""

from __future__ import annotations

from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static, TextArea

from reader.terminal import visible
from reader.ui.format import shown


class PathPrompt(ModalScreen[Path | None]):
    """Asks for a file path; Enter accepts, Esc cancels."""

    BINDINGS = [Binding("escape", "cancel", "Cancel")]

    def __init__(self, title: str, prompt: str, default: Path) -> None:
        super().__init__()
        self.title_text = title
        self.prompt = prompt
        self.default = default

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(self.title_text, classes="dialog-title")
            yield Label(self.prompt)
            yield Input(str(self.default), id="path")
            yield Static("", id="path-error", classes="dialog-error")
            yield Label("Enter to write · Esc to cancel", classes="dialog-hint")

    @on(Input.Submitted)
    def accept(self, event: Input.Submitted) -> None:
        text = event.value.strip()
        if not text:
            self.query_one("#path-error", Static).update("Give a file name, e.g. ~/bookmarks.md")
            return
        self.dismiss(Path(text).expanduser())

    def action_cancel(self) -> None:
        self.dismiss(None)


class Confirm(ModalScreen[bool]):
    """A yes/no question: y or Enter says yes, n or Esc says no."""

    BINDINGS = [
        Binding("y", "answer(True)", "Yes"),
        Binding("n", "answer(False)", "No"),
        Binding("escape", "answer(False)", "No", show=False),
    ]

    def __init__(self, question: str) -> None:
        super().__init__()
        self.question = question

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog"):
            yield Label(shown(self.question), classes="dialog-title")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Yes (y)", id="yes", variant="warning")
                yield Button("No (n)", id="no")

    def on_mount(self) -> None:
        self.query_one("#no", Button).focus()

    @on(Button.Pressed)
    def pressed(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class EditBookmark(ModalScreen[tuple[str, list[str]] | None]):
    """The note (several lines) and tags (comma-separated) of one bookmark."""

    BINDINGS = [
        Binding("ctrl+s", "save", "Save"),
        Binding("escape", "cancel", "Cancel"),
    ]

    def __init__(self, heading: str, note: str, tags: list[str]) -> None:
        super().__init__()
        self.heading = heading
        self.note = note
        self.tags = tags

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog wide"):
            yield Label(shown(self.heading), classes="dialog-title")
            yield Label("Note:")
            yield TextArea(visible(self.note), id="note", soft_wrap=True)
            yield Label("Tags (comma-separated):")
            yield Input(visible(", ".join(self.tags)), id="tags", placeholder="ukraine, nato")
            yield Label("Ctrl+S or Enter in tags to save · Esc to cancel", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#note", TextArea).focus()

    @on(Input.Submitted, "#tags")
    def tags_submitted(self) -> None:
        self.action_save()

    def action_save(self) -> None:
        note = self.query_one("#note", TextArea).text
        typed_tags = self.query_one("#tags", Input).value
        # The editor shows control characters as symbols; what was not edited is kept as it came.
        if note == visible(self.note):
            note = self.note
        if typed_tags == visible(", ".join(self.tags)):
            tags = list(self.tags)
        else:
            tags = [t.strip() for t in typed_tags.split(",") if t.strip()]
        self.dismiss((note, tags))

    def action_cancel(self) -> None:
        self.dismiss(None)
