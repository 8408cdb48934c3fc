"""An article's hits for a query that asks for quotes: ``said:Merz`` makes each of Merz's quotes in
it one hit, ``quote:Waffenruhe`` each quote with that word in it, so ``]``/``[`` step from quote to
quote. What the query asks of the body stays a hit where it is outside those quotes."""

from __future__ import annotations

from collections.abc import Iterable

from index.models import Span
from index.search import query as q
from index.search.snippets import find_matches, positive_terms

# A stored quote as the index knows it: start, end, raw speaker id (None: nobody named).
StoredQuote = tuple[int, int, "str | None"]


def asks_for_quotes(node: q.Query) -> bool:
    """Whether the query has a quote: or said: part (excluded ones too)."""
    return any(isinstance(part, q.Entity) and part.field == q.SPEAKER_FIELD
               or getattr(part, "field", None) == q.QUOTE_FIELD for part in q.walk(node))


def _speakers(node: q.Query) -> set[str]:
    """The raw speaker ids of the said: parts the query asks for (not those it excludes)."""
    if isinstance(node, q.Not):
        return set()
    if isinstance(node, q.Entity):
        return set(node.ids) if node.field == q.SPEAKER_FIELD else set()
    return set().union(*(_speakers(child) for child in q.children(node)))


def quote_hits(expanded: q.Query, body: str, quotes: Iterable[StoredQuote], body_hits: list[Span]) -> list[Span]:
    """The quotes the (expanded) query asks for, with the body hits outside them, in body order."""
    speakers = _speakers(expanded)
    words = positive_terms(expanded, q.QUOTE_FIELD)
    asked = [Span(start=start, end=end) for start, end, speaker in quotes
             if (speaker is not None and speaker in speakers) or (words and find_matches(body[start:end], words))]
    outside = [hit for hit in body_hits if not any(quote.start <= hit.start and hit.end <= quote.end for quote in asked)]
    return sorted(asked + outside, key=lambda span: (span.start, span.end))
