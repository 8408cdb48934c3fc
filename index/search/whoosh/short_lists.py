"""Ranking a query over short posting lists in plain Python, for a process without numpy.

Importing numpy takes ~0.1 s, more than a `reader search` spends ranking a few thousand
postings. This module ranks the query trees :mod:`index.search.whoosh.vector` ranks (terms, AND,
OR, NOT, phrases) with the same float operations in the same order, so the hits, their scores
and their order are the same; a part's scores are kept in a dict of the documents it matches
instead of an array over the segment. Anything else (prefixes, ranges, another codec, lists
longer than SHORT_POSTINGS in all) is left to vector: :func:`ranked` returns None.
"""

from __future__ import annotations

import heapq
import operator
from bisect import bisect_left
from collections.abc import Iterable
from itertools import islice

from whoosh import query
from whoosh.reading import TermNotFound

from index.search.limits import PostingBudget
from index.search.whoosh.codec import ReaderCodec, kept_block_value, posting_lists
from index.search.whoosh.scoring import VectorTerm

# Above this many postings in all, numpy's import pays for itself: plain Python takes ~0.3 µs a
# posting, importing numpy ~0.1 s; at 100k articles a `reader search` of 180,000-260,000
# postings (ANDs and ORs of common words) took about as long either way, a phrase of 106,600
# too (bench/README.md, CLI start-up).
SHORT_POSTINGS = 200_000
# As index.search.whoosh.vector.NOT_SCORE: a NOT scores 1.0 inside an AND, as in Whoosh.
NOT_SCORE = 1.0


class NotShort(Exception):
    """A query part, a segment or a length this module leaves to index.search.whoosh.vector."""


class _Postings:
    """One term's document numbers (ascending) and weights in one segment, with positions
    decoded on demand."""

    def __init__(self, ids, weights, *, raw=None, block_positions: list[int] | None = None,
                 block_starts: list[int] | None = None, value_format=None, values: tuple | None = None):
        self.ids = ids
        self.weights = weights
        self._raw = raw
        self._block_positions = block_positions or []
        self._block_starts = block_starts or []
        self._format = value_format
        self._values = values
        self._decoded: dict[int, object] = {}

    def positions(self, docnum: int) -> list[int]:
        """Where the term occurs in the document (which must be one of ``ids``)."""
        index = bisect_left(self.ids, docnum)
        if self._values is not None:
            value = self._values[index]
        else:
            value = kept_block_value(self._raw, self._block_positions, self._block_starts, self._decoded,
                                     self._format.fixed_value_size(), index)
        if value is None:
            raise NotShort("a phrase in a field without positions")
        return self._format.decode_positions(value)


_NONE = _Postings((), ())


def _read_postings(reader, fieldname: str, text: str) -> _Postings:
    """As index.search.whoosh.postings.term_postings reads them, into plain sequences."""
    field = reader.schema[fieldname]
    try:
        tbytes = field.to_bytes(text)
        terms = reader._terms
        terminfo = terms.term_info(fieldname, tbytes)
    except (TermNotFound, KeyError, ValueError):
        return _NONE
    except AttributeError:  # not a segment reader of Whoosh's file codecs
        raise NotShort("reader without a terms table") from None
    if terminfo.is_inlined():
        ids, weights, values = terminfo.inlined_postings()
        return _Postings(tuple(ids), tuple(map(float, weights)), value_format=field.format, values=tuple(values))
    if not isinstance(reader.codec(), ReaderCodec):
        raise NotShort("a segment another codec wrote")
    offset, length = terminfo.extent()
    if isinstance(length, tuple):  # W3TermInfo keeps the unpacked tuple
        length = length[0]
    raw = terms._postfile.get(offset, length)
    lists = posting_lists(raw)
    ids = lists.ids
    count, size = len(ids), reader.doc_count_all()
    if count != terminfo.doc_frequency() or (count and (ids[-1] >= size or not all(
            map(operator.lt, ids, islice(ids, 1, None))))):
        # as postings._check_sane: damage, which the search confirms by the checksums
        raise ValueError(f"the posting list of {fieldname}:{text} does not decode to its documents")
    return _Postings(ids, lists.weights, raw=raw, block_positions=lists.block_positions,
                     block_starts=lists.block_starts, value_format=field.format)


class _Query:
    """What the segments of one query share: the top searcher and the terms' statistics."""

    def __init__(self, searcher):
        self.searcher = searcher
        self.scoring: dict[tuple[str, str], VectorTerm] = {}
        self.average_lengths: dict[str, float] = {}
        self.postings = PostingBudget()


class _Leaf:
    def __init__(self, reader, offset: int, shared: _Query):
        self.reader = reader
        self.offset = offset
        self.query = shared


# A part of the query over one segment. ``scores`` holds every document it matches (exactly, or
# for a phrase a superset: its words anywhere) with its score (for a phrase an upper bound);
# at() gives the exact answer for one document. The classes mirror vector's _Scored and kin.

class _Scored:
    exact = True

    def __init__(self, scores: dict[int, float]):
        self.scores = scores

    def at(self, docnum: int) -> float | None:
        return self.scores.get(docnum)


class _PhraseScored(_Scored):
    exact = False

    def __init__(self, scores, slop: int, words: list[_Postings]):
        super().__init__(scores)
        self.slop = slop
        self.words = words

    def at(self, docnum: int) -> float | None:
        score = self.scores.get(docnum)
        if score is None or not _phrase_at(docnum, self.slop, self.words):
            return None
        return score


class _AndScored(_Scored):
    exact = False

    def __init__(self, scores, exact_scores: dict[int, float], inexact: list[_Scored], negatives: list[_Scored],
                 boost: float):
        super().__init__(scores)
        self.exact_scores, self.parts, self.negatives, self.boost = exact_scores, inexact, negatives, boost

    def at(self, docnum: int) -> float | None:
        if docnum not in self.scores:  # outside the superset: vector's exact part or a part says None
            return None
        total = self.exact_scores[docnum]
        if any(negative.at(docnum) is not None for negative in self.negatives):
            return None
        for part in self.parts:
            score = part.at(docnum)
            if score is None:
                return None
            total += score
        return total * self.boost


class _OrScored(_Scored):
    exact = False

    def __init__(self, scores, exact_part: _Scored, inexact: list[_Scored], boost: float):
        super().__init__(scores)
        self.exact_part, self.parts, self.boost = exact_part, inexact, boost

    def at(self, docnum: int) -> float | None:
        found = [score for score in (part.at(docnum) for part in (self.exact_part, *self.parts)) if score is not None]
        return sum(found) * self.boost if found else None


def _term_scores(fieldname: str, text: str, boost: float, leaf: _Leaf) -> tuple[_Postings, list[float]]:
    if fieldname not in leaf.reader.schema:
        return _NONE, []
    postings = _read_postings(leaf.reader, fieldname, text)
    leaf.query.postings.spend(len(postings.ids))
    if not len(postings.ids):
        return postings, []
    term = leaf.query.scoring.get((fieldname, text))
    if term is None:
        try:
            term = leaf.query.scoring[fieldname, text] = VectorTerm(
                leaf.query.searcher, fieldname, text, leaf.query.average_lengths)
        except TypeError as reason:
            raise NotShort(str(reason)) from None
    return postings, _boosted(term.score_list(leaf.reader, postings.ids, postings.weights), boost)


def _boosted(scores: list[float], boost: float) -> list[float]:
    return [score * boost for score in scores] if boost != 1.0 else scores


def _boosted_dict(scores: dict[int, float], boost: float) -> dict[int, float]:
    return {docnum: score * boost for docnum, score in scores.items()} if boost != 1.0 else scores


def _evaluate(node: query.Query, leaf: _Leaf) -> _Scored:
    if isinstance(node, query.Term):
        postings, scores = _term_scores(node.fieldname, node.text, node.boost, leaf)
        return _Scored(dict(zip(postings.ids, scores)))
    if isinstance(node, query.Phrase):
        return _phrase(node, leaf)
    if isinstance(node, query.Or) and not node.scale and not node.minmatch:
        return _or(node, leaf)
    if isinstance(node, query.And):
        return _and(node, leaf)
    raise NotShort(type(node).__name__)


def _add(total: dict[int, float], docnums: Iterable[int], scores: Iterable[float]) -> None:
    """Each document's score added to its total, as vector adds to zeros (0.0 + a score is the
    score)."""
    if not total:
        total.update(zip(docnums, scores))
        return
    get = total.get
    for docnum, score in zip(docnums, scores):
        total[docnum] = get(docnum, 0.0) + score


def _or(node: query.Or, leaf: _Leaf) -> _Scored:
    exact_parts: list[tuple[Iterable[int], Iterable[float], int]] = []  # docnums, scores, how many
    inexact = []
    for child in node.subqueries:
        if isinstance(child, query.Term):
            postings, scores = _term_scores(child.fieldname, child.text, child.boost, leaf)
            exact_parts.append((postings.ids, scores, len(scores)))
            continue
        scored = _evaluate(child, leaf)
        if scored.exact:
            exact_parts.append((scored.scores.keys(), scored.scores.values(), len(scored.scores)))
        else:
            inexact.append(scored)
    if len(exact_parts) == 2:
        # A word in the title and the body: a + b is b + a, so the longer list is copied and the
        # shorter one added to it (with three parts or more the order of the additions matters).
        exact_parts.sort(key=lambda part: part[2], reverse=True)
    total: dict[int, float] = {}  # of the exact children
    for docnums, part_scores, _count in exact_parts:
        _add(total, docnums, part_scores)
    if not inexact:
        return _Scored(_boosted_dict(total, node.boost))
    exact_part = _Scored(dict(total))
    for scored in inexact:
        _add(total, scored.scores.keys(), scored.scores.values())
    return _OrScored(_boosted_dict(total, node.boost), exact_part, inexact, node.boost)


def _and(node: query.And, leaf: _Leaf) -> _Scored:
    positives = [_evaluate(child, leaf) for child in node.subqueries if not isinstance(child, query.Not)]
    negatives = [_evaluate(child.query, leaf) for child in node.subqueries if isinstance(child, query.Not)]
    if not positives:
        raise NotShort("AND of negations only")
    exact = [scored for scored in positives if scored.exact]
    inexact = [scored for scored in positives if not scored.exact]
    # The documents every positive part may match, none of the exact negatives does (in C: the
    # dicts' keys as sets; the order of the documents does not matter, the ranking sorts them).
    by_size = sorted(positives, key=lambda scored: len(scored.scores))
    matched = set(by_size[0].scores.keys())
    for scored in by_size[1:]:
        matched &= scored.scores.keys()
    for scored in negatives:
        if scored.exact:
            matched -= scored.scores.keys()
    base = NOT_SCORE * len(negatives)
    if len(exact) == 2:  # two words, the most common AND: one comprehension, the same additions
        first, second = exact[0].scores, exact[1].scores
        exact_scores = {docnum: base + first[docnum] + second[docnum] for docnum in matched}
    else:
        exact_scores = {}
        for docnum in matched:
            total = base
            for scored in exact:
                total += scored.scores[docnum]
            exact_scores[docnum] = total
    inexact_negatives = [scored for scored in negatives if not scored.exact]
    if not inexact and not inexact_negatives:
        return _Scored(_boosted_dict(exact_scores, node.boost))
    totals = {}
    for docnum in matched:
        total = exact_scores[docnum]
        for scored in inexact:
            total += scored.scores[docnum]
        totals[docnum] = total
    return _AndScored(_boosted_dict(totals, node.boost), exact_scores, inexact, inexact_negatives, node.boost)


def _phrase(node: query.Phrase, leaf: _Leaf) -> _Scored:
    """As vector: the AND of the words, checked for their order per document on demand."""
    if not node.words:
        raise NotShort("a phrase of no words")
    words: list[_Postings] = []
    per_word: list[dict[int, float]] = []
    for word in node.words:
        postings, scores = _term_scores(node.fieldname, word, 1.0, leaf)
        per_word.append(dict(zip(postings.ids, scores)))
        words.append(postings)
    totals: dict[int, float] = {}
    for docnum in min(per_word, key=len):
        if all(docnum in word_scores for word_scores in per_word):
            total = 0.0
            for word_scores in per_word:
                total += word_scores[docnum]
            totals[docnum] = total
    return _PhraseScored(_boosted_dict(totals, node.boost), node.slop, words)


def _phrase_at(docnum: int, slop: int, words: list[_Postings]) -> bool:
    """As vector._phrase_at: the words in order, each 1 to ``slop`` positions after the one before."""
    reachable = words[0].positions(docnum)
    for postings in words[1:]:
        ends = reachable
        reachable = [position for position in postings.positions(docnum)
                     if any(1 <= position - end <= slop for end in ends)]
        if not reachable:
            return False
    return True


def posting_count(searcher, node: query.Query) -> int:
    """How many postings ranking ``node`` reads (deleted documents' included)."""
    if isinstance(node, query.Term):
        return _frequency(searcher, node.fieldname, node.text)
    if isinstance(node, query.Phrase):
        return sum(_frequency(searcher, node.fieldname, word) for word in node.words)
    if isinstance(node, query.Not):
        return posting_count(searcher, node.query)
    if isinstance(node, (query.And, query.Or)):
        return sum(posting_count(searcher, child) for child in node.subqueries)
    raise NotShort(type(node).__name__)


def _frequency(searcher, fieldname: str, text: str) -> int:
    if fieldname not in searcher.schema:
        return 0
    return searcher.doc_frequency(fieldname, text)


def _segments(searcher, parsed: query.Query) -> list[tuple[_Leaf, _Scored, frozenset[int] | set[int]]]:
    """Each segment with documents, the query's part over it, and its deleted docnums."""
    shared = _Query(searcher)
    found = []
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        if reader.doc_count_all():
            leaf = _Leaf(reader, offset, shared)
            found.append((leaf, _evaluate(parsed, leaf), _deleted(reader)))
    return found


def _deleted(reader) -> frozenset[int] | set[int]:
    if not reader.has_deletions():
        return frozenset()
    gone = getattr(reader, "deleted_docs_set", None)
    if callable(gone):
        gone = gone()
    if gone is None:
        gone = (docnum for docnum in range(reader.doc_count_all()) if reader.is_deleted(docnum))
    return set(gone)


def _order(match: tuple[int, float]) -> tuple[float, int]:
    """Best first, ties by lower docnum (vector's lexsort on (docnum, -score))."""
    return -match[1], match[0]


def _best(scores: dict[int, float], limit: int) -> list[tuple[int, float]]:
    """The ``limit`` best (docnum, score), best first: everything scoring at least the
    ``limit``-th best score, then an exact sort of those (as vector._best)."""
    if limit <= 0:
        return []
    if len(scores) > limit:
        threshold = heapq.nlargest(limit, scores.values())[-1]
        return sorted([(docnum, score) for docnum, score in scores.items() if score >= threshold], key=_order)[:limit]
    return sorted(scores.items(), key=_order)


def ranked(searcher, parsed: query.Query, limit: int, count: bool
           ) -> tuple[list[tuple[int, float]], int | None] | None:
    """(docnum, score) of the best ``limit`` matches, best first, and with ``count`` how many
    match in all; None when the query is one to leave to index.search.whoosh.vector."""
    try:
        if posting_count(searcher, parsed) > SHORT_POSTINGS:
            return None
        segments = _segments(searcher, parsed)
        if all(scored.exact for _leaf, scored, _deleted in segments):
            scores: dict[int, float] = {}  # of every live match, by docnum in the whole index
            for leaf, scored, deleted in segments:
                if deleted:
                    scores.update((docnum + leaf.offset, score) for docnum, score in scored.scores.items()
                                  if docnum not in deleted)
                else:
                    offset = leaf.offset
                    scores.update({docnum + offset: score for docnum, score in scored.scores.items()}
                                  if offset else scored.scores)
            return _best(scores, limit), len(scores) if count else None
        candidates = [(docnum + leaf.offset, bound, leaf, scored) for leaf, scored, deleted in segments
                      for docnum, bound in scored.scores.items() if docnum not in deleted]
        if count:
            exact = {docnum: score for docnum, _bound, leaf, scored in candidates
                     if (score := scored.at(docnum - leaf.offset)) is not None}
            return _best(exact, limit), len(exact)
        return _best_checked(candidates, limit), None
    except NotShort:
        return None


def _best_checked(candidates: list[tuple[int, float, _Leaf, _Scored]], limit: int) -> list[tuple[int, float]]:
    """As vector._best_checked: candidates in order of their bound, checked exactly until no
    unchecked one can beat the ``limit``-th hit found."""
    best: list[tuple[float, int]] = []  # min-heap of (score, -docnum): the worst kept hit on top
    for docnum, bound, leaf, scored in sorted(candidates, key=lambda candidate: (-candidate[1], candidate[0])):
        if len(best) == limit and bound < best[0][0]:
            break
        score = scored.at(docnum - leaf.offset)
        if score is None:
            continue
        item = (score, -docnum)
        if len(best) < limit:
            heapq.heappush(best, item)
        elif item > best[0]:
            heapq.heapreplace(best, item)
    return [(-negated, score) for score, negated in sorted(best, reverse=True)]

