"""The facets of the current query: its matches by source, month or week, agency, entity and
who is quoted. Enter on one adds its condition to the query line (where it stays to edit); Esc
closes."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from reader.terminal import visible
from reader.ui.format import facet_groups, plural

if TYPE_CHECKING:
    from index.facets import Facets

# The longest bar of the date histogram, in cells.
DATE_BAR = 30


class FacetsScreen(ModalScreen[str | None]):
    """Dismissed with the chosen facet's condition, or None."""

    DEFAULT_CSS = """
    FacetsScreen #facets { height: 1fr; }
    """
    BINDINGS = [
        Binding("escape", "close", "Close"),
        Binding("F", "close", "Close", show=False),
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    def __init__(self, query: str, facets: Facets) -> None:
        super().__init__()
        self.query_text = query
        self.facets = facets
        self.conditions: list[str] = []  # of the options, in order (None for headings)

    def compose(self) -> ComposeResult:
        facets = self.facets
        groups = facet_groups(facets)
        width = max((len(f"{facet.count:,}") for _label, listed in groups for facet in listed), default=1)
        most_in_a_period = max((facet.count for facet in facets.dates), default=1)
        options: list[Option] = []
        for label, listed in groups:
            if not listed:
                continue
            options.append(Option(Text(label, style="bold underline"), disabled=True))
            for facet in listed:
                prompt = Text(f"{facet.count:>{width},}  ", style="dim")
                prompt.append(visible(facet.label))
                if listed is facets.dates:  # the histogram: a bar beside each month or week
                    prompt.append("  " + "▇" * max(1, round(DATE_BAR * facet.count / most_in_a_period)), style="cyan")
                options.append(Option(prompt, id=f"facet-{len(self.conditions)}"))
                self.conditions.append(facet.condition)
        if not options:
            options.append(Option(Text("Nothing to narrow by.", style="italic"), disabled=True))
        with Vertical(classes="dialog wide tall"):
            yield Label(f"Narrow “{visible(self.query_text)}” · {plural(facets.total, 'article')}",
                        classes="dialog-title")
            yield OptionList(*options, id="facets")
            yield Label("Enter adds the condition to the query · Esc closes", classes="dialog-hint")

    def on_mount(self) -> None:
        facet_list = self.query_one("#facets", OptionList)
        facet_list.focus()
        facet_list.highlighted = 1 if facet_list.option_count > 1 else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        option_id = event.option.id or ""
        if option_id.startswith("facet-"):
            self.dismiss(self.conditions[int(option_id.removeprefix("facet-"))])

    def action_cursor_down(self) -> None:
        self.query_one("#facets", OptionList).action_cursor_down()

    def action_cursor_up(self) -> None:
        self.query_one("#facets", OptionList).action_cursor_up()

    def action_close(self) -> None:
        self.dismiss(None)
