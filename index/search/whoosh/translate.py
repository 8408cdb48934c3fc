"""The project's query tree (index.search.query) as a Whoosh query, to rank with."""

from __future__ import annotations

from datetime import datetime

from whoosh import query as wq
from whoosh.util.times import datetime_to_long

from index.search import query as q

# A term that is never indexed: what matches nothing (an entity no name resolved to, a fuzzy word
# without any index word) becomes this, so that it still matches nothing inside an OR or an AND
# (where an empty query would simply be dropped).
NEVER_INDEXED = "\x00nothing"


def date_long(moment: datetime | None) -> int | None:
    return None if moment is None else datetime_to_long(moment)


def to_whoosh(node: q.Query) -> wq.Query:
    if isinstance(node, q.Term):
        return wq.Term(node.field, node.text, boost=node.boost)
    if isinstance(node, q.Phrase):
        return wq.Phrase(node.field, list(node.words), slop=node.slop, boost=node.boost)
    if isinstance(node, q.Prefix):
        return wq.Prefix(node.field, node.text, boost=node.boost)
    if isinstance(node, q.Wildcard):
        return wq.Wildcard(node.field, node.pattern, boost=node.boost)
    if isinstance(node, q.Fuzzy):
        return wq.FuzzyTerm(node.field, node.text, boost=node.boost, maxdist=node.max_distance,
                            prefixlength=node.prefix_length)
    if isinstance(node, q.TermRange):
        return wq.TermRange(node.field, node.start, node.end, node.start_excluded, node.end_excluded,
                            boost=node.boost)
    if isinstance(node, q.DateRange):
        return wq.NumericRange(q.DATE_FIELD, date_long(node.low), date_long(node.high), boost=node.boost)
    if isinstance(node, q.Entity):
        if not node.ids:
            return wq.Term(node.field, NEVER_INDEXED)
        return wq.Or([wq.Term(node.field, entity_id) for entity_id in node.ids], boost=node.boost)
    if isinstance(node, q.And):
        return wq.And([to_whoosh(child) for child in node.children], boost=node.boost)
    if isinstance(node, q.Or):
        return wq.Or([to_whoosh(child) for child in node.children], boost=node.boost)
    if isinstance(node, q.Not):
        return wq.Not(to_whoosh(node.child))
    if isinstance(node, q.AndMaybe):
        return wq.AndMaybe(to_whoosh(node.required), to_whoosh(node.optional))
    if isinstance(node, q.MatchNothing):
        return wq.Term(node.field or q.ENTITY_FIELD, NEVER_INDEXED)
    raise TypeError(f"no Whoosh query for {node!r}")
