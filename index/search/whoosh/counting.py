"""Facet counts: how many of a query's matches each part (an entity, a source, a date range) keeps,
from whole posting lists and the date column, with no step per matching document."""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

from index.search import query as q
from index.search.whoosh.dates import DateRange, PublicationDates
from index.search.whoosh.postings import Unsupported, term_postings
from index.search.whoosh.ranking import matching_docnums


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


def _term_docnums(searcher, fieldname: str, texts: list[str]) -> np.ndarray | None:
    """Ascending docnums holding any of the terms. One term's lists, segment after segment, are
    ascending already; only several terms need a union."""
    by_term: list[np.ndarray] = []
    try:
        leaves = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
        for text in texts:
            pieces = [term_postings(reader, fieldname, text).ids + offset for reader, offset in leaves]
            by_term.append(np.concatenate(pieces) if len(pieces) != 1 else pieces[0])
    except Unsupported:
        return None
    if not by_term:
        return np.empty(0, dtype=np.int64)
    return by_term[0] if len(by_term) == 1 else np.unique(np.concatenate(by_term))
