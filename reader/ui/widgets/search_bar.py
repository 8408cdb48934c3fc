"""The search input and the line under it that explains a query that cannot run."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import Input, Static

from reader.ui.format import shown

PLACEHOLDER = "/ to search: words, \"a phrase\", person:Macron, org:Nato, place:Paris"


class SearchInput(Input):
    """The query input. Its size is set by the bar, never by what is typed: a key changes what it
    scrolls over, which needs a repaint, not a layout of the whole screen (Input's default)."""

    virtual_size = Reactive(Size(0, 0), layout=False)


class SearchBar(Vertical):
    class Changed(Message):
        """The query text changed (search as you type)."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Submitted(Message):
        """Enter in the search input: open the best result."""

        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    def compose(self) -> ComposeResult:
        yield SearchInput(placeholder=PLACEHOLDER, id="search-input", compact=True)
        yield Static("", id="search-error")

    @property
    def input(self) -> Input:
        return self.query_one("#search-input", Input)

    @property
    def value(self) -> str:
        return self.input.value

    @property
    def error(self) -> str:
        return str(self.query_one("#search-error", Static).content)

    def show_error(self, message: str | None) -> None:
        label = self.query_one("#search-error", Static)
        if (message or "") == str(label.content) and label.display == bool(message):
            return  # each search result calls this: an update would lay the whole screen out again
        label.update(shown(message or ""))  # quotes the query: plain text, not markup
        label.display = bool(message)

    def clear(self) -> None:
        self.input.value = ""
        self.show_error(None)

    def on_mount(self) -> None:
        self.show_error(None)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))
