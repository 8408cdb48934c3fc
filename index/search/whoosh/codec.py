"""Whoosh's W3 codec with posting blocks stored as plain arrays instead of compressed pickles.

W3 writes each block of postings as ``zlib(pickle((id deltas, weights, values)))``: reading a
block of a common word's 128 postings means unpickling all of it, positions included, even when
only ids and weights are wanted. Here a block is a fixed header, the document numbers as
little-endian uint32, the weights as float32 (or one number when they are all equal), and the
values (positions) zlib-compressed behind them, decoded only when a phrase asks for them.
Whoosh's matchers read these blocks unchanged, and :func:`term_postings` turns a whole posting
list into numpy arrays without a Python loop per posting (see :mod:`index.search.whoosh.vector`).

Everything else (terms, columns, stored fields, vectors) is W3's.
"""

from __future__ import annotations

from bisect import bisect_right
import struct
import sys
import zlib
from array import array
from itertools import accumulate
from typing import TYPE_CHECKING, NamedTuple

from whoosh.codec import whoosh3
from whoosh.util.numeric import byte_to_length, length_to_byte

if TYPE_CHECKING:
    import numpy as np

BLOCK_MAGIC = b"RdB1"
BLOCK_LIMIT = 256  # postings per block: fewer blocks per list, still fine-grained skipping
# count, last id, max weight, min length byte, max length byte, weight kind, values kind,
# bytes of the (compressed) values section
_HEADER = struct.Struct("<IIfBBBBI")
_INT = struct.Struct("!i")  # Whoosh writes block lengths in network order
_SAME_WEIGHT = struct.Struct("<f")
WEIGHTS_ONES, WEIGHTS_SAME, WEIGHTS_ARRAY = 0, 1, 2
_VALUES_NONE, _VALUES_FIXED, _VALUES_VARIABLE = 0, 1, 2
_VALUES_COMPRESSION = 1  # zlib level: positions compress well at level 1, little gain above
_BIG_ENDIAN = sys.byteorder == "big"


def _le_array(typecode: str, raw) -> array:
    values = array(typecode)
    values.frombytes(raw)
    if _BIG_ENDIAN:
        values.byteswap()
    return values


def _le_bytes(values: array) -> bytes:
    if _BIG_ENDIAN:
        values = array(values.typecode, values)
        values.byteswap()
    return values.tobytes()


class ReaderCodec(whoosh3.W3Codec):
    def __init__(self, blocklimit: int = BLOCK_LIMIT, compression: int = 3, inlinelimit: int = 1):
        super().__init__(blocklimit=blocklimit, compression=compression, inlinelimit=inlinelimit)

    def postings_writer(self, dbfile, byteids=False):
        if byteids:  # term vectors: W3's format
            return super().postings_writer(dbfile, byteids=True)
        return ArrayPostingsWriter(dbfile, blocklimit=self._blocklimit, inlinelimit=self._inlinelimit)

    def per_document_reader(self, storage, segment):
        return LengthsInMemoryPerDocReader(storage, segment)

    def field_writer(self, storage, segment):
        from index.search.whoosh.flush import BulkFieldWriter  # it builds on this module

        return BulkFieldWriter(self, storage, segment)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return ArrayLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class LengthsInMemoryPerDocReader(whoosh3.W3PerDocReader):
    """W3's per-document reader, with each field's lengths column read in one piece.

    Writing a segment (and merging) asks for the length of a posting's document once per posting,
    hundreds of times per article; W3 reads one byte from the file each time, this reads the
    column once.
    """

    def __init__(self, storage, segment):
        super().__init__(storage, segment)
        self._length_bytes: dict[str, bytes | None] = {}

    def doc_field_length(self, docnum, fieldname, default=0):
        if docnum > self._doccount:
            raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
        lengths = self.field_length_bytes(fieldname)
        if lengths is None:
            return default
        length_byte = lengths[docnum]
        return _LENGTHS[length_byte] if length_byte else None

    def field_length_bytes(self, fieldname: str) -> bytes | None:
        """Every document's length byte in the field (0: none), None if the field has none."""
        if fieldname not in self._length_bytes:
            self._length_bytes[fieldname] = self._read_lengths(fieldname)
        return self._length_bytes[fieldname]

    def _read_lengths(self, fieldname: str) -> bytes | None:
        column = self._cached_reader(whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN)
        if column is None:
            return None
        count = column._count  # one byte per document: LENGTHS_COLUMN is NumericColumn("B")
        stored = column._dbfile.get(column._basepos, count) if count else b""
        # up to the last docnum doc_field_length answers, with the trailing zeros W3 leaves out
        return stored.ljust(self._doccount + 1, b"\0")


_LENGTHS = [byte_to_length(value) for value in range(256)]


class ArrayPostingsWriter(whoosh3.W3PostingsWriter):
    def __init__(self, postfile, blocklimit: int, inlinelimit: int):
        super().__init__(postfile, blocklimit, byteids=False, compression=0, inlinelimit=inlinelimit)

    def _write_block(self, last=False):
        if not self._blockcount:
            self._postfile.write(BLOCK_MAGIC)
        self._terminfo.add_block(self)
        body = block_body(self._ids, self._weights, self._values, self._format.fixed_value_size(),
                          self._maxweight, self._minlength, self._maxlength)
        self._postfile.write_int(-len(body) if last else len(body))
        self._postfile.write(body)
        self._blockcount += 1
        self._new_block()

    def add_posting_list(self, docnums: tuple, weights: tuple, values: tuple, length_bytes: bytes | None) -> None:
        """The current term's whole posting list (document numbers increasing, weights, encoded
        values), written as add_posting would write it; ``length_bytes`` has the field's length
        byte of every document (LengthsInMemoryPerDocReader.field_length_bytes)."""
        if self._blockcount or self._ids or not docnums:  # type: ignore[has-type] # Whoosh's own attributes
            raise ValueError("a posting list is written whole")
        limit, total = self._blocklimit, len(docnums)
        for start in range(0, total, limit):
            if total > limit:
                block = slice(start, start + limit)
                ids, block_weights, block_values = docnums[block], weights[block], values[block]
            else:
                ids, block_weights, block_values = docnums, weights, values
            # The block buffer add_posting would have filled, then written as it writes one
            self._ids, self._weights = array("I", ids), array("f", block_weights)
            self._values = block_values if all(block_values) else [value for value in block_values if value]
            maxweight = max(block_weights)
            self._maxweight = maxweight if maxweight > 0 else 0  # add_posting's maximum starts at 0
            self._minlength, self._maxlength = None, 0
            if length_bytes is not None:
                present = bytes(map(length_bytes.__getitem__, ids)).translate(None, b"\0")
                if present:  # byte_to_length is increasing: the extreme bytes are the extreme lengths
                    self._minlength, self._maxlength = _LENGTHS[min(present)], _LENGTHS[max(present)]
            self._write_block(last=start + limit >= total)

    def add_copied_blocks(self, bodies: list[bytes], totals) -> None:
        """The current term's whole posting list as blocks already made (index.search.whoosh.merge
        copies them from other segments); ``totals`` is its TermInfo statistics."""
        if self._blockcount or self._ids or not bodies:  # type: ignore[has-type] # Whoosh's own attributes
            raise ValueError("copied blocks make a whole posting list")
        self._postfile.write(BLOCK_MAGIC)
        for number, body in enumerate(bodies):
            self._postfile.write_int(-len(body) if number == len(bodies) - 1 else len(body))
            self._postfile.write(body)
        self._blockcount = len(bodies)
        info = self._terminfo
        info._weight, info._df = totals.weight(), totals.doc_frequency()
        info._minlength, info._maxlength = totals.min_length(), totals.max_length()
        info._maxweight, info._minid, info._maxid = totals.max_weight(), totals.min_id(), totals.max_id()


def block_body(ids: array, weights: array, values, fixed_size: int | None, maxweight: float,
               minlength: int | None, maxlength: int) -> bytes:
    """A block's bytes (after its length): ids as array("I"), weights as array("f"), values the
    non-empty encoded values."""
    count = len(ids)
    if weights.count(1.0) == count:
        weight_kind, weight_bytes = WEIGHTS_ONES, b""
    elif weights.count(weights[0]) == count:
        weight_kind, weight_bytes = WEIGHTS_SAME, _SAME_WEIGHT.pack(weights[0])
    else:
        weight_kind, weight_bytes = WEIGHTS_ARRAY, _le_bytes(weights)
    if not values or fixed_size == 0:
        value_kind, value_bytes = _VALUES_NONE, b""
    elif fixed_size is not None and fixed_size > 0:
        value_kind, value_bytes = _VALUES_FIXED, b"".join(values)
    else:
        offsets = array("I", accumulate(map(len, values), initial=0))
        value_kind, value_bytes = _VALUES_VARIABLE, _le_bytes(offsets) + b"".join(values)
    if value_bytes:
        value_bytes = zlib.compress(value_bytes, _VALUES_COMPRESSION)
    header = _HEADER.pack(count, ids[-1], maxweight, length_to_byte(minlength), length_to_byte(maxlength),
                          weight_kind, value_kind, len(value_bytes))
    return header + _le_bytes(ids) + weight_bytes + value_bytes


class ArrayLeafMatcher(whoosh3.W3LeafMatcher):
    def _read_header(self):
        postfile = self._postfile
        postfile.seek(self._startoffset)
        magic = postfile.read(4)
        if magic != BLOCK_MAGIC:
            raise ValueError(f"Posting block tag error {magic!r}")
        self._baseoffset = postfile.tell()

    def _goto(self, position):
        self._data = self._ids = self._weights = self._values = None
        self._i = 0
        layout = self._layout = block_layout(self._postfile.get(position, 4 + _HEADER.size), 0, base=position)
        if layout.following < 0:
            self._lastblock = True
        else:
            self._nextoffset = layout.following
        self._blocklength = layout.count
        self._maxid = layout.max_id
        self._maxweight = layout.max_weight
        self._compression = 0
        self._minlength = byte_to_length(layout.min_length_byte)
        self._maxlength = byte_to_length(layout.max_length_byte)

    def _read_data(self):  # W3 reads everything at once; here each part is read when asked for
        pass

    def _read_ids(self):
        layout = self._layout
        self._ids = _le_array("I", self._postfile.get(layout.ids_offset, 4 * layout.count))

    def _read_weights(self):
        layout = self._layout
        if layout.weight_kind == WEIGHTS_ONES:
            self._weights = array("f", [1.0]) * layout.count
        elif layout.weight_kind == WEIGHTS_SAME:
            raw = self._postfile.get(layout.weights_offset, _SAME_WEIGHT.size)
            self._weights = array("f", [same_weight(raw, layout, base=layout.weights_offset)]) * layout.count
        else:
            self._weights = _le_array("f", self._postfile.get(layout.weights_offset, 4 * layout.count))

    def _read_values(self):
        layout = self._layout
        raw = self._postfile.get(layout.values_offset, layout.values_size) if layout.values_size else b""
        self._values = block_values(raw, layout, self._fixedsize, base=layout.values_offset)


class BlockLayout(NamedTuple):
    """One posting block's header, and where its parts lie."""

    following: int  # position of the next block, -1 after the last
    count: int  # type: ignore[assignment] # (shadows tuple.count, which nothing here uses)
    max_id: int
    max_weight: float
    min_length_byte: int
    max_length_byte: int
    ids_offset: int
    weight_kind: int
    weights_offset: int
    value_kind: int
    values_offset: int
    values_size: int


def block_layout(raw: bytes | memoryview, position: int, base: int = 0) -> BlockLayout:
    """The layout of the block at ``position`` in ``raw`` (4 after a posting list's magic);
    offsets are positions in ``raw`` plus ``base`` (where ``raw`` starts in its file)."""
    length = _INT.unpack_from(raw, position)[0]
    last = length < 0
    length = -length if last else length
    start = position + 4
    count, max_id, max_weight, min_byte, max_byte, weight_kind, value_kind, values_size = _HEADER.unpack_from(raw, start)
    ids_offset = base + start + _HEADER.size
    weights_offset = ids_offset + 4 * count
    values_offset = weights_offset + (0, _SAME_WEIGHT.size, 4 * count)[weight_kind]
    following = -1 if last else base + start + length
    return BlockLayout(following, count, max_id, max_weight, min_byte, max_byte, ids_offset, weight_kind,
                       weights_offset, value_kind, values_offset, values_size)


class PostingArrays(NamedTuple):
    """A whole posting list: document numbers (int64) and weights (float64), and where each
    block starts (in the raw bytes, and as the index of its first posting) for its values."""

    ids: np.ndarray
    weights: np.ndarray
    block_positions: list[int]
    block_starts: list[int]


class PostingLists(NamedTuple):
    """:class:`PostingArrays` without numpy: document numbers as array("I"), weights as
    array("f") (each read as the Python float numpy's float64 would hold)."""

    ids: array
    weights: array
    block_positions: list[int]
    block_starts: list[int]


class _Blocks(NamedTuple):
    """A posting list's blocks, each one's ids and weights still raw bytes."""

    id_parts: list[bytes]
    weight_parts: list[bytes | None]  # None: every weight of the block is its same_weights entry
    counts: list[int]
    same_weights: list[float]
    block_positions: list[int]
    block_starts: list[int]


def _blocks(raw: bytes) -> _Blocks:
    """The parts of every block of a posting list (``raw``, from its magic on). Only the headers
    are read per block (a common word has ~100 blocks per segment); the values wait for a
    phrase (:func:`block_layout`, :func:`block_values`)."""
    id_parts: list[bytes] = []
    weight_parts: list[bytes | None] = []
    counts: list[int] = []
    same_weights: list[float] = []
    block_positions, block_starts = [], []
    unpack_length, unpack_header, header_size = _INT.unpack_from, _HEADER.unpack_from, _HEADER.size
    position, first = 4, 0  # after the block magic
    while position >= 0:
        # The header as block_layout reads it, inline: a BlockLayout per block took twice as long.
        length = unpack_length(raw, position)[0]
        start = position + 4
        count, _max_id, _max_weight, _min_byte, _max_byte, weight_kind, _values_kind, _values_size = (
            unpack_header(raw, start))
        ids_offset = start + header_size
        weights_offset = ids_offset + 4 * count
        block_positions.append(position)
        block_starts.append(first)
        first += count
        counts.append(count)
        id_parts.append(raw[ids_offset:weights_offset])
        if weight_kind == WEIGHTS_ARRAY:
            weight_parts.append(raw[weights_offset:weights_offset + 4 * count])
            same_weights.append(0.0)
        else:
            weight_parts.append(None)
            same_weights.append(1.0 if weight_kind == WEIGHTS_ONES else _SAME_WEIGHT.unpack_from(raw, weights_offset)[0])
        position = -1 if length < 0 else start + length
    return _Blocks(id_parts, weight_parts, counts, same_weights, block_positions, block_starts)


def posting_arrays(raw: bytes) -> PostingArrays:
    """Ids and weights of every block of a posting list gathered into one numpy array each,
    without a Python step per posting."""
    import numpy as np  # not at import: a search of short lists needs none (index.search.whoosh.short_lists)

    blocks = _blocks(raw)
    ids = np.frombuffer(b"".join(blocks.id_parts), dtype="<u4").astype(np.int64)
    if all(part is None for part in blocks.weight_parts):
        weights = np.repeat(np.array(blocks.same_weights, dtype=np.float32), blocks.counts).astype(np.float64)
    else:
        weights = np.concatenate([
            np.frombuffer(part, dtype="<f4") if part is not None else np.full(count, weight, dtype=np.float32)
            for part, count, weight in zip(blocks.weight_parts, blocks.counts, blocks.same_weights)]
        ).astype(np.float64)
    return PostingArrays(ids, weights, blocks.block_positions, blocks.block_starts)


def posting_lists(raw: bytes) -> PostingLists:
    """What :func:`posting_arrays` reads, as arrays of the standard library."""
    blocks = _blocks(raw)
    ids = _le_array("I", b"".join(blocks.id_parts))
    weights = array("f")
    for part, count, weight in zip(blocks.weight_parts, blocks.counts, blocks.same_weights):
        weights.extend(_le_array("f", part) if part is not None else array("f", [weight]) * count)
    return PostingLists(ids, weights, blocks.block_positions, blocks.block_starts)


def same_weight(raw: bytes | memoryview, layout: BlockLayout, base: int = 0) -> float:
    """The one weight of a WEIGHTS_SAME block, from ``raw`` starting at ``base`` in its file."""
    return _SAME_WEIGHT.unpack_from(raw, layout.weights_offset - base)[0]


def block_values(raw: bytes | memoryview, layout: BlockLayout, fixed_size: int | None, base: int = 0):
    """The values (encoded positions, for a phrase) of every posting in the block, indexable by
    posting: decompressed at once, each sliced out only when asked for (a phrase checks a few)."""
    count = layout.count
    if layout.value_kind == _VALUES_NONE:
        return (None,) * count
    start = layout.values_offset - base
    data = zlib.decompress(raw[start : start + layout.values_size])
    if layout.value_kind == _VALUES_FIXED:
        assert fixed_size is not None  # a block of fixed-size values comes from a fixed-size format
        return _FixedValues(data, fixed_size)
    return _VariableValues(data, _le_array("I", data[: 4 * (count + 1)]), 4 * (count + 1))


class _FixedValues:
    __slots__ = ("_data", "_size")

    def __init__(self, data: bytes, size: int):
        self._data, self._size = data, size

    def __len__(self) -> int:
        return len(self._data) // self._size

    def __getitem__(self, index: int) -> bytes:
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._data[index * self._size : (index + 1) * self._size]


class _VariableValues:
    __slots__ = ("_data", "_offsets", "_start")

    def __init__(self, data: bytes, offsets: array, start: int):
        self._data, self._offsets, self._start = data, offsets, start  # values begin at start

    def __len__(self) -> int:
        return len(self._offsets) - 1

    def __getitem__(self, index: int) -> bytes:
        if not 0 <= index < len(self):
            raise IndexError(index)
        return self._data[self._start + self._offsets[index] : self._start + self._offsets[index + 1]]


# Blocks of positions a posting list keeps decoded: a phrase reads a few documents' positions.
KEPT_BLOCKS = 8


def kept_block_value(raw, block_positions: list[int], block_starts: list[int], decoded: dict,
                     fixed_size: int | None, index: int):
    """The stored value of posting `index`, its block decoded once and kept in `decoded` (the
    last KEPT_BLOCKS blocks)."""
    block = bisect_right(block_starts, index) - 1
    values = decoded.get(block)
    if values is None:
        values = block_values(raw, block_layout(raw, block_positions[block]), fixed_size)
        if len(decoded) >= KEPT_BLOCKS:
            decoded.pop(next(iter(decoded)))
        decoded[block] = values
    return values[index - block_starts[block]]
