"""The main screen's library calls: each runs in a thread worker and posts its result as a message.

Kept apart from the screen's layout and key handling so that every place the UI touches the
library is in this one file, and every one of them is off the event loop.
"""

from __future__ import annotations

import threading
import time
from typing import TYPE_CHECKING

from textual import work
from textual.worker import get_current_worker

from index.errors import QueryError
from reader.ui.copy_rows import also_in_line
from reader.ui.messages import (
    ArticleLoaded,
    ArticlesPage,
    EntitiesLoaded,
    EntityCorrected,
    FacetsLoaded,
    Notice,
    OpenedArticle,
    Place,
    ResultsCounted,
    SearchResults,
    TrailLoaded,
)
from reader.ui.passages import quote_note
from reader.terminal import shortened
from reader.ui.worker_errors import reporting_errors

if TYPE_CHECKING:
    from index.models import Entity, Quote, Span
    from index.library import Library

# Results per search page: a screenful and a half of three-line rows (the list asks for the next
# page as the reader nears the end). Each hit costs its snippet and its row; the first page is
# what a keystroke waits for.
SEARCH_PAGE = 20
# Articles per page of the full list: three screenfuls, so that going back to it from a search
# (Escape, or a cleared search line) costs little while the reader starts typing the next query;
# scrolling on loads the next page.
PAGE_SIZE = 60
# Results beyond the first page are counted once the query has not changed for this long.
COUNT_AFTER_SECONDS = 0.15
# The entity pane's "these results" mode lists this many of each kind.
RESULT_ENTITIES_PER_KIND = 20


class LibraryWork:
    """Mixed into MainScreen (a DOMNode), which provides `library`, `post_message` and `search_text`."""

    library: "Library"
    search_slot: threading.Lock  # held by the search that is running
    sort: str  # the results' order: "relevance", "newest" or "oldest"

    def reporting_errors(self, doing: str):
        return reporting_errors(self, doing)

    @work(thread=True, exclusive=True, group="browse")
    def load_page(self, offset: int, size: int, refresh: bool = False) -> None:
        with self.reporting_errors("list the articles"):
            rows = self.library.articles(limit=size, offset=offset)
            total = self.library.count()
            groups = self.library.copy_group_sizes([row.id for row in rows])
            self.post_message(ArticlesPage(rows, offset, total, refresh, copy_groups=groups))

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str, limit: int, typing: bool = False, refresh: bool = False) -> None:
        # One search at a time, the newest query next: a key typed while the library is idle is
        # searched at once, and a burst of keys costs one search in flight plus the last query's
        # (the queries typed in between find the text changed and leave).
        with self.search_slot:
            if typing and query != self.search_text:
                return
            self._search(query, limit, refresh)

    def _search(self, query: str, limit: int, refresh: bool) -> None:
        from index.search.backend import Sort

        sort = self.sort
        with self.reporting_errors("search"):
            try:
                hits = self.library.search(query, limit, sort=Sort(sort))
            except QueryError as exc:
                self.post_message(SearchResults(query, [], limit, str(exc), refresh, sort=sort))
                return
            # Typing on while this ran makes it stale: only the current query's results are shown.
            if query == self.search_text and sort == self.sort:
                groups = self.library.copy_group_sizes([hit.id for hit in hits])
                # Fewer than asked for: that is all of them. Otherwise they are counted next.
                total = len(hits) if len(hits) < limit else None
                self.post_message(SearchResults(query, hits, limit, None, refresh, copy_groups=groups,
                                                total=total, sort=sort))
                if total is None:
                    self.count_results(query, sort)

    @work(thread=True, exclusive=True, group="count")
    def count_results(self, query: str, sort: str) -> None:
        """How many articles match in all, once the reader has stopped typing: a phrase's count
        checks every candidate's positions, which the next keystroke's search must not wait for."""
        from index.search.backend import Sort

        time.sleep(COUNT_AFTER_SECONDS)
        if get_current_worker().is_cancelled or query != self.search_text or sort != self.sort:
            return
        with self.reporting_errors("count the results"):
            try:
                total = self.library.find(query, 0, sort=Sort(sort), count=True).total
            except QueryError:
                return
            if total is not None:
                self.post_message(ResultsCounted(query, sort, total))

    @work(thread=True, exclusive=True, group="open")
    def open_article(self, article_id: str, query: str, place: Place | None, with_entities: bool) -> None:
        with self.reporting_errors("open the article"):
            article = self.library.article(article_id)
            mentions = self.library.mentions(article.id)
            hits: list[Span] = []
            if query.strip():
                try:
                    hits = self.library.match_spans(query, article.body, article.id)
                except QueryError:
                    hits = []
            group = self.library.copy_group(article.id)
            agencies = self.library.agencies(article.id)
            if group is not None and not agencies:  # the copy's credit may be in another outlet's version
                agencies = list(dict.fromkeys(a for m in group.articles for a in self.library.agencies(m.id)))
            also_in = also_in_line(article.id, group, agencies)
            quotes = self.library.quotes(article.id)
            self.post_message(ArticleLoaded(OpenedArticle(article, mentions, hits, query, place, also_in=also_in,
                                                          quotes=quotes)))
            # The article is on screen; its entity list follows, unless the reader has moved on.
            if with_entities and not get_current_worker().is_cancelled:
                self.post_message(EntitiesLoaded(self.library.entities(article_id=article.id), "article", article.id))

    @work(thread=True, exclusive=True, group="article-entities")
    def load_article_entities(self, article_id: str) -> None:
        with self.reporting_errors("list the entities of the article"):
            self.post_message(EntitiesLoaded(self.library.entities(article_id=article_id), "article", article_id))

    @work(thread=True, exclusive=True, group="entities")
    def load_library_entities(self) -> None:
        with self.reporting_errors("list the entities"):
            self.post_message(EntitiesLoaded(self.library.entities(), "library"))

    @work(thread=True, exclusive=True, group="facets")
    def load_facets(self, query: str) -> None:
        with self.reporting_errors("count the results"):
            try:
                self.post_message(FacetsLoaded(query, self.library.facets(query)))
            except QueryError as exc:
                self.post_message(Notice(str(exc)))

    @work(thread=True, exclusive=True, group="entities")
    def load_result_entities(self, query: str) -> None:
        from index.models import Entity

        with self.reporting_errors("list the entities of the results"):
            try:
                facets = self.library.facets(query, top=RESULT_ENTITIES_PER_KIND).entities
            except QueryError:
                facets = []
            entities = [Entity(id=f.entity_id, name=f.label, kind=f.kind, mentions=f.count, articles=f.count)  # type: ignore[arg-type]
                        for f in facets]
            self.post_message(EntitiesLoaded(entities, "results", query=query))

    @work(thread=True, exclusive=True, group="trail")
    def load_trail(self, entity: Entity, jump_to: int | None = None, show_screen: bool = False) -> None:
        with self.reporting_errors(f"find the mentions of {entity.name}"):
            mentions = self.library.entity_mentions(entity.id)
            self.post_message(TrailLoaded(entity, mentions, jump_to, show_screen))

    @work(thread=True, exclusive=True, group="correct")
    def load_correction_choices(self, entity: Entity) -> None:
        with self.reporting_errors("list the entities"):
            others = self.library.entities()
            self.app.call_from_thread(self.ask_correction, entity, others)

    @work(thread=True, exclusive=True, group="correct")
    def correct_entity(self, entity: Entity, change: str, value: str) -> None:
        with self.reporting_errors(f"correct {entity.name}"):
            self.library.correct_entity(entity.id, change, value)
            if change == "merge":
                value = self.library.entity(value).name
            summary = {
                "rename": f"Renamed {entity.name} to {value}.",
                "merge": f"Merged {entity.name} into {value}.",
                "kind": f"{entity.name} is now of kind {value}.",
                "suppress": f"{entity.name} is no longer listed as an entity.",
            }[change] + " Written to aliases.toml."
            self.post_message(EntityCorrected(entity.id, summary))

    @work(thread=True, exclusive=True, group="bookmark")
    def add_quote_bookmark(self, article_id: str, quote: Quote) -> None:
        with self.reporting_errors("save the bookmark"):
            speaker = self.library.bookmarks.entity_names([quote.speaker]).get(quote.speaker) if quote.speaker else None
            note = quote_note(speaker, quote.speaker_text, quote.kind)
            self.library.bookmarks.add(article_id, start=quote.start, end=quote.end, note=note)
            self.post_message(Notice(f"Bookmarked the quote of {speaker or quote.speaker_text or 'an unnamed speaker'}. "
                                     "B lists your bookmarks."))

    @work(thread=True, exclusive=True, group="bookmark")
    def add_bookmark(self, article_id: str, title: str, passage: Span | None) -> None:
        with self.reporting_errors("save the bookmark"):
            if passage is None:
                self.library.bookmarks.add(article_id)
                self.post_message(Notice(f"Bookmarked “{title}”. B lists your bookmarks."))
                return
            bookmark = self.library.bookmarks.add(article_id, start=passage.start, end=passage.end)
            shown = shortened(bookmark.quote or "", 70)
            self.post_message(Notice(f"Bookmarked the passage “{shown}”. B lists your bookmarks."))
