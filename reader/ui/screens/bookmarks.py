"""The reader's bookmarks: open one, edit its note and tags, delete it (with undo), export all."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.screen import Screen
from textual.widgets import DataTable, Footer, Header, Label

from index.models import Bookmark
from reader.terminal import visible
from reader.ui.format import plural
from reader.ui.worker_errors import reporting_errors

if TYPE_CHECKING:
    from index.library import Library

QUOTE_WIDTH = 60


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
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        table.add_column("Article", key="article", width=30)
        table.add_column("Passage", key="passage", width=QUOTE_WIDTH)
        table.add_column("Note", key="note")
        table.add_column("Tags", key="tags")
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
                titles[article_id] = self.library.article(article_id).title
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
            title = visible(self.titles.get(bookmark.article, bookmark.article))
            quote = visible(" ".join((bookmark.quote or "").split()))
            passage = Text(quote if len(quote) <= QUOTE_WIDTH else quote[:QUOTE_WIDTH - 1] + "…") if quote \
                else Text("(whole article)", style="dim")
            # Text, not str: a table reads a str cell as markup.
            table.add_row(Text(title), passage, Text(visible(" ".join(bookmark.note.split()))),
                          Text(visible(", ".join(bookmark.tags))), key=str(bookmark.id))
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
