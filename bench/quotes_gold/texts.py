"""The texts the quote gold set points into, read from ../shared/data at run time (never copied).

A document is named by where it comes from:
- ``gnad/NNNN``: row NNNN (0-based) of real_news_10kgnad/test.csv, read with ``csv.reader``
  (``;`` separated, ``'`` quoted); the text is the row's second field as it stands.
- ``html/<file>``: a page of real_html/, the body as the project's own import extracts it
  (``index.ingest.parse_file``), i.e. the text `reader add` stores and `reader show` prints.
- ``smartdata/<fileName>``: the document of smartdata/v1_20180119/train.json.gz whose
  ``refids.map.fileName`` is ``<fileName>`` (e.g. ``smartdata_news_45.xml``); the text is its
  ``text.string``.

Offsets in the gold files are Python ``str`` indices into these texts.
"""

from __future__ import annotations

import csv
import gzip
import hashlib
import json
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
GNAD_CSV = DATA / "real_news_10kgnad" / "test.csv"
REAL_HTML = DATA / "real_html"
SMARTDATA = DATA / "smartdata" / "v1_20180119" / "train.json.gz"


@lru_cache(maxsize=1)
def _gnad_rows() -> list[str]:
    with GNAD_CSV.open(encoding="utf-8", newline="") as handle:
        return [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'")]


@lru_cache(maxsize=1)
def _smartdata_texts() -> dict[str, str]:
    # The file is concatenated pretty-printed JSON objects, not one JSON value.
    raw = gzip.decompress(SMARTDATA.read_bytes()).decode("utf-8")
    decoder = json.JSONDecoder()
    texts: dict[str, str] = {}
    position = 0
    while True:
        while position < len(raw) and raw[position].isspace():
            position += 1
        if position >= len(raw):
            return texts
        document, position = decoder.raw_decode(raw, position)
        file_name = ((document.get("refids") or {}).get("map") or {}).get("fileName")
        if file_name:
            texts[file_name] = document["text"]["string"]


@lru_cache(maxsize=64)
def document_text(name: str) -> str:
    """The text of one document of the gold set (see the module docstring)."""
    collection, _, item = name.partition("/")
    if collection == "gnad":
        return _gnad_rows()[int(item)]
    if collection == "html":
        from index.ingest import parse_file

        return parse_file(REAL_HTML / item)[0].body
    if collection == "smartdata":
        return _smartdata_texts()[item]
    raise ValueError(f"unknown document {name!r}: names start with gnad/, html/ or smartdata/")


def fingerprint(text: str) -> str:
    """A short hash of a span: checks that offsets still point at the same words, without the words."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
