"""Copy groups and stories of a large import, made by a process of their own beside the writer.

The writer of an import stores and indexes each batch; grouping its copies and putting it into
stories (1-3 ms per article at 100,000) would add to the writer's time, which sets the import's
pace on four cores or more (GROUPING_PROCESS_CORES in index.library_writing). So a grouping
process takes each batch once the writer has stored it: the writer hands it the ids and what the
parse workers made (signatures, story features), and goes on. The batches are grouped in the
order they were stored, in transactions of CHUNK articles, so the writer never waits long for the
write lock; the result is the one the writer would have made itself (see ``_group_batch``).

Nothing depends on this process finishing: every stored article is noted as pending grouping
(``copies.GROUP_COPIES``), so what it leaves undone (it crashed, the import was killed) is done
by the writer when the import ends, or by the next writer of the library.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import queue
import signal
from collections.abc import Iterable, Mapping
from pathlib import Path

from index.faults import crash_point
from index.importer import STOP_SIGNALS, leave_the_terminal_to
from index.models import Article
from index.stories.copies import CopyText

log = logging.getLogger(__name__)

# Articles per transaction: short enough that the writer's next store waits a fraction of a second.
CHUNK = 100
# Batches handed over and not yet grouped, at most: the writer waits when grouping falls behind.
WAITING_BATCHES = 3
_POLL_SECONDS = 1.0


class BackgroundGrouping:
    """The grouping process of one import: started when made, ended by ``finish``."""

    def __init__(self, database: Path):
        context = multiprocessing.get_context("spawn")  # as the parse workers: the app imports from a thread
        # Made with the stop signals blocked, so a Ctrl+C reaches the writer, which decides; so does
        # the resource tracker the queue may start (killed, it would print tracebacks at exit).
        blocked = signal.pthread_sigmask(signal.SIG_BLOCK, STOP_SIGNALS)
        try:
            self._batches = context.Queue(maxsize=WAITING_BATCHES)
            self._process = context.Process(target=_group_batches, args=(str(database), self._batches, os.getpid()),
                                            name="reader-grouping", daemon=True)
            self._process.start()
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, blocked)

    def hand_over(self, articles: Iterable[Article], copy_texts: Mapping[int, CopyText],
                  features: Mapping[int, dict[str, int]]) -> bool:
        """Give the process these stored articles (with what was made of them, by ``id()`` of the
        article) to group; False when it has stopped, and the caller groups them itself."""
        ids, texts, found = [], {}, {}
        for article in articles:
            ids.append(article.id)
            if id(article) in copy_texts:
                texts[article.id] = copy_texts[id(article)]
            if id(article) in features:
                found[article.id] = features[id(article)]
        return self._put((ids, texts, found))

    def finish(self, wait: bool = True) -> None:
        """Wait until every batch handed over is grouped (``wait``), or stop the process now."""
        if wait and self._put(None):  # None: no more batches
            self._process.join()
        if self._process.is_alive():
            self._process.terminate()  # a transaction cut short rolls back; the next writer redoes it
            self._process.join()
        if self._process.exitcode:
            log.warning("grouping copies and stories in the background stopped (exit code %s); "
                        "the rest is done now", self._process.exitcode)
        self._batches.close()

    def _put(self, item) -> bool:
        """Queue ``item`` for the process, waiting while the queue is full; False once it has stopped."""
        while self._process.is_alive():
            try:
                self._batches.put(item, timeout=_POLL_SECONDS)
                return True
            except queue.Full:
                continue
        return False


def _group_batches(database: str, batches, parent: int) -> None:
    from index.store import Store

    leave_the_terminal_to(parent)
    store = Store(Path(database))
    try:
        while (batch := batches.get()) is not None:
            _group_batch(store, *batch)
    finally:
        store.close()


def _group_batch(store, ids: list[str], copy_texts: dict[str, CopyText], features: dict[str, dict[str, int]]) -> None:
    """What the writer's ``index_and_group`` does with one batch, in short transactions: the copies
    of every article first (stories follow copy groups), then the stories, oldest first as
    ``assign_stories`` takes one batch, so each new article meets the same stories as there."""
    from index.stories import copies, story_clusters

    crash_point("grouping-batch")
    found = store.get_many(ids)
    articles = [found[article_id] for article_id in ids if article_id in found]  # removed meanwhile: gone
    made = {id(article): copy_texts[article.id] for article in articles if article.id in copy_texts}
    for start in range(0, len(articles), CHUNK):
        with store.transaction() as db:
            copies.group_articles(db, articles[start:start + CHUNK], made)
    undated = [article.id for article in articles if article.published is None]
    if undated:  # in no story (one that lost its date leaves its story)
        with store.transaction() as db:
            story_clusters.leave_stories(db, undated)
    dated = sorted((article for article in articles if article.published is not None),
                   key=lambda article: article.published.timestamp())  # type: ignore[union-attr]
    made_features = {id(article): features[article.id] for article in dated if article.id in features}
    for start in range(0, len(dated), CHUNK):
        with store.transaction() as db:
            story_clusters.assign_stories(db, dated[start:start + CHUNK], made_features)
