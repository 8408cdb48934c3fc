"""A CRFsuite model file read directly: its attribute and label names, and its weights.

The recogniser scores and decodes sentences itself (index.entities.crf_decode) from the weights
read here, so it never builds the feature strings the tagger would look up one by one.

Layout (CRFsuite's crf1dm.c and cqdb.c, little-endian): a 48-byte header whose words 8-10 are the
offsets of the features chunk, the label dictionary and the attribute dictionary. A dictionary
(a CQDB chunk) starts with "CQDB", its size, flags, byte order, the number of names and the
offset of an array that gives, for each id, the offset of a record (int32 id, uint32 size with
the final NUL, the name's bytes). The features chunk is "FEAT", its size, the number of
features, then per feature: int32 type (0: attribute -> label, 1: label -> label), int32 source,
int32 destination, float64 weight.
"""

from __future__ import annotations

import logging
import struct
from pathlib import Path
from typing import NamedTuple

import numpy as np

logger = logging.getLogger(__name__)

_MODEL_HEADER = struct.Struct("<4sI4sIIIIIIIII")
_CQDB_HEADER = struct.Struct("<4sIIIII")
_FEATURES_HEADER = struct.Struct("<4sII")
_RECORD = struct.Struct("<iI")
_BYTE_ORDER = 0x62445371
_FEATURE = np.dtype([("type", "<i4"), ("source", "<i4"), ("target", "<i4"), ("weight", "<f8")])
_STATE, _TRANSITION = 0, 1


class CrfModel(NamedTuple):
    attributes: list[str]  # by attribute id
    labels: list[str]  # by label id
    state_weights: np.ndarray  # (attributes, labels)
    transitions: np.ndarray  # (labels, labels): from, to


class _BadModel(ValueError):
    pass


def read_model(model_path: Path) -> CrfModel | None:
    """The whole model, or None when the file is not a CRFsuite model as expected."""
    try:
        data = Path(model_path).read_bytes()
        magic, _size, kind, _version, _features, label_count, attribute_count, *offsets = \
            _MODEL_HEADER.unpack_from(data, 0)
        if magic != b"lCRF" or kind != b"FOMC":
            return None
        labels = _names(data, offsets[1], label_count)
        attributes = _names(data, offsets[2], attribute_count)
        chunk, chunk_size, count = _FEATURES_HEADER.unpack_from(data, offsets[0])
        if chunk != b"FEAT" or chunk_size != _FEATURES_HEADER.size + count * _FEATURE.itemsize:
            return None
        features = np.frombuffer(data, dtype=_FEATURE, count=count, offset=offsets[0] + _FEATURES_HEADER.size)
    except (OSError, struct.error, UnicodeDecodeError, ValueError):
        logger.debug("cannot read the CRF model %s", model_path, exc_info=True)
        return None
    state = features[features["type"] == _STATE]
    transition = features[features["type"] == _TRANSITION]
    if len(state) + len(transition) != count or not _within(state, attribute_count, label_count) \
            or not _within(transition, label_count, label_count):
        return None
    state_weights = np.zeros((attribute_count, label_count))
    np.add.at(state_weights, (state["source"], state["target"]), state["weight"])
    transitions = np.zeros((label_count, label_count))
    np.add.at(transitions, (transition["source"], transition["target"]), transition["weight"])
    return CrfModel(attributes, labels, state_weights, transitions)


def _within(features: np.ndarray, sources: int, targets: int) -> bool:
    return bool(np.all((features["source"] >= 0) & (features["source"] < sources)
                       & (features["target"] >= 0) & (features["target"] < targets)))


def _names(data: bytes, base: int, expected: int) -> list[str]:
    chunk, _chunk_size, _flag, order, size, array = _CQDB_HEADER.unpack_from(data, base)
    if chunk != b"CQDB" or order != _BYTE_ORDER or size != expected:
        raise _BadModel("not the dictionary expected")
    names = []
    for ident, offset in enumerate(struct.unpack_from(f"<{size}I", data, base + array)):
        start = base + offset
        found, length = _RECORD.unpack_from(data, start)
        name = data[start + _RECORD.size: start + _RECORD.size + length]
        if found != ident or not name.endswith(b"\0"):
            raise _BadModel("a dictionary record out of place")
        names.append(name[:-1].decode("utf-8"))
    if len(set(names)) != len(names):
        raise _BadModel("a name twice in a dictionary")
    return names
