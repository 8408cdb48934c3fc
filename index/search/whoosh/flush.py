"""Writing a new segment's postings a whole posting list at a time.

Whoosh's writer puts every posting of a commit into a pool as a tuple, sorts them all, and hands
them one at a time to the codec, which buffers them in blocks: hundreds of postings per
article, a large share of the importing process's CPU. Postings of one term arrive in increasing
document order as documents are added, so :class:`GroupingPool` keeps them per field and term
instead; at the flush :class:`BulkFieldWriter` sorts only the terms and writes each posting list
with one call (:meth:`ArrayPostingsWriter.add_posting_list`), in the same bytes as before.

Past the writer's memory limit the pool spills sorted runs to disk as Whoosh's does, and the
flush then takes Whoosh's path (sorted runs merged, one posting at a time).
"""

from __future__ import annotations

import operator
from collections.abc import Iterator
from itertools import islice

from whoosh.codec import whoosh3
from whoosh.writing import PostingPool

from index.search.whoosh.checksums import record_segment
from index.search.whoosh.codec import LengthsInMemoryPerDocReader

# What PostingPool.add counts per posting besides the lengths of its strings (see there).
_POSTING_OVERHEAD = 28 + 4 * 5 + 21 + 26 + 18 + 16 + 21


class GroupedPostings:
    """The pool's postings at the flush: per field (sorted), per term (sorted), the term's
    posting tuples (fieldname, term bytes, docnum, weight, value) in the order they came.
    Iterating gives the tuples one by one in Whoosh's sort order, as Whoosh's pool does."""

    def __init__(self, fields: dict[str, dict[bytes, list[tuple]]]):
        self._fields = fields

    def fields(self) -> Iterator[tuple[str, Iterator[tuple[bytes, list[tuple]]]]]:
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            yield fieldname, ((btext, terms[btext]) for btext in sorted(terms))

    def __iter__(self) -> Iterator[tuple]:
        for _fieldname, terms in self.fields():
            for _btext, postings in terms:
                yield from sorted(postings)


def posting_columns(postings: list[tuple]) -> tuple[tuple, tuple, tuple]:
    """(docnums, weights, values) of a term's postings in Whoosh's order, spelling words
    (docnum -1, which FieldWriter.add_postings skips) left out."""
    _, _, docnums, weights, values = zip(*postings)
    # Added documents come in order; add_reader (deletions) and spelling words may not
    if len(docnums) > 1 and not all(map(operator.lt, docnums, islice(docnums, 1, None))):
        _, _, docnums, weights, values = zip(*sorted(postings))  # Whoosh sorts whole tuples
    if docnums[0] == -1:
        skip = docnums.count(-1)
        docnums, weights, values = docnums[skip:], weights[skip:], values[skip:]
    return docnums, weights, values


class GroupingPool(PostingPool):
    """Whoosh's posting pool, grouping postings per field and term instead of sorting them."""

    def __init__(self, tempstore, segment, limitmb=128, **kwargs):
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self._fields: dict[str, dict[bytes, list[tuple]]] = {}

    @classmethod
    def replacing(cls, pool: PostingPool) -> GroupingPool:
        """A grouping pool with ``pool``'s storage and memory limit (``pool`` must be empty)."""
        if pool.current or pool.runs:
            raise ValueError("the pool already holds postings")
        grouping = cls(pool.tempstore, pool.segment)
        grouping.limit = pool.limit
        return grouping

    def add(self, item):
        # item = (fieldname, tbytes, docnum, weight, vbytes), kept whole: nothing is allocated
        fieldname, btext, _, _, value = item
        try:
            self._fields[fieldname][btext].append(item)
        except KeyError:
            self._add_first(item)
        # PostingPool.add's estimate, so that limitmb spills at the same point
        self.currentsize += _POSTING_OVERHEAD + len(fieldname) + 2 * len(btext) + len(value or b"")
        if self.currentsize > self.limit:
            self.save()

    def _add_first(self, item):
        fieldname, btext = item[0], item[1]
        if not isinstance(btext, bytes) or not (item[4] is None or isinstance(item[4], bytes)):
            raise TypeError(f"postings take bytes: {item!r}")
        if fieldname not in self._fields:
            self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        self._fields[fieldname][btext] = [item]

    def save(self):
        """Spill everything held to a sorted run on disk (Whoosh's way from here on)."""
        if self._fields:
            self.current.extend(GroupedPostings(self._fields))
            self._fields = {}
        PostingPool.save(self)

    def iter_postings(self):
        if self.runs:  # past the memory limit: Whoosh merges the runs
            self.save()
            return PostingPool.iter_postings(self)
        grouped = GroupedPostings(self._fields)
        self._fields = {}
        return grouped


def group_postings(writer) -> None:
    """Give a new SegmentWriter a grouping pool (its own is still empty)."""
    writer.pool = GroupingPool.replacing(writer.pool)


class BulkFieldWriter(whoosh3.W3FieldWriter):
    """W3's field writer, writing a grouping pool's posting lists a whole list at a time.

    It closes last of a segment's writers (after the stored fields, lengths and columns, in a
    commit and in index.search.whoosh.merge): closing, it records the checksums of the segment's files.
    """

    def close(self):
        super().close()
        record_segment(self._storage, self._segment)

    def add_postings(self, schema, lengths, items):
        if not isinstance(items, GroupedPostings) or not (
                lengths is None or isinstance(lengths, LengthsInMemoryPerDocReader)):
            return super().add_postings(schema, lengths, items)
        for fieldname, terms in items.fields():
            self.start_field(fieldname, schema[fieldname])
            add_posting_list = self._postwriter.add_posting_list
            length_bytes = lengths.field_length_bytes(fieldname) if lengths is not None else None
            for btext, postings in terms:
                docnums, weights, values = posting_columns(postings)
                if docnums:
                    self.start_term(btext)
                    add_posting_list(docnums, weights, values, length_bytes)
                    self.finish_term()
            self.finish_field()
