"""The one facade the CLI and the UI use: open, add, list, show, search, reindex."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index import ingest
from index import store_entities
from index.bookmark_store import BookmarkStore
from index.errors import IngestError, LibraryError, UnknownArticle, UnknownEntity
from index.models import Article, ArticleSummary, Entity, EntityMention, Hit, Mention, Span
from index.search import IndexDocument, SearchIndex
from index.store import Store

log = logging.getLogger(__name__)

# Articles written to the store and the index per transaction/commit during an import.
IMPORT_BATCH = 500

# progress(done, total, current_path)
Progress = Callable[[int, int, str], None]


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, problem) for skipped parts

    @property
    def ok(self) -> bool:
        return not self.failed


class Library:
    """A library on disk: ``library.db`` (SQLite) and ``index/`` (Whoosh) in one data dir."""

    def __init__(self, data_dir: Path, store: Store, search_index: SearchIndex):
        self.data_dir = data_dir
        self.store = store
        self.index = search_index
        self.bookmarks = BookmarkStore(store)

    @classmethod
    def open(cls, data_dir: Path) -> "Library":
        data_dir = Path(data_dir)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"Cannot create the data directory {data_dir}: {exc.strerror}.") from exc
        store = Store(data_dir / "library.db")
        search_index = SearchIndex.open(data_dir / "index")
        library = cls(data_dir, store, search_index)
        if search_index.needs_rebuild:
            log.info("search index missing or from another schema version; rebuilding")
            store.mark_all_unindexed()
        library._index_pending()
        return library

    def close(self) -> None:
        self.index.close()
        self.store.close()

    def __enter__(self) -> "Library":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # --- reading --------------------------------------------------------------

    def count(self) -> int:
        return self.store.count()

    def is_empty(self) -> bool:
        return self.store.count() == 0

    def articles(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        """Newest first."""
        return self.store.summaries(limit=limit, offset=offset)

    def resolve_id(self, article_id: str) -> str:
        """The full id for an id or a unique prefix of at least four characters."""
        if len(article_id) >= 4:
            matches = self.store.ids_with_prefix(article_id)
            if len(matches) == 1:
                return matches[0]
            if len(matches) > 1 and article_id not in matches:
                raise UnknownArticle(article_id)
        return article_id

    def article(self, article_id: str) -> Article:
        return self.store.get(self.resolve_id(article_id))

    def mentions(self, article_id: str) -> list[Mention]:
        """The entity mentions of one article, in body order, with final entity ids."""
        return store_entities.article_mentions(self.store, self.resolve_id(article_id))

    def entities(self, kind: str | None = None, article_id: str | None = None) -> list[Entity]:
        """Entities, most mentioned first. With an article: only its entities, and mention counts within it."""
        if article_id is not None:
            article_id = self.article(article_id).id
        return store_entities.list_entities(self.store, kind=kind, article_id=article_id)

    def entity(self, name_or_id: str) -> Entity:
        """An entity by id, name or alias."""
        ids = store_entities.find_entity_ids(self.store, name_or_id)
        if not ids:
            raise UnknownEntity(name_or_id)
        by_id = {e.id: e for e in store_entities.list_entities(self.store)}
        matches = [by_id[i] for i in ids if i in by_id]
        if not matches:
            raise UnknownEntity(name_or_id)
        return max(matches, key=lambda e: e.mentions)

    def entity_mentions(self, name_or_id: str) -> list[EntityMention]:
        """Every mention of an entity in the corpus, oldest article first."""
        return store_entities.entity_mentions(self.store, self.entity(name_or_id).id)

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        return self.index.search(query, limit, fetch=self._texts_for, entity_ids_for=self._raw_entity_ids)

    def _raw_entity_ids(self, kind: str, text: str) -> list[str]:
        ids = store_entities.find_entity_ids(self.store, text)
        kinds = {e.id: e.kind for e in store_entities.list_entities(self.store)} if ids else {}
        return store_entities.raw_ids_for(self.store, [i for i in ids if kinds.get(i) == kind])

    def match_spans(self, query: str, text: str) -> list[Span]:
        """Where the query's terms occur in a text (for highlighting an opened article)."""
        return self.index.match_spans(query, text)

    def _texts_for(self, ids: list[str]) -> dict[str, tuple[str, str]]:
        return {i: (a.title, a.body) for i, a in self.store.get_many(ids).items()}

    # --- writing --------------------------------------------------------------

    def add(self, paths: Iterable[Path], progress: Progress | None = None) -> ImportReport:
        """Import files and folders. One bad file is reported and skipped; the rest go on."""
        report = ImportReport()
        files = list(ingest.iter_source_files(Path(p) for p in paths))
        pending: list[Article] = []
        for done, path in enumerate(files, start=1):
            try:
                articles, problems = ingest.parse_file_report(path)
            except IngestError as exc:
                report.failed.append((str(path), str(exc)))
            except OSError as exc:
                report.failed.append((str(path), f"Cannot read {path}: {exc.strerror or exc}."))
            else:
                report.warnings.extend((str(path), p) for p in problems)
                pending.extend(articles)
            if len(pending) >= IMPORT_BATCH:
                self._save(pending, report)
                pending = []
            if progress:
                progress(done, len(files), str(path))
        if pending:
            self._save(pending, report)
        return report

    def add_articles(self, articles: list[Article]) -> ImportReport:
        """Store and index already-parsed articles (used by importers and tests)."""
        report = ImportReport()
        self._save(articles, report)
        return report

    def _save(self, articles: list[Article], report: ImportReport) -> None:
        to_write: list[Article] = []
        seen: set[str] = set()
        for article in articles:
            existing = self.store.find_existing(article)
            if existing is None:
                article.with_id()
                if article.id in seen:
                    report.unchanged += 1
                    continue
                report.added += 1
            else:
                article.id = existing["id"]
                if article.id in seen:
                    continue
                if self._same_as_stored(article, existing):
                    report.unchanged += 1
                    continue
                report.updated += 1
            seen.add(article.id)
            to_write.append(article)
        if not to_write:
            return
        with self.store.transaction() as db:
            for article in to_write:
                self.store.upsert_article(db, article, self._extract_mentions(article))
        self._index_articles(to_write)

    @staticmethod
    def _same_as_stored(article: Article, row) -> bool:
        published = article.published.isoformat() if article.published else None
        return (row["fingerprint"] == article.fingerprint and row["source"] == article.source
                and row["published"] == published and row["kind"] == article.kind
                and row["path"] == article.path and row["url"] == article.url)

    def _extract_mentions(self, article: Article) -> list[Mention]:
        return []

    def _index_articles(self, articles: list[Article]) -> None:
        docs = [self._index_document(a) for a in articles]
        self.index.add(docs)
        self.store.mark_indexed([a.id for a in articles])

    def _index_document(self, article: Article) -> IndexDocument:
        return IndexDocument(
            id=article.id, title=article.title, body=article.body, source=article.source,
            published=article.published, kind=article.kind, tags=list(article.tags),
            entity_ids=self.store.raw_entity_ids(article.id),
        )

    def _index_pending(self, progress: Progress | None = None) -> int:
        """Index every article the store holds but the index has not committed."""
        pending = self.store.unindexed_ids()
        batch: list[Article] = []
        done = 0
        for article in self.store.iter_articles(pending):
            batch.append(article)
            if len(batch) >= IMPORT_BATCH:
                self._index_articles(batch)
                done += len(batch)
                batch = []
                if progress:
                    progress(done, len(pending), article.title)
        if batch:
            self._index_articles(batch)
            done += len(batch)
            if progress:
                progress(done, len(pending), batch[-1].title)
        return done

    def reindex(self, progress: Progress | None = None) -> int:
        """Rebuild the search index from the store. Returns the number of articles indexed."""
        self.index.clear()
        self.store.mark_all_unindexed()
        return self._index_pending(progress)
