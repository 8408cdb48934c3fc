"""A term's whole posting list in one segment as numpy arrays, with positions decoded on demand.

Reads the array blocks of :mod:`index.search.whoosh.codec` without a Python step per posting; a
segment written by another codec (an index from before schema 3) is read through Whoosh's
matcher instead, slowly but with the same result.
"""

from __future__ import annotations


import numpy as np
from whoosh.reading import TermNotFound

from index.search.whoosh.fast_paths import took_slow_path
from index.search.whoosh.codec import ReaderCodec, kept_block_value, posting_arrays
from index.search.whoosh.postings_cache import MIN_POSTINGS, PostingsCache


class Unsupported(Exception):
    """A query part or an index that index.search.whoosh.vector does not rank; Whoosh does."""




class TermPostings:
    """Document numbers (int64, ascending) and weights (float64) of one term in one segment."""

    def __init__(self, ids: np.ndarray, weights: np.ndarray, *, raw=None, block_positions: list[int] | None = None,
                 block_starts: list[int] | None = None, value_format=None, values: tuple | None = None):
        self.ids = ids
        self.weights = weights
        self._raw = raw
        self._block_positions = block_positions or []  # where each block's header starts in raw
        self._block_starts = block_starts or []  # the index of each block's first posting
        self._format = value_format
        self._values = values  # all values at once (inlined or read by matcher)
        self._decoded: dict[int, tuple] = {}

    @property
    def nbytes(self) -> int:
        """Roughly what the list holds in memory, besides its few decoded blocks of positions."""
        return self.ids.nbytes + self.weights.nbytes + (len(self._raw) if self._raw is not None else 0)

    def positions(self, docnum: int) -> list[int]:
        """Where the term occurs in the document (which must be one of ``ids``)."""
        index = int(np.searchsorted(self.ids, docnum))
        if self._values is not None:
            value = self._values[index]
        else:
            value = kept_block_value(self._raw, self._block_positions, self._block_starts, self._decoded,
                                     self._format.fixed_value_size(), index)
        if value is None:
            raise Unsupported("a phrase in a field without positions")
        return self._format.decode_positions(value)


NO_POSTINGS = TermPostings(np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64))


# Long lists, once decoded, for the searches after (index.search.whoosh.postings_cache).
CACHE: PostingsCache[TermPostings] = PostingsCache()


def term_postings(reader, fieldname: str, text: str) -> TermPostings:
    """The postings of ``text`` in ``fieldname`` of one segment reader."""
    postings = CACHE.get(reader, fieldname, text)
    if postings is None:
        postings = _read_postings(reader, fieldname, text)
        if len(postings.ids) >= MIN_POSTINGS:
            CACHE.put(reader, fieldname, text, postings, postings.nbytes)
    return postings


def _read_postings(reader, fieldname: str, text: str) -> TermPostings:
    field = reader.schema[fieldname]
    try:
        tbytes = field.to_bytes(text)
        terms = reader._terms
        terminfo = terms.term_info(fieldname, tbytes)
    except (TermNotFound, KeyError, ValueError):
        return NO_POSTINGS
    except AttributeError:  # not a segment reader of Whoosh's file codecs
        took_slow_path("posting lists read as arrays")
        raise Unsupported("reader without a terms table") from None
    if terminfo.is_inlined():
        ids, weights, values = terminfo.inlined_postings()
        return TermPostings(np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64),
                            value_format=field.format, values=tuple(values))
    if not isinstance(reader.codec(), ReaderCodec):  # a segment another codec wrote
        took_slow_path("posting blocks as arrays")
        return _postings_by_matcher(reader, fieldname, tbytes)
    offset, length = terminfo.extent()
    if isinstance(length, tuple):  # W3TermInfo keeps the unpacked tuple
        length = length[0]
    raw = terms._postfile.get(offset, length)
    arrays = posting_arrays(raw)
    _check_sane(arrays.ids, terminfo.doc_frequency(), reader.doc_count_all(), fieldname, text)
    return TermPostings(arrays.ids, arrays.weights, raw=raw, block_positions=arrays.block_positions,
                        block_starts=arrays.block_starts, value_format=field.format)


def _check_sane(ids: np.ndarray, expected_count: int, doc_count: int, fieldname: str, text: str) -> None:
    """Damaged bytes in a posting list (its document numbers, its block headers) rarely decode to
    as many increasing document numbers of the segment as its term says: raise ValueError, which
    the search takes for damage and confirms by the checksums (index.search.whoosh.checksums)."""
    if len(ids) != expected_count or (len(ids) and (ids[0] < 0 or ids[-1] >= doc_count
                                                     or (len(ids) > 1 and not (np.diff(ids) > 0).all()))):
        raise ValueError(f"the posting list of {fieldname}:{text} does not decode to its documents")


def _postings_by_matcher(reader, fieldname: str, tbytes: bytes) -> TermPostings:
    """The slow way, for segments written by another codec (before a rebuild)."""
    matcher = reader.postings(fieldname, tbytes)
    ids, weights, values = [], [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        values.append(matcher.value())
        matcher.next()
    return TermPostings(np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64),
                        value_format=reader.schema[fieldname].format, values=tuple(values))
