"""The terms of an index that begin with a prefix, read fast (for prefix and fuzzy queries).

A segment's term index (Whoosh's ordered hash file, ``.trm``) is a run of records in key order,
each ``(key length, data length)`` as two big-endian int32, the key (2-byte field number + term)
and the term's data; after the records comes an array of every record's position, in key order.
A prefix's run is found by binary searches over that array; its keys are then read in one slice
and picked out with numpy rather than a Python step per record.

Segments never change once written, so each run found is remembered per (segment, field,
prefix), compactly, in a cache bounded in bytes: a commit brings new segments (new ids), which
are read afresh, while the unchanged ones keep their entries.
"""

from __future__ import annotations

import os
import struct
import sys

import numpy as np

from index.search.whoosh.fast_paths import took_slow_path
from index.search.whoosh.sized_cache import SizedCache

_HEAD = struct.Struct("!ii")  # key length, data length
_FIELD_NUMBER_SIZE = 2
_POSITION_TYPES = "BHiIq"  # Whoosh's type codes for the position array (big-endian)

# A two-letter prefix of the body field at 100,000 articles is thousands of terms over many
# segments: a small part of this as arrays (as Python strings several times more).
_CACHE_BYTES = 8 << 20
_CACHE_RUN_BYTES = 1 << 20  # a longer run (a one-letter prefix) is read again, not remembered
_CACHE_ENTRY_BYTES = 800  # what an entry costs besides its run: key, objects, array headers


def terms_with_prefix(reader, fieldname: str, prefix: str) -> list[str]:
    """Every term of ``fieldname`` beginning with ``prefix``, sorted, in a reader of any number
    of segments (Whoosh's own expand_prefix reads key by key and merges segments term by term,
    slowly for a short prefix in a large index)."""
    return terms_with_prefix_and_length(reader, fieldname, prefix)


def terms_with_prefix_and_length(reader, fieldname: str, prefix: str,
                                 shortest: int = 0, longest: int | None = None) -> list[str]:
    """The terms of ``fieldname`` beginning with ``prefix`` that are ``shortest`` to ``longest``
    characters long (any length if None), sorted. Terms of other lengths are never built as
    strings, which is most of the work a fuzzy query saves."""
    found: set[str] = set()
    for leaf, _offset in reader.leaf_readers():
        found.update(_segment_run(leaf, fieldname, prefix).terms(shortest, longest))
    return sorted(found)


def prefix_term_counts(reader, fieldname: str, prefix: str) -> list[int]:
    """How many terms of ``fieldname`` begin with ``prefix`` in each segment, from the term
    files' positions (two binary searches each) without reading the terms."""
    counts = []
    for leaf, _offset in reader.leaf_readers():
        table, key = _term_table(leaf, fieldname, prefix)
        if table is None:
            counts.append(len(_segment_run(leaf, fieldname, prefix)))
        elif key is not None:
            first, end = _TermFile(table).run_bounds(key)
            counts.append(end - first)
    return counts


def forget_cached_terms() -> None:
    """Drop every remembered run (only ever stale if a segment's file is replaced in place)."""
    _RUNS.clear()


class _Run:
    """The terms of one field beginning with one prefix in one segment, in sorted order, end to
    end in one string, with each one's end and length (in characters)."""

    __slots__ = ("_ends", "_lengths", "_text")

    def __init__(self, text: str, lengths: np.ndarray) -> None:
        self._text = text
        self._lengths = lengths
        self._ends = np.cumsum(lengths)

    @classmethod
    def of(cls, terms) -> _Run:
        terms = sorted(terms)
        return cls("".join(terms), np.fromiter(map(len, terms), dtype=np.int64, count=len(terms)))

    @classmethod
    def from_utf8(cls, joined: bytes, byte_lengths: np.ndarray) -> _Run:
        """The run of terms whose UTF-8 bytes are ``joined`` end to end, ``byte_lengths`` each."""
        if joined.isascii():
            return cls(joined.decode("ascii"), byte_lengths)
        # A term's characters are its bytes less its UTF-8 continuation bytes (0b10xxxxxx).
        continuation = (np.frombuffer(joined, dtype=np.uint8) & 0xC0) == 0x80
        seen = np.concatenate(([0], np.cumsum(continuation, dtype=np.int64)))
        byte_ends = np.cumsum(byte_lengths)
        lengths = byte_lengths - (seen[byte_ends] - seen[byte_ends - byte_lengths])
        return cls(joined.decode("utf-8"), lengths)

    def __len__(self) -> int:
        return len(self._lengths)

    @property
    def size_in_bytes(self) -> int:
        return sys.getsizeof(self._text) + sys.getsizeof(self._ends) + sys.getsizeof(self._lengths)

    def terms(self, shortest: int = 0, longest: int | None = None) -> list[str]:
        lengths, ends = self._lengths, self._ends
        if shortest > 0 or longest is not None:
            wanted = lengths >= shortest
            if longest is not None:
                wanted &= lengths <= longest
            lengths, ends = lengths[wanted], ends[wanted]
        text = self._text
        return [text[start:end] for start, end in zip((ends - lengths).tolist(), ends.tolist())]


_NO_TERMS = _Run("", np.zeros(0, dtype=np.int64))


def _term_table(leaf, fieldname: str, prefix: str) -> tuple:
    """(the segment's term table, the prefix's key in it): (None, None) where the table cannot
    be read by position, (table, None) where the field has no terms in the segment."""
    try:
        table = leaf._terms._tindex
        if table.extras["indextype"] not in _POSITION_TYPES:
            took_slow_path("terms read by position")
            return None, None
        return table, leaf._terms._keycoder(fieldname, prefix.encode("utf-8"))
    except AttributeError:  # not a segment of Whoosh's file codecs
        took_slow_path("terms read by position")
        return None, None
    except KeyError:
        return table, None


def _segment_run(leaf, fieldname: str, prefix: str) -> _Run:
    table, key = _term_table(leaf, fieldname, prefix)
    if table is None:  # the public way
        return _Run.of(term.decode("utf-8") for term in leaf.expand_prefix(fieldname, prefix))
    if key is None:
        return _NO_TERMS
    segment = _segment_key(leaf, table)
    if segment is None:
        return _TermFile(table).run(key)
    return _RUNS.get_or_read((segment, fieldname, prefix), lambda: _TermFile(table).run(key),
                             lambda run: run.size_in_bytes + _CACHE_ENTRY_BYTES)


def _segment_key(leaf, table) -> tuple | None:
    """What identifies a segment's term file in the cache; None (not cached) without a folder."""
    folder = getattr(getattr(leaf, "_storage", None), "folder", None)
    if folder is None:
        return None
    # The id is random per segment and a segment is never rewritten; the sizes guard the rest.
    return (folder, leaf.segment().segment_id(), table.indexlen, table.endofdata)


_RUNS: SizedCache[_Run] = SizedCache(_CACHE_BYTES, _CACHE_RUN_BYTES)


class _TermFile:
    """One segment's term index, read by position: os.pread where there is a real file (no
    shared file position, so safe across threads), else the file object's own get."""

    def __init__(self, table) -> None:
        typecode = table.extras["indextype"]
        self._position = struct.Struct("!" + typecode)
        self._position_dtype = np.dtype(">" + typecode)
        self._positions_base = table.indexbase
        self._length = table.indexlen
        self._end_of_data = table.endofdata
        self.read = table.dbfile.get
        pread = getattr(os, "pread", None)
        try:
            descriptor = table.dbfile.file.fileno()
        except (AttributeError, OSError, ValueError):
            return
        if pread is not None:
            self.read = lambda position, length: pread(descriptor, length, position)

    def run(self, prefix: bytes) -> _Run:
        """The terms whose keys begin with ``prefix`` (field number + the term's prefix)."""
        first, end = self.run_bounds(prefix)
        if first == end:
            return _NO_TERMS
        if end < self._length:
            bounds = self._positions(first, end + 1)
            record_starts, data_end = bounds[:-1], int(bounds[-1])
        else:
            record_starts, data_end = self._positions(first, end), self._end_of_data
        base = int(record_starts[0])
        data = np.frombuffer(self.read(base, data_end - base), dtype=np.uint8)
        offsets = record_starts - base
        key_lengths = (
            (data[offsets].astype(np.int64) << 24)
            | (data[offsets + 1].astype(np.int64) << 16)
            | (data[offsets + 2].astype(np.int64) << 8)
            | data[offsets + 3]
        )
        term_starts = offsets + _HEAD.size + _FIELD_NUMBER_SIZE
        term_lengths = key_lengths - _FIELD_NUMBER_SIZE
        # Gather the terms' bytes end to end: for each byte of the output, where it is in data.
        output_starts = np.cumsum(term_lengths) - term_lengths
        sources = np.arange(int(term_lengths.sum())) + np.repeat(term_starts - output_starts, term_lengths)
        return _Run.from_utf8(data[sources].tobytes(), term_lengths)

    def run_bounds(self, prefix: bytes) -> tuple[int, int]:
        """The indexes (in key order) of the first record whose key begins with ``prefix`` and of
        the first after it that does not: two binary searches, each reading only the first
        len(prefix) bytes of the keys it visits. A key's first bytes are below, equal to or above
        the prefix: before, in or after the run."""
        head_of = self._key_head_reader(len(prefix))
        low, high, after = 0, self._length, self._length
        while low < high:
            middle = (low + high) // 2
            head = head_of(middle)
            if head < prefix:
                low = middle + 1
            else:
                high = middle
                if head > prefix:
                    after = middle
        first = low
        low, high = first, after
        while low < high:
            middle = (low + high) // 2
            if head_of(middle) == prefix:
                low = middle + 1
            else:
                high = middle
        return first, low

    def _key_head_reader(self, length: int):
        """``head_of(index)``: the first ``length`` bytes of the index-th key (fewer if it is
        shorter); with everything it needs in local names, as it runs ~20 times per search."""
        read, positions_base = self.read, self._positions_base
        position_size, unpack_position = self._position.size, self._position.unpack
        head_size, unpack_head = _HEAD.size, _HEAD.unpack_from

        def head_of(index: int) -> bytes:
            record = read(unpack_position(read(positions_base + index * position_size, position_size))[0],
                          head_size + length)
            return record[head_size : head_size + min(unpack_head(record)[0], length)]

        return head_of

    def _positions(self, start: int, stop: int) -> np.ndarray:
        size = self._position.size
        raw = self.read(self._positions_base + start * size, (stop - start) * size)
        return np.frombuffer(raw, self._position_dtype).astype(np.int64)
