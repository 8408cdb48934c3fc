"""The texts the quote gold set points into, read from ../shared/data at run time (never copied).

A document is named by where it comes from:
- ``gnad/NNNN``: row NNNN (0-based) of real_news_10kgnad/test.csv, read with ``csv.reader``
  (``;`` separated, ``'`` quoted); the text is the row's second field as it stands.
- ``html/<file>``: a page of real_html/, the body as the project's own import extracts it
  (``index.ingest.parse_file``), i.e. the text `reader add` stores and `reader show` prints.

Offsets in the gold files are Python ``str`` indices into these texts.
"""

from __future__ import annotations

import csv
import hashlib
from functools import lru_cache
from pathlib import Path

DATA = Path(__file__).resolve().parents[2] / ".." / "shared" / "data"
GNAD_CSV = DATA / "real_news_10kgnad" / "test.csv"
REAL_HTML = DATA / "real_html"


@lru_cache(maxsize=1)
def _gnad_rows() -> list[str]:
    with GNAD_CSV.open(encoding="utf-8", newline="") as handle:
        return [row[1] for row in csv.reader(handle, delimiter=";", quotechar="'")]


@lru_cache(maxsize=64)
def document_text(name: str) -> str:
    """The text of one document of the gold set (see the module docstring)."""
    collection, _, item = name.partition("/")
    if collection == "gnad":
        return _gnad_rows()[int(item)]
    if collection == "html":
        from index.ingest import parse_file

        return parse_file(REAL_HTML / item)[0].body
    raise ValueError(f"unknown document {name!r}: names start with gnad/ or html/")


def fingerprint(text: str) -> str:
    """A short hash of a span: checks that offsets still point at the same words, without the words."""
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
