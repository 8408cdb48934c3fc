"""Feeds in the app: refresh in a worker (R, and every `refresh_minutes` of the config), unread
rows in bold, the unread filter (u) and the count of what is new since the last visit.

A mixin of MainScreen, placed before LibraryWork so that its `load_page` can list only the
unread articles when the filter is on. Handlers are named on_* (@on registers only on Textual
classes); they run after MainScreen's own. Progress and news go to the feeds line above the footer,
which is hidden while it has nothing to say.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from textual import work
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

from index.errors import ReaderError
from reader.ui.format import plural, shown
from reader.ui.messages import ArticleLoaded, ArticlesPage
from reader.ui.widgets.painted_rows import Row

if TYPE_CHECKING:
    from reader.ui.screens.main import MainScreen

log = logging.getLogger(__name__)


class FeedProgress(Message):
    def __init__(self, done: int, total: int, name: str) -> None:
        super().__init__()
        self.done, self.total, self.name = done, total, name


class FeedsRefreshed(Message):
    def __init__(self, summary: str, errors: list[str], new_since_visit: int) -> None:
        super().__init__()
        self.summary, self.errors, self.new_since_visit = summary, errors, new_since_visit


class VisitCounted(Message):
    def __init__(self, new_since_visit: int, read_ids: set[str], refresh_minutes: float, problem: str | None) -> None:
        super().__init__()
        self.new_since_visit, self.read_ids = new_since_visit, read_ids
        self.refresh_minutes, self.problem = refresh_minutes, problem


def refresh_summary(outcomes) -> tuple[str, list[str]]:
    """'Feeds refreshed: 12 new, 1 updated; 1 of 5 failed.' and each failure's sentence."""
    errors = [o.error for o in outcomes if o.error]
    new = sum(o.new for o in outcomes)
    updated = sum(o.updated for o in outcomes)
    summary = f"Feeds refreshed: {new} new, {updated} updated"
    if errors:
        summary += f"; {len(errors)} of {plural(len(outcomes), 'feed')} failed"
    return summary + ".", errors


def read_row(row: Content) -> Row:
    """The same row with its title no longer bold (bold marks an unread article)."""
    return Row(row.plain, [span for span in row.spans if not (span.start == 0 and span.style == "bold")])


class FeedActions:
    unread_only = False
    refreshing = False
    read_ids: set[str] | None = None  # None until the library has said which articles are read
    opened_before_count: set[str] | None = None  # opened while read_ids was still None
    visit_began: str | None = None
    new_since_visit = 0

    @property
    def feeds_line(self: MainScreen) -> Static:
        return self.query_one("#feeds-line", Static)

    def say_in_feeds_line(self: MainScreen, text: str) -> None:
        self.feeds_line.update(shown(text))  # feed titles and errors are data
        self.feeds_line.display = bool(text)

    def is_unread(self, article_id: str) -> bool:
        return self.read_ids is not None and article_id not in self.read_ids

    # --- the visit ------------------------------------------------------------------

    def on_library_opened(self: MainScreen) -> None:
        self.count_visit()

    @work(thread=True, group="visit")
    def count_visit(self: MainScreen) -> None:
        from index.feeds.read_state import begin_visit, new_since, read_ids
        from reader.config import load_config

        store = self.library.store
        problem, minutes, new, read = None, 0.0, 0, set()
        try:
            self.visit_began = begin_visit(store)
            read = read_ids(store)
            new = new_since(store, self.visit_began) if self.visit_began is not None else 0
        except ReaderError as error:  # a library that cannot be written: no count, no marks saved
            log.warning("no read state: %s", error)
        try:
            minutes = load_config().refresh_minutes
        except ReaderError as error:
            problem = str(error)
        self.post_message(VisitCounted(new, read, minutes, problem))

    def on_visit_counted(self: MainScreen, event: VisitCounted) -> None:
        self.read_ids = event.read_ids
        for article_id in self.opened_before_count or ():
            self._mark_read(article_id)
        self.opened_before_count = None
        self.new_since_visit = event.new_since_visit
        if event.problem:
            self.notify(event.problem, title="Config", severity="warning", timeout=15)
        if event.refresh_minutes > 0:
            self.set_interval(event.refresh_minutes * 60, self._refresh_on_schedule, name="refresh feeds")
        self._show_new_count()
        if not self.search_text.strip():
            self._unbold_read(self.article_list.article_ids)

    def _show_new_count(self: MainScreen) -> None:
        if self.new_since_visit:
            self.say_in_feeds_line(f"{plural(self.new_since_visit, 'new article')} since your last visit. "
                                   "u shows only the unread ones.")

    # --- reading marks an article read ---------------------------------------------------

    def on_article_loaded(self: MainScreen, event: ArticleLoaded) -> None:
        article_id = event.opened.article.id
        if self.read_ids is None:  # the visit is still being counted: mark it read once it is
            self.opened_before_count = (self.opened_before_count or set()) | {article_id}
            return
        self._mark_read(article_id)

    def _mark_read(self: MainScreen, article_id: str) -> None:
        if self.read_ids is None or article_id in self.read_ids:
            return
        self.read_ids.add(article_id)
        self.save_read(article_id)
        try:
            option = self.article_list.get_option(article_id)
        except Exception:  # noqa: BLE001 - not in the loaded rows (opened by a hop)
            return
        self.article_list.replace_option_prompt(article_id, read_row(option.prompt))

    @work(thread=True, group="read-state")
    def save_read(self: MainScreen, article_id: str) -> None:
        from index.feeds.read_state import mark_read

        with self.reporting_errors("remember that the article was read"):
            mark_read(self.library.store, [article_id])

    def on_articles_page(self: MainScreen, event: ArticlesPage) -> None:
        """Rows arrive bold (as search hits do); the read ones lose it."""
        if not self.search_text.strip():
            self._unbold_read([summary.id for summary in event.rows])

    def _unbold_read(self: MainScreen, article_ids: list[str]) -> None:
        if not self.read_ids:
            return
        for article_id in article_ids:
            if article_id in self.read_ids:
                try:
                    option = self.article_list.get_option(article_id)
                except Exception:  # noqa: BLE001 - a page that was not shown (a search took over)
                    continue
                self.article_list.replace_option_prompt(article_id, read_row(option.prompt))

    # --- the unread filter ----------------------------------------------------------------

    def action_toggle_unread(self: MainScreen) -> None:
        if not self.ready:
            self.notify("The library is still opening.")
            return
        self.unread_only = not self.unread_only
        self.notify("Only unread articles." if self.unread_only else "Every article.", timeout=3)
        if self.search_text.strip():
            self.search_bar.clear()  # the Changed message loads the list
        else:
            self.load_page(0, self.page_size)

    def load_page(self, offset: int, size: int, refresh: bool = False):
        if self.unread_only:
            return self.load_unread_page(offset, size, refresh)
        return super().load_page(offset, size, refresh)  # type: ignore[misc]

    @work(thread=True, exclusive=True, group="browse")
    def load_unread_page(self: MainScreen, offset: int, size: int, refresh: bool = False) -> None:
        from index.feeds.read_state import unread_count, unread_summaries

        with self.reporting_errors("list the unread articles"):
            rows = unread_summaries(self.library.store, limit=size, offset=offset)
            self.post_message(ArticlesPage(rows, offset, unread_count(self.library.store), refresh))

    # --- refreshing -------------------------------------------------------------------------

    def action_refresh_feeds(self: MainScreen) -> None:
        if not self.ready:
            self.notify("The library is still opening.")
            return
        if self.refreshing:
            self.notify("The feeds are being refreshed already.")
            return
        self.refreshing = True
        self.say_in_feeds_line("Refreshing the feeds…")
        self.refresh_feeds()

    def _refresh_on_schedule(self: MainScreen) -> None:
        if not self.refreshing:
            self.action_refresh_feeds()

    @work(thread=True, exclusive=True, group="feeds")
    def refresh_feeds(self: MainScreen) -> None:
        from index.feeds import Subscriptions, refresh_feeds
        from index.feeds.read_state import new_since
        from reader.config import load_config

        try:
            store = self.library.store
            if not Subscriptions(store).all():
                self.post_message(FeedsRefreshed("No feeds yet. Subscribe with: reader feeds add URL", [], -1))
                return
            outcomes = refresh_feeds(self.library, settings=load_config().fetch_settings(),
                                     progress=lambda done, total, name: self.post_message(
                                         FeedProgress(done, total, name)))
            summary, errors = refresh_summary(outcomes)
            new = new_since(store, self.visit_began) if self.visit_began is not None else -1
            self.post_message(FeedsRefreshed(summary, errors, new))
        except ReaderError as error:
            self.post_message(FeedsRefreshed(f"The feeds could not be refreshed: {error}", [], -1))
        except Exception as error:  # noqa: BLE001 - a sentence on screen, the traceback in the log
            log.exception("refreshing the feeds failed")
            self.post_message(FeedsRefreshed(f"The feeds could not be refreshed: {error.__class__.__name__}: "
                                             f"{error}", [], -1))

    def on_feed_progress(self: MainScreen, event: FeedProgress) -> None:
        self.say_in_feeds_line(f"Refreshing the feeds… {event.done}/{event.total} {event.name}")

    def on_feeds_refreshed(self: MainScreen, event: FeedsRefreshed) -> None:
        self.refreshing = False
        line = event.summary
        if event.new_since_visit > 0:
            self.new_since_visit = event.new_since_visit
            line += f" {plural(event.new_since_visit, 'new article')} since your last visit."
        self.say_in_feeds_line(line)
        for error in event.errors[:3]:
            self.notify(error, title="Feed", severity="warning", timeout=10)
        self.action_refresh()  # the list (or the search) with the new articles
