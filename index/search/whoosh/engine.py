"""The Whoosh search backend (index.search.backend.SearchBackend): one index directory,
opened, written, checked and searched.

The index is rebuildable from the store, so it holds little: stored fields are only the id,
the source name and the publication time. Ranking is Whoosh's BM25F with the title weighted
three times the body (index.search.whoosh.scoring), computed over whole posting lists
(index.search.whoosh.ranking).
"""

from __future__ import annotations

import logging
import sys
import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import whoosh.index
from whoosh.index import LockError
from whoosh.util.filelock import try_for
from whoosh.writing import CLEAR, SegmentWriter

from index.errors import LibraryError
from index.search import query as q
from index.search.backend import IndexDocument, Ranked, Sort
from index.search.whoosh.checksums import DECODE_ERRORS, IndexDamaged, index_damage, record_toc
from index.search.whoosh.codec import ReaderCodec
from index.search.whoosh.expand import expand_multiterms
from index.search.whoosh.files import OPEN_LOCK_FILE, exclusive, write_error
from index.search.whoosh.flush import group_postings
from index.search.whoosh.prepared import accepting_prepared, same_fields
from index.search.whoosh.schema import build_schema, index_fields, reference_schema
from index.search.whoosh.scoring import FastBM25F, prepare as prepare_scoring
from index.search.whoosh.translate import to_whoosh

if TYPE_CHECKING:  # the modules that import numpy are imported where they are used (see search())
    import numpy as np

    from index.search.whoosh.dates import PublicationDates

logger = logging.getLogger(__name__)

# Bump when the schema or the analysis changes: an index of another version is rebuilt.
# 2: a sortable publication-time column; segments written as separate files.
# 3: posting blocks as arrays (index.search.whoosh.codec).
# 4: the analyzers moved to index.search.whoosh.analyzers (their module path is pickled in the schema).
# 5: quotes and speakers (quote:, said:).
# 6: an entity id once per mention (and thrice more if named in the title), not once per article.
SCHEMA_VERSION = 6
VERSION_FILE = "reader-schema-version"
# How long add()/delete()/clear() wait for another process's writer before giving up
# (another import commits a batch at a time, so a few minutes is generous).
WRITER_TIMEOUT_SECONDS = 300.0
WAITING_MESSAGE = "Waiting for another reader process to finish writing to the search index…"
WRITER_RETRY_DELAY_SECONDS = 0.1
# Memory for the writer's in-memory pool before it spills to disk.
WRITER_LIMIT_MB = 128
# Whoosh reads a compound segment by copying each of its parts into memory (BytesIO over the
# mmap): as much memory as the index, per searcher and per merge. Separate files are read on demand.
# Posting blocks as plain arrays (index.search.whoosh.codec) rather than W3's compressed pickles.
WRITER_OPTIONS = {"limitmb": WRITER_LIMIT_MB, "compound": False, "codec": ReaderCodec()}
# optimise(): segments of fewer documents than this are merged into one (an import commits a
# thousand articles at a time, each commit a segment; a search looks a term up in each).
OPTIMISE_MERGE_BELOW = 5000


class WhooshBackend:
    """A Whoosh index in one directory. Safe to share between threads of one process."""

    def __init__(self, directory: Path, index: whoosh.index.Index, needs_rebuild: bool):
        self.directory = directory
        self.needs_rebuild = needs_rebuild
        self.damaged = False  # found damaged while open: clear() starts the index afresh
        self._index = index
        self._lock = threading.RLock()
        self._searcher = None
        self._dates: PublicationDates | None = None  # of the current searcher, built on first use
        self.writer_timeout = WRITER_TIMEOUT_SECONDS
        # The last expansion (input, generation, output): search() after expand() skips redoing it.
        self._expanded: tuple[q.Query, q.Query] | None = None
        # The last count_within's query (and allowed ids) and its matches' docnums.
        self._counted: tuple[tuple, np.ndarray] | None = None
        self.on_wait: Callable[[str], None] | None = None  # told once per wait for another process

    # Opening ---------------------------------------------------------------------------

    @classmethod
    def open(cls, directory: Path) -> WhooshBackend:
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

    def _new_writer(self, timeout: float) -> SegmentWriter:
        """A writer holding the index's write lock. Whoosh's own writer() takes the lock and keeps
        it when making the writer then fails (a full disk fails it creating the segment's files),
        until the half-made writer is garbage collected: every writer meanwhile, of this process
        or another, waits for it. Taken here, the lock is let go at once."""
        lock = self._index.lock("WRITELOCK")
        if not try_for(lock.acquire, timeout=timeout, delay=WRITER_RETRY_DELAY_SECONDS):
            raise LockError
        try:
            writer = SegmentWriter(self._index, _lk=False, **WRITER_OPTIONS)
        except BaseException:
            lock.release()
            raise
        writer.writelock = lock  # let go by the writer's commit or cancel
        return writer

    def _writer(self):
        try:
            try:
                writer = self._new_writer(timeout=0)
            except LockError:
                logger.info("search index locked by another process; waiting")
                if self.on_wait is not None:
                    self.on_wait(WAITING_MESSAGE)
                writer = self._new_writer(timeout=self.writer_timeout)
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
                if "mergetype" not in commit_options:
                    from index.search.whoosh.merge import merge_small_segments

                    commit_options["mergetype"] = merge_small_segments
                writer.commit(**commit_options)
            except BaseException as error:
                try:
                    writer.cancel()
                except OSError:  # the lock stays taken until the writer is collected: let it go now
                    logger.warning("Could not cancel the search index writer", exc_info=True)
                    if writer.writelock is not None and writer.writelock.fd is not None:
                        writer.writelock.release()
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

    def optimise(self, below: int = OPTIMISE_MERGE_BELOW) -> None:
        """Merge the segments of fewer than ``below`` documents into one: after a large import,
        fewer segments to look a term up in."""
        from index.search.whoosh.merge import segments_below

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
        self._expanded = None  # expansions (fuzzy words, ranges) depend on the index's terms
        self._counted = None

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

    def generation(self) -> int:
        with self._lock:
            return self._index.latest_generation()

    def expand(self, query: q.Query) -> q.Query:
        with self._lock, self._reading():
            searcher = self._current_searcher()
            if self._expanded is not None and self._expanded[0] == query:
                return self._expanded[1]
            expanded = expand_multiterms(query, searcher.reader())
            self._expanded = (query, expanded)
            return expanded

    def search(self, query: q.Query, limit: int, *, allowed: Collection[str] | None = None,
               sort: Sort = Sort.RELEVANCE, count: bool = False) -> Ranked:
        """The best ``limit`` matches; ``total`` (every match counted) only when ``count``."""
        with self._lock, self._reading():
            searcher = self._current_searcher()
            expanded = query
            if self._expanded is None or self._expanded[1] is not query:
                expanded = expand_multiterms(query, searcher.reader())
            if limit <= 0 and not count:
                return Ranked([], None)
            has_dates = any(isinstance(node, q.DateRange) for node in q.walk(expanded))
            found = None
            if "numpy" not in sys.modules and sort is Sort.RELEVANCE and allowed is None and not has_dates:
                # Short lists rank as fast in plain Python as numpy would once imported (~0.1 s).
                from index.search.whoosh.short_lists import ranked

                found = ranked(searcher, to_whoosh(expanded), max(limit, 0), count)
            if found is None:
                from index.search.whoosh.ranking import rank

                needs_dates = sort is not Sort.RELEVANCE or has_dates
                dates = self._publication_dates(searcher) if needs_dates else None
                found = rank(searcher, dates, expanded, max(limit, 0), allowed, sort, count)
            ranked_docnums, total = found
            hits = [(searcher.stored_fields(docnum)["id"], score) for docnum, score in ranked_docnums]
        return Ranked(hits, total)

    def count_within(self, query: q.Query, parts: Mapping[str, q.Query], *,
                     allowed: Collection[str] | None = None) -> dict[str, int]:
        from index.search.whoosh import counting
        from index.search.whoosh.ranking import docnums_of, matching_docnums

        with self._lock, self._reading():
            searcher = self._current_searcher()
            expanded = expand_multiterms(query, searcher.reader())
            key = (expanded, None if allowed is None else frozenset(allowed))
            if self._counted is not None and self._counted[0] == key:
                base = self._counted[1]  # facets count in several calls: the matches once
            else:
                needs_dates = any(isinstance(node, q.DateRange) for node in q.walk(expanded))
                permitted = docnums_of(searcher, allowed) if allowed is not None else None
                base = matching_docnums(searcher, self._publication_dates(searcher) if needs_dates else None,
                                        expanded, permitted)
                self._counted = (key, base)
            return counting.count_within(searcher, lambda: self._publication_dates(searcher), base,
                                {key: expand_multiterms(part, searcher.reader()) for key, part in parts.items()})

    def _publication_dates(self, searcher) -> PublicationDates:
        if self._dates is None:
            from index.search.whoosh.dates import PublicationDates

            self._dates = PublicationDates(searcher.reader())
        return self._dates

    def warm_up(self) -> None:
        """Do now, in the background, what would make the first search slow: import the fuzzy
        matcher, open the index reader, read the field lengths."""
        import rapidfuzz.process  # noqa: F401 - fuzzy words' edit distance (index.search.whoosh.expand)

        with self._lock, self._reading():
            prepare_scoring(self._current_searcher(), q.TEXT_FIELDS)

    def close(self) -> None:
        with self._lock:
            self._forget_searcher()
