"""The attribute names a CRFsuite model knows, read from the model file itself.

The tagger ignores every attribute its model has no weight for, but only after converting it
and looking it up; a model file holds exactly the attributes with weights (CRFsuite drops the
rest when it writes one). Giving the tagger only those gives the same tags for less work.

Layout (CRFsuite's crf1dm.c and cqdb.c, little-endian): a 48-byte header whose tenth word is
the offset of the attribute dictionary; the dictionary (a CQDB chunk) starts with "CQDB", its
size, flags, byte order, the number of names and the offset of an array that gives, for each
id, the offset of a record (int32 id, uint32 size with the final NUL, the name's bytes).
"""

from __future__ import annotations

import logging
import struct
from pathlib import Path

logger = logging.getLogger(__name__)

_MODEL_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB_HEADER = struct.Struct("<4sIIIII")
_RECORD = struct.Struct("<iI")
_BYTE_ORDER = 0x62445371


def attribute_names(model_path: Path) -> frozenset[str] | None:
    """Every attribute name in the model, or None when the file is not as expected (then
    the tagger is given all features, which is only slower)."""
    try:
        data = Path(model_path).read_bytes()
        magic, _size, kind, _version, _features, _labels, count, *offsets = \
            _MODEL_HEADER.unpack_from(data, 0)
        base = offsets[2]
        if magic != b"lCRF" or kind != b"FOMC":
            return None
        chunk, _chunk_size, _flag, order, size, array = _CQDB_HEADER.unpack_from(data, base)
        if chunk != b"CQDB" or order != _BYTE_ORDER or size != count:
            return None
        names = set()
        for ident, offset in enumerate(struct.unpack_from(f"<{size}I", data, base + array)):
            start = base + offset
            found, length = _RECORD.unpack_from(data, start)
            name = data[start + _RECORD.size: start + _RECORD.size + length]
            if found != ident or not name.endswith(b"\0"):
                return None
            names.add(name[:-1].decode("utf-8"))
    except (OSError, struct.error, UnicodeDecodeError):
        logger.debug("cannot read the attribute names of %s", model_path, exc_info=True)
        return None
    return frozenset(names) if len(names) == count else None
