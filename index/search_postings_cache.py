"""Decoded posting lists of common words, kept between searches.

A word in most articles has ~90,000 postings at 100,000 articles; reading them into arrays costs
a few milliseconds a search, and the same common words come back in query after query (and at
every keystroke while a query is typed). Segments never change once written, so a list decoded
for one segment reader stays right for as long as that reader lives: entries are dropped when
their reader is closed and collected, and the least recently used go first past a byte budget.
Short lists are not kept: they decode in microseconds and would only crowd out the long ones.
"""

from __future__ import annotations

import threading
import weakref
from collections import OrderedDict
from typing import Callable, Generic, TypeVar

Value = TypeVar("Value")

# Shorter lists are read in tens of microseconds, little more than a cache entry costs.
MIN_POSTINGS = 128
# ~8% of the idle app's memory target; holds the common words of dozens of queries at 100k.
BUDGET_BYTES = 24 * 1024 * 1024


class PostingsCache(Generic[Value]):
    """Values per (segment reader, field, term), least recently used out first past a budget."""

    def __init__(self, budget_bytes: int = BUDGET_BYTES) -> None:
        self.budget_bytes = budget_bytes
        self._entries: OrderedDict[tuple[int, str, str], tuple[Value, int]] = OrderedDict()
        self._watched: set[int] = set()  # readers whose collection drops their entries
        self._gone: list[int] = []  # readers collected since; their entries go at the next call
        self._bytes = 0
        self._lock = threading.Lock()

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, reader, fieldname: str, text: str) -> Value | None:
        key = (id(reader), fieldname, text)
        with self._lock:
            self._drop_gone()
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, reader, fieldname: str, text: str, value: Value, size: int) -> None:
        if size > self.budget_bytes:
            return
        key = (id(reader), fieldname, text)
        with self._lock:
            self._drop_gone()
            if id(reader) not in self._watched:
                # id() is reused once the reader is gone: its entries must go first.
                weakref.finalize(reader, self._gone.append, id(reader))
                self._watched.add(id(reader))
            old = self._entries.pop(key, None)
            if old is not None:
                self._bytes -= old[1]
            self._entries[key] = (value, size)
            self._bytes += size
            while self._bytes > self.budget_bytes:
                _key, (_value, dropped) = self._entries.popitem(last=False)
                self._bytes -= dropped

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    def _drop_gone(self) -> None:
        # Not done in the finalizer itself: the collector may run it inside a get or put.
        while self._gone:
            reader_id = self._gone.pop()
            self._watched.discard(reader_id)
            for key in [key for key in self._entries if key[0] == reader_id]:
                self._bytes -= self._entries.pop(key)[1]

    def get_or_read(self, reader, fieldname: str, text: str, read: Callable[[], Value],
                    size_of: Callable[[Value], int], keep: Callable[[Value], bool]) -> Value:
        value = self.get(reader, fieldname, text)
        if value is None:
            value = read()
            if keep(value):
                self.put(reader, fieldname, text, value, size_of(value))
        return value
