"""The people, organisations and places of the open article (or of the whole library), by kind.

f filters the list as you type (Esc clears the filter); E (shift+e) asks to correct the highlighted entity."""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.terminal import visible
from reader.ui.format import KIND_LABELS, plural

if TYPE_CHECKING:
    from index.models import Entity

Scope = Literal["article", "results", "library"]
TITLES = {"article": "Entities · this article", "results": "Entities · these results", "library": "Entities · all articles"}
# The corpus-wide list shows the most mentioned entities of each kind, not tens of thousands.
LIBRARY_LIMIT_PER_KIND = 300


class EntityPane(OptionList):
    """Rows are entities (option id = entity id) under a disabled header per kind."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("f", "start_filter", "Filter", show=False),
        Binding("E", "correct", "Correct entity", show=False),
    ]

    # The same colours as the mentions in the article view.
    COMPONENT_CLASSES = {"entity-pane--person", "entity-pane--org", "entity-pane--place", "entity-pane--other"}
    DEFAULT_CSS = """
    EntityPane {
        & > .entity-pane--person { color: $warning; text-style: bold; }
        & > .entity-pane--org { color: $primary-lighten-2; text-style: bold; }
        & > .entity-pane--place { color: $success; text-style: bold; }
        & > .entity-pane--other { color: $secondary-lighten-2; text-style: bold; }
    }
    """

    class Chosen(Message):
        """Enter on an entity: make it the hop target (or, listing a query's results, narrow the query to it)."""

        def __init__(self, entity: Entity) -> None:
            super().__init__()
            self.entity = entity

    class CorrectRequested(Message):
        """E on an entity: the reader wants to correct it."""

        def __init__(self, entity: Entity) -> None:
            super().__init__()
            self.entity = entity

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.scope: Scope = "article"
        self.target: str | None = None
        self.filter_text = ""
        self.filtering = False  # keys go to the filter until Enter or Esc
        self._entities: dict[str, Entity] = {}
        self._shown: list[Entity] = []
        self._listed: list[Entity] = []
        self._empty_message = ""
        self.names_only = False  # too narrow for the counts beside the names

    @property
    def highlighted_entity(self) -> Entity | None:
        option = self.highlighted_option
        return self._entities.get(option.id) if option is not None and option.id else None

    @property
    def entity_names(self) -> list[str]:
        return [e.name for e in self._shown]

    def show_entities(self, entities: list[Entity], scope: Scope, empty_message: str) -> None:
        self.scope = scope
        self.border_title = TITLES[scope]
        self._listed, self._empty_message = entities, empty_message
        self._fill()

    def show_names_only(self, names_only: bool) -> None:
        """Names without their counts, for a pane too narrow to show both."""
        if names_only != self.names_only:
            self.names_only = names_only
            self._fill()

    def _matching(self) -> list[Entity]:
        wanted = self.filter_text.casefold()
        if not wanted:
            return self._listed
        return [e for e in self._listed if wanted in e.name.casefold()
                or any(wanted in a.casefold() for a in e.aliases)]

    def _fill(self) -> None:
        entities = self._matching()
        self._entities = {e.id: e for e in entities}
        self._shown = []
        keep = self.highlighted_entity.id if self.highlighted_entity else None
        self.clear_options()
        if self.filter_text or self.filtering:
            self.border_subtitle = f"filter: {visible(self.filter_text)}{'▏' if self.filtering else ''}"
        else:
            self.border_subtitle = ""
        if not entities:
            message = f"No entity matches “{self.filter_text}”." if self._listed else self._empty_message
            self.add_option(Option(Text(message, style="italic"), disabled=True))
            return
        for kind, label in KIND_LABELS.items():
            of_kind = [e for e in entities if e.kind == kind]
            if not of_kind:
                continue
            shown = of_kind if self.scope != "library" else of_kind[:LIBRARY_LIMIT_PER_KIND]
            heading = f"{label} ({len(of_kind)})"
            style = self.get_component_rich_style(f"entity-pane--{kind}")
            self.add_option(Option(Text(heading, style=style), disabled=True))
            self.add_options(Option(self._prompt(e), id=e.id) for e in shown)
            self._shown.extend(shown)
        self._restore_cursor(keep)

    def action_start_filter(self) -> None:
        self.filtering = True
        self._fill()

    def action_correct(self) -> None:
        entity = self.highlighted_entity
        if entity is not None:
            self.post_message(self.CorrectRequested(entity))

    def set_filter(self, text: str) -> None:
        self.filter_text = text
        self._fill()
        self.mark_target(self.target)

    def on_key(self, event: events.Key) -> None:
        """While filtering, letters go to the filter; the arrows and Enter still work."""
        if not self.filtering:
            if event.key == "escape" and self.filter_text:
                event.stop()
                self.set_filter("")
            return
        if event.key == "escape":
            self.filtering = False
            self.set_filter("")
        elif event.key == "backspace":
            self.set_filter(self.filter_text[:-1])
        elif event.key == "enter":
            self.filtering = False
            self._fill()
            return  # Enter also chooses the highlighted entity
        elif event.is_printable and event.character:
            self.set_filter(self.filter_text + event.character)
        else:
            return
        event.stop()
        event.prevent_default()

    def on_blur(self) -> None:
        if self.filtering:
            self.filtering = False
            self._fill()

    def mark_target(self, entity_id: str | None) -> None:
        """Show which entity n/N walk through."""
        self.target = entity_id
        for entity in self._shown:
            try:
                self.replace_option_prompt(entity.id, self._prompt(entity))
            except OptionDoesNotExist:
                continue

    def _prompt(self, entity: Entity) -> Text:
        """'▶  12 Emmanuel Macron': the count (mentions; articles among a query's results) in a column
        of its own, so names line up."""
        is_target = entity.id == self.target
        text = Text("▶" if is_target else " ", style="bold")
        if self.names_only:
            return text.append(visible(entity.name), style="bold" if is_target else "")
        text.append(f"{entity.mentions:>4} ", style="dim")
        text.append(visible(entity.name), style="bold" if is_target else "")
        if self.scope == "library":
            text.append(f" · {plural(entity.articles, 'article')}", style="dim")
        return text

    def _restore_cursor(self, entity_id: str | None) -> None:
        if entity_id and entity_id in self._entities:
            try:
                self.highlighted = self.get_option_index(entity_id)
                return
            except OptionDoesNotExist:  # not shown (beyond the per-kind limit)
                pass
        self.highlighted = 1 if self.option_count > 1 else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        entity = self._entities.get(event.option.id or "")
        if entity is not None:
            self.post_message(self.Chosen(entity))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()

