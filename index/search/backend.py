"""The one interface a search engine implements for the library: documents in, ranked ids out.

Everything above it (the query language, highlighting, snippets, the store of record) is the
project's own and engine-neutral: the parser (:mod:`index.search.parser`) makes a query tree
(:mod:`index.search.query`) of index terms, the backend ranks it, and highlighting works from the
terms the backend expanded the query to and the store's text (:mod:`index.search.searching`).

Writes: ``add`` (which replaces a document of the same id), ``delete`` and ``clear`` each write
one commit, all or nothing: the store marks articles indexed only after the call returns, which is
what lets a crash at any moment be repaired by indexing what the store still marks (see
index.work_lock). An engine with cheaper batching (OpenSearch's bulk API) batches inside a call.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import Protocol

from index.search.query import Query


@dataclass
class IndexDocument:
    """What the index needs of an article."""

    id: str
    title: str
    body: str
    source: str | None
    published: datetime | None
    kind: str
    tags: list[str] = field(default_factory=list)
    # Raw entity ids of the article's mentions and agency:NAME terms, for person:/agency: queries.
    entity_ids: list[str] = field(default_factory=list)
    # The text of each of the article's quotes (quote:), and the raw entity ids of their speakers (said:).
    quotes: list[str] = field(default_factory=list)
    speaker_ids: list[str] = field(default_factory=list)
    # Title and body made ready for the index by an import worker (Engine.prepare), if any.
    prepared: bytes | None = None


class Sort(Enum):
    """The order of search results. A query of dates only lists the newest first whatever this is."""

    RELEVANCE = "relevance"
    NEWEST = "newest"
    OLDEST = "oldest"


@dataclass
class Ranked:
    """Search results: (article id, score) best first, and how many articles match in all."""

    hits: list[tuple[str, float]]
    total: int | None  # None unless counted (search(count=True)): phrases make counting cost


class SearchBackend(Protocol):
    """A full-text index of the library's articles, rebuildable from the store at any time."""

    needs_rebuild: bool  # opened empty (new, outdated or damaged): the library re-indexes the store
    damaged: bool  # found damaged while open: clear() starts it afresh
    on_wait: Callable[[str], None] | None  # told, once per wait, that another process is writing

    def add(self, docs: Iterable[IndexDocument]) -> int:
        """Add documents, replacing any with the same id (within one call the last wins), in one
        commit; returns how many."""
        ...

    def delete(self, ids: Iterable[str]) -> None:
        """Remove these documents (unknown ids are ignored), in one commit."""
        ...

    def clear(self) -> None:
        """Remove every document; a damaged index starts again from nothing."""
        ...

    def optimise(self) -> None:
        """Make searching cheaper after a large import (merging small segments, ...)."""
        ...

    def expand(self, query: Query) -> Query:
        """The query with its fuzzy words, wildcards and term ranges replaced by the index terms
        they match (prefixes stay prefixes): what search() ranks best and highlighting paints.
        Raises QueryTooCostly (one sentence) when they name too many terms."""
        ...

    def search(self, query: Query, limit: int, *, allowed: Collection[str] | None = None,
               sort: Sort = Sort.RELEVANCE, count: bool = False) -> Ranked:
        """The best ``limit`` matches of ``query`` (expanded or not) among ``allowed`` article ids
        (None: all), in ``sort`` order; with ``count``, ``total`` is how many match in all."""
        ...

    def count_within(self, query: Query, parts: Mapping[str, Query], *,
                     allowed: Collection[str] | None = None) -> dict[str, int]:
        """For each part, how many articles match both ``query`` and that part (expanded or not):
        what adding the part to the query would find. Facets are counted with it."""
        ...

    def generation(self) -> int:
        """Changes whenever the searchable documents may have changed (any process's commit)."""
        ...

    def doc_count(self) -> int: ...

    def ids(self) -> set[str]: ...

    def damage(self, thorough: bool = True) -> list[str]:
        """What is wrong with the index's files, in sentences (empty if nothing)."""
        ...

    def warm_up(self) -> None:
        """Load ahead of the first search what would make it slow."""
        ...

    def close(self) -> None: ...


class Engine(Protocol):
    """A search engine: a package under index/search/ with these two functions."""

    def open_backend(self, directory: Path) -> SearchBackend:
        """The index in ``directory`` (created empty, needs_rebuild, if missing or unusable)."""
        ...

    def prepare(self, title: str, body: str) -> bytes | None:
        """An article's title and body made ready for add() (analysed, encoded) by an import
        worker process, so the writing process does less; None if the engine has no such step."""
        ...
