"""A least-recently-used map bounded by the total size of its values, for what searches remember
between queries (index.search.whoosh.terms: runs of terms; index.search.whoosh.postings_cache: posting lists)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Generic, TypeVar

Value = TypeVar("Value")


class SizedCache(Generic[Value]):
    """Values with their sizes (in bytes, as the caller counts them); past ``max_bytes`` the least
    recently used go first, and a value over ``max_entry_bytes`` is not kept at all."""

    def __init__(self, max_bytes: int, max_entry_bytes: int | None = None) -> None:
        self._entries: OrderedDict[Hashable, tuple[Value, int]] = OrderedDict()
        self._bytes = 0
        self._max_bytes = max_bytes
        self._max_entry_bytes = max_bytes if max_entry_bytes is None else max_entry_bytes
        self._lock = threading.Lock()

    @property
    def size_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, key: Hashable) -> Value | None:
        with self._lock:
            entry = self._entries.get(key)
            if entry is None:
                return None
            self._entries.move_to_end(key)
            return entry[0]

    def put(self, key: Hashable, value: Value, size: int) -> None:
        """Keep ``value`` (unless it is too large, or ``key`` is already kept)."""
        if size > self._max_entry_bytes:
            return
        with self._lock:
            if key in self._entries:
                return
            self._entries[key] = (value, size)
            self._bytes += size
            while self._bytes > self._max_bytes:
                _key, (_value, evicted) = self._entries.popitem(last=False)
                self._bytes -= evicted

    def get_or_read(self, key: Hashable, read: Callable[[], Value], size_of: Callable[[Value], int]) -> Value:
        value = self.get(key)
        if value is None:
            value = read()  # outside the lock: two threads may each read the same value once
            self.put(key, value, size_of(value))
        return value

    def discard(self, unwanted: Callable[[Hashable], bool]) -> None:
        """Drop the entries whose keys are unwanted."""
        with self._lock:
            for key in [key for key in self._entries if unwanted(key)]:
                self._bytes -= self._entries.pop(key)[1]

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0
