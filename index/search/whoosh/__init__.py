"""The Whoosh search engine (whoosh-reloaded 2.7.5), much of it rebuilt for speed: every module
that knows Whoosh is in this package, and README.md here lists the private Whoosh names it uses.

The engine protocol (index.search.backend.Engine): open_backend() and prepare().
"""

from __future__ import annotations

from pathlib import Path

from index.search.whoosh.engine import WhooshBackend


def open_backend(directory: Path) -> WhooshBackend:
    return WhooshBackend.open(directory)


def prepare(title: str, body: str) -> bytes:
    """An article's title and body postings, made by an import worker (index.search.whoosh.prepared)."""
    from index.search.whoosh.prepared import prepare as prepare_postings
    from index.search.whoosh.schema import reference_schema

    return prepare_postings(reference_schema(), title, body)
