"""Whoosh's W3 codec with posting blocks stored as plain arrays instead of compressed pickles.

W3 writes each block of postings as ``zlib(pickle((id deltas, weights, values)))``: reading a
block of a common word's 128 postings costs ~60 µs of unpickling, positions included, even when
only ids and weights are wanted. Here a block is a fixed header, the document numbers as
little-endian uint32, the weights as float32 (or one number when they are all equal), and the
values (positions) zlib-compressed behind them, decoded only when a phrase asks for them.
Whoosh's matchers read these blocks unchanged, and :func:`term_postings` turns a whole posting
list into numpy arrays without a Python loop per posting (see :mod:`index.search_vector`).

Everything else (terms, columns, stored fields, vectors) is W3's.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array
from typing import NamedTuple

from whoosh.codec import whoosh3
from whoosh.util.numeric import byte_to_length, length_to_byte

BLOCK_MAGIC = b"RdB1"
BLOCK_LIMIT = 256  # postings per block: fewer blocks per list, still fine-grained skipping
# count, last id, max weight, min length byte, max length byte, weight kind, values kind,
# bytes of the (compressed) values section
_HEADER = struct.Struct("<IIfBBBBI")
_INT = struct.Struct("!i")  # Whoosh writes block lengths in network order
_WEIGHTS_ONES, _WEIGHTS_SAME, _WEIGHTS_ARRAY = 0, 1, 2
_VALUES_NONE, _VALUES_FIXED, _VALUES_VARIABLE = 0, 1, 2
_VALUES_COMPRESSION = 1  # zlib level: positions compress ~4x at level 1, little gain above
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

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        return ArrayLeafMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


class ArrayPostingsWriter(whoosh3.W3PostingsWriter):
    def __init__(self, postfile, blocklimit: int, inlinelimit: int):
        super().__init__(postfile, blocklimit, byteids=False, compression=0, inlinelimit=inlinelimit)

    def _write_block(self, last=False):
        if not self._blockcount:
            self._postfile.write(BLOCK_MAGIC)
        self._terminfo.add_block(self)
        ids, weights, values = self._ids, self._weights, self._values
        count = len(ids)
        first_weight = weights[0]
        if all(weight == 1.0 for weight in weights):
            weight_kind, weight_bytes = _WEIGHTS_ONES, b""
        elif all(weight == first_weight for weight in weights):
            weight_kind, weight_bytes = _WEIGHTS_SAME, struct.pack("<f", first_weight)
        else:
            weight_kind, weight_bytes = _WEIGHTS_ARRAY, _le_bytes(weights)
        fixed_size = self._format.fixed_value_size()
        if not values or fixed_size == 0:
            value_kind, value_bytes = _VALUES_NONE, b""
        elif fixed_size is not None and fixed_size > 0:
            value_kind, value_bytes = _VALUES_FIXED, b"".join(values)
        else:
            offsets = array("I", [0])
            for value in values:
                offsets.append(offsets[-1] + len(value))
            value_kind, value_bytes = _VALUES_VARIABLE, _le_bytes(offsets) + b"".join(values)
        if value_bytes:
            value_bytes = zlib.compress(value_bytes, _VALUES_COMPRESSION)
        header = _HEADER.pack(
            count, ids[-1], self._maxweight, length_to_byte(self._minlength),
            length_to_byte(self._maxlength), weight_kind, value_kind, len(value_bytes),
        )
        body = header + _le_bytes(ids) + weight_bytes + value_bytes
        self._postfile.write_int(-len(body) if last else len(body))
        self._postfile.write(body)
        self._blockcount += 1
        self._new_block()


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
        postfile = self._postfile
        length = postfile.get_int(position)
        if length < 0:
            self._lastblock = True
            length = -length
        self._nextoffset = position + 4 + length
        start = position + 4
        (count, self._maxid, self._maxweight, min_byte, max_byte, self._weight_kind, self._value_kind,
         self._value_size) = _HEADER.unpack(postfile.get(start, _HEADER.size))
        self._blocklength = count
        self._compression = 0
        self._minlength = byte_to_length(min_byte)
        self._maxlength = byte_to_length(max_byte)
        self._idsoffset = start + _HEADER.size
        weights_size = (0, 4, 4 * count)[self._weight_kind]
        self._weightsoffset = self._idsoffset + 4 * count
        self._dataoffset = self._weightsoffset + weights_size

    def _read_data(self):  # W3 reads everything at once; here each part is read when asked for
        pass

    def _read_ids(self):
        self._ids = _le_array("I", self._postfile.get(self._idsoffset, 4 * self._blocklength))

    def _read_weights(self):
        count = self._blocklength
        if self._weight_kind == _WEIGHTS_ONES:
            self._weights = array("f", [1.0]) * count
        elif self._weight_kind == _WEIGHTS_SAME:
            (weight,) = struct.unpack("<f", self._postfile.get(self._weightsoffset, 4))
            self._weights = array("f", [weight]) * count
        else:
            self._weights = _le_array("f", self._postfile.get(self._weightsoffset, 4 * count))

    def _read_values(self):
        raw = self._postfile.get(self._dataoffset, self._value_size) if self._value_size else b""
        layout = BlockLayout(-1, self._blocklength, 0, self._weight_kind, None, 0, self._value_kind, 0,
                             self._value_size)  # offsets into ``raw``, which holds only the values
        self._values = block_values(raw, layout, self._fixedsize)


class BlockLayout(NamedTuple):
    """Where the parts of one posting block lie in a posting list's bytes."""

    following: int  # position of the next block, -1 after the last
    count: int
    ids_offset: int
    weight_kind: int
    same_weight: float | None  # the one weight of a WEIGHTS_SAME block
    weights_offset: int
    value_kind: int
    values_offset: int
    values_size: int


def block_layout(raw: bytes | memoryview, position: int) -> BlockLayout:
    """The layout of the block at ``position`` in a posting list's bytes (4 after its magic)."""
    length = _INT.unpack_from(raw, position)[0]
    last = length < 0
    length = -length if last else length
    start = position + 4
    count, _maxid, _maxweight, _min, _max, weight_kind, value_kind, values_size = _HEADER.unpack_from(raw, start)
    ids_offset = start + _HEADER.size
    weights_offset = ids_offset + 4 * count
    same = None
    if weight_kind == _WEIGHTS_SAME:
        same = struct.unpack_from("<f", raw, weights_offset)[0]
    values_offset = weights_offset + (0, 4, 4 * count)[weight_kind]
    following = -1 if last else start + length
    return BlockLayout(following, count, ids_offset, weight_kind, same, weights_offset, value_kind,
                       values_offset, values_size)


def block_values(raw: bytes | memoryview, layout: BlockLayout, fixed_size: int | None) -> tuple:
    """The values (encoded positions, for a phrase) of every posting in the block."""
    count = layout.count
    if layout.value_kind == _VALUES_NONE:
        return (None,) * count
    data = zlib.decompress(raw[layout.values_offset : layout.values_offset + layout.values_size])
    if layout.value_kind == _VALUES_FIXED:
        return tuple(data[i : i + fixed_size] for i in range(0, len(data), fixed_size))
    offsets = _le_array("I", data[: 4 * (count + 1)])
    data = data[4 * (count + 1) :]
    return tuple(data[offsets[i] : offsets[i + 1]] for i in range(count))


WEIGHTS_ONES, WEIGHTS_SAME, WEIGHTS_ARRAY = _WEIGHTS_ONES, _WEIGHTS_SAME, _WEIGHTS_ARRAY
