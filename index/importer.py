"""Parsing files and recognising entities, in worker processes for large imports.

Parsing and entity recognition are pure CPU work on one article at a time, so they run in a
process pool while the parent process writes the store and the search index. A worker skips
recognition for an article whose text the library already holds (re-importing a folder), and
the parent recognises it after all if it turns out to need writing.

JSON Lines and CSV files are read item by item in the parent (index.ingest.items) and their
items go to the workers in small groups, like small files: a file of any size imports in
bounded memory, and the progress counts items.
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
from collections.abc import Callable, Generator, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import IngestError
from index.models import Article, Mention, Quote
from index.parse_ahead import ParseAhead
from index.speaker_names import add_speaker_names

if TYPE_CHECKING:  # not at import time: index.ingest loads HTML support slowly, copies numpy
    from index.ingest.detect import Format
    from index.stories.copies import CopyText

log = logging.getLogger(__name__)

# The longest body imported: long liveblogs have a few hundred thousand characters.
MAX_ARTICLE_CHARS = 2_000_000
# Below this many files a pool costs more to start than it saves.
POOL_THRESHOLD = 40
# Files per task sent to a worker, and how many files may be parsed ahead of the writer. The
# writer pauses for minutes while the search index merges segments; the workers parse on, and
# what they parse waits on disk (index.parse_ahead), at most FILES_AHEAD files.
CHUNK = 8
ITEMS_PER_TASK = 16
FILES_AHEAD = 20_000
# One worker per core, at a lower priority than the writer (the parent): on two cores the
# writer is the limit of a large import, and the workers fill the time it leaves. The workers
# are replaced after about this many chunks each (4,000 files), which bounds the memory their
# caches grow to (250 MB at start, 310 MB after 4,000 files); not more often, as a new one loads
# the entity model and datasketch again (~0.9 s of CPU).
# (Not ProcessPoolExecutor's max_tasks_per_child: it can deadlock before Python 3.13.4, gh-115634.)
MAX_WORKERS = 8
STOP_SIGNALS = {signal.SIGINT, signal.SIGTERM, signal.SIGHUP}
WORKER_NICENESS = 5
CHUNKS_PER_WORKER = 500


@dataclass
class Prepared:
    """What a worker made of an article so that the writer (the limit of a large import) need
    not: its postings for the search index (Engine.prepare), its credits, copy signature and band
    keys, its story features, its quotes. None where the step raised: the writer then makes it
    itself."""

    postings: bytes | None
    copy_text: CopyText | None
    story_features: dict[str, int] | None
    quotes: list[Quote] | None = None


@dataclass
class ParsedFile:
    path: str
    articles: list[Article] = field(default_factory=list)
    # Mentions per article, or None where recognition was skipped (text already in the library).
    mentions: list[list[Mention] | None] = field(default_factory=list)
    # What a worker made of each article for the writer (None: recognition was skipped).
    prepared: list[Prepared | None] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    failures: list[str] = field(default_factory=list)
    # How many items of the progress count this result stands for (a file, or a streamed file's items).
    items: int = 1
    # The last result of a streamed file: how far its item count was off the estimate.
    from_stream: bool = False
    stream_end: bool = False
    estimate_error: int = 0


class _Worker:
    """Per-process state: the entity pipeline and a read-only look into the store."""

    pipeline = None
    known: sqlite3.Connection | None = None
    prepare = None  # the search engine's preparation of an article's text

    @classmethod
    def setup(cls, aliases_file: str | None, parent: int, database: str | None) -> None:
        from index.entities import EntityPipeline

        leave_the_terminal_to(parent)
        try:
            os.nice(WORKER_NICENESS)
        except (OSError, AttributeError):
            pass

        cls.pipeline = EntityPipeline.load(Path(aliases_file) if aliases_file else None)
        from index.search import engine

        cls.prepare = engine().prepare
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


def leave_the_terminal_to(parent: int) -> None:
    """What a child process of an import does first: it ends with its parent, and leaves the
    terminal to it. A Ctrl+C or a closed terminal reaches the whole process group; the parent
    decides what to do about it (the signals were blocked while this process started: see
    ParseAhead). Problems reach the user through the parent; a child writes nothing."""
    _exit_with_parent(parent)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGHUP, signal.SIG_IGN)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, STOP_SIGNALS)
    logging.getLogger().handlers[:] = [logging.NullHandler()]


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


@dataclass
class Source:
    path: Path
    streamed: Format | None  # "jsonl", "csv" or "feed" when read item by item
    estimate: int  # items, for the progress count


@dataclass
class ImportPlan:
    """What an import reads, and what it skipped while finding it (name, sentence)."""

    sources: list[Source]
    skipped: list[tuple[str, str]]

    @property
    def items(self) -> int:
        return sum(source.estimate for source in self.sources)


def plan(paths: Iterable[Path]) -> ImportPlan:
    from index import ingest  # not at import time: HTML support loads slowly, and reading needs none of it

    skipped: list[tuple[str, str]] = []
    sources = []
    for path in ingest.iter_source_files((Path(p) for p in paths), on_skip=lambda *skip: skipped.append(skip)):
        streamed = ingest.streamed_format(path)
        sources.append(Source(path, streamed, ingest.estimate_items(path, streamed) if streamed else 1))
    return ImportPlan(sources, skipped)


def _keep(result: ParsedFile, article: Article, skip_known: bool) -> None:
    """Add an article to a result, with its entities recognised unless the library has its text."""
    if len(article.body) > MAX_ARTICLE_CHARS:
        result.failures.append(f"{article.title[:60]!r} has {len(article.body):,} characters, more than an "
                               f"article can have ({MAX_ARTICLE_CHARS:,}); not imported.")
        return
    result.articles.append(article)
    if _Worker.pipeline is None or (skip_known and _Worker.already_stored(article)):
        result.mentions.append(None)
        result.prepared.append(None)
    else:
        from index.entities.quotes import find_quotes
        from index.stories.agencies import read_credits
        from index.stories.copies import compared_words, copy_text
        from index.stories.story_clusters import story_features

        mentions = _analysed(_mentions, article.body)
        result.mentions.append(mentions)
        # Read once for copies and stories both (on failure, each step reads them itself).
        credits = _analysed(read_credits, article.body)
        words = _analysed(compared_words, article.body, credits) if credits is not None else None
        result.prepared.append(Prepared(
            postings=_analysed(_Worker.prepare, article.title, article.body) if _Worker.prepare else None,
            copy_text=_analysed(copy_text, article.body, credits, words),
            # Without mentions the writer recognises the article again, and makes these then.
            story_features=_analysed(story_features, article.title, article.body, mentions, words)
            if mentions is not None else None,
            quotes=_analysed(find_quotes, article.body, mentions) if mentions is not None else None))


def _mentions(text: str) -> list[Mention]:
    """The recogniser's mentions and the speakers cues name that it missed (index.speaker_names)."""
    assert _Worker.pipeline is not None
    return add_speaker_names(text, _Worker.pipeline.extract(text))


def _analysed(step, *args):
    """A step's result, or None when it raises: the parent then does the step itself, where a
    failure is logged and costs the article only its entities (index.enrichment)."""
    try:
        return step(*args)
    except Exception:  # noqa: BLE001 - a bug on one article must not fail its whole file
        return None


def parse_one(path: Path, skip_known: bool = True) -> ParsedFile:
    """Parse a file and recognise the entities of its new articles. Never raises for bad input."""
    from index import ingest

    result = ParsedFile(path=ingest.printable_name(path))
    try:
        articles, result.problems = ingest.parse_file_report(path)
    except IngestError as exc:
        result.failures.append(str(exc))
        return result
    except OSError as exc:
        result.failures.append(f"Cannot read {result.path}: {exc.strerror or exc}.")
        return result
    for article in articles:
        _keep(result, article, skip_known)
    return result


def parse_items(name: str, resolved: str, fmt: Format, items: list, problems: list[str],
                skip_known: bool = True) -> ParsedFile:
    """Articles from a group of a streamed file's items; a bad item is a sentence, never an error."""
    from index import ingest

    result = ParsedFile(path=name, problems=list(problems), items=len(items), from_stream=True)
    for item in items:
        try:
            article, notes = ingest.item_article(fmt, item, resolved)
            result.problems.extend(notes)
            if article is not None:
                _keep(result, article, skip_known)
        except Exception as exc:  # noqa: BLE001 - one item must never stop the import
            log.exception("unexpected error parsing line %s of %s", item[0], name)
            result.problems.append(f"line {item[0]}: cannot be imported (unexpected {type(exc).__name__}: {exc}).")
    return result


def _run(task: tuple, skip_known: bool = True) -> list[ParsedFile]:
    kind, *args = task
    if kind == "items":
        name, resolved, fmt, items, problems = args
        return [parse_items(name, resolved, fmt, items, problems, skip_known=skip_known)]
    if kind == "end":
        name, problems, failure, estimate_error = args
        return [ParsedFile(path=name, problems=problems, failures=[failure] if failure else [], items=0,
                           stream_end=True, estimate_error=estimate_error)]
    results = []
    for path in args[0]:
        try:
            results.append(parse_one(Path(path), skip_known))
        except Exception as exc:  # noqa: BLE001 - one file must never stop the import
            log.exception("unexpected error parsing %s", path)
            results.append(ParsedFile(path=path, failures=[
                f"Cannot import {path}: unexpected {type(exc).__name__}: {exc}."]))
    return results


def _run_pickled(task: tuple) -> bytes:
    """A task's results, pickled: they wait in the parent's parse-ahead window as bytes, about a
    fraction of the memory of the articles and mentions they unpickle to."""
    return pickle.dumps(_run(task), protocol=pickle.HIGHEST_PROTOCOL)


def _tasks(sources: list[Source]) -> Iterator[tuple]:
    """Work for the workers: groups of whole files, and a streamed file's items in groups."""
    files: list[str] = []
    for source in sources:
        if source.streamed is None:
            files.append(str(source.path))
            if len(files) >= CHUNK:
                yield ("files", files)
                files = []
            continue
        if files:
            yield ("files", files)
            files = []
        yield from _item_tasks(source, source.streamed)
    if files:
        yield ("files", files)


def _item_tasks(source: Source, fmt: Format) -> Iterator[tuple]:
    from index import ingest

    name = ingest.printable_name(source.path)
    problems: list[str] = []  # the reader adds to it; each task takes what is there

    def taken() -> list[str]:
        found = list(problems)
        problems.clear()
        return found

    count, failure = 0, None
    try:
        resolved, items = ingest.open_items(source.path, fmt, problems)
        group: list = []
        for item in items:
            group.append(item)
            count += 1
            if len(group) >= ITEMS_PER_TASK:
                yield ("items", name, resolved, fmt, group, taken())
                group = []
        if group:
            yield ("items", name, resolved, fmt, group, taken())
    except IngestError as error:
        failure = str(error)
    except OSError as error:
        failure = f"{name} cannot be read: {error.strerror or error}."
    except Exception as error:  # noqa: BLE001 - one file must never stop the import
        log.exception("unexpected error reading %s", name)
        failure = f"Cannot import {name}: unexpected {type(error).__name__}: {error}."
    if failure is None and not count and not problems:
        failure = f"{name} is empty."
    yield ("end", name, taken(), failure, count - source.estimate)


def parse_files(import_plan: ImportPlan, *, aliases_file: Path | None, database: Path | None,
                stop: Callable[[], bool] | None = None) -> Generator[ParsedFile, None, None]:
    """Parsed files (and groups of items) in the order given; in a process pool when there are many.
    A streamed file from which no article came is a failure, like a file without one."""
    articles_of_stream = 0
    first_problems: list[str] = []
    for result in _parsed(import_plan, aliases_file=aliases_file, database=database, stop=stop):
        if result.from_stream or result.stream_end:
            articles_of_stream += len(result.articles)
            if not articles_of_stream and len(first_problems) < 3:
                first_problems.extend(result.problems[:3 - len(first_problems)])
        if result.stream_end:
            if not result.failures and not articles_of_stream:
                detail = "; ".join(problem.rstrip(".") for problem in first_problems)
                result.failures.append(f"{result.path} has no readable article" + (f": {detail}." if detail else "."))
            articles_of_stream, first_problems = 0, []
        yield result


def _parsed(import_plan: ImportPlan, *, aliases_file: Path | None, database: Path | None,
            stop: Callable[[], bool] | None) -> Iterator[ParsedFile]:
    workers = min(os.cpu_count() or 1, MAX_WORKERS)
    tasks = _tasks(import_plan.sources)
    if import_plan.items < POOL_THRESHOLD or workers < 2:
        for task in tasks:
            # In-process: the library recognises entities itself, only for what it writes.
            yield from _run(task, skip_known=False)
            if stop is not None and stop():
                return
        return
    # spawn, not fork: the app imports from a thread, and forking a threaded process can deadlock.
    context = multiprocessing.get_context("spawn")
    initargs = (str(aliases_file) if aliases_file else None, os.getpid(), str(database) if database else None)

    def new_pool() -> ProcessPoolExecutor:
        return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_Worker.setup,
                                   initargs=initargs)

    ahead = ParseAhead(new_pool, _run_pickled, tasks, in_pool=workers * 4, waiting=FILES_AHEAD // CHUNK,
                       tasks_per_pool=workers * CHUNKS_PER_WORKER,
                       spool_dir=database.parent if database is not None else None,
                       stop=stop, blocked_signals=STOP_SIGNALS)
    try:
        for data in ahead:
            yield from pickle.loads(data)
    except BrokenProcessPool:
        if stop is None or not stop():
            raise
        # A signal to the whole process group (`kill -TERM -PGID`) also ended the workers.
