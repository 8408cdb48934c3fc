"""Answering a query tree on one Whoosh searcher: date conditions filter (a sorted column,
:mod:`index.search.whoosh.dates`), the rest is scored over whole posting lists with numpy
(:mod:`index.search.whoosh.vector`); Whoosh's own matchers rank the few shapes the arrays do
not cover (a date inside OR or NOT, ``+word``)."""

from __future__ import annotations

import logging
from collections.abc import Collection

import numpy as np
from whoosh import query as wq

from index.search import query as q
from index.search.backend import Sort
from index.search.whoosh.dates import PublicationDates, split_date_filter
from index.search.whoosh.translate import to_whoosh
from index.search.whoosh.vector import all_matches, ranked_docnums

log = logging.getLogger(__name__)

# The score of a hit of a query of dates only (they are listed newest first).
DATE_ONLY_SCORE = 1.0


def docnums_of(searcher, ids: Collection[str]) -> np.ndarray:
    """The live documents' numbers of these article ids (unknown ids are left out)."""
    found = []
    for article_id in ids:
        docnum = searcher.document_number(id=article_id)
        if docnum is not None:
            found.append(docnum)
    return np.unique(np.array(found, dtype=np.int64))


def rank(searcher, dates: PublicationDates | None, query: q.Query, limit: int, allowed: Collection[str] | None,
         sort: Sort, count: bool) -> tuple[list[tuple[int, float]], int | None]:
    """(docnum, score) of the best ``limit`` matches in ``sort`` order, and how many match in all
    (when ``count``). ``dates`` is needed when the query has date conditions or a date sort."""
    text_query, date_ranges = split_date_filter(query)
    permitted: np.ndarray | None = None
    if date_ranges:
        assert dates is not None
        permitted = dates.docnums_within(date_ranges)
    if allowed is not None:
        chosen = docnums_of(searcher, allowed)
        permitted = chosen if permitted is None else np.intersect1d(permitted, chosen, assume_unique=True)
    if permitted is not None and not len(permitted):
        return [], 0 if count else None
    if text_query is None:  # only dates: the newest first (or the oldest, if asked)
        assert dates is not None and permitted is not None
        if allowed is None and sort is not Sort.OLDEST:
            newest = dates.newest_within(date_ranges, limit)
        else:
            newest = permitted[dates.order_of(permitted, newest=sort is not Sort.OLDEST)[:limit]].tolist()
        return [(docnum, DATE_ONLY_SCORE) for docnum in newest], len(permitted) if count else None
    whoosh_query = to_whoosh(text_query)
    if sort is Sort.RELEVANCE and not count:
        ranked = ranked_docnums(searcher, whoosh_query, limit, permitted)
        if ranked is None:
            ranked = _whoosh_ranked(searcher, whoosh_query, limit, permitted)
        return [(docnum, score) for score, docnum in ranked], None
    docnums, scores = _matches(searcher, whoosh_query, permitted)
    if sort is Sort.RELEVANCE:
        order = np.lexsort((docnums, -scores))[:limit]
    else:
        assert dates is not None
        order = dates.order_of(docnums, newest=sort is Sort.NEWEST, scores=scores)[:limit]
    return [(int(docnums[i]), float(scores[i])) for i in order], len(docnums)


def matching_docnums(searcher, dates: PublicationDates | None, query: q.Query,
                     permitted: np.ndarray | None) -> np.ndarray:
    """Every match's docnum among ``permitted`` (None: all), ascending. ``dates`` as for rank()."""
    text_query, date_ranges = split_date_filter(query)
    if date_ranges:
        assert dates is not None
        within = dates.docnums_within(date_ranges)
        permitted = within if permitted is None else np.intersect1d(permitted, within)
    if text_query is None:
        assert permitted is not None
        return np.sort(permitted)
    if permitted is not None and not len(permitted):
        return permitted
    return np.sort(_matches(searcher, to_whoosh(text_query), permitted)[0])


def _matches(searcher, whoosh_query: wq.Query, permitted: np.ndarray | None) -> tuple[np.ndarray, np.ndarray]:
    """Every match's docnum and score."""
    found = all_matches(searcher, whoosh_query, permitted)
    if found is not None:
        return found
    ranked = _whoosh_ranked(searcher, whoosh_query, None, permitted)
    return (np.array([docnum for _score, docnum in ranked], dtype=np.int64),
            np.array([score for score, _docnum in ranked], dtype=float))


def _whoosh_ranked(searcher, whoosh_query: wq.Query, limit: int | None, permitted: np.ndarray | None
                   ) -> list[tuple[float, int]]:
    log.debug("ranked by Whoosh's matchers: %r", whoosh_query)
    allowed = None if permitted is None else set(permitted.tolist())
    results = searcher.search(whoosh_query, limit=limit, filter=allowed)
    return [(hit.score, hit.docnum) for hit in results]
