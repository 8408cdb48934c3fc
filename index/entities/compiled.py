"""The word lists and gazetteer in compiled form (data/compiled.marshal), for a fast start.

Written by build_data (and so by train). It records a fingerprint of the source files it was
made from; when a source has changed since (say curated.txt was edited), it is ignored and
the lists are built from the sources, which is correct but slower.
"""

from __future__ import annotations

import gc
import hashlib
import logging
import marshal
from importlib import resources
from pathlib import Path

from .gazetteer import Gazetteer, GazetteerEntry
from .lexicon import Lexicon

logger = logging.getLogger(__name__)

COMPILED = "compiled.marshal"
_SOURCES = ("curated.txt", "places.tsv", "first_names.txt", "surnames.txt", "common_words.txt")
_VERSION = 6


def _data(name: str):
    return resources.files(__package__) / "data" / name


def fingerprint() -> str:
    digest = hashlib.sha1(str(_VERSION).encode())
    for name in _SOURCES:
        digest.update(_data(name).read_bytes())
    return digest.hexdigest()


def save(lexicon: Lexicon, gazetteer: Gazetteer, path: Path) -> None:
    payload = {
        "fingerprint": fingerprint(),
        "first_names": lexicon.first_names,
        "surnames": lexicon.surnames,
        "common_words": lexicon.common_words,
        "entries": tuple((e.id, e.name, e.kind, e.aliases, e.roles)
                         for e in gazetteer.entries.values()),
        "index": gazetteer._index,
        "first_words": gazetteer._first_words,
    }
    path.write_bytes(marshal.dumps(payload))


def load() -> tuple[Lexicon, Gazetteer]:
    """Lexicon and gazetteer, from the compiled file when it is current."""
    try:
        collecting = gc.isenabled()
        gc.disable()  # hundreds of thousands of small objects: no cycles to look for
        try:
            payload = marshal.loads(_data(COMPILED).read_bytes())
        finally:
            if collecting:
                gc.enable()
        if payload.get("fingerprint") == fingerprint():
            lexicon = Lexicon(payload["first_names"], payload["surnames"],
                              payload["common_words"], [])
            gazetteer = Gazetteer(
                entries={e[0]: GazetteerEntry(*e) for e in payload["entries"]},
                _index=payload["index"], _first_words=payload["first_words"])
            return lexicon, gazetteer
        logger.info("compiled word lists are out of date; building them from the sources")
    except (OSError, ValueError, EOFError, TypeError, KeyError):
        logger.info("no usable compiled word lists; building them from the sources")
    lexicon = Lexicon.load()
    return lexicon, Gazetteer.load(lexicon)
