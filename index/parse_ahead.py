"""Results of a process pool, in submission order, waiting on disk until the caller reads them.

An import's writer pauses for minutes while the search index merges segments. The workers keep
parsing meanwhile: what they finish waits in unlinked temporary files (a few MB of pickles per
thousand articles) instead of in memory, and instead of the workers idling. A thread in the
parent submits the work, keeps the pool busy and spools the results; the caller reads them in
order. If the disk refuses a write, results wait in memory instead.
"""

from __future__ import annotations

import enum
import logging
import os
import queue
import signal
import tempfile
import threading
from collections import deque
from collections.abc import Callable, Collection, Iterable, Iterator
from concurrent.futures import Executor, Future
from concurrent.futures import TimeoutError as FutureTimeout
from pathlib import Path
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

# A new spool file every this many bytes; a file is deleted once all of it has been read, so the
# disk holds only what waits (plus one file).
SPOOL_FILE_BYTES = 32 * 1024 * 1024
_POLL_SECONDS = 0.2


class _End(enum.Enum):
    NO_TASK = 0


_NO_TASK = _End.NO_TASK  # what next() gives once the tasks are all read

Task = TypeVar("Task")


class _SpoolFile:
    """An unlinked temporary file written at its end and read at given offsets (pread/pwrite:
    the writing thread and the reading caller share no file position)."""

    def __init__(self, directory: Path | None):
        self._file = tempfile.TemporaryFile(prefix="reader-import-", dir=directory)
        self.size = 0

    def append(self, data: bytes) -> tuple[int, int]:
        offset = self.size
        view = memoryview(data)
        while view:
            written = os.pwrite(self._file.fileno(), view, offset + len(data) - len(view))
            view = view[written:]
        self.size += len(data)
        return offset, len(data)

    def read(self, offset: int, length: int) -> bytes:
        chunks = []
        while length:
            chunk = os.pread(self._file.fileno(), length, offset)
            if not chunk:
                raise OSError(f"the import's spool file ended early at {offset}")
            chunks.append(chunk)
            offset, length = offset + len(chunk), length - len(chunk)
        return b"".join(chunks)

    def close(self) -> None:
        self._file.close()


class ParseAhead(Generic[Task]):
    """``work(task)`` for every task, on pools from ``new_pool``; iterate for the results in task order.

    At most ``in_pool`` tasks are submitted at once and at most ``waiting`` finished results
    wait for the caller; then the pool idles until the caller reads on. Every
    ``tasks_per_pool`` tasks the pool is shut down and a new one started: worker processes
    whose caches only grow stay small. ``tasks`` is read lazily, in the submitting thread.

    Iteration ends early once ``stop()`` is true (checked while waiting for a result). The
    ``blocked_signals`` are blocked in the submitting thread, so the pool's processes start with
    them blocked (they unblock them once they are ready to ignore them).
    """

    def __init__(self, new_pool: Callable[[], Executor], work: Callable[[Task], bytes], tasks: Iterable[Task], *,
                 in_pool: int, waiting: int, tasks_per_pool: int | None = None, spool_dir: Path | None = None,
                 stop: Callable[[], bool] | None = None, blocked_signals: Collection[int] | None = None):
        self._new_pool, self._work, self._tasks = new_pool, work, iter(tasks)
        self._in_pool = in_pool
        self._tasks_per_pool = tasks_per_pool
        self._should_stop = stop
        self._blocked_signals = blocked_signals
        self._room = threading.Semaphore(waiting)
        self._spool_dir = spool_dir
        self._results: queue.Queue = queue.Queue()
        self._stop = threading.Event()
        self._files: list[_SpoolFile] = []  # every file not yet deleted, for cleanup
        self._thread = threading.Thread(target=self._produce, name="reader-parse-ahead", daemon=True)

    def __iter__(self) -> Iterator[bytes]:
        self._thread.start()
        reading: _SpoolFile | None = None
        try:
            while True:
                try:
                    kind, *item = self._results.get(timeout=_POLL_SECONDS)
                except queue.Empty:
                    if self._should_stop is not None and self._should_stop():
                        return
                    continue
                if kind == "end":
                    return
                if kind == "error":
                    raise item[0]
                if kind == "memory":
                    data = item[0]
                else:
                    spool, offset, length = item
                    if spool is not reading:
                        self._discard(reading)  # everything in it has been read
                        reading = spool
                    data = spool.read(offset, length)
                self._room.release()
                yield data
        finally:
            self._stop.set()
            self._thread.join()
            for spool in list(self._files):
                self._discard(spool)

    def _block_signals(self) -> None:
        if self._blocked_signals:
            signal.pthread_sigmask(signal.SIG_BLOCK, self._blocked_signals)

    def _produce(self) -> None:
        pool: Executor | None = None
        try:
            pending: deque[Future] = deque()
            spool: _SpoolFile | None = None
            submitted = 0
            task = next(self._tasks, _NO_TASK)
            while True:
                while len(pending) < self._in_pool and task is not _NO_TASK and not self._stop.is_set():
                    if pool is None or (self._tasks_per_pool and submitted % self._tasks_per_pool == 0):
                        if pending:
                            break  # the old pool finishes its tasks first: one pool's workers at a time
                        if pool is not None:
                            pool.shutdown(wait=True)
                        self._block_signals()
                        pool = self._new_pool()
                        # Again: starting multiprocessing's resource tracker unblocks SIGINT and SIGTERM.
                        self._block_signals()
                    pending.append(pool.submit(self._work, task))
                    submitted += 1
                    task = next(self._tasks, _NO_TASK)
                if not pending or not self._wait_for_room():
                    return
                data = self._result(pending[0])
                if data is None:
                    return
                pending.popleft()
                spool = self._store(spool, data)
        except BaseException as error:  # noqa: BLE001 - handed to the reading thread
            self._results.put(("error", error))
        finally:
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
            self._results.put(("end",))

    def _wait_for_room(self) -> bool:
        while not self._room.acquire(timeout=_POLL_SECONDS):
            if self._stop.is_set():
                return False
        return not self._stop.is_set()

    def _result(self, future: Future) -> bytes | None:
        while not self._stop.is_set():
            try:
                return future.result(timeout=_POLL_SECONDS)
            except FutureTimeout:
                continue
        return None

    def _store(self, spool: _SpoolFile | None, data: bytes) -> _SpoolFile | None:
        try:
            if spool is None or spool.size >= SPOOL_FILE_BYTES:
                spool = _SpoolFile(self._spool_dir)
                self._files.append(spool)
            self._results.put(("spooled", spool, *spool.append(data)))
        except OSError as error:
            log.warning("cannot spool parsed files to disk (%s); keeping them in memory", error)
            self._results.put(("memory", data))
        return spool

    def _discard(self, spool: _SpoolFile | None) -> None:
        if spool is not None and spool in self._files:
            self._files.remove(spool)
            spool.close()
