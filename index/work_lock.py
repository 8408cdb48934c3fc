"""Who is doing a writer's work on a library right now.

Work after an article is stored (indexing it, linking entities, a reindex) is recorded in the
store and finished by whoever opens the library next, but only if the process that started it
is gone: a reader must not do a live import's work, nor wait for it. Every process doing
writer's work holds ``writing.lock`` shared (several imports may run at once); finishing
abandoned work takes it exclusively, without waiting. The kernel drops a lock when its process
dies, also on kill -9, so a lock nobody holds means nobody is working.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

try:
    import fcntl
except ImportError:  # not POSIX: no way to tell a live writer from a dead one; assume none
    fcntl = None  # type: ignore[assignment]

log = logging.getLogger(__name__)

LOCK_FILE = "writing.lock"
WAITING_MESSAGE = "Waiting for another reader process to finish repairing the library…"


class WorkLock:
    """One process's hold on ``writing.lock``; re-entrant within the process."""

    def __init__(self, data_dir: Path, on_wait: Callable[[str], None] | None = None):
        self.path = data_dir / LOCK_FILE
        self.on_wait = on_wait
        self._handle: BinaryIO | None = None
        self._depth = 0
        self._guard = threading.RLock()

    @property
    def depth(self) -> int:
        """How many writer's works this process has entered and not left (0: none)."""
        return self._depth

    def _open(self) -> BinaryIO | None:
        if self._handle is None:
            try:
                self._handle = open(self.path, "a+b")
            except OSError as error:  # read-only or full: no work can be done here anyway
                log.info("cannot open %s: %s", self.path, error)
        return self._handle

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Held while this process does a writer's work; waits only for a repair in progress."""
        with self._guard:
            if self._depth == 0 and fcntl is not None and (handle := self._open()) is not None:
                try:
                    fcntl.flock(handle, fcntl.LOCK_SH | fcntl.LOCK_NB)
                except BlockingIOError:
                    if self.on_wait is not None:
                        self.on_wait(WAITING_MESSAGE)
                    fcntl.flock(handle, fcntl.LOCK_SH)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    self._release()

    @contextmanager
    def abandoned(self) -> Iterator[bool]:
        """True inside when no other process is doing writer's work (what is pending was left
        behind by one that died): then this process holds the lock and may finish it."""
        with self._guard:
            if self._depth:  # already this process's own work
                yield True
                return
            if fcntl is None:
                yield True
                return
            handle = self._open()
            if handle is None:
                yield False
                return
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            self._depth = 1
            try:
                yield True
            finally:
                self._depth = 0
                self._release()

    def _release(self) -> None:
        if self._handle is not None and fcntl is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)

    def close(self) -> None:
        with self._guard:
            if self._handle is not None:
                self._handle.close()
                self._handle = None
