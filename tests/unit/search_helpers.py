"""Searching a backend in tests as the library does (index.search.searching), with the texts
of the hits from a dict instead of the store."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import datetime

from index.models import Hit
from index.search.searching import Searcher


@dataclass
class StoredText:
    title: str
    body: str
    source: str | None = None
    published: datetime | None = None


def searched(backend, text: str, limit: int = 20, *, fetch: Callable[[list[str]], Mapping],
             entity_ids_for=None) -> list[Hit]:
    """Hits for ``text``; ``fetch(ids)`` gives each id's (title, body) or an object with title,
    body, source and published."""

    def stored(ids: list[str]) -> dict:
        return {key: StoredText(*value) if isinstance(value, tuple) else value for key, value in fetch(ids).items()}

    return Searcher(backend, stored, entity_ids_for).search(text, limit)


def spans(backend, query: str, text: str):
    """Where ``query`` matches in ``text`` (as an opened article is highlighted)."""
    return Searcher(backend, lambda ids: {}).match_spans(query, text)
