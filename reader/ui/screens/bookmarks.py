"""The reader's bookmarks: open one, edit its note and tags, delete it (with undo), export all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label

from index.models import Bookmark
from reader.terminal import visible
from reader.ui.format import plural
from reader.ui.worker_errors import reporting_errors
from reader.ui.widgets.whole_keys_footer import WholeKeysFooter

if TYPE_CHECKING:
    from index.library import Library

QUOTE_WIDTH = 60
# Shares of the width for article, passage, note and tags, and each one's fewest columns.
_SHARES = (0.24, 0.40, 0.22, 0.14)
_FEWEST = (12, 16, 10, 8)
_MOST = (30, QUOTE_WIDTH, 60, 30)


def column_widths(screen_width: int) -> tuple[int, int, int, int]:
    """Widths of the four columns that fit the screen, every column visible (the widest cut first)."""
    room = max(sum(_FEWEST), screen_width - 2 - 4 * 2)  # scrollbar, cell padding
    widths = [max(low, min(high, int(room * share))) for share, low, high in zip(_SHARES, _FEWEST, _MOST)]
    while sum(widths) > room:
        widest = max(range(4), key=lambda i: widths[i] - _FEWEST[i])
        if widths[widest] <= _FEWEST[widest]:
            break
        widths[widest] -= 1
    return tuple(widths)  # type: ignore[return-value]


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


class BookmarksLoaded(Message):
    def __init__(self, bookmarks: list[Bookmark], titles: dict[str, str], notice: str | None = None) -> None:
        super().__init__()
        self.bookmarks = bookmarks
        self.titles = titles
        self.notice = notice


class BookmarksScreen(Screen[Bookmark | None]):
    """Dismisses with the bookmark to open, or None."""

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("enter", "open", "Open"),
        Binding("n", "edit", "Note & tags"),
        Binding("d", "delete", "Delete"),
        Binding("delete", "delete", "Delete", show=False),
        Binding("u", "undo", "Undo delete"),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, library: "Library") -> None:
        super().__init__()
        self.library = library
        self.bookmarks: list[Bookmark] = []
        self.titles: dict[str, str] = {}
        self.removed: list[Bookmark] = []

    def compose(self) -> ComposeResult:
        self.sub_title = "bookmarks"
        yield Header()
        yield Label("Loading bookmarks…", id="bookmarks-title")
        yield DataTable(id="bookmarks-table", cursor_type="row", zebra_stripes=True)
        yield WholeKeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self.widths = column_widths(self.app.size.width)
        for (label, key), width in zip((("Article", "article"), ("Passage", "passage"), ("Note", "note"),
                                        ("Tags", "tags")), self.widths):
            table.add_column(label, key=key, width=width)
        table.focus()
        self.load_bookmarks()

    # --- library work, off the event loop ----------------------------------------------

    @work(thread=True, exclusive=True, group="bookmarks")
    def load_bookmarks(self, notice: str | None = None) -> None:
        self._run(lambda: None, notice)

    @work(thread=True, exclusive=True, group="bookmarks")
    def save_note(self, bookmark_id: int, note: str, tags: list[str]) -> None:
        self._run(lambda: self.library.bookmarks.update(bookmark_id, note=note, tags=tags), "Saved.")

    @work(thread=True, exclusive=True, group="bookmarks")
    def delete_bookmark(self, bookmark_id: int) -> None:
        def remove_one() -> None:
            self.removed.append(self.library.bookmarks.remove(bookmark_id))
        self._run(remove_one, "Bookmark deleted. u brings it back.")

    @work(thread=True, exclusive=True, group="bookmarks")
    def restore_bookmark(self, bookmark: Bookmark) -> None:
        self._run(lambda: self.library.bookmarks.restore(bookmark), "Bookmark restored.")

    def _run(self, change, notice: str | None) -> None:
        """Apply one change, then post the fresh list (with the titles of their articles)."""
        with reporting_errors(self, "update the bookmarks"):
            change()
            bookmarks = self.library.bookmarks.list()
            titles = {}
            for article_id in {b.article for b in bookmarks} - set(self.titles):
                article, removed = self.library.bookmarks.article(article_id)
                titles[article_id] = ("(removed) " if removed else "") + article.title  # seen even when cut
            self.post_message(BookmarksLoaded(bookmarks, titles, notice))

    # --- showing ---------------------------------------------------------------------

    @on(BookmarksLoaded)
    def show_bookmarks(self, event: BookmarksLoaded) -> None:
        self.titles.update(event.titles)
        self.bookmarks = event.bookmarks
        table = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        for bookmark in self.bookmarks:
            title_width, quote_width, note_width, tags_width = self.widths
            title = _cut(visible(self.titles.get(bookmark.article, bookmark.article)), title_width)
            quote = visible(" ".join((bookmark.quote or "").split()))
            passage = Text(_cut(quote, quote_width)) if quote else Text("(whole article)", style="dim")
            # Text, not str: a table reads a str cell as markup.
            table.add_row(Text(title), passage, Text(_cut(visible(" ".join(bookmark.note.split())), note_width)),
                          Text(_cut(visible(", ".join(bookmark.tags)), tags_width)), key=str(bookmark.id))
        if self.bookmarks:
            table.move_cursor(row=min(row, len(self.bookmarks) - 1))
            self.query_one("#bookmarks-title", Label).update(
                f"{plural(len(self.bookmarks), 'bookmark')} · Enter opens · n note & tags · d deletes · e exports")
        else:
            self.query_one("#bookmarks-title", Label).update(
                "No bookmarks yet. In an article, b bookmarks it (or the passage at the current hit or mention).")
        if event.notice:
            self.notify(event.notice)

    @property
    def selected(self) -> Bookmark | None:
        table = self.query_one(DataTable)
        if not self.bookmarks or table.cursor_row >= len(self.bookmarks):
            return None
        return self.bookmarks[table.cursor_row]

    # --- keys ------------------------------------------------------------------------

    @on(DataTable.RowSelected)
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.action_open()

    def action_open(self) -> None:
        if self.selected is not None:
            self.dismiss(self.selected)

    def action_edit(self) -> None:
        from reader.ui.screens.dialogs import EditBookmark

        bookmark = self.selected
        if bookmark is None:
            return
        heading = f"Bookmark in “{self.titles.get(bookmark.article, bookmark.article)}”"

        def edited(result: tuple[str, list[str]] | None) -> None:
            if result is not None:
                self.save_note(bookmark.id, *result)

        self.app.push_screen(EditBookmark(heading, bookmark.note, bookmark.tags), edited)

    def action_delete(self) -> None:
        if self.selected is not None:
            self.delete_bookmark(self.selected.id)

    def action_undo(self) -> None:
        if not self.removed:
            self.notify("Nothing to undo.")
            return
        self.restore_bookmark(self.removed.pop())

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + step)

    def action_close(self) -> None:
        self.dismiss(None)
