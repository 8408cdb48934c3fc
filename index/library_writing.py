"""The Library's writing: importing files, storing articles, indexing them, rebuilding the index."""

from __future__ import annotations

import logging
import os
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from index import analysis, enrichment, store_quotes
from index.errors import DAMAGED_MESSAGE, LibraryError
from index.faults import crash_point
from index.library_base import LibraryBase, Progress, writer_work
from index.library_entities import agency_terms, entity_terms
from index.models import Article, Mention
from index.search.backend import IndexDocument
from index.speaker_names import add_speaker_names
from index.store import LINK_ENTITIES
from index.stories import copies
from index.stories.agencies import read_credits

if TYPE_CHECKING:
    from index.importer import ImportPlan, Prepared  # the importer (multiprocessing, parsers) loads when importing

log = logging.getLogger(__name__)

# Articles written to the search index per commit during an import; the store takes what was
# parsed at least this often, so a kill -9 loses only seconds of recognition work.
IMPORT_BATCH = 1000
STORE_EVERY_SECONDS = 2.0
# Imports of at least this many articles group copies and tell stories in a process of their own
# (index.stories.background), beside the writer, on a machine of at least GROUPING_PROCESS_CORES
# cores: there the writer sets the import's pace. On fewer, the parse workers and the writer keep
# every core busy, and one more process only adds its overhead (bench/README.md, issue 24).
BACKGROUND_GROUPING_FROM = IMPORT_BATCH
GROUPING_PROCESS_CORES = 4


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

    def take_parsed(self) -> list[tuple[Article, list[Mention] | None, Prepared | None]]:
        taken, self.parsed, self._since = self.parsed, [], time.monotonic()
        return taken

    def take_all(self) -> tuple[list[tuple[Article, list[Mention] | None, Prepared | None]],
                                list[tuple[Article, Prepared | None]]]:
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


class WritingPart(LibraryBase):
    @writer_work
    def add(self, paths: Iterable[Path], progress: Progress | None = None,
            stop: Callable[[], bool] | None = None) -> ImportReport:
        """Import files and folders. One bad file is reported and skipped; the rest go on.

        When ``stop()`` turns true (the user pressed Ctrl+C) the import ends early: what was read
        and recognised is stored and indexed first, and ``report.interrupted`` is set. A run of
        the same import again finds those articles unchanged and goes on from there.
        """
        if self.store.read_only:
            raise self.store.refusal("articles cannot be added to it")
        from index import importer

        report = ImportReport()
        report.entities_recovered, _ = self.recognise_failed_again()
        self.quote_missing()
        plan = importer.plan(paths)
        report.failed.extend(plan.skipped)
        if plan.items >= BACKGROUND_GROUPING_FROM and (os.cpu_count() or 1) >= GROUPING_PROCESS_CORES:
            from index.stories.background import BackgroundGrouping

            self._grouping = BackgroundGrouping(self.store.path)
        try:
            self._add_planned(plan, report, progress, stop)
        finally:
            grouping, self._grouping = self._grouping, None
            if grouping is not None:  # what it leaves undone, the pending work after this does
                grouping.finish(wait=sys.exc_info()[0] is None)
        if report.added or report.updated:
            self.refresh_entities()
        report.without_entities = len(self.store.analysis_failures())
        return report

    def _add_planned(self, plan: ImportPlan, report: ImportReport, progress: Progress | None,
                     stop: Callable[[], bool] | None) -> None:
        from index import importer

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
                self.index.optimise()
            except LibraryError as error:  # the articles are in; searching is only slower
                log.warning("Could not merge the search index's small segments: %s", error)
            # The word caches of a large import make room for the corpus-wide linking,
            # the import's peak of memory.
            analysis.clear_caches()

    @writer_work
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
            self.index_and_group(written)

    def index_and_group(self, written: list[tuple[Article, Prepared | None]],
                        copy_texts: dict[int, copies.CopyText] | None = None) -> None:
        """Index articles just stored (with their mentions and quotes) and put them into copy
        groups and stories; what a worker prepared of one (None: made here) is used, and the
        ``copy_texts`` given by ``id()`` of the article."""
        made = {id(article): prepared for article, prepared in written if prepared is not None}
        self._index_articles([article for article, _ in written], made)
        crash_point("articles-indexed")
        from index.stories import story_clusters  # not at import: reading and searching never cluster

        copy_texts = dict(copy_texts or {})
        copy_texts.update((key, p.copy_text) for key, p in made.items() if p.copy_text is not None)
        features = {key: p.story_features for key, p in made.items() if p.story_features is not None}
        articles = [article for article, _ in written]
        if self._grouping is not None and self._grouping.hand_over(articles, copy_texts, features):
            return
        with self.store.transaction() as db:
            copies.group_articles(db, articles, copy_texts)
            story_clusters.assign_stories(db, articles, features)

    def _store_articles(self, articles: list[tuple[Article, list[Mention] | None, Prepared | None]],
                        report: ImportReport) -> list[tuple[Article, Prepared | None]]:
        """Store new and changed articles (not yet indexed: a crash before the index has them is
        repaired on the next open); `None` mentions are recognised here. Returns what was written,
        with what a worker prepared of it (`None`: made here)."""
        to_write: list[tuple[Article, list[Mention] | None, Prepared | None]] = []
        seen: set[str] = set()
        for article, found, prepared in articles:
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
            to_write.append((article, found, prepared))
        if not to_write:
            return []
        # Recognise entities before the transaction, so the write lock is held only for the writing.
        analysed = [(found, None) if found is not None else enrichment.recognise(self._extract_mentions, article)
                    for article, found, _ in to_write]
        # A worker's quotes were found in the mentions it recognised; found here otherwise.
        quoted = [prepared.quotes if prepared and prepared.quotes is not None and given is not None
                  else enrichment.find_quotes(article, found) if failure is None else None
                  for (article, given, prepared), (found, failure) in zip(to_write, analysed)]
        with self.store.transaction() as db:
            for (article, _, _), (found, failure), quotes in zip(to_write, analysed, quoted):
                self.store.upsert_article(db, article, found, analysis_failure=failure, quotes=quotes)
            self.store.note_pending(db, copies.GROUP_COPIES)
        crash_point("articles-stored")
        return [(article, prepared) for article, _, prepared in to_write]

    @staticmethod
    def _same_as_stored(article: Article, row) -> bool:
        published = article.published.isoformat() if article.published else None
        return (row["fingerprint"] == article.fingerprint and row["source"] == article.source
                and row["published"] == published and row["kind"] == article.kind
                and row["path"] == article.path and row["url"] == article.url)

    def _extract_mentions(self, text: str) -> list[Mention]:
        return add_speaker_names(text, self.entity_pipeline().extract(text))

    @writer_work
    def quote_missing(self, index: bool = True) -> int:
        """Find the quotes of articles stored without them (from before quotes, or a failed try),
        and (unless the caller reindexes anyway) index them again with their quotes."""
        found = enrichment.quote_missing(self.store)
        if found and self.store.pending_generation(LINK_ENTITIES) is not None:
            self.refresh_entities()  # speakers the cues named became mentions (index.speaker_names)
        if found and index:
            self._index_pending()
        return found

    @writer_work
    def recognise_failed_again(self) -> tuple[int, int]:
        """Retry recognition on the articles stored without entities: (now recognised, still failing)."""
        recovered, still_failing = enrichment.recognise_again(self.store, self._extract_mentions)
        if recovered:
            self.index_stored(recovered)
            self.refresh_entities()
            self.quote_missing()
        return len(recovered), still_failing

    def _index_articles(self, articles: list[Article], prepared: dict[int, Prepared] | None = None) -> None:
        prepared = prepared or {}
        docs = [self._index_document(a, prepared.get(id(a))) for a in articles]
        self.index.add(docs)
        self.store.mark_indexed([a.id for a in articles])

    @writer_work
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
        quotes, speakers = store_quotes.quotes_to_index(self.store, article.id, article.body)
        credits = prepared.copy_text.credits if prepared and prepared.copy_text else read_credits(article.body)
        return IndexDocument(
            id=article.id, title=article.title, body=article.body, source=article.source,
            published=article.published, kind=article.kind, tags=list(article.tags),
            entity_ids=entity_terms(self.store.raw_mentions(article.id), article.title)
            + agency_terms(credits.agencies),
            quotes=quotes, speaker_ids=speakers, prepared=prepared.postings if prepared else None,
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

    @writer_work
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
