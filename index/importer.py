"""Parsing files and recognising entities, in worker processes for large imports.

Parsing and entity recognition are pure CPU work on one article at a time, so they run in a
process pool while the parent process writes the store and the search index. A worker skips
recognition for an article whose text the library already holds (re-importing a folder), and
the parent recognises it after all if it turns out to need writing.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import pickle
import signal
import sqlite3
import threading
import time
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import IngestError
from index.models import Article, Mention
from index.parse_ahead import ParseAhead
from index.search_prepared import Prepared, prepare

log = logging.getLogger(__name__)

# The longest body imported: long liveblogs have a few hundred thousand characters.
MAX_ARTICLE_CHARS = 2_000_000
# Below this many files a pool costs more to start than it saves.
POOL_THRESHOLD = 40
# Files per task sent to a worker, and how many files may be parsed ahead of the writer. The
# writer pauses for minutes while the search index merges segments; the workers parse on, and
# what they parse waits on disk (index.parse_ahead: ~12 KB per article, so 250 MB at most).
CHUNK = 8
FILES_AHEAD = 20_000
# One worker per core, at a lower priority than the writer (the parent): on two cores the
# writer is the limit of a large import, and the workers fill the time it leaves. The workers
# are replaced after about this many chunks each, which bounds the memory their caches grow to
# (~150-230 MB each, against ~330 MB after 100,000 articles); a new one loads the entity model in ~0.5 s.
# (Not ProcessPoolExecutor's max_tasks_per_child: it can deadlock before Python 3.13.4, gh-115634.)
MAX_WORKERS = 8
WORKER_NICENESS = 5
CHUNKS_PER_WORKER = 125


@dataclass
class ParsedFile:
    path: str
    articles: list[Article] = field(default_factory=list)
    # Mentions per article, or None where recognition was skipped (text already in the library).
    mentions: list[list[Mention] | None] = field(default_factory=list)
    # Title and body postings per article, prepared in a worker (index.search_prepared), or None.
    prepared: list[Prepared | None] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


class _Worker:
    """Per-process state: the entity pipeline and a read-only look into the store."""

    pipeline = None
    known: sqlite3.Connection | None = None
    schema = None  # the search schema, to prepare postings with

    @classmethod
    def setup(cls, aliases_file: str | None, parent: int, database: str | None) -> None:
        from index.entities import EntityPipeline

        _exit_with_parent(parent)
        try:
            os.nice(WORKER_NICENESS)
        except (OSError, AttributeError):
            pass
        # Problems reach the user through ParsedFile; a worker writes nothing to the terminal.
        logging.getLogger().handlers[:] = [logging.NullHandler()]

        cls.pipeline = EntityPipeline.load(Path(aliases_file) if aliases_file else None)
        from index.search_schema import reference_schema

        cls.schema = reference_schema()
        if database:
            try:
                cls.known = sqlite3.connect(f"file:{database}?mode=ro", uri=True, timeout=30)
            except sqlite3.Error:
                cls.known = None

    @classmethod
    def already_stored(cls, article: Article) -> bool:
        if cls.known is None:
            return False
        try:
            return cls.known.execute("SELECT 1 FROM articles WHERE fingerprint = ? LIMIT 1",
                                     (article.fingerprint,)).fetchone() is not None
        except sqlite3.Error:
            return False


def _exit_with_parent(parent: int) -> None:
    """A killed import must not leave its workers running (holding the terminal and the CPU)."""
    try:
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        PR_SET_PDEATHSIG = 1
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass

    def watch() -> None:  # also where prctl does not exist
        while os.getppid() == parent:
            time.sleep(0.5)
        os._exit(1)

    threading.Thread(target=watch, daemon=True).start()
    if os.getppid() != parent:
        os._exit(1)


def parse_one(path: Path, skip_known: bool = True) -> ParsedFile:
    """Parse a file and recognise the entities of its new articles. Never raises for bad input."""
    from index import ingest  # not at import time: HTML support loads slowly, and reading needs none of it

    result = ParsedFile(path=str(path))
    try:
        articles, result.problems = ingest.parse_file_report(path)
    except IngestError as exc:
        result.failures.append(str(exc))
        return result
    except OSError as exc:
        result.failures.append(f"Cannot read {path}: {exc.strerror or exc}.")
        return result
    for article in articles:
        if len(article.body) > MAX_ARTICLE_CHARS:
            result.failures.append(f"{article.title[:60]!r} has {len(article.body):,} characters, more than an "
                                   f"article can have ({MAX_ARTICLE_CHARS:,}); not imported.")
            continue
        result.articles.append(article)
        if _Worker.pipeline is None or (skip_known and _Worker.already_stored(article)):
            result.mentions.append(None)
            result.prepared.append(None)
        else:
            result.mentions.append(_analysed(_Worker.pipeline.extract, article.body))
            result.prepared.append(_analysed(prepare, _Worker.schema, article.title, article.body)
                                   if _Worker.schema else None)
    return result


def _analysed(step, *args):
    """A step's result, or None when it raises: the parent then does the step itself, where a
    failure is logged and costs the article only its entities (index.enrichment)."""
    try:
        return step(*args)
    except Exception:  # noqa: BLE001 - a bug on one article must not fail its whole file
        return None


def _parse_chunk(paths: list[str]) -> bytes:
    """A chunk's parsed files, pickled: they wait in the parent's parse-ahead window as bytes,
    about a sixth of the memory of the articles and mentions they unpickle to (~80 KB each)."""
    results = []
    for path in paths:
        try:
            results.append(parse_one(Path(path)))
        except Exception as exc:  # noqa: BLE001 - one file must never stop the import
            log.exception("unexpected error parsing %s", path)
            results.append(ParsedFile(path=path, failures=[
                f"Cannot import {path}: unexpected {type(exc).__name__}: {exc}."]))
    return pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL)


def parse_files(files: list[Path], *, aliases_file: Path | None, database: Path | None) -> Iterator[ParsedFile]:
    """Parsed files in the order given; in a process pool when there are many."""
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    if len(files) < POOL_THRESHOLD or workers < 2:
        for path in files:
            # In-process: the library recognises entities itself, only for what it writes.
            yield parse_one(path, skip_known=False)
        return
    # spawn, not fork: the app imports from a thread, and forking a threaded process can deadlock.
    context = multiprocessing.get_context("spawn")
    initargs = (str(aliases_file) if aliases_file else None, os.getpid(), str(database) if database else None)

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_Worker.setup,
                                   initargs=initargs)

    chunks = [[str(p) for p in files[i:i + CHUNK]] for i in range(0, len(files), CHUNK)]
    ahead = ParseAhead(new_pool, _parse_chunk, chunks, in_pool=workers * 4, waiting=FILES_AHEAD // CHUNK,
                       tasks_per_pool=workers * CHUNKS_PER_WORKER,
                       spool_dir=database.parent if database is not None else None)
    for data in ahead:
        yield from pickle.loads(data)


def source_files(paths: Iterable[Path]) -> list[Path]:
    from index import ingest

    return list(ingest.iter_source_files(Path(p) for p in paths))
