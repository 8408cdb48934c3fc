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
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import IngestError
from index.models import Article, Mention

log = logging.getLogger(__name__)

# The longest body imported: long liveblogs have a few hundred thousand characters.
MAX_ARTICLE_CHARS = 2_000_000
# Below this many files a pool costs more to start than it saves.
POOL_THRESHOLD = 40
# Files per task sent to a worker, and how many files may be parsed ahead of the writer. The
# writer pauses for seconds to minutes while the search index merges segments; a deep window
# keeps the workers parsing meanwhile (2,000 parsed articles wait as ~25 MB of pickles).
CHUNK = 8
FILES_AHEAD = 2000


@dataclass
class ParsedFile:
    path: str
    articles: list[Article] = field(default_factory=list)
    # Mentions per article, or None where recognition was skipped (text already in the library).
    mentions: list[list[Mention] | None] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)


class _Worker:
    """Per-process state: the entity pipeline and a read-only look into the store."""

    pipeline = None
    known: sqlite3.Connection | None = None

    @classmethod
    def setup(cls, aliases_file: str | None, parent: int, database: str | None) -> None:
        from index.entities import EntityPipeline

        _exit_with_parent(parent)
        # Problems reach the user through ParsedFile; a worker writes nothing to the terminal.
        logging.getLogger().handlers[:] = [logging.NullHandler()]

        cls.pipeline = EntityPipeline.load(Path(aliases_file) if aliases_file else None)
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
        else:
            result.mentions.append(_Worker.pipeline.extract(article.body))
    return result


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
    # The parent keeps a core busy writing the store and the search index; one worker per
    # other core. On two cores one worker imports as fast as two (the writer is the limit)
    # and a worker holds ~280 MB (the entity model and word lists).
    workers = min((os.cpu_count() or 1) - 1, 8)
    if len(files) < POOL_THRESHOLD or workers < 1:
        for path in files:
            # In-process: the library recognises entities itself, only for what it writes.
            yield parse_one(path, skip_known=False)
        return
    # spawn, not fork: the app imports from a thread, and forking a threaded process can deadlock.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_Worker.setup,
                             initargs=(str(aliases_file) if aliases_file else None, os.getpid(),
                                       str(database) if database else None)) as pool:
        # A bounded window of chunks in flight: results wait for the writer in memory otherwise.
        chunks = [[str(p) for p in files[i:i + CHUNK]] for i in range(0, len(files), CHUNK)]
        in_flight: deque = deque()
        for chunk in chunks:
            in_flight.append(pool.submit(_parse_chunk, chunk))
            if len(in_flight) * CHUNK >= FILES_AHEAD:
                yield from pickle.loads(in_flight.popleft().result())
        while in_flight:
            yield from pickle.loads(in_flight.popleft().result())


def source_files(paths: Iterable[Path]) -> list[Path]:
    from index import ingest

    return list(ingest.iter_source_files(Path(p) for p in paths))
