"""Date ranges as filters: publication times read once per searcher, sorted, then bisected.

Whoosh evaluates ``published:[a TO b]`` as a union over the range's trie terms and then lists
every document in it before intersecting, which grows with the documents in the range. A sorted column of (time, docnum) answers the same range with two bisections, and
a date-only query gets its newest articles straight from it.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass

import numpy as np
from whoosh.columns import EmptyColumnReader

from index.search import query as q
from index.search.whoosh.fast_paths import took_slow_path
from index.search.whoosh.translate import date_long

DATE_FIELD = q.DATE_FIELD
# What Whoosh's numeric column holds for a document without a date (the 64-bit maximum).
_NO_DATE = 2**64 - 1


@dataclass(frozen=True)
class DateRange:
    """Inclusive bounds in Whoosh's datetime longs; None is open."""

    low: int | None
    high: int | None

    @classmethod
    def of(cls, node: q.DateRange) -> DateRange:
        return cls(date_long(node.low), date_long(node.high))


def split_date_filter(parsed: q.Query) -> tuple[q.Query | None, list[DateRange]]:
    """The query without its top-level date conditions, and those conditions.

    Only conditions every hit must meet (the whole query, or parts of a top-level AND) are
    split off; a date inside OR or NOT stays part of the query.
    """
    if isinstance(parsed, q.DateRange):
        return None, [DateRange.of(parsed)]
    if isinstance(parsed, q.And):
        ranges = [DateRange.of(child) for child in parsed.children if isinstance(child, q.DateRange)]
        if ranges:
            rest = [child for child in parsed.children if not isinstance(child, q.DateRange)]
            if not rest:
                return None, ranges
            if len(rest) == 1:
                return rest[0], ranges
            return q.And(tuple(rest), boost=parsed.boost), ranges
    return parsed, []


class PublicationDates:
    """Every live document's publication time in one reader's view, sorted by time."""

    def __init__(self, reader):
        moments = np.concatenate([_leaf_moments(leaf) for leaf, _offset in reader.leaf_readers()]
                                 or [np.empty(0, dtype=np.uint64)])
        docnums = np.arange(len(moments), dtype=np.int64)
        keep = moments != np.uint64(_NO_DATE)
        if reader.has_deletions():
            live = np.zeros(len(moments), dtype=bool)
            live[np.fromiter(reader.all_doc_ids(), dtype=np.int64)] = True
            keep &= live
        self._moment_of = moments  # by docnum (_NO_DATE: none)
        moments, docnums = moments[keep], docnums[keep]
        order = np.lexsort((docnums, moments))  # by time, then docnum
        self._times = moments[order].tolist()  # bisected with the ranges' Python ints
        self._docnums = docnums[order]

    def _bounds(self, ranges: list[DateRange]) -> tuple[int, int]:
        """Slice indexes of the documents within every range."""
        start, stop = 0, len(self._times)
        for bounds in ranges:
            if bounds.low is not None:
                start = max(start, bisect_left(self._times, bounds.low))
            if bounds.high is not None:
                stop = min(stop, bisect_right(self._times, bounds.high))
        return start, max(start, stop)

    def docnums_within(self, ranges: list[DateRange]) -> np.ndarray:
        """Docnums of the documents within every range, as an array view (no copy): a year of a
        large library is tens of thousands of documents, which a set takes milliseconds to build."""
        start, stop = self._bounds(ranges)
        return self._docnums[start:stop]

    def newest_within(self, ranges: list[DateRange], limit: int) -> list[int]:
        """Docnums of the ``limit`` newest documents within every range, newest first."""
        start, stop = self._bounds(ranges)
        return self._docnums[max(start, stop - limit):stop][::-1].tolist()

    def order_of(self, docnums: np.ndarray, newest: bool, scores: np.ndarray | None = None) -> np.ndarray:
        """Indexes into ``docnums`` by publication time (newest or oldest first; equal times by
        docnum, reversed with the times), the undated last: best first when ``scores`` are
        given (a collection without dates, such as 10kGNAD, is then listed by relevance),
        else by docnum."""
        moments = self._moment_of[docnums]
        dated = moments != np.uint64(_NO_DATE)
        indexes = np.arange(len(docnums))
        by_time = indexes[dated][np.lexsort((docnums[dated], moments[dated]))]
        if newest:
            by_time = by_time[::-1]
        undated = indexes[~dated]
        if scores is not None:
            undated = undated[np.lexsort((docnums[undated], -scores[undated]))]
        return np.concatenate([by_time, undated])


def _leaf_moments(leaf) -> np.ndarray:
    """One segment's publication times in docnum order (_NO_DATE where none), read as one array:
    value by value, it was the longest wait of the first date query."""
    size = leaf.doc_count_all()
    column = leaf.column_reader(DATE_FIELD, translate=False)
    if isinstance(column, EmptyColumnReader):  # a segment without any dated document
        return np.full(size, column[0] if size else _NO_DATE, dtype=np.uint64)
    try:
        count, width, typecode = column._count, column._fixedlen, column._typecode
        raw = column._dbfile.get(column._basepos, count * width) if count else b""
        default = column._default
    except AttributeError:  # another kind of column reader
        took_slow_path("publication times read one by one")
        return np.fromiter((column[docnum] for docnum in range(size)), dtype=np.uint64, count=size)
    values = np.frombuffer(raw, dtype=np.dtype(typecode).newbyteorder(">"), count=count).astype(np.uint64)
    if count < size:  # Whoosh stores no trailing defaults
        values = np.concatenate([values, np.full(size - count, default, dtype=np.uint64)])
    return values
