"""Every mention of one entity in the library, keyword in context; Enter jumps to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import DataTable, Header, Label

from reader.terminal import visible
from reader.ui.format import plural, short_date, shown
from reader.ui.widgets.whole_keys_footer import WholeKeysFooter

if TYPE_CHECKING:
    from index.models import Entity, EntityMention

CONTEXT_WIDTH = 40
# Rows are added a page at a time as the cursor nears the end: a name mentioned a hundred
# thousand times must not fill a table of a hundred thousand rows before the screen shows.
PAGE_ROWS = 300


def kwic(mention: EntityMention, width: int = CONTEXT_WIDTH) -> tuple[Text, Text, Text]:
    """(left context right-aligned, the mention, right context): whole words, whitespace collapsed."""
    at = mention.start - mention.context_start
    length = mention.end - mention.start
    before, after = mention.context[:at], mention.context[at + length:]
    left = " ".join(before.split()) + (" " if before[-1:].isspace() else "")
    right = (" " if after[:1].isspace() else "") + " ".join(after.split())
    if len(left) > width:
        left = left[-width:]
        left = left[left.find(" ") + 1:] if " " in left.rstrip() else left
    if len(right) > width:
        right = right[:width]
        right = right[:right.rfind(" ")] if " " in right.lstrip() else right
    keyword = mention.context[at:at + length] or mention.text
    return (Text(visible(left), justify="right", style="dim"), Text(visible(keyword), style="bold reverse"),
            Text(visible(right), style="dim"))


DATE_WIDTH = 10
MAX_TITLE_WIDTH = 28


def column_widths(screen_width: int, mention_width: int) -> tuple[int, int]:
    """(article title, each context) widths that fit the screen: the mention and both contexts
    stay visible at 80 columns; the title gives way first."""
    room = screen_width - 2 - 5 * 2 - DATE_WIDTH - min(mention_width, 30)  # scrollbar, cell padding
    title = max(10, min(MAX_TITLE_WIDTH, room // 4))
    context = max(8, min(CONTEXT_WIDTH, (room - title) // 2))
    return title, context


class MentionsScreen(Screen[int | None]):
    """Dismisses with the index (into `mentions`) of the chosen mention, or None."""

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("enter", "jump", "Jump to mention"),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, entity: Entity, mentions: list[EntityMention], position: int | None = None) -> None:
        super().__init__()
        self.entity = entity
        self.mentions = mentions
        self.position = position

    def compose(self) -> ComposeResult:
        self.sub_title = "mentions"
        yield Header()
        articles = len({m.article for m in self.mentions})
        yield Label(shown(f"{self.entity.name} · {plural(len(self.mentions), 'mention')} in "
                          f"{plural(articles, 'article')}"), id="mentions-title")
        yield DataTable(id="mentions-table", cursor_type="row", zebra_stripes=True)
        yield WholeKeysFooter()

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        self.title_width, self.context_width = column_widths(
            self.app.size.width, max((len(m.text) for m in self.mentions[:PAGE_ROWS]), default=8))
        table.add_column("Date", key="date")
        table.add_column("Article", key="article", width=self.title_width)
        table.add_column("", key="left", width=self.context_width)
        table.add_column("Mention", key="mention")
        table.add_column("", key="right", width=self.context_width)
        if not self.mentions:
            self.query_one("#mentions-title", Label).update(shown(f"{self.entity.name} is not mentioned in the library."))
        self._add_rows(up_to=max(PAGE_ROWS, (self.position or 0) + PAGE_ROWS))
        if self.position is not None:
            table.move_cursor(row=self.position)
        table.focus()

    def _add_rows(self, up_to: int) -> None:
        table = self.query_one(DataTable)
        start = table.row_count
        for index, mention in enumerate(self.mentions[start:up_to], start=start):
            left, keyword, right = kwic(mention, self.context_width)
            width = self.title_width
            title = mention.title if len(mention.title) <= width else mention.title[:width - 1] + "…"
            # Text, not str: a table reads a str cell as markup ('[/x]' in a title would crash it).
            table.add_row(short_date(mention.published, "day"), Text(visible(title)), left, keyword, right,
                          key=str(index))

    @on(DataTable.RowHighlighted)
    def near_the_end(self, event: DataTable.RowHighlighted) -> None:
        table = self.query_one(DataTable)
        if event.cursor_row >= table.row_count - PAGE_ROWS // 3 and table.row_count < len(self.mentions):
            self._add_rows(up_to=table.row_count + PAGE_ROWS)

    @property
    def cursor_index(self) -> int | None:
        table = self.query_one(DataTable)
        return table.cursor_row if table.row_count else None

    @on(DataTable.RowSelected)
    def row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        self.dismiss(int(event.row_key.value))

    def action_jump(self) -> None:
        if self.cursor_index is not None:
            self.dismiss(self.cursor_index)

    def action_cursor(self, step: int) -> None:
        table = self.query_one(DataTable)
        table.move_cursor(row=table.cursor_row + step)

    def action_close(self) -> None:
        self.dismiss(None)
