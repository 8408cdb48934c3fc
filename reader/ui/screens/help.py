"""Every key, read from the BINDINGS lists themselves so the help never disagrees with the app."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Label, Static

from reader.ui.widgets.article_view import ArticleView

EXTRA_KEYS = [
    ("Lists", [("j / k, ↓ / ↑", "Move"), ("Enter", "Open the article / hop to the entity (in the results' entities: narrow the query to it)")]),
    ("Search", [("typing", "Search as you type; person:, org:, place: narrow to an entity, said: to its quotes"),
                ("Enter", "Open the best result"), ("Esc", "Clear the search, back to every article")]),
    ("Screens", [("Ctrl+P", "Command palette: every action by name")]),
    ("Entity pane", [("f", "Filter the list as you type (Esc clears it)"),
                     ("E", "Correct the entity: rename, merge, kind, not an entity")]),
]


class HelpScreen(ModalScreen[None]):
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("question_mark", "close", "Close", show=False),
    ]

    def compose(self) -> ComposeResult:
        from reader.ui.app import ReaderApp
        from reader.ui.screens.bookmarks import BookmarksScreen
        from reader.ui.screens.main import MainScreen
        from reader.ui.screens.mentions import MentionsScreen

        sections = [
            ("Anywhere", self._rows(ReaderApp.BINDINGS)),
            ("Reading", self._rows(MainScreen.BINDINGS)),
            ("Article", self._rows(ArticleView.BINDINGS)),
            ("Mentions screen", self._rows(MentionsScreen.BINDINGS)),
            ("Bookmarks screen", self._rows(BookmarksScreen.BINDINGS)),
            *EXTRA_KEYS,
        ]
        self.rows = [(title, key, description) for title, rows in sections for key, description in rows]
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True, min_width=12)
        table.add_column(ratio=1)
        for title, rows in sections:
            table.add_row(Text(title, style="bold underline"), "")
            for key, description in rows:
                table.add_row(key, description)
            table.add_row("", "")
        with Vertical(classes="dialog wide tall"):
            yield Label("reader · keys", classes="dialog-title")
            with VerticalScroll(id="help-scroll"):
                yield Static(table, id="help-keys")
            yield Label("Esc closes", classes="dialog-hint")

    def on_mount(self) -> None:
        self.query_one("#help-scroll").focus()  # so ↑ ↓ PgUp PgDn scroll the list

    def _rows(self, bindings) -> list[tuple[str, str]]:
        rows = []
        for binding in bindings:
            # The app's own keys are listed once, under "Anywhere".
            if isinstance(binding, Binding) and binding.description and not binding.action.startswith("app."):
                rows.append((self.app.get_key_display(binding), binding.description))
        return rows

    def action_close(self) -> None:
        self.dismiss(None)
