"""The main screen's facets: F lists the results by source, date and entity; choosing one adds
its condition to the query line, where it stays to edit.

A mixin of MainScreen (which provides the search bar, the workers and the panes)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.ui.messages import FacetsLoaded

if TYPE_CHECKING:
    from reader.ui.screens.main import MainScreen


class FacetActions:
    def action_facets(self: MainScreen) -> None:
        if not self.search_text.strip():
            self.notify("Search first: F counts the results of a query by source, date and entity.")
            return
        self.set_status("Counting the results by source, date and entity…")
        self.load_facets(self.search_text)

    def on_facets_loaded(self: MainScreen, event: FacetsLoaded) -> None:
        self.set_status(self.reading.status())
        if event.query != self.search_text:
            return  # the query has changed since
        from reader.ui.screens.facets import FacetsScreen

        self.app.push_screen(FacetsScreen(event.query, event.facets), self.narrow)

    def narrow(self: MainScreen, condition: str | None) -> None:
        """The condition added to the query line (which searches again)."""
        if not condition:
            return
        query = self.search_text.rstrip()
        search_input = self.search_bar.input
        search_input.value = f"{query} {condition}" if query else condition
        search_input.cursor_position = len(search_input.value)
        if self.article_list.display:
            self.set_focus(self.article_list)
