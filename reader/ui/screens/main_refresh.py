"""Articles added by another process (`reader add` in a second terminal) reach the open screen.

A mixin of MainScreen. Every POLL_SECONDS a thread worker asks the library whether another
process has committed (SQLite's data_version: cheap, but it takes the store's lock, so never on
the event loop). The full list then reloads in place; search results are not reshuffled under
the reader: a notification offers `r`, which reloads the list or reruns the search.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from textual import work
from textual.timer import Timer

from reader.ui.messages import LibraryChanged
from reader.ui.screens.main_work import SEARCH_PAGE

if TYPE_CHECKING:
    from reader.ui.screens.main import MainScreen

log = logging.getLogger(__name__)

POLL_SECONDS = 2.0
NEW_ARTICLES_IN_SEARCH = "New articles in the library — press r to refresh the results."


class LibraryWatch:
    """Polls for other processes' writes and implements `r` (Refresh)."""

    _checking = False  # a poll is running: the next tick skips instead of queueing behind the lock
    _offered_refresh = False  # the reader has been told about new articles and has not refreshed yet
    library_watch: Timer | None = None

    def start_watching(self: MainScreen) -> None:
        self.library_watch = self.set_interval(POLL_SECONDS, self._poll_library, name="watch the library")

    def _poll_library(self: MainScreen) -> None:
        if self._checking or self.app.library is None:
            return
        self._checking = True
        self.check_library()

    @work(thread=True, group="watch")
    def check_library(self: MainScreen) -> None:
        try:
            if self.library.changed_elsewhere():
                self.post_message(LibraryChanged())
        except Exception:  # a failed poll is retried at the next tick, not shown every 2 s
            log.warning("could not check the library for changes", exc_info=True)
        finally:
            self._checking = False

    def on_library_changed(self: MainScreen, event: LibraryChanged) -> None:
        if self.search_text.strip():
            if not self._offered_refresh:
                self._offered_refresh = True
                self.notify(NEW_ARTICLES_IN_SEARCH, title="Library")
        else:
            self._reload_list()
        if self.entity_scope == "library":
            self.load_library_entities()  # counts across the library have changed

    def action_refresh(self: MainScreen) -> None:
        if not self.ready:
            self.notify("The library is still opening.")
            return
        self._offered_refresh = False
        if self.search_text.strip():
            self.run_search(self.search_text, self._loaded_or_one_page(SEARCH_PAGE), refresh=True)
        else:
            self._reload_list()
        if self.entity_scope == "library":
            self.load_library_entities()
        elif self.opened is not None:
            self.load_article_entities(self.opened.article.id)

    def _reload_list(self: MainScreen) -> None:
        """Everything loaded so far, again, from the top (new articles come first)."""
        self._offered_refresh = False
        self.load_page(0, self._loaded_or_one_page(self.page_size), refresh=True)

    def _loaded_or_one_page(self: MainScreen, page: int) -> int:
        return max(page, len(self.article_list.article_ids))
