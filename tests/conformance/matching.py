"""What a query tree matches, worked out by brute force from the documents and the project's own
analysis: the reference every backend's matches must equal."""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.analysis import WORD_PATTERN, analyze_words, fold
from index.search import query as q
from index.search.backend import IndexDocument
from index.search.parser import to_index_time


@dataclass
class Fields:
    """A document's terms per field, each with its positions."""

    terms: dict[str, dict[str, set[int]]]
    published: object
    entity_ids: set[str]
    speaker_ids: set[str]


def fields_of(doc: IndexDocument) -> Fields:
    terms: dict[str, dict[str, set[int]]] = {}
    for name, text in (("title", doc.title), ("body", doc.body), (q.QUOTE_FIELD, "\n".join(doc.quotes))):
        field = terms.setdefault(name, {})
        for _start, _end, position, words in analyze_words(text):
            for word in words:
                field.setdefault(word, set()).add(position)
    source = terms.setdefault("source", {})
    for position, match in enumerate(WORD_PATTERN.finditer(doc.source or "")):
        source.setdefault(fold(match.group().lower()), set()).add(position)
    terms["tags"] = {fold(tag.strip().lower()): {0} for tag in doc.tags if tag.strip()}
    terms["kind"] = {fold((doc.kind or "article").strip().lower()): {0}}
    published = to_index_time(doc.published) if doc.published else None
    return Fields(terms, published, set(doc.entity_ids), set(doc.speaker_ids))


def _osa(first: str, second: str) -> int:
    table = [[0] * (len(second) + 1) for _ in range(len(first) + 1)]
    for i in range(len(first) + 1):
        table[i][0] = i
    for j in range(len(second) + 1):
        table[0][j] = j
    for i in range(1, len(first) + 1):
        for j in range(1, len(second) + 1):
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1,
                              table[i - 1][j - 1] + (first[i - 1] != second[j - 1]))
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


def _phrase(field: dict[str, set[int]], words: tuple[str, ...], slop: int) -> bool:
    reachable = field.get(words[0], set())
    for word in words[1:]:
        reachable = {position for position in field.get(word, set())
                     if any(1 <= position - end <= slop for end in reachable)}
    return bool(reachable)


def matches(node: q.Query, doc: Fields) -> bool:
    if isinstance(node, q.And):
        return all(not matches(child.child, doc) if isinstance(child, q.Not) else matches(child, doc)
                   for child in node.children)
    if isinstance(node, q.Or):
        return any(matches(child, doc) for child in node.children)
    if isinstance(node, q.Not):
        return not matches(node.child, doc)
    if isinstance(node, q.AndMaybe):
        return matches(node.required, doc)
    if isinstance(node, q.Entity):
        return bool((doc.speaker_ids if node.field == q.SPEAKER_FIELD else doc.entity_ids) & set(node.ids))
    if isinstance(node, q.DateRange):
        return doc.published is not None and (node.low is None or node.low <= doc.published) and (
            node.high is None or doc.published <= node.high)
    if isinstance(node, q.MatchNothing):
        return False
    field = doc.terms.get(node.field, {})
    if isinstance(node, q.Term):
        return node.text in field
    if isinstance(node, q.Phrase):
        return _phrase(field, node.words, node.slop)
    if isinstance(node, q.Prefix):
        return any(term.startswith(node.text) for term in field)
    if isinstance(node, q.Wildcard):
        pattern = re.compile("".join(".*" if c == "*" else "." if c == "?" else re.escape(c) for c in node.pattern))
        return any(pattern.fullmatch(term) for term in field)
    if isinstance(node, q.Fuzzy):
        return any(term[:node.prefix_length] == node.text[:node.prefix_length]
                   and _osa(term, node.text) <= node.max_distance for term in field)
    if isinstance(node, q.TermRange):
        def inside(term: str) -> bool:
            if node.start is not None and (term < node.start or (node.start_excluded and term == node.start)):
                return False
            return not (node.end is not None and (term > node.end or (node.end_excluded and term == node.end)))
        return any(inside(term) for term in field)
    raise AssertionError(f"no reference for {node!r}")
