"""A slow, obvious ranking to check index.search.whoosh.vector against: every term's postings walked
through Whoosh's own matcher and scorer, combined as the query's boolean structure says."""

from __future__ import annotations

from whoosh import query

from index.search.whoosh.vector import NOT_SCORE


def _term(searcher, node: query.Term) -> dict[int, float]:
    scores: dict[int, float] = {}
    if node.fieldname not in searcher.schema:
        return scores
    tbytes = searcher.schema[node.fieldname].to_bytes(node.text)
    for leaf, offset in searcher.leaf_searchers():
        reader = leaf.reader()
        if (node.fieldname, tbytes) not in reader:
            continue
        scorer = searcher.weighting.scorer(leaf, node.fieldname, node.text)
        matcher = reader.postings(node.fieldname, tbytes, scorer=scorer)
        while matcher.is_active():
            if not reader.is_deleted(matcher.id()):
                scores[offset + matcher.id()] = matcher.score() * node.boost
            matcher.next()
    return scores


def reference_scores(searcher, node: query.Query) -> dict[int, float]:
    """{global docnum: score} of every matching document."""
    if isinstance(node, query.Prefix):
        words = [word.decode() for word in node._btexts(searcher.reader())]
        node = query.Or([query.Term(node.fieldname, word) for word in words], boost=node.boost)
    if isinstance(node, query.Term):
        return _term(searcher, node)
    if isinstance(node, query.Phrase):  # Whoosh's own phrase matching, scored as the AND of the words
        words = reference_scores(searcher, query.And([query.Term(node.fieldname, word) for word in node.words]))
        inside = set(searcher.docs_for_query(node))
        return {docnum: score * node.boost for docnum, score in words.items() if docnum in inside}
    if isinstance(node, query.Or):
        total: dict[int, float] = {}
        for child in node.subqueries:
            for docnum, score in reference_scores(searcher, child).items():
                total[docnum] = total.get(docnum, 0.0) + score
        return {docnum: score * node.boost for docnum, score in total.items()}
    if isinstance(node, query.And):
        positives = [child for child in node.subqueries if not isinstance(child, query.Not)]
        negatives = [child.query for child in node.subqueries if isinstance(child, query.Not)]
        parts = [reference_scores(searcher, child) for child in positives]
        common = set.intersection(*(set(part) for part in parts))
        for negative in negatives:
            common -= set(reference_scores(searcher, negative))
        return {
            docnum: (sum(part[docnum] for part in parts) + NOT_SCORE * len(negatives)) * node.boost
            for docnum in common
        }
    raise AssertionError(f"no reference for {node!r}")


def reference_ranking(searcher, node: query.Query, limit: int, allowed: set[int] | None = None):
    scores = reference_scores(searcher, node)
    if allowed is not None:
        scores = {docnum: score for docnum, score in scores.items() if docnum in allowed}
    return sorted(((score, docnum) for docnum, score in scores.items()), key=lambda item: (-item[0], item[1]))[:limit]
