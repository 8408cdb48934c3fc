"""The query tree every search backend answers: what the parser (:mod:`index.search.parser`)
makes of the query language, in index terms, with no engine's classes in it.

Text is already analysed: a ``Term`` holds the index term (``Verteidigungen`` -> ``verteid``),
so a backend looks terms up as they are. Fields are the index's field names (``title``,
``body``, ``source``, ``tags``, ``kind``, ``entity_ids``, ``quotes``, ``speakers``); dates are
naive Europe/Berlin wall-clock times, as the index stores them. A new query field is a new entry
in the parser's field table and, if it needs a new index field, that field's name here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Union

# The fields every backend indexes and the tree names.
TEXT_FIELDS = ("title", "body")
KEYWORD_FIELDS = ("source", "tags", "kind")
ENTITY_FIELD = "entity_ids"  # raw entity ids (one term per mention) and agency:NAME terms
QUOTE_FIELD = "quotes"  # the text inside the article's quotes, analysed like the body
SPEAKER_FIELD = "speakers"  # raw entity ids of the article's quoted speakers, one term each
DATE_FIELD = "published"


@dataclass(frozen=True)
class Term:
    """One index term in one field."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    """Index terms in this order, at most ``slop`` positions apart (1: adjacent)."""

    field: str
    words: tuple[str, ...]
    slop: int = 1
    boost: float = 1.0


@dataclass(frozen=True)
class Prefix:
    """Every index term that begins with ``text``."""

    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Wildcard:
    """Index terms matching a pattern: ``*`` any run of characters, ``?`` one character."""

    field: str
    pattern: str
    boost: float = 1.0


@dataclass(frozen=True)
class Fuzzy:
    """Index terms within ``max_distance`` edits (adjacent letters swapped count as one) of
    ``text`` that share its first ``prefix_length`` characters."""

    field: str
    text: str
    max_distance: int = 1
    prefix_length: int = 2
    boost: float = 1.0


@dataclass(frozen=True)
class TermRange:
    """Index terms between two terms in the index's (code point) order; None is open."""

    field: str
    start: str | None
    end: str | None
    start_excluded: bool = False
    end_excluded: bool = False
    boost: float = 1.0


@dataclass(frozen=True)
class DateRange:
    """Articles published within these inclusive bounds (None is open). A condition, not a score."""

    low: datetime | None
    high: datetime | None
    boost: float = 1.0


@dataclass(frozen=True)
class Entity:
    """``person:Macron``: the articles mentioning any of ``ids`` (the ids the name resolved to,
    terms of ``field``: ENTITY_FIELD, or SPEAKER_FIELD for ``said:``); none resolved: matches nothing."""

    kind: str
    name: str
    ids: tuple[str, ...]
    boost: float = 1.0
    field: str = ENTITY_FIELD


@dataclass(frozen=True)
class And:
    children: tuple[Query, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class Or:
    children: tuple[Query, ...]
    boost: float = 1.0


@dataclass(frozen=True)
class Not:
    """Inside an And: the documents without ``child``. (Scores a constant 1.0 in the And.)"""

    child: Query
    boost: float = 1.0


@dataclass(frozen=True)
class AndMaybe:
    """``+a b``: the documents matching ``required``; those also matching ``optional`` score higher."""

    required: Query
    optional: Query


@dataclass(frozen=True)
class MatchNothing:
    """What a part matching nothing becomes (a fuzzy word or range without any index term)."""

    field: str = ""
    boost: float = 1.0


Query = Union[Term, Phrase, Prefix, Wildcard, Fuzzy, TermRange, DateRange, Entity, And, Or, Not, AndMaybe,
              MatchNothing]
LEAVES = (Term, Phrase, Prefix, Wildcard, Fuzzy, TermRange, DateRange, Entity, MatchNothing)


def children(node: Query) -> tuple[Query, ...]:
    if isinstance(node, (And, Or)):
        return node.children
    if isinstance(node, Not):
        return (node.child,)
    if isinstance(node, AndMaybe):
        return (node.required, node.optional)
    return ()


def walk(node: Query):
    """Every node of the tree, parents before their children."""
    yield node
    for child in children(node):
        yield from walk(child)
