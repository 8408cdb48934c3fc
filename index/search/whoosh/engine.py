"""The Whoosh full-text index: schema, writing, searching, hits with snippets and highlights.

The index is rebuildable from the store, so it holds little: stored fields are only the id,
the source name and the publication time (for the hit list); titles and bodies for snippets
come from the store through the ``fetch`` callback. Ranking is Whoosh's BM25F with the title
weighted three times the body. The query language is described in :mod:`index.search.whoosh.qparse_old`.

Ranking: the query's terms are read as whole posting lists into numpy arrays and scored there
(:mod:`index.search.whoosh.vector`, over the array blocks of :mod:`index.search.whoosh.codec`); Whoosh's own
matchers, which score one posting at a time in Python, remain for the few query shapes the
arrays do not cover. Date conditions filter through a sorted column (:mod:`index.search.whoosh.dates`).
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path

import whoosh.index
from whoosh.index import LockError
from whoosh.writing import CLEAR

from index.errors import LibraryError
from index.models import Hit, Span
from index.search.whoosh.qparse_old import (
    EntityLookup,
    expand_multiterms,
    make_parser,
    parse,
)
from index.search.whoosh.checksums import (  # noqa: F401 - DAMAGED_MESSAGE and IndexDamaged re-exported
    DAMAGED_MESSAGE, DECODE_ERRORS, IndexDamaged, index_damage, record_toc)
from index.search.whoosh.codec import ReaderCodec
from index.search.whoosh.files import OPEN_LOCK_FILE, exclusive, write_error
from index.search.whoosh.flush import group_postings
from index.search.whoosh.scoring import FastBM25F, prepare as prepare_scoring
from index.search.whoosh.dates import PublicationDates, split_date_filter
from index.search.whoosh.vector import ranked_docnums
from index.search.whoosh.merge import merge_small_segments, segments_below
from index.search.whoosh.prepared import accepting_prepared, same_fields
from index.search.whoosh.schema import IndexDocument, build_schema, index_fields, reference_schema  # noqa: F401 - re-exported
from index.search.snippets import FieldTerms, find_matches, make_snippet, positive_terms

logger = logging.getLogger(__name__)

# Bump when the schema or the analysis changes: an index of another version is rebuilt.
# 2: a sortable publication-time column; segments written as separate files.
# 3: posting blocks as arrays (index.search.whoosh.codec).
# 4: the analyzers moved to index.search.whoosh.analyzers (their module path is pickled in the schema).
SCHEMA_VERSION = 4
VERSION_FILE = "reader-schema-version"
# How long add()/delete()/clear() wait for another process's writer before giving up
# (another import commits a batch at a time, so a few minutes is generous).
WRITER_TIMEOUT_SECONDS = 300.0
WAITING_MESSAGE = "Waiting for another reader process to finish writing to the search index…"
WRITER_RETRY_DELAY_SECONDS = 0.1
# Memory for the writer's in-memory pool before it spills to disk.
WRITER_LIMIT_MB = 128
# Whoosh reads a compound segment by copying each of its parts into memory (BytesIO over the
# mmap): at 100k articles 1 GB per searcher and per merge. Separate files are read on demand.
# Posting blocks as plain arrays (index.search.whoosh.codec) rather than W3's compressed pickles.
WRITER_OPTIONS = {"limitmb": WRITER_LIMIT_MB, "compound": False, "codec": ReaderCodec()}
_HIGHLIGHT_CACHE_SIZE = 64

Fetch = Callable[[list[str]], dict[str, tuple[str, str]]]


class SearchIndex:
    """A Whoosh index in one directory. Safe to share between threads of one process."""

    def __init__(self, directory: Path, index: whoosh.index.Index, needs_rebuild: bool):
        self.directory = directory
        self.needs_rebuild = needs_rebuild
        self.damaged = False  # found damaged while open: clear() starts the index afresh
        self._index = index
        self._parser = make_parser(index.schema)
        self._lock = threading.RLock()
        self._searcher = None
        self._dates: PublicationDates | None = None  # of the current searcher, built on first use
        self.writer_timeout = WRITER_TIMEOUT_SECONDS
        # (query, field) -> its highlight terms: hopping and snippet painting repeat a query.
        self._highlight_cache: dict[tuple[str, str], FieldTerms] = {}
        self.on_wait: Callable[[str], None] | None = None  # told once per wait for another process

    # Opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path) -> SearchIndex:
        """Open the index in ``directory``; create it empty (needs_rebuild) if missing, damaged or outdated."""
        directory = Path(directory)
        try:
            directory.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise LibraryError(f"Cannot create the search index folder {directory}: {error.strerror}.") from None
        # Two processes opening a missing index at once must not both create it (one would
        # delete the other's files): the decision and the creation happen under one file lock.
        with exclusive(directory / OPEN_LOCK_FILE):
            index = cls._open_existing(directory)
            if index is not None:
                return cls(directory, index, needs_rebuild=False)
            return cls(directory, cls._create(directory), needs_rebuild=True)

    @staticmethod
    def _open_existing(directory: Path) -> whoosh.index.Index | None:
        version_file = directory / VERSION_FILE
        try:
            version = int(version_file.read_text(encoding="ascii").strip())
        except (OSError, ValueError):
            version = None
        if version != SCHEMA_VERSION:
            if version is not None:
                logger.info("Search index schema %s is outdated (now %s); rebuilding", version, SCHEMA_VERSION)
            return None
        try:
            index = whoosh.index.open_dir(str(directory))
            if set(index.schema.names()) != set(build_schema().names()):
                logger.warning("Search index fields differ from this version's; rebuilding")
                return None
            with index.reader() as reader:
                reader.doc_count()
                first_id = next(iter(reader.lexicon("id")), None)  # reads a term block: truncated files fail here
                if first_id is not None:
                    reader.postings("id", first_id).id()  # and a posting block
            damage = index_damage(directory, thorough=False)
            if damage:
                logger.warning("Search index in %s is damaged (%s); recreating it empty", directory, "; ".join(damage))
                return None
            return index
        except Exception:  # Damaged in any of many ways (unpickling, truncated segments, ...).
            logger.warning("Search index in %s is unreadable; recreating it empty", directory, exc_info=True)
            return None

    @staticmethod
    def _create(directory: Path) -> whoosh.index.Index:
        try:
            for path in directory.iterdir():
                if path.name == VERSION_FILE or (path.name.startswith(("_MAIN_", "MAIN_")) and "WRITELOCK" not in path.name):
                    path.unlink()
            index = whoosh.index.create_in(str(directory), build_schema())
            record_toc(directory)
            (directory / VERSION_FILE).write_text(f"{SCHEMA_VERSION}\n", encoding="ascii")
        except OSError as error:
            raise LibraryError(f"Cannot write the search index in {directory}: {error.strerror}.") from None
        return index

    # Writing ---------------------------------------------------------------------------

    def _writer(self):
        try:
            try:
                writer = self._index.writer(timeout=0, **WRITER_OPTIONS)
            except LockError:
                logger.info("search index locked by another process; waiting")
                if self.on_wait is not None:
                    self.on_wait(WAITING_MESSAGE)
                writer = self._index.writer(
                    timeout=self.writer_timeout, delay=WRITER_RETRY_DELAY_SECONDS, **WRITER_OPTIONS
                )
            group_postings(writer)  # posting lists written whole (index.search.whoosh.flush)
            return writer
        except LockError:
            raise LibraryError(
                "The search index is busy (another reader process is updating it); try again in a moment."
            ) from None
        except OSError as error:
            raise write_error(error, self.directory) from None

    def _write(self, work: Callable, **commit_options) -> int:
        with self._lock:
            writer = self._writer()
            try:
                count = work(writer)
                commit_options.setdefault("mergetype", merge_small_segments)
                writer.commit(**commit_options)
            except BaseException as error:
                try:
                    writer.cancel()
                except OSError:
                    logger.warning("Could not cancel the search index writer", exc_info=True)
                if isinstance(error, OSError):
                    raise write_error(error, self.directory) from None
                raise
            self._forget_searcher()
            try:
                record_toc(self.directory)
            except OSError:  # committed all the same; this commit's table of contents stays unchecked
                logger.warning("Could not record the search index's checksums", exc_info=True)
            return count

    def add(self, docs: Iterable[IndexDocument]) -> int:
        """Add or replace documents (by id) in one commit; returns how many."""

        def work(writer) -> int:
            latest = {doc.id: doc for doc in docs}  # one id twice in a batch: the last wins
            # Replacing costs a delete query per document; new articles (most of an import)
            # only need a term lookup to know they are new.
            reader = writer.reader() if writer.segments else None
            use_prepared = same_fields(writer.schema, reference_schema())
            try:
                with accepting_prepared(writer.schema):
                    for doc in latest.values():
                        known = reader is not None and ("id", doc.id) in reader
                        (writer.update_document if known else writer.add_document)(**index_fields(doc, use_prepared))
                        doc.prepared = None  # now in the writer's pool: not held twice
            finally:
                if reader is not None:
                    reader.close()
            return len(latest)

        return self._write(work)

    def merge_small_segments(self, below: int) -> None:
        """Merge the segments of fewer than ``below`` documents into one: after a large import,
        fewer segments to look a term up in (at 100k articles, 20 -> 6 segments in ~30 s)."""
        self._write(lambda writer: 0, mergetype=segments_below(below))

    def delete(self, ids: Iterable[str]) -> None:
        def work(writer) -> int:
            for doc_id in ids:
                writer.delete_by_term("id", doc_id)
            return 0

        self._write(work)

    def clear(self) -> None:
        """Remove every document (keeps the index itself, and its version); a damaged index is
        made again from nothing, its files unread."""
        if self.damaged:
            self._recreate()
        else:
            self._write(lambda writer: 0, mergetype=CLEAR)

    def _recreate(self) -> None:
        with self._lock:
            self._forget_searcher()
            lock = self._index.lock("WRITELOCK")  # no other process is writing the files deleted here
            if not lock.acquire(blocking=True):
                raise LibraryError("The search index is busy (another reader process is updating it); "
                                   "try again in a moment.")
            try:
                with exclusive(self.directory / OPEN_LOCK_FILE):
                    self._index = self._create(self.directory)
            finally:
                lock.release()
            self.damaged = False

    # Checking --------------------------------------------------------------------------

    def damage(self, thorough: bool = True) -> list[str]:
        """What is wrong with the index's files (empty if nothing): the checksums of every file
        (``thorough``) or only the cheap checks made on opening."""
        found = index_damage(self.directory, thorough)
        if found:
            self.damaged = True
        return found

    @contextmanager
    def _reading(self) -> Iterator[None]:
        """Damaged bytes met while reading become IndexDamaged (once the checksums confirm it)."""
        try:
            yield
        except DECODE_ERRORS as error:
            damage = self.damage(thorough=True)
            if not damage:
                raise
            logger.warning("Search index damaged: %s", "; ".join(damage), exc_info=error)
            raise IndexDamaged(damage) from None

    # Reading ---------------------------------------------------------------------------

    def _forget_searcher(self) -> None:
        if self._searcher is not None:
            self._searcher.close()
            self._searcher = None
        self._dates = None
        self._highlight_cache.clear()  # expansions (prefix, fuzzy) depend on the index's terms

    def _current_searcher(self):
        """A searcher on the latest commit (also commits by other processes)."""
        if self._searcher is not None and not self._searcher.up_to_date():
            self._forget_searcher()
        if self._searcher is None:
            self._searcher = self._index.searcher(weighting=FastBM25F())
        return self._searcher

    def ids(self) -> set[str]:
        with self._lock, self._reading():
            reader = self._current_searcher().reader()
            return {stored["id"] for stored in reader.all_stored_fields()}

    def doc_count(self) -> int:
        with self._lock, self._reading():
            return self._current_searcher().doc_count()

    def search(
        self,
        query: str,
        limit: int = 20,
        *,
        fetch: Fetch,
        entity_ids_for: EntityLookup | None = None,
    ) -> list[Hit]:
        """The best ``limit`` hits for ``query``, with snippets and highlight offsets.

        ``fetch(ids)`` returns ``{id: (title, body)}`` from the store; ids it does not know
        (the index is ahead of or behind the store) are left out of the results.
        ``entity_ids_for(kind, name)`` resolves person:/org:/place: names to entity ids.
        """
        parsed = parse(self._parser, query, entity_ids_for)
        if limit <= 0:
            return []
        with self._lock, self._reading():
            searcher = self._current_searcher()
            reader = searcher.reader()
            parsed = expand_multiterms(parsed, reader)
            rows = self._ranked(searcher, parsed, limit)
            body_terms = positive_terms(parsed, reader, "body")
            title_terms = positive_terms(parsed, reader, "title")
        texts = fetch([stored["id"] for _score, stored in rows]) if rows else {}
        hits = []
        for score, stored in rows:
            text = texts.get(stored["id"])
            if text is None:
                logger.debug("Search hit %s is not in the store; skipped", stored["id"])
                continue
            title, body = text
            body_matches = find_matches(body, body_terms)
            snippet, snippet_spans = make_snippet(body, body_matches)
            published = stored.get("published_at")
            hits.append(
                Hit(
                    id=stored["id"],
                    title=title,
                    source=stored.get("source"),
                    published=datetime.fromisoformat(published) if published else None,
                    score=score,
                    snippet=snippet,
                    body_matches=[Span(start=match.start, end=match.end) for match in body_matches],
                    title_matches=[
                        Span(start=match.start, end=match.end) for match in find_matches(title, title_terms)
                    ],
                    snippet_matches=[Span(start=start, end=end) for start, end in snippet_spans],
                )
            )
        return hits

    def _publication_dates(self, searcher) -> PublicationDates:
        if self._dates is None:
            self._dates = PublicationDates(searcher.reader())
        return self._dates

    def _ranked(self, searcher, parsed, limit: int) -> list[tuple[float, dict]]:
        """(score, stored fields) of the best hits; date conditions filter, they do not score."""
        text_query, date_ranges = split_date_filter(parsed)
        allowed = None
        if date_ranges:
            dates = self._publication_dates(searcher)
            if text_query is None:  # only dates: the newest first
                return [(1.0, searcher.stored_fields(docnum)) for docnum in dates.newest_within(date_ranges, limit)]
            allowed = dates.docnums_within(date_ranges)
            if not len(allowed):
                return []
        ranked = ranked_docnums(searcher, text_query, limit, allowed)
        if ranked is not None:
            return [(score, searcher.stored_fields(docnum)) for score, docnum in ranked]
        permitted = None if allowed is None else set(allowed.tolist())
        return [(hit.score, hit.fields()) for hit in searcher.search(text_query, limit=limit, filter=permitted)]

    def warm_up(self) -> None:
        """Do now, in the background, what would make the first search slow: load the German
        word list (snippets split compounds), import the fuzzy matcher, open the index reader,
        read the field lengths."""
        import rapidfuzz.process  # noqa: F401 - fuzzy words' edit distance (index.search.whoosh.qparse_old)

        from index import decompound

        decompound.preload()
        with self._lock, self._reading():
            prepare_scoring(self._current_searcher(), ("title", "body"))

    def match_spans(self, query: str, text: str, *, field: str = "body") -> list[Span]:
        """Offsets in ``text`` of the words the query's positive terms match (for highlighting).

        A hit already carries these for its body and snippet (``body_matches``,
        ``snippet_matches``); this is for other texts, such as an article opened later.
        """
        with self._lock, self._reading():
            reader = self._current_searcher().reader()
            terms = self._highlight_cache.get((query, field))
            if terms is None:
                terms = positive_terms(expand_multiterms(parse(self._parser, query), reader), reader, field)
                if len(self._highlight_cache) >= _HIGHLIGHT_CACHE_SIZE:
                    self._highlight_cache.clear()
                self._highlight_cache[(query, field)] = terms
        return [Span(start=match.start, end=match.end) for match in find_matches(text, terms)]

    def close(self) -> None:
        with self._lock:
            self._forget_searcher()
