"""Ranking queries with numpy over whole posting lists instead of Whoosh's matchers.

Whoosh walks a query's matchers one posting at a time in Python, so a word found in half of
the articles costs in proportion to all its postings however few hits are shown. Here each term's posting
list is read as arrays (:mod:`index.search.whoosh.postings`), scored with the same BM25F formula and
statistics as Whoosh's scorer, combined per segment as dense arrays (AND, OR, NOT, boosts,
prefixes and the expansions of fuzzy words and wildcards), and the best hits picked with one
partial sort. Scores equal Whoosh's up to the order of floating-point additions.

A phrase scores as the AND of its words (as in Whoosh). Its word positions are not read for
every document with the words: the arrays treat it as the AND of its words, which gives a
superset of the hits and an upper bound of their scores; candidates are then checked exactly, in
order of that bound, until none left can beat the last hit kept. Queries with other parts
(ranges inside OR, coordination bonuses) return None and are left to Whoosh.
"""

from __future__ import annotations

import heapq
import logging
import threading
import weakref
from collections.abc import Iterator

import numpy as np
from whoosh import query

from index.search.limits import PostingBudget
from index.search.whoosh.postings import NO_POSTINGS, TermPostings, Unsupported, term_postings
from index.search.whoosh.scoring import VectorTerm
from index.search.whoosh.terms import terms_with_prefix

log = logging.getLogger(__name__)

# Whoosh intersects a NOT as a matcher of everything else that scores 1.0; so does this module,
# so that both rank (a -b) OR c alike.
NOT_SCORE = 1.0


class _Query:
    """What the segments of one query share: the top searcher and the terms' statistics."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.scoring: dict[tuple[str, str], VectorTerm] = {}
        self.average_lengths: dict[str, float] = {}
        self.postings = PostingBudget()  # a query reading too many is refused (index.search.limits)


class _Leaf:
    """One segment of the index."""

    def __init__(self, reader, offset: int, shared: _Query):
        self.reader = reader
        self.offset = offset
        self.size = reader.doc_count_all()
        self.query = shared


class _Scored:
    """A query part evaluated over a segment: ``matched`` and ``scores`` per document.

    Exact unless the part holds a phrase: then ``matched`` is a superset (a phrase counts as its
    words anywhere) and ``scores`` an upper bound, and :meth:`at` gives the exact answer for one
    document.
    """

    exact = True

    def __init__(self, matched: np.ndarray, scores: np.ndarray):
        self.matched = matched
        self.scores = scores

    def at(self, docnum: int) -> float | None:
        """The document's score, or None if it does not match."""
        return float(self.scores[docnum]) if self.matched[docnum] else None


class _PhraseScored(_Scored):
    exact = False

    def __init__(self, matched, scores, slop: int, words: list[TermPostings]):
        super().__init__(matched, scores)
        self.slop = slop
        self.words = words

    def at(self, docnum: int) -> float | None:
        if not self.matched[docnum] or not _phrase_at(docnum, self.slop, self.words):
            return None
        return float(self.scores[docnum])


class _AndScored(_Scored):
    exact = False

    def __init__(self, matched, scores, inexact: list[_Scored], exact_part: _Scored, negatives: list[_Scored],
                 boost: float):
        super().__init__(matched, scores)
        self.parts, self.exact_part, self.negatives, self.boost = inexact, exact_part, negatives, boost

    def at(self, docnum: int) -> float | None:
        total = self.exact_part.at(docnum)
        if total is None or any(negative.at(docnum) is not None for negative in self.negatives):
            return None
        for part in self.parts:
            score = part.at(docnum)
            if score is None:
                return None
            total += score
        return total * self.boost


class _OrScored(_Scored):
    exact = False

    def __init__(self, matched, scores, inexact: list[_Scored], exact_part: _Scored, boost: float):
        super().__init__(matched, scores)
        self.parts, self.exact_part, self.boost = inexact, exact_part, boost

    def at(self, docnum: int) -> float | None:
        found = [score for score in (part.at(docnum) for part in (self.exact_part, *self.parts)) if score is not None]
        return sum(found) * self.boost if found else None


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


def _term_scores(fieldname: str, text: str, boost: float, leaf: _Leaf) -> tuple[TermPostings, np.ndarray]:
    """A term's postings in a segment and their scores, as Whoosh's scorer would score them."""
    if fieldname not in leaf.reader.schema:  # as Whoosh: matches nothing
        return NO_POSTINGS, NO_POSTINGS.weights
    postings = term_postings(leaf.reader, fieldname, text)
    leaf.query.postings.spend(len(postings.ids))
    if not len(postings.ids):
        return postings, postings.weights
    term = leaf.query.scoring.get((fieldname, text))
    if term is None:
        try:
            term = leaf.query.scoring[fieldname, text] = VectorTerm(
                leaf.query.searcher, fieldname, text, leaf.query.average_lengths)
        except TypeError as reason:
            raise Unsupported(str(reason)) from None
    return postings, _boosted(term.scores(leaf.reader, postings.ids, postings.weights), boost)


def _dense(leaf: _Leaf, ids: np.ndarray, scores: np.ndarray) -> _Scored:
    matched = np.zeros(leaf.size, dtype=bool)
    dense = np.zeros(leaf.size)
    matched[ids] = True
    dense[ids] = scores
    return _Scored(matched, dense)


def _evaluate(node: query.Query, leaf: _Leaf) -> _Scored:
    if isinstance(node, query.Term):
        postings, scores = _term_scores(node.fieldname, node.text, node.boost, leaf)
        return _dense(leaf, postings.ids, scores)
    if isinstance(node, query.Phrase):
        return _phrase(node, leaf)
    if isinstance(node, query.Prefix):
        return _prefix(node, leaf)
    if isinstance(node, query.Or) and not node.scale and not node.minmatch:
        return _or(node, leaf)
    if isinstance(node, query.And):
        return _and(node, leaf)
    raise Unsupported(type(node).__name__)


def _or(node: query.Or, leaf: _Leaf) -> _Scored:
    matched = np.zeros(leaf.size, dtype=bool)  # of the exact children
    total = np.zeros(leaf.size)
    inexact = []
    for child in node.subqueries:
        if isinstance(child, query.Term):  # most of a prefix's expansion: no dense copy
            postings, scores = _term_scores(child.fieldname, child.text, child.boost, leaf)
            matched[postings.ids] = True
            total[postings.ids] += scores
            continue
        scored = _evaluate(child, leaf)
        if scored.exact:
            matched |= scored.matched
            total += np.where(scored.matched, scored.scores, 0.0)
        else:
            inexact.append(scored)
    if not inexact:
        return _Scored(matched, _boosted(total, node.boost))
    exact_part = _Scored(matched.copy(), total.copy())
    for scored in inexact:
        matched |= scored.matched
        total += np.where(scored.matched, scored.scores, 0.0)
    return _OrScored(matched, _boosted(total, node.boost), inexact, exact_part, node.boost)


def _and(node: query.And, leaf: _Leaf) -> _Scored:
    positives = [_evaluate(child, leaf) for child in node.subqueries if not isinstance(child, query.Not)]
    negatives = [_evaluate(child.query, leaf) for child in node.subqueries if isinstance(child, query.Not)]
    if not positives:
        raise Unsupported("AND of negations only")
    matched = np.ones(leaf.size, dtype=bool)
    total = np.full(leaf.size, NOT_SCORE * len(negatives))
    for scored in positives:
        if scored.exact:
            matched &= scored.matched
            total += scored.scores
    for scored in negatives:
        if scored.exact:  # an inexact one (a phrase) may not exclude a candidate: checked per document
            matched &= ~scored.matched
    inexact = [scored for scored in positives if not scored.exact]
    inexact_negatives = [scored for scored in negatives if not scored.exact]
    if not inexact and not inexact_negatives:
        return _Scored(matched, _boosted(total, node.boost))
    exact_part = _Scored(matched.copy(), total.copy())
    for scored in inexact:
        matched &= scored.matched
        total += scored.scores
    return _AndScored(matched, _boosted(total, node.boost), inexact, exact_part, inexact_negatives, node.boost)


def _phrase(node: query.Phrase, leaf: _Leaf) -> _Scored:
    """Whoosh scores a phrase as the AND of its words, where the words follow each other."""
    words = []
    matched = np.ones(leaf.size, dtype=bool)
    total = np.zeros(leaf.size)
    for word in node.words:
        postings, scores = _term_scores(node.fieldname, word, 1.0, leaf)
        word_scored = _dense(leaf, postings.ids, scores)
        matched &= word_scored.matched
        total += word_scored.scores
        words.append(postings)
    return _PhraseScored(matched, _boosted(total, node.boost), node.slop, words)


def _phrase_at(docnum: int, slop: int, words: list[TermPostings]) -> bool:
    """Whether the words occur in order in the document, each 1 to ``slop`` positions after the
    one before (Whoosh's SpanNear2 with ordered=True, mindist=1)."""
    reachable = words[0].positions(docnum)
    for postings in words[1:]:
        ends = reachable
        reachable = [position for position in postings.positions(docnum)
                     if any(1 <= position - end <= slop for end in ends)]
        if not reachable:
            return False
    return True


def _boosted(scores: np.ndarray, boost: float) -> np.ndarray:
    return scores * boost if boost != 1.0 else scores


def _prefix(node: query.Prefix, leaf: _Leaf) -> _Scored:
    """A prefix as the OR of the segment's words it begins, which is how Whoosh scores it (with
    the index-wide statistics of each word): words only other segments hold are not looked up."""
    words = terms_with_prefix(leaf.reader, node.fieldname, node.text)
    return _or(query.Or([query.Term(node.fieldname, word) for word in words], boost=node.boost), leaf)


def _candidates(searcher, parsed: query.Query, allowed: set[int] | np.ndarray | None):
    """Every segment's candidates: (docnums, scores or bounds, owners, [(leaf, scored)]), or None
    when the query has a part only Whoosh ranks."""
    shared = _Query(searcher)
    leaves = [_Leaf(sub.reader(), offset, shared) for sub, offset in searcher.leaf_searchers()]
    allowed_array = None
    if allowed is not None:
        allowed_array = allowed if isinstance(allowed, np.ndarray) else np.fromiter(allowed, dtype=np.int64)
    docnums: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    owners: list[np.ndarray] = []
    scored_leaves: list[tuple[_Leaf, _Scored]] = []
    try:
        for leaf in leaves:
            if not leaf.size:
                continue
            scored = _evaluate(parsed, leaf)
            matched = scored.matched
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
            scores.append(scored.scores[found])
            owners.append(np.full(len(found), len(scored_leaves)))
            scored_leaves.append((leaf, scored))
    except Unsupported as reason:
        log.debug("ranked by Whoosh: %s", reason)
        return None
    if not docnums:
        empty = np.empty(0, dtype=np.int64)
        return empty, np.empty(0), empty, []
    return np.concatenate(docnums), np.concatenate(scores), np.concatenate(owners), scored_leaves


def ranked_docnums(searcher, parsed: query.Query, limit: int, allowed: set[int] | np.ndarray | None = None
                   ) -> list[tuple[float, int]] | None:
    """The best ``limit`` (score, docnum) pairs, best first (ties: lower docnum first), or None
    when the query has a part only Whoosh ranks."""
    found = _candidates(searcher, parsed, allowed)
    if found is None:
        return None
    docnums, scores, owners, scored_leaves = found
    if not len(docnums):
        return []
    if all(scored.exact for _leaf, scored in scored_leaves):
        return _best(scores, docnums, limit)
    try:
        return _best_checked(scores, docnums, owners, scored_leaves, limit)
    except Unsupported as reason:  # a phrase in a field without positions
        log.debug("ranked by Whoosh: %s", reason)
        return None


def all_matches(searcher, parsed: query.Query, allowed: set[int] | np.ndarray | None = None
                ) -> tuple[np.ndarray, np.ndarray] | None:
    """Every match's docnum and score (candidates of phrases checked one by one), or None when
    the query has a part only Whoosh ranks."""
    found = _candidates(searcher, parsed, allowed)
    if found is None:
        return None
    docnums, scores, owners, scored_leaves = found
    if all(scored.exact for _leaf, scored in scored_leaves):
        return docnums, scores
    kept, exact_scores = [], []
    try:
        for i in range(len(docnums)):
            leaf, scored = scored_leaves[owners[i]]
            score = scored.at(int(docnums[i]) - leaf.offset)
            if score is not None:
                kept.append(i)
                exact_scores.append(score)
    except Unsupported as reason:  # a phrase in a field without positions
        log.debug("ranked by Whoosh: %s", reason)
        return None
    return docnums[np.array(kept, dtype=np.int64)], np.array(exact_scores, dtype=float)


def _best(scores: np.ndarray, docnums: np.ndarray, limit: int) -> list[tuple[float, int]]:
    if len(docnums) > limit:
        # Everything scoring at least the limit-th best score, then an exact sort of those.
        threshold = np.partition(scores, len(scores) - limit)[len(scores) - limit]
        keep = scores >= threshold
        docnums, scores = docnums[keep], scores[keep]
    order = np.lexsort((docnums, -scores))[:limit]
    return [(float(scores[i]), int(docnums[i])) for i in order]


def _best_checked(bounds: np.ndarray, docnums: np.ndarray, owners: np.ndarray, scored_leaves: list, limit: int
                  ) -> list[tuple[float, int]]:
    """The best hits when phrases make ``bounds`` upper bounds: candidates are checked exactly
    in order of their bound until no unchecked one can beat the ``limit``-th hit found."""
    best: list[tuple[float, int]] = []  # min-heap of (score, -docnum): the worst kept hit on top
    for i in _in_bound_order(bounds, docnums, 4 * limit):
        if len(best) == limit and bounds[i] < best[0][0]:
            break
        leaf, scored = scored_leaves[owners[i]]
        score = scored.at(int(docnums[i]) - leaf.offset)
        if score is None:
            continue
        item = (score, -int(docnums[i]))
        if len(best) < limit:
            heapq.heappush(best, item)
        elif item > best[0]:
            heapq.heapreplace(best, item)
    return [(score, -negated) for score, negated in sorted(best, reverse=True)]


def _in_bound_order(bounds: np.ndarray, docnums: np.ndarray, first: int) -> Iterator[int]:
    """Candidate indexes by descending bound, ties by docnum. Only the ``first`` best (and their
    ties) are sorted up front: a phrase's top hits are usually among them, and a common pair of
    words has tens of thousands of candidates."""
    if len(bounds) > first:
        threshold = np.partition(bounds, len(bounds) - first)[len(bounds) - first]
        parts = [np.flatnonzero(bounds >= threshold), np.flatnonzero(bounds < threshold)]
    else:
        parts = [np.arange(len(bounds))]
    for part in parts:  # every bound of the first part is above every bound of the second
        yield from part[np.lexsort((docnums[part], -bounds[part]))].tolist()
