"""Every quote of one entity across the library, newest first; Enter jumps there, b bookmarks it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label

from reader.terminal import shortened, visible
from reader.ui.format import plural, shown
from reader.ui.passages import quote_note
from reader.ui.widgets.whole_keys_footer import WholeKeysFooter

if TYPE_CHECKING:
    from index.library import Library
    from index.models import Entity

# A quote is cut (between words) to what the screen has left beside the other columns, at
# least MIN_QUOTE_WIDTH characters and at most MAX_QUOTE_WIDTH.
MIN_QUOTE_WIDTH = 24
MAX_QUOTE_WIDTH = 160
_CELL_PADDING = 2  # a DataTable cell's padding
_SCROLLBAR = 2


class QuotesScreen(Screen[dict | None]):
    """Dismisses with the chosen quote (a row of Library.quotes_of), or None."""

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("enter", "jump", "Jump to quote"),
        Binding("b", "bookmark", "Bookmark quote"),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, library: Library, entity: Entity) -> None:
        super().__init__()
        self.library = library
        self.entity = entity
        self.quotes: list[dict] = []

    def compose(self) -> ComposeResult:
        self.sub_title = "quotes"
        yield Header()
        yield Label(shown(f"Quotes of {self.entity.name}…"), id="quotes-title")
        yield DataTable(id="quotes-table", cursor_type="row", zebra_stripes=True)
        yield WholeKeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label, key in (("Date", "date"), ("Source", "source"), ("Kind", "kind"), ("Quote", "quote")):
            table.add_column(label, key=key)
        table.focus()
        self.load()

    @work(thread=True, exclusive=True, group="quotes")
    def load(self) -> None:
        quotes = self.library.quotes_of(self.entity.id)
        self.app.call_from_thread(self._show, quotes)

    def _show(self, quotes: list[dict]) -> None:
        self.quotes = quotes
        articles = len({q["article"] for q in quotes})
        title = (f"{self.entity.name} · {plural(len(quotes), 'quote')} in {plural(articles, 'article')}" if quotes
                 else f"No quotes of {self.entity.name} in the library.")
        self.query_one("#quotes-title", Label).update(shown(title))
        table = self.query_one(DataTable)
        cells = [((q["published"] or "–")[:10], visible(q["source"] or ""), q["kind"]) for q in quotes]
        beside = sum(max((len(row[column]) for row in cells), default=0) + _CELL_PADDING for column in range(3))
        width = min(MAX_QUOTE_WIDTH, max(MIN_QUOTE_WIDTH, self.size.width - beside - _CELL_PADDING - _SCROLLBAR))
        for index, ((date, source, kind), q) in enumerate(zip(cells, quotes)):
            # Text, not str: a table reads a str cell as markup.
            table.add_row(date, Text(source), kind, Text(visible(shortened(q["text"], width))), key=str(index))

    @property
    def cursor_quote(self) -> dict | None:
        table = self.query_one(DataTable)
        return self.quotes[table.cursor_row] if table.row_count and self.quotes else None

    @on(DataTable.RowSelected)
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(self.quotes[int(event.row_key.value)])

    def action_jump(self) -> None:
        if self.cursor_quote is not None:
            self.dismiss(self.cursor_quote)

    def action_bookmark(self) -> None:
        quote = self.cursor_quote
        if quote is None:
            self.notify("No quote to bookmark.")
            return
        self.save_bookmark(quote)

    @work(thread=True, group="quote-bookmark")
    def save_bookmark(self, quote: dict) -> None:
        note = quote_note(self.entity.name, quote["speaker_text"], quote["kind"])
        try:
            self.library.bookmarks.add(quote["article"], start=quote["start"], end=quote["end"], note=note)
        except Exception as error:  # noqa: BLE001 - a sentence for the reader, never a traceback
            self.app.call_from_thread(self.notify, f"The quote could not be bookmarked: {error}", severity="error")
            return
        self.app.call_from_thread(self.notify, f"Bookmarked the quote of {self.entity.name}. B lists your bookmarks.")

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + step)

    def action_close(self) -> None:
        self.dismiss(None)
