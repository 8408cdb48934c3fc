"""Facet counts: how many of a query's matches each part (an entity, a source, a date range) keeps,
from whole posting lists and the date column, with no step per matching document."""

from __future__ import annotations

import threading
import weakref
from collections.abc import Callable, Mapping

import numpy as np

from index.search import query as q
from index.search.whoosh.dates import DateRange, PublicationDates
from index.search.whoosh.postings import Unsupported, term_postings
from index.search.whoosh.ranking import matching_docnums

# Memory for the docnums of counted terms (the entities facets try), per searcher.
KEPT_BYTES = 32 * 1024 * 1024


def count_within(searcher, dates: Callable[[], PublicationDates], base: np.ndarray,
                 parts: Mapping[str, q.Query]) -> dict[str, int]:
    """For each part, how many docnums of ``base`` (live matches) it matches."""
    chosen = np.zeros(searcher.doc_count_all(), dtype=bool)
    chosen[base] = True
    counts = {}
    for key, part in parts.items():
        docnums = _docnums(searcher, dates, part) if len(base) else np.empty(0, dtype=np.int64)
        if docnums is None:  # a part the lists do not answer (a phrase, a prefix): matched among base
            needs_dates = any(isinstance(node, q.DateRange) for node in q.walk(part))
            docnums = matching_docnums(searcher, dates() if needs_dates else None, part, base)
        counts[key] = int(np.count_nonzero(chosen[docnums]))
    return counts


def _docnums(searcher, dates: Callable[[], PublicationDates], part: q.Query) -> np.ndarray | None:
    """The docnums a part matches (deleted ones included), or None if it needs the full search."""
    if isinstance(part, q.Term):
        return _term_docnums(searcher, part.field, [part.text])
    if isinstance(part, q.Entity):
        return _term_docnums(searcher, part.field, list(part.ids))
    if isinstance(part, q.DateRange):
        return dates().docnums_within([DateRange.of(part)])
    if isinstance(part, (q.And, q.Or)):
        combined: np.ndarray | None = None
        for child in part.children:
            docnums = _docnums(searcher, dates, child)
            if docnums is None:
                return None
            if combined is None:
                combined = docnums
            else:
                combined = np.intersect1d(combined, docnums) if isinstance(part, q.And) else np.union1d(combined, docnums)
        return combined
    return None


class _KeptDocnums:
    """Each searcher's docnums of the terms counted (entities, mostly): the next query's facets
    try the same entities, whose lists Whoosh would look up segment by segment again."""

    def __init__(self, budget_bytes: int = KEPT_BYTES) -> None:
        self.budget = budget_bytes
        # searcher -> ({(field, term): docnums}, [bytes held])
        self._by_searcher: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
        self._lock = threading.Lock()

    def get(self, searcher, key: tuple[str, str]) -> np.ndarray | None:
        with self._lock:
            kept = self._by_searcher.get(searcher)
            return kept[0].get(key) if kept is not None else None

    def put(self, searcher, key: tuple[str, str], docnums: np.ndarray) -> None:
        with self._lock:
            lists, held = self._by_searcher.setdefault(searcher, ({}, [0]))
            if held[0] + docnums.nbytes > self.budget:
                lists.clear()
                held[0] = 0
            lists[key] = docnums
            held[0] += docnums.nbytes


_KEPT = _KeptDocnums()


def _term_docnums(searcher, fieldname: str, texts: list[str]) -> np.ndarray | None:
    """Ascending docnums holding any of the terms. One term's lists, segment after segment, are
    ascending already; only several terms need a union."""
    by_term: list[np.ndarray] = []
    try:
        leaves = None
        for text in texts:
            docnums = _KEPT.get(searcher, (fieldname, text))
            if docnums is None:
                if leaves is None:
                    leaves = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
                pieces = [term_postings(reader, fieldname, text).ids + offset for reader, offset in leaves]
                docnums = np.concatenate(pieces) if len(pieces) != 1 else pieces[0]
                _KEPT.put(searcher, (fieldname, text), docnums)
            by_term.append(docnums)
    except Unsupported:
        return None
    if not by_term:
        return np.empty(0, dtype=np.int64)
    return by_term[0] if len(by_term) == 1 else np.unique(np.concatenate(by_term))
