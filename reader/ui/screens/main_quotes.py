"""The main screen's quotes (Q) and entity profile (p) of the hop target or highlighted entity.

A mixin of MainScreen, like main_entities.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.reading import Place

if TYPE_CHECKING:
    from index.models import Entity
    from reader.ui.screens.main import MainScreen


class QuoteActions:
    def _entity_in_view(self: MainScreen) -> Entity | None:
        """The highlighted entity when the entity pane has focus, else the hop target."""
        highlighted = self.entity_pane.highlighted_entity
        if self.focused is self.entity_pane and highlighted is not None:
            return highlighted
        return self.trail.entity if self.trail else highlighted

    def action_quotes(self: MainScreen) -> None:
        from reader.ui.screens.quotes import QuotesScreen

        entity = self._entity_in_view()
        if entity is None:
            self.ask_for_entity()
            return

        def jump(quote: dict | None) -> None:
            if quote is not None:
                from index.models import Span  # the library's code loads after the first screen

                self._open(quote["article"], Place(Span(start=quote["start"], end=quote["end"]), "bookmark"))
                self.article_view.focus()

        self.app.push_screen(QuotesScreen(self.library, entity), jump)

    def action_profile(self: MainScreen) -> None:
        from reader.ui.screens.entity_profile import EntityProfileScreen

        entity = self._entity_in_view()
        if entity is None:
            self.ask_for_entity()
            return

        def hop(chosen: Entity | None) -> None:
            if chosen is not None:
                self.set_status(f"Finding every mention of {chosen.name}…")
                self.load_trail(chosen)

        self.app.push_screen(EntityProfileScreen(self.library, entity), hop)
