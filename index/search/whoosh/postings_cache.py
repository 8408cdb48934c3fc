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
from typing import Generic, TypeVar

from index.search.whoosh.sized_cache import SizedCache

Value = TypeVar("Value")

# Shorter lists are read in tens of microseconds, little more than a cache entry costs.
MIN_POSTINGS = 128
# A small part of the idle app's memory target (300 MB), with room for the common words of many queries.
BUDGET_BYTES = 24 * 1024 * 1024


class PostingsCache(Generic[Value]):
    """Values per (segment reader, field, term), least recently used out first past a budget."""

    def __init__(self, budget_bytes: int = BUDGET_BYTES) -> None:
        self._entries: SizedCache[Value] = SizedCache(budget_bytes)
        self._watched: set[int] = set()  # readers whose collection drops their entries
        self._gone: list[int] = []  # readers collected since; their entries go at the next call
        self._lock = threading.Lock()

    @property
    def size_bytes(self) -> int:
        return self._entries.size_bytes

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, reader, fieldname: str, text: str) -> Value | None:
        self._drop_gone()
        return self._entries.get((id(reader), fieldname, text))

    def put(self, reader, fieldname: str, text: str, value: Value, size: int) -> None:
        self._drop_gone()
        with self._lock:
            if id(reader) not in self._watched:
                # id() is reused once the reader is gone: its entries must go first.
                weakref.finalize(reader, self._gone.append, id(reader))
                self._watched.add(id(reader))
        self._entries.put((id(reader), fieldname, text), value, size)

    def clear(self) -> None:
        self._entries.clear()

    def _drop_gone(self) -> None:
        # Not done in the finalizer itself: the collector may run it inside a get or put.
        while self._gone:
            reader_id = self._gone.pop()
            with self._lock:
                self._watched.discard(reader_id)
            self._entries.discard(lambda key: key[0] == reader_id)  # type: ignore[index]
