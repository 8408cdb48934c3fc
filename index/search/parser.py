"""The search language: a query string into the query tree of :mod:`index.search.query`, or
one clear sentence (QueryError) saying why it cannot be searched.

Syntax (words are ANDed; title and body are searched unless a field is named):

- ``AND`` / ``OR`` / ``NOT`` (also ``UND`` / ``ODER`` / ``NICHT``), ``-word`` to exclude, ``( )``
- ``"Koalition der Willigen"`` phrases (also „…“), ``"…"~3`` for words up to 3 apart
- ``Verteid*`` prefixes, ``Sel?nskyj`` wildcards, ``Selenskij~`` / ``~2`` fuzzy (edit distance; the
  first two letters must match, ``~1/1`` relaxes that to one)
- fields: ``title:`` (``titel:``), ``source:`` (``quelle:``), ``tag:`` / ``tags:``, ``kind:``,
  ``published:`` (``date:`` / ``datum:``), ``person:``, ``org:``, ``place:`` (``ort:``), ``other:``,
  ``agency:`` (an agency credited in the text: ``agency:dpa``), ``quote:`` (``zitat:``, words inside
  the article's quotes), ``said:`` (articles quoting that entity: ``said:Merz``, any alias, any kind)
- dates: ``date:2025-09-04``, ``date:04.09.2025``, ``published:2025-09`` (a month),
  ``published:[2025-09-01 TO 2025-09-05]``, ``published:>2025-09-01`` (after that day),
  ``>=``, ``<``, ``<=``. Dates are days in Europe/Berlin, like the articles' own dates.
- ``word^2`` weighs a part twice; ``+word`` requires a word while the rest only add to the score.

How the string is read (its tokens, how ``-``, ``AND`` and a field name group what follows them)
is the same as the Whoosh query parser this replaced, so queries find what they found before.
The table FIELDS says what each field name means; a new field is a new row there.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field as dataclass_field, replace
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from index.analysis import STOP_WORDS, analyze_words, fold, normalize
from index.errors import QueryError
from index.search import query as q
from index.search.syntax import (
    AND, NOT, OR, Boost, FieldName, Fuzziness, Group, Node, Operator, PhraseText, RangeText, Relation, Text,
    check_syntax, tokens)

# Dates are indexed and queried as wall-clock time in this zone (naive German times are Berlin).
QUERY_TIMEZONE = ZoneInfo("Europe/Berlin")

EntityLookup = Callable[[str, str], list[str]]

# Fuzzy words keep their first two letters (Selenskij~ finds Selenskyj, not Helenskij): the scan
# of the index's words then covers one two-letter prefix, about a tenth of a one-letter one.
# word~1/1 asks for a one-letter prefix.
DEFAULT_FUZZY_PREFIX = 2


@dataclass(frozen=True)
class FieldKind:
    """How the words after ``name:`` become query parts."""

    kind: str  # "text" (analysed, stemmed), "keyword" (folded words), "tag" (one folded value),
    #            "date", "entity" (a name resolved to entity ids)
    index_field: str = q.ENTITY_FIELD


FIELDS: dict[str, FieldKind] = {
    "title": FieldKind("text", "title"),
    "body": FieldKind("text", "body"),
    "source": FieldKind("keyword", "source"),
    "tags": FieldKind("tag", "tags"),
    "kind": FieldKind("tag", "kind"),
    "published": FieldKind("date", q.DATE_FIELD),
    "person": FieldKind("entity"),
    "org": FieldKind("entity"),
    "place": FieldKind("entity"),
    "other": FieldKind("entity"),
    "agency": FieldKind("entity"),
    "quote": FieldKind("text", q.QUOTE_FIELD),
    "said": FieldKind("entity", q.SPEAKER_FIELD),
}
FIELD_ALIASES = {"titel": "title", "quelle": "source", "tag": "tags", "date": "published", "datum": "published",
                 "ort": "place", "zitat": "quote"}
ENTITY_KINDS = tuple(name for name, spec in FIELDS.items() if spec.kind == "entity")
# Unfielded words search these.
DEFAULT_FIELDS = q.TEXT_FIELDS


def to_index_time(moment: datetime) -> datetime:
    """A timezone-aware moment as the naive Berlin wall-clock time the index stores."""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=QUERY_TIMEZONE)
    return moment.astimezone(QUERY_TIMEZONE).replace(tzinfo=None)


_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2})(?:[T ](\d{1,2}):(\d{2}))?)?)?")
_GERMAN_DATE = re.compile(r"(\d{1,2})\.(\d{1,2})\.(\d{4})")


def date_bounds(text: str) -> tuple[datetime, datetime]:
    """The first and last microsecond a date means: a year, month, day or minute."""
    cleaned = text.strip().strip("'\"")
    iso = _ISO_DATE.fullmatch(cleaned)
    german = _GERMAN_DATE.fullmatch(cleaned)
    if iso:
        year, month, day, hour, minute = (int(part) if part else None for part in iso.groups())
    elif german:
        day, month, year = (int(part) for part in german.groups())
        hour = minute = None
    else:
        raise QueryError(f"Could not read the date {cleaned!r}; write it as 2025-09-04 or 04.09.2025.")
    assert year is not None
    try:
        start = datetime(year, month or 1, day or 1, hour or 0, minute or 0)
    except ValueError:
        raise QueryError(f"{cleaned!r} is not a valid date.") from None
    if minute is not None:
        following = start + timedelta(minutes=1)
    elif day is not None:
        following = start + timedelta(days=1)
    elif month is not None:
        following = start.replace(year=year + (month == 12), month=month % 12 + 1)
    else:
        following = start.replace(year=year + 1)
    return start, following - timedelta(microseconds=1)


def _date_range(node: RangeText) -> q.DateRange:
    if node.start is None and node.end is None:
        raise QueryError("A date range needs a date, e.g. published:[2025-09-01 TO 2025-09-05].")
    low = high = None
    if node.start is not None:
        first, last = date_bounds(node.start)
        low = last + timedelta(microseconds=1) if node.start_excluded else first
    if node.end is not None:
        first, last = date_bounds(node.end)
        high = first - timedelta(microseconds=1) if node.end_excluded else last
    if low is not None and high is not None and low > high:
        raise QueryError(f"The date range from {node.start} to {node.end} ends before it starts.")
    return q.DateRange(low, high, boost=node.boost)


@dataclass
class _Builder:
    entity_ids_for: EntityLookup | None
    resolved: dict[tuple[str, str], tuple[str, ...]] = dataclass_field(default_factory=dict)

    def build(self, node: Node) -> q.Query | None:
        """The query for a syntax node; None for what asks for nothing (a stop word)."""
        if isinstance(node, Group):
            return self._group(node)
        if isinstance(node, RangeText):
            return self._range(node)
        if isinstance(node, (Text, PhraseText)):
            return self._text(node)
        return None  # a stray operator or mark

    def _group(self, group: Group) -> q.Query | None:
        if group.kind == NOT:
            inner = self.build(group.nodes[0]) if group.nodes else None
            return q.Not(inner) if inner is not None else None
        if group.kind in ("andnot", "andmaybe"):
            first, second = (self.build(child) for child in group.nodes)
            if first is None or second is None:
                return first if second is None else second
            if group.kind == "andnot":
                return q.And((first, q.Not(second)))
            return q.AndMaybe(first, second)
        parts = [part for part in map(self.build, group.nodes) if part is not None]
        return (q.Or if group.kind == OR else q.And)(tuple(parts), boost=group.boost)

    def _range(self, node: RangeText) -> q.Query:
        assert node.field is not None  # every range has a field by now (the default ones at least)
        spec = FIELDS[node.field]
        if spec.kind == "date":
            return _date_range(node)
        if spec.kind == "entity":
            raise QueryError(f"{node.field}: takes a name, e.g. {node.field}:Macron.")
        if spec.kind == "text":
            start = normalize(node.start) if node.start else node.start
            end = normalize(node.end) if node.end else node.end
        else:
            start = _whole(spec.kind, node.start) if node.start else node.start
            end = _whole(spec.kind, node.end) if node.end else node.end
        return q.TermRange(spec.index_field, start or None, end or None, node.start_excluded, node.end_excluded,
                           boost=node.boost)

    def _entity(self, kind: str, name: str, boost: float) -> q.Query:
        key = (kind, name)
        if key not in self.resolved:
            found = self.entity_ids_for(kind, name) if self.entity_ids_for else []
            self.resolved[key] = tuple(dict.fromkeys(found))
        return q.Entity(kind, name, self.resolved[key], boost=boost, field=FIELDS[kind].index_field)

    def _text(self, node: Text | PhraseText) -> q.Query | None:
        assert node.field is not None
        spec = FIELDS[node.field]
        if spec.kind == "entity":
            return self._entity(node.field, node.text, node.boost)
        if spec.kind == "date":
            start, end = date_bounds(node.text)
            return q.DateRange(start, end, boost=node.boost)
        field = spec.index_field
        if isinstance(node, PhraseText):
            words = _words(spec.kind, node.text)
            return q.Phrase(field, tuple(words), node.slop, boost=node.boost)
        if node.form == "prefix":
            if spec.kind == "text":
                return q.Or((q.Prefix(field, fold(node.text.lower())), q.Term(field, normalize(node.text))),
                            boost=node.boost)
            return q.Prefix(field, _whole(spec.kind, node.text), boost=node.boost)
        if node.form == "fuzzy":
            text = normalize(node.text) if spec.kind == "text" else _whole(spec.kind, node.text)
            prefix = DEFAULT_FUZZY_PREFIX if node.prefix_length is None else node.prefix_length
            return q.Fuzzy(field, text, node.max_distance, prefix, boost=node.boost)
        if node.form == "wildcard":
            if spec.kind == "text":
                patterns = dict.fromkeys([fold(node.text.lower()), normalize(node.text)])
                return q.Or(tuple(q.Wildcard(field, pattern) for pattern in patterns), boost=node.boost)
            return q.Wildcard(field, _whole(spec.kind, node.text), boost=node.boost)
        words = _words(spec.kind, node.text)
        if not words:
            return None
        if len(words) == 1:
            return q.Term(field, words[0], boost=node.boost)
        if spec.kind == "text":  # Ukraine-Krieg: the words as a phrase
            return q.Phrase(field, tuple(words), boost=node.boost)
        return q.And(tuple(q.Term(field, word, boost=node.boost) for word in words))


def _whole(kind: str, text: str) -> str:
    """A keyword or tag field's term for text taken whole (a prefix, pattern or range bound)."""
    return fold(text.strip().lower()) if kind == "tag" else fold(text.lower())


def _words(kind: str, text: str) -> list[str]:
    """The index terms of a query word or phrase in a field of this kind."""
    if kind == "text":
        return [terms[0] for _start, _end, _position, terms in analyze_words(text, compounds=False)]
    if kind == "keyword":
        return [fold(match.group().lower()) for match in re.finditer(r"[^\W_]+", text)]
    folded = fold(text.strip().lower())  # a tag or kind: the whole value
    return [folded] if folded else []


def simplify(node: q.Query) -> q.Query | None:
    """Nested ANDs and ORs flattened (their boosts multiplied in), one-part groups unwrapped,
    repeated parts dropped; None when nothing is left to search for."""
    if isinstance(node, q.Not):
        inner = simplify(node.child)
        return None if inner is None else q.Not(inner)
    if isinstance(node, q.AndMaybe):
        required, optional = simplify(node.required), simplify(node.optional)
        if required is None:
            return None
        return required if optional is None else q.AndMaybe(required, optional)
    if isinstance(node, q.Phrase) and len(node.words) <= 1:
        return q.Term(node.field, node.words[0], boost=node.boost) if node.words else None
    if not isinstance(node, (q.And, q.Or)):
        return node
    kind = type(node)
    flat: list[q.Query] = []
    for child in node.children:
        if isinstance(child, kind):
            for grandchild in child.children:
                part = simplify(_boosted(grandchild, child.boost))
                if part is not None:
                    flat.append(part)
        else:
            part = simplify(child)
            if part is not None:
                flat.append(part)
    parts = list(dict.fromkeys(flat))
    if not parts:
        return None
    if len(parts) == 1:
        return _boosted(parts[0], node.boost)
    return kind(tuple(parts), boost=node.boost)


def _boosted(node: q.Query, factor: float) -> q.Query:
    if factor == 1.0 or isinstance(node, (q.Not, q.AndMaybe)):
        return node
    return replace(node, boost=node.boost * factor)


def parse(text: str, entity_ids_for: EntityLookup | None = None) -> q.Query:
    """The query tree for ``text``; raises QueryError with one sentence if it cannot be searched.

    ``entity_ids_for(kind, name)`` resolves person:/org:/place:/other:/agency:/said: names (said:
    asks for an entity of any kind).
    """
    text = check_syntax(text, FIELDS, FIELD_ALIASES)
    group = tokens(text, FIELDS, FIELD_ALIASES, DEFAULT_FIELDS)
    built = _Builder(entity_ids_for).build(group)
    resolved = simplify(built) if built is not None else None
    if resolved is None:
        common = [word for word in re.findall(r"[^\W\d_]+", text) if word.lower() in STOP_WORDS]
        if common:
            raise QueryError(f"The query only has words too common to search for ({', '.join(common)}).")
        raise QueryError("The query has nothing to search for.")
    return resolved


__all__ = ["AND", "NOT", "OR", "Boost", "FieldName", "Fuzziness", "Operator", "Relation", "parse", "date_bounds",
           "to_index_time", "QUERY_TIMEZONE", "FIELDS", "FIELD_ALIASES", "ENTITY_KINDS", "EntityLookup"]
