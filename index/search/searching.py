"""From a query string to hits a reader sees: parsed here, ranked by the backend, then given
snippets and highlight offsets from the store's text. Every backend gets these alike, because
they come from the terms the backend expanded the query to (SearchBackend.expand), not from it.
"""

from __future__ import annotations

import logging
import re
import threading
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from index.models import Hit, Span
from index.search import query as q
from index.search.backend import SearchBackend, Sort
from index.search.parser import EntityLookup, parse
from index.search.snippets import FieldTerms, Match, find_matches, make_snippet, merged, positive_terms

logger = logging.getLogger(__name__)

_HIGHLIGHT_CACHE_SIZE = 64


class StoredText(Protocol):
    """What a hit shows of an article, from the store of record."""

    title: str
    body: str
    source: str | None
    published: datetime | None


# fetch(ids) -> {id: article}; ids the store does not know are left out.
Fetch = Callable[[list[str]], Mapping[str, StoredText]]
# mentions_of(article ids, raw entity ids) -> {article id: [(start, end, raw entity id)]} in the body.
MentionsOf = Callable[[list[str], list[str]], Mapping[str, list[tuple[int, int, str]]]]


def entities_asked(node: q.Query) -> dict[str, str]:
    """The raw ids of the entities the query asks for (person:, org:, place:, other:; not what it
    excludes), each with a key naming its query part."""
    if isinstance(node, q.Not):
        return {}
    if isinstance(node, q.Entity):
        if node.field != q.ENTITY_FIELD:
            return {}
        return {raw: f"{node.kind}:{node.name}" for raw in node.ids if not raw.startswith("agency:")}
    asked: dict[str, str] = {}
    for child in q.children(node):
        asked.update(entities_asked(child))
    return asked


@dataclass
class Results:
    """A page of hits and, when counted, how many articles match in all."""

    hits: list[Hit]
    total: int | None


def _named_in(title: str, body: str, mentions: list[Match]) -> list[Match]:
    """Where the title names an entity the way the body's mentions of it do (the recogniser reads
    only the body)."""
    found = []
    for surface in {body[mention.start:mention.end] for mention in mentions}:
        for hit in re.finditer(rf"(?<!\w){re.escape(surface)}(?!\w)", title):
            found.append(Match(hit.start(), hit.end(), surface))
    return found


class Searcher:
    """Searches one backend; safe to share between threads."""

    def __init__(self, backend: SearchBackend, fetch: Fetch, entity_ids_for: EntityLookup | None = None,
                 mentions_of: MentionsOf | None = None):
        self.backend = backend
        self.fetch = fetch
        self.entity_ids_for = entity_ids_for
        # The mentions of person:/org:/... entities are hits like words (None: only words are).
        self.mentions_of = mentions_of
        # (query, field) -> its highlight terms and entities at a generation: hopping and painting repeat a query.
        self._highlights: dict[tuple[str, str], tuple[int, FieldTerms, dict[str, str]]] = {}
        self._lock = threading.Lock()

    def parse(self, text: str) -> q.Query:
        return parse(text, self.entity_ids_for)

    def search(self, text: str, limit: int = 20, *, allowed: Collection[str] | None = None,
               sort: Sort = Sort.RELEVANCE) -> list[Hit]:
        """The best ``limit`` hits for ``text``, with snippets and highlight offsets.

        Hits the store does not know (the index is ahead of or behind it) are left out.
        """
        return self.find(text, limit, allowed=allowed, sort=sort).hits

    def find(self, text: str, limit: int = 20, *, allowed: Collection[str] | None = None,
             sort: Sort = Sort.RELEVANCE, count: bool = False) -> Results:
        """search(), and with ``count`` how many articles match in all."""
        parsed = self.parse(text)
        if limit <= 0 and not count:
            return Results([], None)
        expanded = self.backend.expand(parsed)
        found = self.backend.search(expanded, max(limit, 0), allowed=allowed, sort=sort, count=count)
        return Results(self._hits(expanded, found.hits), found.total)

    def _hits(self, expanded: q.Query, ranked: list[tuple[str, float]]) -> list[Hit]:
        ids = [article_id for article_id, _score in ranked]
        texts = self.fetch(ids) if ranked else {}
        body_terms = positive_terms(expanded, "body")
        title_terms = positive_terms(expanded, "title")
        mentions = self._mentions(ids, entities_asked(expanded))
        hits = []
        for article_id, score in ranked:
            article = texts.get(article_id)
            if article is None:
                logger.debug("Search hit %s is not in the store; skipped", article_id)
                continue
            body_matches = merged(find_matches(article.body, body_terms), mentions.get(article_id, []))
            snippet, snippet_spans = make_snippet(article.body, body_matches)
            hits.append(Hit(
                id=article_id, title=article.title, source=article.source, published=article.published,
                score=score, snippet=snippet,
                body_matches=[Span(start=match.start, end=match.end) for match in body_matches],
                title_matches=[Span(start=match.start, end=match.end) for match in merged(
                    find_matches(article.title, title_terms),
                    _named_in(article.title, article.body, mentions.get(article_id, [])))],
                snippet_matches=[Span(start=start, end=end) for start, end in snippet_spans],
            ))
        return hits

    def _mentions(self, ids: list[str], asked: dict[str, str]) -> dict[str, list[Match]]:
        """The mentions of the entities asked for in these articles, as matches."""
        if not asked or not ids or self.mentions_of is None:
            return {}
        found = self.mentions_of(ids, list(asked))
        return {article_id: [Match(start, end, asked[raw]) for start, end, raw in spans]
                for article_id, spans in found.items()}

    def match_spans(self, text: str, document: str, *, field: str = "body",
                    article_id: str | None = None) -> list[Span]:
        """Offsets in ``document`` of the words the query's positive terms match (for
        highlighting an article opened from the hits); with the article's id, also the mentions
        of the entities the query asks for."""
        generation = self.backend.generation()
        with self._lock:
            cached = self._highlights.get((text, field))
        if cached is not None and cached[0] == generation:
            terms, asked = cached[1], cached[2]
        else:
            expanded = self.backend.expand(self.parse(text))
            terms, asked = positive_terms(expanded, field), entities_asked(expanded) if field == "body" else {}
            with self._lock:
                if len(self._highlights) >= _HIGHLIGHT_CACHE_SIZE:
                    self._highlights.clear()
                self._highlights[(text, field)] = (generation, terms, asked)
        mentions = self._mentions([article_id], asked).get(article_id, []) if article_id else []
        return [Span(start=match.start, end=match.end) for match in merged(find_matches(document, terms), mentions)]
