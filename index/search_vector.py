"""Ranking the common shapes of query with numpy over whole posting lists.

Whoosh walks a query's matchers one posting at a time in Python (1-2 µs each), so a word found
in half of 100,000 articles costs ~100 ms however few hits are shown. Words, AND, OR, NOT,
boosts, field terms and expanded prefixes or fuzzy words (the whole query language except
phrases) are ranked here instead: each term's posting list is read as arrays
(:mod:`index.search_codec`), scored with the same BM25F formula and statistics as Whoosh's
scorer, and the best hits picked with one partial sort. Scores equal Whoosh's up to the order
of floating-point additions. Anything else returns None and is left to Whoosh.
"""

from __future__ import annotations

import logging
import threading
import weakref

import numpy as np
from whoosh import query
from whoosh.reading import TermNotFound

from index.search_codec import WEIGHTS_ONES, WEIGHTS_SAME, ReaderCodec, block_layout
from index.search_scoring import FastBM25FScorer, norms_array

log = logging.getLogger(__name__)


# Whoosh intersects a NOT as a matcher of everything else that scores 1.0; so does this module,
# so that both rank (a -b) OR c alike.
NOT_SCORE = 1.0


class Unsupported(Exception):
    """A query part this module does not rank; Whoosh does."""


class _Leaf:
    """One segment of the index, seen through Whoosh's sub-searcher."""

    def __init__(self, searcher, offset: int):
        self.searcher = searcher
        self.reader = searcher.reader()
        self.offset = offset
        self.size = self.reader.doc_count_all()


_LIVE: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()
_LIVE_LOCK = threading.Lock()


def _live_mask(leaf: _Leaf) -> np.ndarray | None:
    """False for deleted documents (replaced articles), None when none are deleted."""
    if not leaf.reader.has_deletions():
        return None
    with _LIVE_LOCK:
        mask = _LIVE.get(leaf.reader)
    if mask is None:
        mask = np.ones(leaf.size, dtype=bool)
        reader = leaf.reader
        gone = getattr(reader, "deleted_docs_set", None)  # a method, or a cached frozenset
        if callable(gone):
            gone = gone()
        if gone is None:
            gone = (docnum for docnum in range(leaf.size) if reader.is_deleted(docnum))
        deleted = np.fromiter(gone, dtype=np.int64)
        mask[deleted[deleted < leaf.size]] = False
        with _LIVE_LOCK:
            _LIVE[leaf.reader] = mask
    return mask


def term_postings(reader, fieldname: str, text: str) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, weights) of a term in one segment, as int64 and float64 arrays."""
    field = reader.schema[fieldname]
    try:
        tbytes = field.to_bytes(text)
        terms = reader._terms
        terminfo = terms.term_info(fieldname, tbytes)
    except (TermNotFound, KeyError, ValueError):
        return np.empty(0, dtype=np.int64), np.empty(0, dtype=np.float64)
    except AttributeError:  # not a segment reader Whoosh's codecs produce
        raise Unsupported("reader without a terms table") from None
    if terminfo.is_inlined():
        ids, weights, _values = terminfo.inlined_postings()
        return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64)
    if not isinstance(reader.codec(), ReaderCodec):
        return _postings_by_matcher(reader, fieldname, tbytes)
    offset, length = terminfo.extent()
    if isinstance(length, tuple):  # W3TermInfo keeps the unpacked tuple
        length = length[0]
    raw = terms._postfile.get(offset, length)
    id_parts, weight_parts = [], []
    position = 4  # after the block magic
    while position >= 0:
        position, count, ids_offset, weight_kind, same, weights_offset = block_layout(raw, position)
        id_parts.append(np.frombuffer(raw, dtype="<u4", count=count, offset=ids_offset))
        if weight_kind == WEIGHTS_ONES:
            weight_parts.append(np.ones(count, dtype=np.float32))
        elif weight_kind == WEIGHTS_SAME:
            weight_parts.append(np.full(count, same, dtype=np.float32))
        else:
            weight_parts.append(np.frombuffer(raw, dtype="<f4", count=count, offset=weights_offset))
    ids = np.concatenate(id_parts).astype(np.int64)
    weights = np.concatenate(weight_parts).astype(np.float64)
    return ids, weights


def _postings_by_matcher(reader, fieldname: str, tbytes: bytes) -> tuple[np.ndarray, np.ndarray]:
    """The slow way, for segments written by another codec (before a rebuild)."""
    matcher = reader.postings(fieldname, tbytes)
    ids, weights = [], []
    while matcher.is_active():
        ids.append(matcher.id())
        weights.append(matcher.weight())
        matcher.next()
    return np.asarray(ids, dtype=np.int64), np.asarray(weights, dtype=np.float64)


def _term_scores(node: query.Term, leaf: _Leaf) -> tuple[np.ndarray, np.ndarray]:
    """(document numbers, scores) of a term in a segment, as Whoosh's scorer would score them."""
    fieldname = node.fieldname
    if fieldname not in leaf.reader.schema:
        return np.empty(0, dtype=np.int64), np.empty(0)
    ids, weights = term_postings(leaf.reader, fieldname, node.text)
    if not len(ids):
        return ids, weights
    scorer = leaf.searcher.weighting.scorer(leaf.searcher, fieldname, node.text)
    if isinstance(scorer, FastBM25FScorer):
        norms = norms_array(scorer)
        scores = scorer._idf_k1 * weights / (weights + norms[ids])
    elif type(scorer).__name__ == "WeightScorer":
        scores = weights
    else:
        raise Unsupported(f"scorer {type(scorer).__name__}")
    if node.boost != 1.0:
        scores = scores * node.boost
    return ids, scores


def _evaluate(node: query.Query, leaf: _Leaf) -> tuple[np.ndarray, np.ndarray]:
    """(matched, scores) over the segment's documents; scores mean nothing where not matched."""
    if isinstance(node, query.Term):
        ids, scores = _term_scores(node, leaf)
        matched = np.zeros(leaf.size, dtype=bool)
        dense = np.zeros(leaf.size)
        matched[ids] = True
        dense[ids] = scores
        return matched, dense
    if isinstance(node, query.Or) and not node.scale and not node.minmatch:
        matched = np.zeros(leaf.size, dtype=bool)
        total = np.zeros(leaf.size)
        for child in node.subqueries:
            if isinstance(child, query.Term):  # most of a prefix's expansion: no dense copy
                ids, scores = _term_scores(child, leaf)
                matched[ids] = True
                total[ids] += scores
            else:
                child_matched, child_scores = _evaluate(child, leaf)
                matched |= child_matched
                total += np.where(child_matched, child_scores, 0.0)
        return matched, _boosted(total, node.boost)
    if isinstance(node, query.And):
        positives = [child for child in node.subqueries if not isinstance(child, query.Not)]
        negatives = [child.query for child in node.subqueries if isinstance(child, query.Not)]
        if not positives:
            raise Unsupported("AND of negations only")
        matched = np.ones(leaf.size, dtype=bool)
        total = np.zeros(leaf.size)
        for child in positives:
            child_matched, child_scores = _evaluate(child, leaf)
            matched &= child_matched
            total += child_scores
        for child in negatives:
            matched &= ~_evaluate(child, leaf)[0]
            total += NOT_SCORE
        return matched, _boosted(total, node.boost)
    raise Unsupported(type(node).__name__)


def _boosted(scores: np.ndarray, boost: float) -> np.ndarray:
    return scores * boost if boost != 1.0 else scores


def _expand_prefixes(node: query.Query, reader) -> query.Query:
    """A prefix as the OR of the index's words it begins (which is how Whoosh scores it)."""
    if isinstance(node, query.Prefix):
        words = [word.decode("utf-8") for word in node._btexts(reader)]
        return query.Or([query.Term(node.fieldname, word) for word in words], boost=node.boost)
    if node.is_leaf():
        return node
    return node.apply(lambda child: _expand_prefixes(child, reader))


def ranked_docnums(searcher, parsed: query.Query, limit: int, allowed: set[int] | None = None
                   ) -> list[tuple[float, int]] | None:
    """The best ``limit`` (score, docnum) pairs, best first (ties: lower docnum first), or None
    when the query has a part only Whoosh ranks."""
    parsed = _expand_prefixes(parsed, searcher.reader())
    leaves = [_Leaf(sub, offset) for sub, offset in searcher.leaf_searchers()]
    allowed_array = np.fromiter(allowed, dtype=np.int64) if allowed is not None else None
    docnums, scores = [], []
    try:
        for leaf in leaves:
            if not leaf.size:
                continue
            matched, leaf_scores = _evaluate(parsed, leaf)
            live = _live_mask(leaf)
            if live is not None:
                matched &= live
            if allowed_array is not None:
                inside = allowed_array[(allowed_array >= leaf.offset) & (allowed_array < leaf.offset + leaf.size)]
                permitted = np.zeros(leaf.size, dtype=bool)
                permitted[inside - leaf.offset] = True
                matched &= permitted
            found = np.flatnonzero(matched)
            docnums.append(found + leaf.offset)
            scores.append(leaf_scores[found])
    except Unsupported as reason:
        log.debug("ranked by Whoosh: %s", reason)
        return None
    if not docnums:
        return []
    all_docnums = np.concatenate(docnums)
    all_scores = np.concatenate(scores)
    if len(all_docnums) > limit:
        # Everything scoring at least the limit-th best score, then an exact sort of those.
        threshold = np.partition(all_scores, len(all_scores) - limit)[len(all_scores) - limit]
        keep = all_scores >= threshold
        all_docnums, all_scores = all_docnums[keep], all_scores[keep]
    order = np.lexsort((all_docnums, -all_scores))[:limit]
    return [(float(all_scores[i]), int(all_docnums[i])) for i in order]
