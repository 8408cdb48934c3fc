"""The one facade the CLI and the UI use: open, add, list, show, search, reindex."""

from __future__ import annotations

import functools
import hashlib
import logging
import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from index import analysis, enrichment, importer, store_entities, store_quotes
from index.importer import MAX_ARTICLE_CHARS  # noqa: F401 - part of the library's API
from index.bookmark_store import BookmarkStore
from index.listing import DATABASE_NAME
from index.errors import AmbiguousId, LibraryError, LibraryFull, LibraryReadOnly, UnknownArticle, UnknownEntity
from index.models import Article, ArticleSummary, Entity, EntityMention, Hit, Mention, Quote, Span
from index.search.whoosh.engine import DAMAGED_MESSAGE, IndexDamaged, IndexDocument, SearchIndex
from index.search.whoosh.prepared import Prepared
from index.faults import crash_point
from index.store import LINK_ENTITIES, Store
from index.stories import copies, story_clusters
from index.stories.agencies import read_credits
from index.work_lock import WorkLock

if TYPE_CHECKING:
    from index.entities import EntityPipeline  # loaded when first recognising (numpy, the model)

log = logging.getLogger(__name__)


def agency_terms(names: list[str]) -> list[str]:
    """The index terms agency:dpa searches by (beside the entity ids, in the same field)."""
    return [f"agency:{name.strip().lower()}" for name in names if name.strip()]


# Articles written to the search index per commit during an import; the store takes what was
# parsed at least this often, so a kill -9 loses only seconds of recognition work.
IMPORT_BATCH = 1000
STORE_EVERY_SECONDS = 2.0
# After a large import, segments of fewer articles than this are merged into one.
FINAL_MERGE_BELOW = 5 * IMPORT_BATCH

# progress(done, total, current_path)
Progress = Callable[[int, int, str], None]
# notify(sentence): something the user should know while they wait
Notify = Callable[[str], None]

LIVE_WRITER_MESSAGE = ("Another reader process is writing to the library: articles it has not indexed yet are "
                       "not found by search until it has.")
REBUILD_MESSAGE = ("The search index was missing, damaged or from another version of reader; "
                   "rebuilding it from the library…")


class _ImportBatch:
    """Articles of an import on their way to the library: parsed (and recognised), then stored,
    then indexed. The store takes them every few seconds, the index every IMPORT_BATCH articles
    (each index commit makes a segment)."""

    def __init__(self) -> None:
        self.parsed: list[tuple[Article, list[Mention] | None, Prepared | None]] = []
        self.stored: list[tuple[Article, Prepared | None]] = []
        self._since = time.monotonic()

    def due(self) -> bool:
        return time.monotonic() - self._since >= STORE_EVERY_SECONDS

    def take_parsed(self) -> list:
        taken, self.parsed, self._since = self.parsed, [], time.monotonic()
        return taken

    def take_all(self) -> tuple:
        stored, self.stored = self.stored, []
        return self.take_parsed(), stored


@dataclass
class ImportReport:
    added: int = 0
    updated: int = 0
    unchanged: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (path, problem) for skipped parts
    # Articles in the library stored without entities because recognition raised (see index.enrichment).
    without_entities: int = 0
    entities_recovered: int = 0  # of those left by earlier imports, recognised now
    interrupted: bool = False  # stopped early; what was read before is stored

    @property
    def ok(self) -> bool:
        return not self.failed


def _writer_work(method):
    """A writer's work: done holding the work lock shared; the outermost call also finishes
    what the store records as pending (an interrupted writer's, a rebuild)."""

    @functools.wraps(method)
    def run(self: "Library", *args, **kwargs):
        with self.work_lock.writing():
            result = method(self, *args, **kwargs)
            if self.work_lock.depth == 1:
                self._finish_pending_work()
        return result

    return run


class Library:
    """A library on disk: ``library.db`` (SQLite) and ``index/`` (Whoosh) in one data dir."""

    def __init__(self, data_dir: Path, store: Store, search_index: SearchIndex, notify: Notify | None = None):
        self.data_dir = data_dir
        self._notify = notify
        self.cannot_write: str | None = None  # why pending work could not be finished (disk full, ...)
        self._said_read_only = False
        self.work_lock = WorkLock(data_dir, on_wait=notify)
        self.store = store
        self.index = search_index
        self.bookmarks = BookmarkStore(store)
        self.aliases_file = data_dir / "aliases.toml"
        self._pipeline: EntityPipeline | None = None
        self._seen_version: int | None = None

    @classmethod
    def open(cls, data_dir: Path, notify: Notify | None = None) -> "Library":
        """Open (or create) the library in ``data_dir`` and finish what a crashed writer left undone.

        ``notify`` gets sentences for the user while opening or writing takes long: waiting for
        another process, rebuilding the search index.
        """
        data_dir = Path(data_dir)
        try:
            data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise LibraryError(f"Cannot create the data directory {data_dir}: {exc.strerror}.") from exc
        store = Store(data_dir / DATABASE_NAME, on_wait=notify)
        try:
            search_index = SearchIndex.open(data_dir / "index")
        except BaseException:
            store.close()
            raise
        search_index.on_wait = notify
        library = cls(data_dir, store, search_index, notify)
        try:
            if search_index.needs_rebuild and not store.read_only:
                # The store must not claim what the new, empty index lacks, whoever rebuilds it.
                log.info("search index missing or from another schema version; rebuilding")
                store.mark_all_unindexed()
            library.finish_abandoned_work()
        except BaseException:
            library.close()
            raise
        return library

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
        unindexed = self.store.unindexed_ids()
        if unindexed and self._notify is not None:
            if self.index.needs_rebuild:
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
        self.index.close()
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

    def mentions(self, article_id: str) -> list[Mention]:
        """The entity mentions of one article, in body order, with final entity ids."""
        return store_entities.article_mentions(self.store, self.resolve_id(article_id))

    def entities(self, kind: str | None = None, article_id: str | None = None) -> list[Entity]:
        """Entities, most mentioned first. With an article: only its entities, and mention counts within it."""
        if article_id is not None:
            article_id = self.article(article_id).id
        return store_entities.list_entities(self.store, kind=kind, article_id=article_id)

    def entity(self, name_or_id: str) -> Entity:
        """An entity by id, name or alias (the most mentioned one when a name is ambiguous)."""
        found = store_entities.find_entities(self.store, name_or_id)
        if not found:
            raise UnknownEntity(name_or_id)
        entities = store_entities.describe_entities(self.store, [entity_id for entity_id, _ in found])
        if not entities:
            raise UnknownEntity(name_or_id)
        return max(entities, key=lambda e: (e.mentions, e.id))

    def entity_mentions(self, name_or_id: str) -> list[EntityMention]:
        """Every mention of an entity in the corpus, oldest article first."""
        return store_entities.entity_mentions(self.store, self.entity(name_or_id).id)

    def warm_up(self) -> None:
        """Load what the first search needs ahead of it (the app calls this after opening)."""
        self.index.warm_up()

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        try:
            hits = self.index.search(query, limit, fetch=self._texts_for, entity_ids_for=self._raw_entity_ids)
        except IndexDamaged:
            self.rebuild_damaged_index()
            hits = self.index.search(query, limit, fetch=self._texts_for, entity_ids_for=self._raw_entity_ids)
        precision = self.store.published_precision([hit.id for hit in hits])
        for hit in hits:
            hit.published_precision = precision.get(hit.id)
        return hits

    def _raw_entity_ids(self, kind: str, text: str) -> list[str]:
        if kind == "agency":
            return agency_terms([text])
        ids = [entity_id for entity_id, found_kind in store_entities.find_entities(self.store, text)
               if found_kind == kind]
        return store_entities.raw_ids_for(self.store, ids)

    def match_spans(self, query: str, text: str) -> list[Span]:
        """Where the query's terms occur in a text (for highlighting an opened article)."""
        return self.index.match_spans(query, text)

    # --- copies and stories (index.stories) --------------------------------------

    @_writer_work
    def group_ungrouped(self) -> int:
        """Group the stored articles that have no copy group for their current text yet (those of
        a library from before copy groups, or of an interrupted import). Returns how many."""
        if self.store.read_only:
            return 0
        generation = self.store.pending_generation(copies.GROUP_COPIES)
        ids = copies.ungrouped_ids(self.store.query)
        if ids and self._notify is not None and len(ids) >= IMPORT_BATCH:
            self._notify(f"Finding agency copies and stories among {len(ids)} articles…")
        for start in range(0, len(ids), IMPORT_BATCH):
            batch = list(self.store.get_many(ids[start:start + IMPORT_BATCH]).values())
            with self.store.transaction() as db:
                copies.group_articles(db, batch)
        # Stories take articles in date order, so those missing are taken all at once.
        missing = story_clusters.unassigned_ids(self.store.query)
        if missing:
            with self.store.transaction() as db:
                story_clusters.assign_stories(db, list(self.store.get_many(missing).values()))
        with self.store.transaction() as db:
            self.store.finish_pending(db, copies.GROUP_COPIES, generation)
        return len(ids)

    def _copies_query(self, sql: str, params: Iterable = ()) -> list:
        try:
            return self.store.query(sql, params)
        except sqlite3.OperationalError as error:  # a read-only library from before copy groups
            if "no such table" not in str(error):
                raise
            return []

    def copy_groups(self) -> list[copies.CopyGroup]:
        return copies.copy_groups(self._copies_query)

    def copy_group(self, article_id: str) -> copies.CopyGroup | None:
        return copies.group_of(self._copies_query, self.resolve_id(article_id))

    def copies(self, article_id: str) -> list[tuple[str, float]]:
        """(id, similarity) of an article's copies."""
        return copies.copies_of(self._copies_query, self.resolve_id(article_id))

    def copy_group_sizes(self, ids: list[str]) -> dict[str, tuple[int, int]]:
        """article id -> (group, members) for those of these articles that have copies."""
        return copies.group_sizes(self._copies_query, ids)

    def stories(self, since: datetime | None = None) -> list[story_clusters.Story]:
        """Stories of two or more articles, the most recently active first."""
        return story_clusters.list_stories(self._copies_query, since.timestamp() if since else None)

    def agencies(self, article_id: str) -> list[str]:
        return copies.agencies_of(self._copies_query, self.resolve_id(article_id))

    def _texts_for(self, ids: list[str]) -> dict[str, tuple[str, str]]:
        return {i: (a.title, a.body) for i, a in self.store.get_many(ids).items()}

    # --- writing --------------------------------------------------------------

    @_writer_work
    def add(self, paths: Iterable[Path], progress: Progress | None = None,
            stop: Callable[[], bool] | None = None) -> ImportReport:
        """Import files and folders. One bad file is reported and skipped; the rest go on.

        When ``stop()`` turns true (the user pressed Ctrl+C) the import ends early: what was read
        and recognised is stored and indexed first, and ``report.interrupted`` is set. A run of
        the same import again finds those articles unchanged and goes on from there.
        """
        if self.store.read_only:
            raise self.store.refusal("articles cannot be added to it")
        report = ImportReport()
        report.entities_recovered, _ = self.recognise_failed_again()
        self.quote_missing()
        plan = importer.plan(paths)
        report.failed.extend(plan.skipped)
        batch = _ImportBatch()
        total, done = plan.items, 0
        parsed = importer.parse_files(plan, aliases_file=self.aliases_file, database=self.store.path, stop=stop)
        for result in parsed:
            report.failed.extend((result.path, reason) for reason in result.failures)
            report.warnings.extend((result.path, problem) for problem in result.problems)
            for problem in result.problems:
                log.warning("%s: %s", result.path, problem)
            batch.parsed.extend(zip(result.articles, result.mentions, result.prepared))
            if len(batch.parsed) + len(batch.stored) >= IMPORT_BATCH:
                self._save(*batch.take_all(), report)
            elif batch.parsed and batch.due():
                # Stored now, indexed with the batch: a kill loses at most a few seconds of work.
                batch.stored.extend(self._store_articles(batch.take_parsed(), report))
            done += result.items
            total += result.estimate_error
            if progress:
                progress(done, max(total, done), result.path)
            if stop is not None and stop():
                break
        parsed.close()  # stops the workers now when the import was interrupted
        report.interrupted = stop is not None and stop()
        self._save(*batch.take_all(), report)
        if report.added + report.updated >= IMPORT_BATCH and not report.interrupted:
            # A large import leaves many one-batch segments; a search looks in each.
            try:
                self.index.merge_small_segments(below=FINAL_MERGE_BELOW)
            except LibraryError as error:  # the articles are in; searching is only slower
                log.warning("Could not merge the search index's small segments: %s", error)
            # The word caches of a large import make room for the corpus-wide linking,
            # the import's peak of memory (~700 MB at 100,000 articles).
            analysis.clear_caches()
        if report.added or report.updated:
            self.refresh_entities()
        report.without_entities = len(self.store.analysis_failures())
        return report

    @_writer_work
    def add_articles(self, articles: list[Article]) -> ImportReport:
        """Store and index already-parsed articles (used by importers and tests)."""
        report = ImportReport()
        self._save([(article, None, None) for article in articles], [], report)
        if report.added or report.updated:
            self.refresh_entities()
        return report

    def _save(self, articles: list[tuple[Article, list[Mention] | None, Prepared | None]],
              stored: list[tuple[Article, Prepared | None]], report: ImportReport) -> None:
        """Write new and changed articles to the store, then index them with ``stored`` (articles
        an earlier step of the batch stored but did not index)."""
        written = list(stored) + self._store_articles(articles, report)
        if written:
            self._index_articles([article for article, _ in written],
                                 {id(article): postings for article, postings in written if postings is not None})
            crash_point("articles-indexed")
            with self.store.transaction() as db:
                copies.group_articles(db, [article for article, _ in written])
                story_clusters.assign_stories(db, [article for article, _ in written])

    def _store_articles(self, articles: list[tuple[Article, list[Mention] | None, Prepared | None]],
                        report: ImportReport) -> list[tuple[Article, Prepared | None]]:
        """Store new and changed articles (not yet indexed: a crash before the index has them is
        repaired on the next open); `None` mentions are recognised here. Returns what was written,
        with its prepared postings (`None`: analysed by the index)."""
        to_write: list[tuple[Article, list[Mention] | None, Prepared | None]] = []
        seen: set[str] = set()
        for article, found, postings in articles:
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
            to_write.append((article, found, postings))
        if not to_write:
            return []
        # Recognise entities before the transaction, so the write lock is held only for the writing.
        analysed = [(found, None) if found is not None else enrichment.recognise(self._extract_mentions, article)
                    for article, found, _ in to_write]
        quoted = [enrichment.find_quotes(article, found) if failure is None else None
                  for (article, _, _), (found, failure) in zip(to_write, analysed)]
        with self.store.transaction() as db:
            for (article, _, _), (found, failure), quotes in zip(to_write, analysed, quoted):
                self.store.upsert_article(db, article, found, analysis_failure=failure, quotes=quotes)
            self.store.note_pending(db, copies.GROUP_COPIES)
        crash_point("articles-stored")
        return [(article, postings) for article, _, postings in to_write]

    @staticmethod
    def _same_as_stored(article: Article, row) -> bool:
        published = article.published.isoformat() if article.published else None
        return (row["fingerprint"] == article.fingerprint and row["source"] == article.source
                and row["published"] == published and row["kind"] == article.kind
                and row["path"] == article.path and row["url"] == article.url)

    def _extract_mentions(self, text: str) -> list[Mention]:
        return self.entity_pipeline().extract(text)

    @_writer_work
    def quote_missing(self) -> int:
        """Find the quotes of articles stored without them (from before quotes, or a failed try)."""
        return enrichment.quote_missing(self.store)

    @_writer_work
    def recognise_failed_again(self) -> tuple[int, int]:
        """Retry recognition on the articles stored without entities: (now recognised, still failing)."""
        recovered, still_failing = enrichment.recognise_again(self.store, self._extract_mentions)
        if recovered:
            self.index_stored(recovered)
            self.refresh_entities()
            self.quote_missing()
        return len(recovered), still_failing

    # --- entities -------------------------------------------------------------

    def entity_pipeline(self) -> EntityPipeline:
        """The recogniser and linker, loaded on first use (the app's first paint must not wait)."""
        if self._pipeline is None:
            from index.entities import EntityPipeline

            self._pipeline = EntityPipeline.load(self.aliases_file)
        return self._pipeline

    def extract(self, text: str) -> list[Mention]:
        """Recognise and link entities in any text (offsets into that text), with the user's corrections."""
        return self.extract_with_quotes(text, quotes=False)[0]

    def extract_with_quotes(self, text: str, quotes: bool = True) -> tuple[list[Mention], list[Quote]]:
        """Entities and (when asked) quotes of any text, speakers linked like the mentions."""
        pipeline = self.entity_pipeline()
        mentions = pipeline.extract(text)
        resolution = pipeline.resolve(store_entities.records_of(mentions))
        linked = []
        for mention in mentions:
            entity = resolution.get(mention.entity)
            if entity is not None:
                linked.append(mention.model_copy(update={"entity": entity.id, "kind": entity.kind}))
        found = []
        from index.entities.quotes import find_quotes  # the recogniser's package: loaded with the pipeline

        for quote in find_quotes(text, mentions) if quotes else []:
            speaker = resolution.get(quote.speaker) if quote.speaker else None
            found.append(quote.model_copy(update={"speaker": speaker.id if speaker else None}))
        return linked, found

    def quotes(self, article_id: str) -> list[Quote]:
        """An article's quotes in body order, speakers as final entity ids."""
        article = self.article(article_id)
        return store_quotes.article_quotes(self.store, article.id, article.body)

    def quotes_of(self, name_or_id: str | None = None, limit: int | None = None) -> list[dict]:
        """Quotes across the library, newest first: of one entity (any alias), or everyone's."""
        entity_id = self.entity(name_or_id).id if name_or_id else None
        return store_quotes.quote_rows(self.store, entity_id, limit)

    def entity_profile(self, name_or_id: str, by: str = "day") -> dict:
        """An entity's profile: counts, timeline, who it appears with, sources, latest quotes."""
        return store_quotes.entity_profile(self.store, self.entity(name_or_id), by)

    def _aliases_stamp(self) -> str:
        try:
            return hashlib.sha256(self.aliases_file.read_bytes()).hexdigest()
        except FileNotFoundError:
            return "none"
        except OSError as exc:
            raise LibraryError(f"Cannot read the aliases file {self.aliases_file}: {exc.strerror}.") from exc

    @_writer_work
    def refresh_entities(self) -> None:
        """Corpus-level linking and the user's corrections, over every mention in the library."""
        crash_point("linking-entities")
        pipeline = self.entity_pipeline()
        stamp = self._aliases_stamp()
        generation = self.store.pending_generation(LINK_ENTITIES)  # before the mentions are read
        linking, finals = pipeline.resolve_linking(store_entities.entity_records(self.store))
        store_entities.write_linking(self.store, linking, finals, generation)
        self.store.set_meta("aliases_stamp", stamp)

    @_writer_work
    def correct_entity(self, entity_id: str, change: str, value: str = "") -> None:
        """Correct one entity, by its id, in the aliases file and at once in the library:
        "rename" (value: the new name), "merge" (value: the id of the entity it is part of),
        "kind" (value: person, org, place or other) or "suppress" (it is no entity)."""
        if self.store.read_only:
            raise self.store.refusal("entities cannot be corrected in it")
        found = store_entities.describe_entities(self.store, [entity_id])
        if not found:
            raise UnknownEntity(entity_id)
        into = ""
        if change == "merge":
            target = store_entities.describe_entities(self.store, [value])
            if not target:
                raise UnknownEntity(value)
            into = target[0].name
        from index.entities import corrections  # the recogniser's package: loaded only to correct

        corrections.record(self.aliases_file, change, entity_id, found[0].name, value, into)
        self._pipeline = None  # read the file again
        self.refresh_entities()

    def _corrections_changed(self) -> bool:
        return self.store.get_meta("aliases_stamp") != self._aliases_stamp()

    def _index_articles(self, articles: list[Article], prepared: dict[int, Prepared] | None = None) -> None:
        prepared = prepared or {}
        docs = [self._index_document(a, prepared.get(id(a))) for a in articles]
        self.index.add(docs)
        self.store.mark_indexed([a.id for a in articles])

    @_writer_work
    def index_stored(self, ids: list[str], progress: Progress | None = None) -> int:
        """(Re)index these stored articles, in batches; returns how many were indexed."""
        done = 0
        batch: list[Article] = []
        for article in self.store.iter_articles(ids):
            batch.append(article)
            if len(batch) >= IMPORT_BATCH:
                self._index_articles(batch)
                done, batch = done + len(batch), []
                if progress:
                    progress(done, len(ids), article.title)
        if batch:
            self._index_articles(batch)
            done += len(batch)
            if progress:
                progress(done, len(ids), batch[-1].title)
        return done

    def _index_document(self, article: Article, prepared: Prepared | None = None) -> IndexDocument:
        return IndexDocument(
            id=article.id, title=article.title, body=article.body, source=article.source,
            published=article.published, kind=article.kind, tags=list(article.tags),
            entity_ids=self.store.raw_entity_ids(article.id) + agency_terms(read_credits(article.body).agencies),
            prepared=prepared,
        )

    def _index_pending(self, progress: Progress | None = None) -> int:
        """Index every article the store holds but the index has not committed."""
        return self.index_stored(self.store.unindexed_ids(), progress)

    def rebuild_damaged_index(self) -> int:
        """Rebuild the search index after reading it met damaged files (the store has everything)."""
        if self.store.read_only:
            raise LibraryError(f"The search index in {self.data_dir} is damaged and the library is read-only, "
                               "so it cannot be rebuilt; copy the library somewhere writable and search there.")
        if self._notify is not None:
            self._notify(DAMAGED_MESSAGE)
        return self.reindex()

    @_writer_work
    def reindex(self, progress: Progress | None = None) -> int:
        """Rebuild the search index from the store. Returns the number of articles indexed."""
        if self.store.read_only:
            raise self.store.refusal("its search index cannot be rebuilt")
        # The store first: at no moment may it claim an article the index lacks. Killed
        # anywhere from here on, the next command indexes whatever is still marked.
        self.store.mark_all_unindexed()
        crash_point("reindex-marked")
        self.index.clear()
        crash_point("reindex-cleared")
        return self._index_pending(progress)
