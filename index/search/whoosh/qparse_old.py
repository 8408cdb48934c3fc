"""The search language: parsing a query string into a Whoosh query, with one clear sentence on error.

Syntax (words are ANDed; title and body are searched unless a field is named):

- ``AND`` / ``OR`` / ``NOT`` (also ``UND`` / ``ODER`` / ``NICHT``), ``-word`` to exclude, ``( )``
- ``"Koalition der Willigen"`` phrases (also „…“), ``"…"~3`` for words up to 3 apart
- ``Verteid*`` prefixes, ``Sel?nskyj`` wildcards, ``Selenskij~`` / ``~2`` fuzzy (edit distance; the
  first two letters must match, ``~1/1`` relaxes that to one)
- fields: ``title:`` (``titel:``), ``source:`` (``quelle:``), ``tag:`` / ``tags:``, ``kind:``,
  ``published:`` (``date:`` / ``datum:``), ``person:``, ``org:``, ``place:`` (``ort:``), ``other:``,
  ``agency:`` (an agency credited in the text: ``agency:dpa``)
- dates: ``date:2025-09-04``, ``date:04.09.2025``, ``published:2025-09`` (a month),
  ``published:[2025-09-01 TO 2025-09-05]``, ``published:>2025-09-01`` (after that day),
  ``>=``, ``<``, ``<=``. Dates are days in Europe/Berlin, like the articles' own dates.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from whoosh import fields, qparser, query
from whoosh.util.times import datetime_to_long

from index.analysis import STOP_WORDS, fold, normalize
from index.errors import QueryError
from index.search.whoosh.expand import NEVER_INDEXED as _NEVER_INDEXED
from index.search.whoosh.expand import expand_multiterms, within_edit_distance  # noqa: F401 - re-exported

# Dates are indexed and queried as wall-clock time in this zone (naive German times are Berlin).
QUERY_TIMEZONE = ZoneInfo("Europe/Berlin")

TEXT_FIELDS = ("title", "body")
# agency: (agency:dpa) is looked up like an entity: the credits' terms stand in the same field.
ENTITY_FIELDS = ("person", "org", "place", "other", "agency")
FIELD_ALIASES = {
    "title": ["titel"],
    "source": ["quelle"],
    "tags": ["tag"],
    "published": ["date", "datum"],
    "place": ["ort"],
}
SEARCHABLE_FIELDS = ("title", "body", "source", "tags", "kind", "published", *ENTITY_FIELDS)
KNOWN_FIELD_NAMES = frozenset(SEARCHABLE_FIELDS) | {alias for names in FIELD_ALIASES.values() for alias in names}

EntityLookup = Callable[[str, str], list[str]]

_MAX_FUZZY_DISTANCE = 2
# Fuzzy words keep their first two letters (Selenskij~ finds Selenskyj, not Helenskij): the scan
# of the index's words then covers one two-letter prefix, about a tenth of a one-letter one
# (160 -> 20 ms at 10,000 articles). word~1/1 asks for a one-letter prefix.
DEFAULT_FUZZY_PREFIX = 2


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


class _QueryDateField(fields.DATETIME):
    """How the parser reads dates; used only in the parser's schema, never pickled into the index."""

    def parse_query(self, fieldname, qstring, boost=1.0):
        start, end = date_bounds(qstring)
        return query.NumericRange(fieldname, datetime_to_long(start), datetime_to_long(end), boost=boost)

    def parse_range(self, fieldname, start, end, startexcl, endexcl, boost=1.0):
        if start is None and end is None:
            raise QueryError("A date range needs a date, e.g. published:[2025-09-01 TO 2025-09-05].")
        low = high = None
        if start is not None:
            first, last = date_bounds(start)
            low = last + timedelta(microseconds=1) if startexcl else first
        if end is not None:
            first, last = date_bounds(end)
            high = first - timedelta(microseconds=1) if endexcl else last
        if low is not None and high is not None and low > high:
            raise QueryError(f"The date range from {start} to {end} ends before it starts.")
        return query.NumericRange(
            fieldname,
            datetime_to_long(low) if low else None,
            datetime_to_long(high) if high else None,
            boost=boost,
        )


class _GermanQueryParser(qparser.QueryParser):
    """Builds prefix, wildcard and fuzzy terms the way the German analyzer indexes words."""

    def term_query(self, fieldname, text, termclass, boost=1.0, tokenize=True, removestops=True):
        if fieldname not in TEXT_FIELDS or termclass is query.Term:
            return super().term_query(fieldname, text, termclass, boost, tokenize, removestops)
        if termclass is query.Prefix:
            # Index terms are stems: "Verteid*" must find verteid..., "Garantien*" the stem garanti.
            return query.Or(
                [query.Prefix(fieldname, fold(text.lower())), query.Term(fieldname, normalize(text))],
                boost=boost,
            )
        if termclass is query.FuzzyTerm:
            return query.FuzzyTerm(fieldname, normalize(text), boost=boost)
        if termclass is query.Wildcard:
            # Try the pattern as written and as stemmed (Rüstung?industrien -> rustung?industri).
            patterns = dict.fromkeys([fold(text.lower()), normalize(text)])
            return query.Or([query.Wildcard(fieldname, pattern) for pattern in patterns], boost=boost)
        return termclass(fieldname, fold(text.lower()), boost=boost)


class _FuzzyTermPlugin(qparser.FuzzyTermPlugin):
    """``word~`` keeps the first letter by default (``word~1/0`` to vary it too): scanning every
    term of a large index in Python would take seconds."""

    def create(self, parser, match):
        node = super().create(parser, match)
        if match.group("prefix") is None:
            node.prefixlength = DEFAULT_FUZZY_PREFIX
        return node


class _NestedPlusMinusPlugin(qparser.PlusMinusPlugin):
    """``-word`` and ``+word`` inside parentheses too (Whoosh's plugin sorts only the top level,
    so ``Streik (Pendler -Unfall)`` failed with "could not be understood")."""

    def do_plusminus(self, parser, group):
        for position, node in enumerate(group.nodes):
            if isinstance(node, qparser.syntax.GroupNode):
                group.nodes[position] = self.do_plusminus(parser, node)
        return super().do_plusminus(parser, group)


def _parser_schema(index_schema: fields.Schema) -> fields.Schema:
    schema = fields.Schema()
    for name, field in index_schema.items():
        schema.add(name, _QueryDateField() if name == "published" else field)
    for name in ENTITY_FIELDS:
        schema.add(name, fields.ID())
    return schema


def make_parser(index_schema: fields.Schema) -> qparser.QueryParser:
    parser = _GermanQueryParser(None, _parser_schema(index_schema))
    parser.add_plugin(qparser.MultifieldPlugin(list(TEXT_FIELDS)))
    parser.replace_plugin(
        qparser.OperatorsPlugin(
            And=r"(?<=\s)(AND|UND)(?=\s)",
            Or=r"(?<=\s)(OR|ODER)(?=\s)",
            Not=r"(^|(?<=(\s|[()])))(NOT|NICHT)(?=\s)",
            AndNot=None,
            AndMaybe=None,
        )
    )
    parser.add_plugin(_FuzzyTermPlugin())
    parser.add_plugin(qparser.GtLtPlugin())
    parser.add_plugin(_NestedPlusMinusPlugin(plusexpr=r"(?:(?<=\s)|^)\+(?=\S)", minusexpr=r"(?:(?<=\s)|^)-(?=\S)"))
    parser.add_plugin(qparser.FieldAliasPlugin(FIELD_ALIASES))
    return parser


_SURROGATE = re.compile("[\ud800-\udfff]")
_TYPOGRAPHIC_QUOTES = str.maketrans({"„": '"', "“": '"', "”": '"', "«": '"', "»": '"'})
_FIELD_NAME = re.compile(r"(?:(?<=[\s(])|^)[+-]?([^\W\d_]\w*):(?=\S)")
_FUZZY_DISTANCE = re.compile(r'(?<=[^\s"])~(\d+)')  # not a phrase's "..."~3 slop
_EMPTY_FIELD = re.compile(r"(?:(?<=[\s(])|^)([^\W\d_]\w*):(?:[<>]=?|=[<>])?(?=[\s)]|$)")
_FIELD_EXAMPLES = {"published": "2025-09-04", "source": "dpa", "tags": "Ukraine", "kind": "liveblog", "place": "Paris"}
_BINARY_OPERATORS = frozenset({"AND", "UND", "OR", "ODER"})
_NOT_OPERATORS = frozenset({"NOT", "NICHT"})


def _canonical_field(name: str) -> str:
    return next((field for field, aliases in FIELD_ALIASES.items() if name in aliases), name)


def check_syntax(text: str) -> str:
    """Reject what Whoosh's lenient parser would silently turn into something else.

    Returns the query with typographic quotes made plain.
    """
    text = text.translate(_TYPOGRAPHIC_QUOTES).strip()
    if not text:
        raise QueryError("The search is empty; type a word to search for.")
    if _SURROGATE.search(text):  # a byte that is not UTF-8 (from the command line), or half a pair
        raise QueryError("The query has a character that is not valid text (a byte that is not UTF-8); "
                         "type it again.")
    if text.count('"') % 2:
        raise QueryError('The query has an opening quote (") without a closing one.')
    # Quoted text keeps its place (so field:"..." has a value) but cannot look like syntax.
    outside_quotes = re.sub(r'"[^"]*"', lambda match: '"' + "_" * (len(match.group()) - 2) + '"', text)
    depth = 0
    in_range = False
    for char in outside_quotes:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                raise QueryError("The query closes a parenthesis that was never opened.")
        elif char in "[{":
            if in_range:
                raise QueryError("A range in the query opens a bracket inside another one.")
            in_range = True
        elif char in "]}":
            if not in_range:
                raise QueryError("The query closes a bracket that was never opened.")
            in_range = False
    if depth > 0:
        raise QueryError("The query opens a parenthesis that is never closed.")
    if in_range:
        raise QueryError("The query opens a bracket that is never closed.")
    for bracketed in re.findall(r"[\[{][^\]}]*[\]}]", outside_quotes):
        if not re.search(r"\sTO\s|^.\s*TO\s|\sTO\s*.$", bracketed, flags=re.IGNORECASE):
            raise QueryError(f"The range {bracketed} needs the form [2025-09-01 TO 2025-09-05].")
    for name in _FIELD_NAME.findall(outside_quotes):
        if name.lower() not in KNOWN_FIELD_NAMES:
            known = ", ".join(sorted(KNOWN_FIELD_NAMES))
            raise QueryError(f"There is no field called {name!r}; fields are {known}.")
    for name in _EMPTY_FIELD.findall(outside_quotes):
        if name.lower() in KNOWN_FIELD_NAMES:
            example = _FIELD_EXAMPLES.get(_canonical_field(name.lower()), "Merz")
            raise QueryError(f"{name}: needs something to search for, e.g. {name}:{example}.")
    _check_operators(outside_quotes)
    for distance in _FUZZY_DISTANCE.findall(outside_quotes):
        if int(distance) > _MAX_FUZZY_DISTANCE:
            raise QueryError(f"A fuzzy search allows at most {_MAX_FUZZY_DISTANCE} differences (word~2), not {distance}.")
    return text


def _check_operators(text: str) -> None:
    """AND/OR need a word on each side and NOT one after it; Whoosh would search for "AND"."""
    tokens = re.findall(r"[()]|[^\s()]+", text)
    for index, token in enumerate(tokens):
        before = tokens[index - 1] if index > 0 else None
        after = tokens[index + 1] if index + 1 < len(tokens) else None
        if token in _BINARY_OPERATORS:
            if before is None or before == "(" or before in _BINARY_OPERATORS or before in _NOT_OPERATORS:
                raise QueryError(f"{token} needs a word before it.")
            if after is None or after == ")" or after in _BINARY_OPERATORS:
                raise QueryError(f"{token} needs a word after it.")
        elif token in _NOT_OPERATORS and (after is None or after == ")" or after in _BINARY_OPERATORS):
            raise QueryError(f"{token} needs a word after it.")


def _raise_parse_errors(node: query.Query) -> None:
    error = getattr(node, "error", None)
    if error is not None:
        if isinstance(error, QueryError):
            raise error
        raise QueryError(f"Part of the query could not be understood ({error}).")
    for child in node.children():
        _raise_parse_errors(child)


def _rewrite(node: query.Query, entity_ids_for: EntityLookup | None) -> query.Query:
    """Resolve person:/org:/place: names to entity ids; make ``a -b`` an And with a Not.

    (Whoosh's AndNot matcher lets some excluded documents through; And + Not does not.)
    """
    if isinstance(node, query.AndNot):
        return query.And([_rewrite(node.a, entity_ids_for), query.Not(_rewrite(node.b, entity_ids_for))])
    fieldname = node.field() if node.is_leaf() else None
    if fieldname in ENTITY_FIELDS:
        if isinstance(node, query.Phrase):
            name = " ".join(node.words)
        else:
            name = getattr(node, "text", None)
        if not isinstance(name, str):
            raise QueryError(f"{fieldname}: takes a name, e.g. {fieldname}:Macron.")
        ids = list(dict.fromkeys(entity_ids_for(fieldname, name))) if entity_ids_for else []
        if not ids:
            return query.Term("entity_ids", _NEVER_INDEXED)
        return query.Or([query.Term("entity_ids", entity_id) for entity_id in ids], boost=node.boost)
    if node.is_leaf():
        return node
    return node.apply(lambda child: _rewrite(child, entity_ids_for))


def parse(parser: qparser.QueryParser, text: str, entity_ids_for: EntityLookup | None = None) -> query.Query:
    """The Whoosh query for ``text``; raises QueryError with one sentence if it cannot be searched."""
    text = check_syntax(text)
    try:
        parsed = parser.parse(text, normalize=False)
    except QueryError:
        raise
    except Exception as error:  # noqa: BLE001 - Whoosh's parser has no error contract; never show its traceback.
        raise QueryError(f"The query could not be understood ({error}).") from None
    _raise_parse_errors(parsed)
    resolved = _rewrite(parsed, entity_ids_for).normalize()
    if resolved is query.NullQuery or isinstance(resolved, query.qcore._NullQuery):
        common = [word for word in re.findall(r"[^\W\d_]+", text) if word.lower() in STOP_WORDS]
        if common:
            raise QueryError(f"The query only has words too common to search for ({', '.join(common)}).")
        raise QueryError("The query has nothing to search for.")
    return resolved
