"""BM25F as Whoosh computes it, with the per-document work done once per segment.

Whoosh's scorer looks up each matching document's field length through three method calls,
a column read and a byte decoding: a third of the time of a common-word search. Here each
segment's length column is read once into memory (1 byte per document and field) and turned
into the length part of BM25's denominator, so scoring a posting is one list lookup and a
few float operations. Scores are the same as Whoosh's BM25F.
"""

from __future__ import annotations

import logging
import threading
import weakref

from whoosh import scoring
from whoosh.util.numeric import byte_to_length

from index.search.query import ENTITY_FIELD
from index.search.whoosh.fast_paths import took_slow_path

log = logging.getLogger(__name__)

_LENGTH_OF_BYTE = [byte_to_length(value) for value in range(256)]


def _length_bytes(segment_reader, fieldname: str) -> bytes:
    """The field's encoded length of every document in the segment (0: empty), one byte each."""
    count = segment_reader.doc_count_all()
    try:  # Whoosh's W3 codec: a fixed-width column of unsigned bytes
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        column = segment_reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is None:
            return bytes(count)
        raw = column._dbfile.get(column._basepos, column._count)
        return bytes(raw[:count]).ljust(count, b"\0")
    except (AttributeError, ImportError, TypeError):  # another codec: the slow public way
        took_slow_path("field lengths read one by one")
        lengths = (segment_reader.doc_field_length(docnum, fieldname, 0) or 0 for docnum in range(count))
        return bytes(min(255, length) for length in lengths)


class _SegmentNorms:
    """K1 * ((1 - B) + B * length / average) per document, per (field, B, K1, average)."""

    def __init__(self) -> None:
        self._norms: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def of(self, segment_reader, fieldname: str, B: float, K1: float, average: float) -> list[float]:
        key = (fieldname, B, K1, average)
        with self._lock:
            per_reader = self._norms.setdefault(segment_reader, {})
            norms = per_reader.get(key)
        if norms is None:
            by_byte, length_bytes = self.by_length_byte(segment_reader, fieldname, B, K1, average)
            norms = [by_byte[value] for value in length_bytes]
            with self._lock:
                per_reader[key] = norms
        return norms

    def by_length_byte(self, segment_reader, fieldname: str, B: float, K1: float, average: float
                       ) -> tuple[list[float], bytes]:
        """The norm of each of the 256 length bytes, and each document's length byte: what
        ``of`` is made from, for scoring a few postings without a norm for every document."""
        key = ("bytes", fieldname)
        with self._lock:
            length_bytes = self._norms.setdefault(segment_reader, {}).get(key)
        if length_bytes is None:
            length_bytes = _length_bytes(segment_reader, fieldname)
            with self._lock:
                self._norms[segment_reader][key] = length_bytes
        return [K1 * ((1 - B) + B * length / average) for length in _LENGTH_OF_BYTE], length_bytes

    def array_of(self, segment_reader, fieldname: str, B: float, K1: float, average: float):
        """The same norms as a numpy array (for index.search.whoosh.vector)."""
        import numpy as np

        key = ("array", fieldname, B, K1, average)
        with self._lock:
            norms = self._norms.get(segment_reader, {}).get(key)
        if norms is None:
            norms = np.asarray(self.of(segment_reader, fieldname, B, K1, average), dtype=np.float64)
            with self._lock:
                self._norms.setdefault(segment_reader, {})[key] = norms
        return norms


_NORMS = _SegmentNorms()


class FastBM25FScorer(scoring.BM25FScorer):
    def __init__(self, searcher, fieldname, text, B, K1, qf=1):
        super().__init__(searcher, fieldname, text, B, K1, qf=qf)
        self._norms = _NORMS.of(searcher.reader(), fieldname, B, K1, self.avgfl)
        self._idf_k1 = self.idf * (K1 + 1)

    def score(self, matcher):
        weight = matcher.weight()
        return self._idf_k1 * weight / (weight + self._norms[matcher.id()])


class FastBM25F(scoring.BM25F):
    def __init__(self, B: float = 0.75, K1: float = 1.2, **field_B: float) -> None:
        # An entity named five times ranks above one named once, however many others the
        # article names: no length normalisation for the entity ids.
        field_B.setdefault(f"{ENTITY_FIELD}_B", 0.0)
        super().__init__(B=B, K1=K1, **field_B)

    def scorer(self, searcher, fieldname, text, qf=1):
        if not searcher.schema[fieldname].scorable:
            return scoring.WeightScorer.for_(searcher, fieldname, text)
        return FastBM25FScorer(searcher, fieldname, text, self.field_B(fieldname), self.K1, qf=qf)

    def field_B(self, fieldname: str) -> float:
        """BM25's length normalisation for a field (Whoosh lets each field have its own)."""
        return self._field_B.get(fieldname, self.B)


class VectorTerm:
    """What FastBM25FScorer.score computes for a term, for whole arrays of postings at once:
    ``idf_k1 * w / (w + norms[docnum])``, or the weight itself for a field that is not scorable."""

    def __init__(self, searcher, fieldname: str, text: str, average_lengths: dict[str, float]):
        weighting = searcher.weighting
        if not isinstance(weighting, FastBM25F):
            raise TypeError(f"not scored by FastBM25F but {type(weighting).__name__}")
        self.fieldname = fieldname
        self.scorable = searcher.schema[fieldname].scorable
        if self.scorable:
            self.B = weighting.field_B(fieldname)
            self.K1 = weighting.K1
            if fieldname not in average_lengths:  # as BM25FScorer: the top searcher's statistics
                average_lengths[fieldname] = searcher.avg_field_length(fieldname) or 1
            self.average = average_lengths[fieldname]
            self.idf_k1 = searcher.idf(fieldname, text) * (self.K1 + 1)

    def scores(self, segment_reader, docnums, weights):
        if not self.scorable:
            return weights
        norms = _NORMS.array_of(segment_reader, self.fieldname, self.B, self.K1, self.average)
        return self.idf_k1 * weights / (weights + norms[docnums])

    def score_list(self, segment_reader, docnums, weights) -> list[float]:
        """:meth:`scores` of plain sequences (index.search.whoosh.short_lists): the same float
        operations in the same order, so the same scores."""
        if not self.scorable:
            return [float(weight) for weight in weights]
        # the norms of ``of``, looked up by length byte: no list of every document's norm is made
        by_byte, length_bytes = _NORMS.by_length_byte(segment_reader, self.fieldname, self.B, self.K1, self.average)
        idf_k1 = self.idf_k1
        return [idf_k1 * weight / (weight + by_byte[length_bytes[docnum]]) for docnum, weight in zip(docnums, weights)]


def prepare(searcher, fieldnames: tuple[str, ...]) -> None:
    """Read every segment's lengths of these fields now, as the first search would."""
    weighting = searcher.weighting
    if not isinstance(weighting, FastBM25F):
        return
    for fieldname in fieldnames:
        average = searcher.avg_field_length(fieldname) or 1
        B = weighting.field_B(fieldname)
        for leaf, _offset in searcher.leaf_searchers():
            _NORMS.array_of(leaf.reader(), fieldname, B, weighting.K1, average)  # builds the list too
