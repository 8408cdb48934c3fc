"""Ranges, wildcards and fuzzy words replaced by the index words they match, within the limits
of :mod:`index.search.limits`, once per query before it is ranked.

Whoosh would expand them again per segment (a range walking its words one posting at a time,
which made ``[a TO z]`` take longer than anyone waits), and highlighting needs the same list. Prefixes stay
prefixes (index.search.whoosh.vector ranks each segment's own words) but count their words here.
"""

from __future__ import annotations

import re
from dataclasses import replace
from itertools import islice

from whoosh import query as wq

from index.search import query as q
from index.search.limits import MAX_EXPANDED_WORDS, ExpansionBudget, QueryTooCostly, check_compared


def expand_multiterms(node: q.Query, reader) -> q.Query:
    """The query with its ranges, wildcards and fuzzy words replaced by the words they match;
    raises QueryTooCostly (one sentence) when they match or compare too many words."""
    return _expand(node, reader, ExpansionBudget())


def _expand(node: q.Query, reader, budget: ExpansionBudget) -> q.Query:
    if isinstance(node, q.Wildcard) and node.pattern.strip("*") == "" and node.pattern.count("*") == 1:
        raise QueryTooCostly("A * on its own matches every word; put letters before it, e.g. Verteid*.")
    if isinstance(node, q.Prefix):
        budget.spend(_prefix_words(reader, node.field, node.text), f"The prefix {node.text}*")
        return node
    if isinstance(node, q.Fuzzy):
        terms = _fuzzy_terms(reader, node.field, node.text, node.max_distance, node.prefix_length)
        part = f"The fuzzy word {node.text}~{node.max_distance}"
    elif isinstance(node, q.Wildcard):
        terms = _wildcard_terms(reader, node)
        part = f"The pattern {node.pattern}"
    elif isinstance(node, q.TermRange):
        terms = _range_terms(reader, node)
        part = (f"The range {'{' if node.start_excluded else '['}{node.start or ''} TO {node.end or ''}"
                f"{'}' if node.end_excluded else ']'}")
    elif isinstance(node, (q.And, q.Or)):
        return replace(node, children=tuple(_expand(child, reader, budget) for child in node.children))
    elif isinstance(node, q.Not):
        return q.Not(_expand(node.child, reader, budget))
    elif isinstance(node, q.AndMaybe):
        return q.AndMaybe(_expand(node.required, reader, budget), _expand(node.optional, reader, budget))
    else:
        return node
    budget.spend(len(terms), part)
    if not terms:
        return q.MatchNothing(node.field)
    return q.Or(tuple(q.Term(node.field, term) for term in terms), boost=node.boost)


def _prefix_words(reader, fieldname: str, prefix: str) -> int:
    """How many words of the field begin with ``prefix`` (more than the limit: some number above
    it), read from the term files' positions as far as they tell."""
    if fieldname not in reader.schema:
        return 0
    from index.search.whoosh.terms import prefix_term_counts, terms_with_prefix  # numpy: only for these queries

    largest = max(prefix_term_counts(reader, fieldname, prefix), default=0)
    if largest > MAX_EXPANDED_WORDS:
        return largest
    # At most the limit per segment: read (and remembered for the ranking), shared words once
    return len(terms_with_prefix(reader, fieldname, prefix))


def _range_terms(reader, node: q.TermRange) -> list[str]:
    """The words of the range, up to one past the limit (the rest need not be read)."""
    if node.field not in reader.schema:
        return []
    whoosh_range = wq.TermRange(node.field, node.start, node.end, node.start_excluded, node.end_excluded)
    return [term.decode("utf-8") for term in islice(whoosh_range._btexts(reader), MAX_EXPANDED_WORDS + 1)]


def _fuzzy_terms(reader, fieldname: str, text: str, maxdist: int, prefixlength: int) -> list[str]:
    """The index's terms within ``maxdist`` edits of ``text`` sharing its first ``prefixlength``
    letters, sorted; only terms of a possible length get a distance computed."""
    if fieldname not in reader.schema:
        return []
    from index.search.whoosh.terms import prefix_term_counts, terms_with_prefix_and_length

    check_compared(sum(prefix_term_counts(reader, fieldname, text[:prefixlength])), f"The fuzzy word {text}~")
    # Imported here, not at the top: importing rapidfuzz would slow every program start.
    from rapidfuzz import process
    from rapidfuzz.distance import OSA

    candidates = terms_with_prefix_and_length(
        reader, fieldname, text[:prefixlength], len(text) - maxdist, len(text) + maxdist)
    # In the candidates' (sorted) order, as within_edit_distance would pick them.
    return [term for term, _distance, _index in
            process.extract_iter(text, candidates, scorer=OSA.distance, score_cutoff=maxdist)]


def _wildcard_terms(reader, node: q.Wildcard) -> list[str]:
    """The index's terms matching the pattern, sorted: Whoosh's own way (the terms with the
    pattern's literal beginning, matched against it), over the fast prefix lists."""
    if node.field not in reader.schema:
        return []
    from index.search.whoosh.terms import prefix_term_counts, terms_with_prefix

    whoosh_wildcard = wq.Wildcard(node.field, node.pattern)
    pattern = re.compile(whoosh_wildcard._get_pattern())
    prefix = whoosh_wildcard._find_prefix(node.pattern)  # Whoosh's, quirks and all, so the same terms match
    check_compared(sum(prefix_term_counts(reader, node.field, prefix)), f"The pattern {node.pattern}")
    return [term for term in terms_with_prefix(reader, node.field, prefix) if pattern.match(term)]


def within_edit_distance(first: str, second: str, limit: int) -> bool:
    """Damerau-Levenshtein distance in its optimal-string-alignment form (adjacent letters
    swapped count as one edit, no substring is edited twice) <= limit."""
    from rapidfuzz.distance import OSA

    return OSA.distance(first, second, score_cutoff=limit) <= limit
