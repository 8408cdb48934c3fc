"""The one facade the CLI and the UI use: open, add, list, show, search, reindex.

Its parts: writing (index.library_writing), entities (index.library_entities), copies and
stories (index.library_stories); searching is index.search.searching over the search engine's
backend (index.search).
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING

from index import store_entities, store_quotes
from index.bookmark_store import BookmarkStore
from index.errors import AmbiguousId, IndexDamaged, LibraryError, LibraryFull, LibraryReadOnly
from index.library_base import Notify, Progress  # noqa: F401 - part of the library's API
from index.library_entities import EntitiesPart, agency_terms  # noqa: F401 - part of the library's API
from index.library_stories import StoriesPart
from index.library_writing import IMPORT_BATCH, ImportReport, WritingPart  # noqa: F401 - part of the library's API
from index.listing import DATABASE_NAME
from index.models import Article, ArticleSummary, Hit, Span
from index.search import engine
from index.search.backend import SearchBackend, Sort
from index.store import LINK_ENTITIES, Store
from index.stories import copies
from index.work_lock import WorkLock

if TYPE_CHECKING:
    from index.facets import Facets
    from index.search.searching import Results, Searcher

log = logging.getLogger(__name__)

LIVE_WRITER_MESSAGE = ("Another reader process is writing to the library: articles it has not indexed yet are "
                       "not found by search until it has.")
REBUILD_MESSAGE = ("The search index was missing, damaged or from another version of reader; "
                   "rebuilding it from the library…")


class Library(WritingPart, EntitiesPart, StoriesPart):
    """A library on disk: ``library.db`` (SQLite) and ``index/`` (the search engine's) in one data dir."""

    def __init__(self, data_dir: Path, store: Store, notify: Notify | None = None):
        self.data_dir = data_dir
        self._notify = notify
        self.cannot_write: str | None = None  # why pending work could not be finished (disk full, ...)
        self._said_read_only = False
        self.work_lock = WorkLock(data_dir, on_wait=notify)
        self.store = store
        self._index: SearchBackend | None = None
        self._searcher: Searcher | None = None
        self.bookmarks = BookmarkStore(store)
        self.aliases_file = data_dir / "aliases.toml"
        self._pipeline = None
        self._grouping = None  # an import's grouping process (index.stories.background), while it runs
        self._seen_version: int | None = None

    @classmethod
    def open(cls, data_dir: Path, notify: Notify | None = None, *, search: bool = True) -> "Library":
        """Open (or create) the library in ``data_dir`` and finish what a crashed writer left undone.

        ``notify`` gets sentences for the user while opening or writing takes long: waiting for
        another process, rebuilding the search index. With ``search`` False the search index
        (and the engine's code) is opened only if something uses it: a command that reads
        articles, entities or bookmarks starts without it, and a missing or outdated index is
        rebuilt by the next command that searches.
        """
        data_dir = Path(data_dir)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"Cannot create the data directory {data_dir}: {exc.strerror}.") from exc
        store = Store(data_dir / DATABASE_NAME, on_wait=notify)
        library = cls(data_dir, store, notify)
        try:
            if search:
                library._open_search()  # now, so that a rebuild it needs is done now
            library.finish_abandoned_work()
        except BaseException:
            library.close()
            raise
        return library

    @property
    def index(self) -> SearchBackend:
        """The search index, opened on first use (see open)."""
        # Opened empty after Library.open: rebuilt before anything searches it (a writer's work
        # that opens it finishes the rebuild when it ends, see writer_work).
        if self._index is None and self._open_search().needs_rebuild and not self.work_lock.depth:
            self.finish_abandoned_work()
        assert self._index is not None
        return self._index

    @property
    def searcher(self) -> Searcher:
        self.index  # noqa: B018 - opens both
        assert self._searcher is not None
        return self._searcher

    def _open_search(self) -> SearchBackend:
        """Open the search index and its searcher. An index that is missing, damaged or from
        another version opens empty, and the store then marks every article for indexing again."""
        from index.search.searching import Searcher

        search_index = engine().open_backend(self.data_dir / "index")
        search_index.on_wait = self._notify
        self._index = search_index
        self._searcher = Searcher(search_index, self.store.get_many, self._raw_entity_ids,
                                  lambda ids, raw: store_entities.mention_spans(self.store, ids, raw))
        if search_index.needs_rebuild and not self.store.read_only:
            # The store must not claim what the new, empty index lacks, whoever rebuilds it.
            log.info("search index missing or from another schema version; rebuilding")
            self.store.mark_all_unindexed()
        return search_index

    def finish_abandoned_work(self) -> None:
        """Index, link and rebuild what a writer that died left undone (see index.work_lock).

        A reader does no live writer's work: while another process is writing, its pending work
        is its own, and this returns at once.
        """
        if self.store.read_only or not self._work_pending():
            return
        with self.work_lock.abandoned() as ours:
            if ours:
                try:
                    self._finish_pending_work()
                except (LibraryFull, LibraryReadOnly) as error:  # reading still works
                    log.warning("could not finish the library's pending work: %s", error)
                    self.cannot_write = str(error)
                return
        log.info("another process is writing to the library; its pending work is left to it")
        if self._notify is not None and self.store.has_unindexed():
            self._notify(LIVE_WRITER_MESSAGE)

    def _work_pending(self) -> bool:
        return (self.store.has_unindexed() or self.store.pending_generation(LINK_ENTITIES) is not None
                or self.store.pending_generation(copies.GROUP_COPIES) is not None or self._corrections_changed())

    def _finish_pending_work(self) -> None:
        """Called holding the work lock: whatever the store records as not done yet."""
        # Opening the index may mark every article unindexed.
        rebuilding = (self._index or self._open_search()).needs_rebuild
        unindexed = self.store.unindexed_ids()
        if unindexed and self._notify is not None:
            if rebuilding:
                self._notify(REBUILD_MESSAGE)
            elif len(unindexed) >= IMPORT_BATCH:
                self._notify(f"Indexing {len(unindexed)} articles an interrupted command left unindexed…")
        self.index_stored(unindexed)
        self.index.needs_rebuild = False
        if self.store.pending_generation(copies.GROUP_COPIES) is not None:
            self.group_ungrouped()
        if self._corrections_changed():
            self._pipeline = None  # reload the corrections
            self.refresh_entities()
        elif self.store.pending_generation(LINK_ENTITIES) is not None:
            self.refresh_entities()

    def close(self) -> None:
        if self._index is not None:
            self._index.close()
        self.store.close()
        self.work_lock.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, kind, *exc) -> None:
        try:
            if kind is None:
                self._say_read_only()
        finally:
            self.close()

    def _say_read_only(self) -> None:
        """Once, after a command that only read: that nothing could be written (a writer's
        own error says it instead)."""
        reason = self.store.read_only_reason or self.cannot_write
        if reason and self._notify is not None and not self._said_read_only:
            self._said_read_only = True
            self._notify(reason)

    # --- reading --------------------------------------------------------------

    def count(self) -> int:
        return self.store.count()

    def changed_elsewhere(self) -> bool:
        """True once after another process has written to the library (new articles, bookmarks)."""
        version = self.store.data_version()
        changed = self._seen_version is not None and version != self._seen_version
        self._seen_version = version
        return changed

    def is_empty(self) -> bool:
        return self.store.count() == 0

    def articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        """Newest first."""
        return self.store.summaries(limit=limit, offset=offset)

    def resolve_id(self, article_id: str) -> str:
        """The full id for an id or a unique prefix of it; an ambiguous prefix says how many share it."""
        if not article_id or self.store.query("SELECT 1 FROM articles WHERE id = ?", (article_id,)):
            return article_id
        # A range over the primary key, not LIKE: an index lookup, also at 100k articles.
        between = (article_id, article_id + "\U0010ffff")
        matches = [r["id"] for r in self.store.query(
            "SELECT id FROM articles WHERE id >= ? AND id < ? LIMIT 2", between)]
        if len(matches) == 1:
            return matches[0]
        if matches:
            count = self.store.query("SELECT count(*) AS n FROM articles WHERE id >= ? AND id < ?", between)[0]["n"]
            raise AmbiguousId(article_id, count)
        return article_id

    def article(self, article_id: str) -> Article:
        return self.store.get(self.resolve_id(article_id))

    def warm_up(self) -> None:
        """Load what the first search needs ahead of it (the app calls this after opening)."""
        from index import decompound

        decompound.preload()  # snippets split compounds
        self.index.warm_up()

    def search(self, query: str, limit: int = 20, *, sort: Sort = Sort.RELEVANCE) -> list[Hit]:
        return self.find(query, limit, sort=sort).hits

    def find(self, query: str, limit: int = 20, *, sort: Sort = Sort.RELEVANCE, count: bool = False) -> Results:
        """The hits of ``query`` in ``sort`` order and, with ``count``, how many articles match."""
        try:
            results = self.searcher.find(query, limit, sort=sort, count=count)
        except IndexDamaged:
            self.rebuild_damaged_index()
            results = self.searcher.find(query, limit, sort=sort, count=count)
        precision = self.store.published_precision([hit.id for hit in results.hits])
        for hit in results.hits:
            hit.published_precision = precision.get(hit.id)  # type: ignore[assignment] # the store's column holds only these
        return results

    def facets(self, query: str, top: int = 10) -> Facets:
        """The query's matches by source, month or week, and entity (index.facets)."""
        from index.facets import FacetCounter

        return FacetCounter(self.store, self.searcher, query).facets(top)

    def match_spans(self, query: str, text: str, article_id: str | None = None) -> list[Span]:
        """Where the query's terms occur in a text (for highlighting an opened article). With the
        article's id, the mentions of the entities a person:/org:/place:/other: query asks for are
        hits too, and a quote:/said: query's hits are the quotes it asks for (index.search.quote_hits)."""
        spans = self.searcher.match_spans(query, text, article_id=self.resolve_id(article_id) if article_id else None)
        if article_id is None:
            return spans
        from index.search.quote_hits import asks_for_quotes, quote_hits

        parsed = self.searcher.parse(query)
        if not asks_for_quotes(parsed):
            return spans
        quotes = store_quotes.raw_quotes(self.store, self.resolve_id(article_id))
        return quote_hits(self.searcher.backend.expand(parsed), text, quotes, spans)
