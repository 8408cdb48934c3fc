"""Reading a query string into a tree of syntax nodes (words, phrases, ranges, groups) before
:mod:`index.search.parser` turns them into query parts.

The string is cut into tokens at each position by the first pattern that matches there (marks
such as ``(``, ``"…"``, ``field:``, ``AND``, ``-``, ``^2``, ``~``, ranges, whitespace); the text
between them is words. Passes over the tokens then nest parentheses, join ``word~`` and ``word*``,
apply field names to what follows them, copy unfielded text into the default fields, apply
boosts and ``+``/``-``, and finally the operators: every NOT, then every AND, then every OR,
each left to right. This is the order (and the quirks) of the Whoosh parser the project used.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from index.errors import QueryError

AND, OR, NOT = "and", "or", "not"


class Node:
    has_text = False  # words, phrases, wildcards: joined with a neighbouring * or ?
    fieldable = False
    boostable = False
    field: str | None = None
    boost = 1.0
    original = ""


@dataclass
class Text(Node):
    """A word; ``form`` says how it is matched: "word", "prefix", "wildcard" or "fuzzy"."""

    text: str
    form: str = "word"
    max_distance: int = 1
    prefix_length: int | None = None  # fuzzy: None is the default
    field: str | None = None
    boost: float = 1.0
    has_text = True
    fieldable = True
    boostable = True


@dataclass
class PhraseText(Node):
    text: str
    slop: int = 1
    field: str | None = None
    boost: float = 1.0
    has_text = True
    fieldable = True
    boostable = True


@dataclass
class RangeText(Node):
    start: str | None
    end: str | None
    start_excluded: bool = False
    end_excluded: bool = False
    field: str | None = None
    boost: float = 1.0
    fieldable = True
    boostable = True


@dataclass
class Group(Node):
    kind: str = AND  # and, or, not, andnot, andmaybe
    nodes: list[Node] = field(default_factory=list)
    boost: float = 1.0
    boostable = True


@dataclass
class Mark(Node):
    """Whitespace, a parenthesis, + or -: gone before the tree is built."""

    name: str
    original: str = ""


@dataclass
class Operator(Node):
    kind: str
    original: str = ""


@dataclass
class FieldName(Node):
    name: str
    original: str = ""


@dataclass
class Boost(Node):
    value: float
    original: str = ""


@dataclass
class Fuzziness(Node):
    max_distance: int
    prefix_length: int | None
    original: str = ""


@dataclass
class Relation(Node):
    rel: str
    original: str = ""


_QMARKS = "?\u055e\u061f\u1367"
_RANGE = re.compile(r"""
    (?P<open>\{|\[)
    (?P<start>('[^']*?'\s+)|([^\]}]+?(?=[Tt][Oo])))?
    [Tt][Oo]
    (?P<end>(\s+'[^']*?')|([^\]}]+?))?
    (?P<close>}|])""", re.VERBOSE | re.UNICODE)
_FUZZINESS = re.compile(r"(?<=\S)~(?P<maxdist>[0-9])?(/(?P<prefix>[1-9][0-9]*))?")
_OPERATORS = (
    (re.compile(r"(^|(?<=(\s|[()])))(NOT|NICHT)(?=\s)"), NOT),
    (re.compile(r"(?<=\s)(AND|UND)(?=\s)"), AND),
    (re.compile(r"(?<=\s)(OR|ODER)(?=\s)"), OR),
)


def _tagged(text: str, position: int) -> tuple[Node, int] | None:
    """The token starting at ``position``, with where it ends, if one does."""
    for pattern, make in _PATTERNS:
        match = pattern.match(text, position)
        if match is not None and match.end() > position:
            return make(match), match.end()
    return None


def _boost(match: re.Match) -> Node:
    try:
        return Boost(float(match.group("boost")), match.group(0))
    except ValueError:
        return Text(match.group(0))


def _range(match: re.Match) -> Node:
    start, end = match.group("start"), match.group("end")
    if start:
        start = start.rstrip()
        if start.startswith("'") and start.endswith("'"):
            start = start[1:-1]
    if end:
        end = end.lstrip()
        if end.startswith("'") and end.endswith("'"):
            end = end[1:-1]
    return RangeText(start, end, match.group("open") == "{", match.group("close") == "}")


def _operator(kind: str):
    return lambda match: Operator(kind, match.group(0))


# In the order they are tried at each position.
_PATTERNS: list[tuple[re.Pattern, Callable[[re.Match], Node]]] = [
    (re.compile(r"[*]:[*]"), lambda m: Text("*", form="wildcard")),
    (re.compile(r"(^|(?<=\W))'(?P<text>.*?)'(?=\s|\]|[)}]|$)"), lambda m: Text(m.group("text"))),
    (re.compile(r"(?P<text>\w+|[*]):"), lambda m: FieldName(m.group("text"), m.group(0))),
    (re.compile(f"(?P<text>[*{_QMARKS}])"), lambda m: Text(m.group("text"), form="wildcard")),
    (re.compile(r'"(?P<text>.*?)"(~(?P<slop>[1-9][0-9]*))?'),
     lambda m: PhraseText(m.group("text"), int(m.group("slop")) if m.group("slop") else 1)),
    (re.compile(r"[(]"), lambda m: Mark("(", m.group(0))),
    (re.compile(r"[)]"), lambda m: Mark(")", m.group(0))),
    (re.compile(r"\^(?P<boost>[0-9]*(\.[0-9]+)?)($|(?=[ \t\r\n)]))"), _boost),
    *((pattern, _operator(kind)) for pattern, kind in _OPERATORS),
    (_FUZZINESS, lambda m: Fuzziness(int(m.group("maxdist")) if m.group("maxdist") else 1,
                                     int(m.group("prefix")) if m.group("prefix") else None, m.group(0))),
    (re.compile(r"(?P<rel>(<=|>=|<|>|=<|=>))"), lambda m: Relation(m.group("rel"), m.group(0))),
    (re.compile(r"(?:(?<=\s)|^)\+(?=\S)"), lambda m: Mark("+", m.group(0))),
    (re.compile(r"(?:(?<=\s)|^)-(?=\S)"), lambda m: Mark("-", m.group(0))),
    (_RANGE, _range),
    (re.compile(r"\s+"), lambda m: Mark(" ", m.group(0))),
]


def _tag(text: str) -> list[Node]:
    nodes: list[Node] = []
    position = previous = 0
    while position < len(text):
        found = _tagged(text, position)
        if found is None:
            position += 1
            continue
        node, end = found  # type: ignore[misc]
        if previous < position:
            nodes.append(Text(text[previous:position]))
        nodes.append(node)
        previous = position = end
    if previous < len(text):
        nodes.append(Text(text[previous:]))
    return nodes


def _as_word(node: Node) -> Text:
    return Text(node.original)


def _nest(nodes: list[Node]) -> Group:
    stack = [Group()]
    for node in nodes:
        if isinstance(node, Mark) and node.name == "(":
            stack.append(Group())
        elif isinstance(node, Mark) and node.name == ")":
            if len(stack) > 1:
                last = stack.pop()
                stack[-1].nodes.append(last)
        else:
            stack[-1].nodes.append(node)
    top = stack[0]
    for left_open in stack[1:]:
        top.nodes.extend(left_open.nodes)
    if len(top.nodes) == 1 and isinstance(top.nodes[0], Group):
        top = top.nodes[0]
    return top


def _words_for_stray_boosts(group: Group) -> None:
    """A ^2 with nothing before it to boost is a word (top level only, as Whoosh did)."""
    for index, node in enumerate(group.nodes):
        if isinstance(node, Boost) and (index == 0 or not group.nodes[index - 1].boostable):
            group.nodes[index] = _as_word(node)


def _join_fuzzy(group: Group) -> None:
    joined: list[Node] = []
    index = 0
    while index < len(group.nodes):
        node = group.nodes[index]
        following = group.nodes[index + 1] if index + 1 < len(group.nodes) else None
        if isinstance(node, Text) and node.form == "word" and isinstance(following, Fuzziness):
            node = Text(node.text, "fuzzy", following.max_distance, following.prefix_length, node.field, node.boost)
            index += 1
        if isinstance(node, Fuzziness):
            node = _as_word(node)
        if isinstance(node, Group):
            _join_fuzzy(node)
        joined.append(node)
        index += 1
    group.nodes = joined


def _join_wildcards(group: Group) -> None:
    nodes = group.nodes
    index = 0
    while index < len(nodes):
        node = nodes[index]
        if isinstance(node, Text) and node.form == "wildcard":
            if index < len(nodes) - 1 and nodes[index + 1].has_text:
                node.text += nodes.pop(index + 1).text  # type: ignore[attr-defined]
            if index > 0 and nodes[index - 1].has_text:
                node.text = nodes.pop(index - 1).text + node.text  # type: ignore[attr-defined]
            else:
                index += 1
        else:
            if isinstance(node, Group):
                _join_wildcards(node)
            index += 1
    for node in nodes:
        if isinstance(node, Text) and node.form == "wildcard":
            text = node.text
            if len(text) > 1 and not any(mark in text for mark in _QMARKS) and text.find("*") == len(text) - 1:
                node.text, node.form = text[:-1], "prefix"


def _ranges_from_relations(group: Group, fields: Mapping[str, Any]) -> None:
    """field:>x is the range field:{x TO]; a relation anywhere else is dropped."""
    kept: list[Node] = []
    index = 0
    while index < len(group.nodes):
        node = group.nodes[index]
        if isinstance(node, Relation):
            if index < len(group.nodes) - 1:
                following = group.nodes[index + 1]
                if kept and isinstance(kept[-1], FieldName) and following.has_text:
                    kept.append(_relation_range(following.text, node.rel))  # type: ignore[attr-defined]
                    index += 1
        elif isinstance(node, Group):
            _ranges_from_relations(node, fields)
            kept.append(node)
        else:
            kept.append(node)
        index += 1
    group.nodes = kept


def _relation_range(text: str, rel: str) -> RangeText:
    if rel == "<":
        return RangeText(None, text, False, True)
    if rel == ">":
        return RangeText(text, None, True, False)
    if rel in ("<=", "=<"):
        return RangeText(None, text, False, False)
    return RangeText(text, None, False, False)


def _set_field(node: Node, name: str) -> None:
    if isinstance(node, Group):
        for child in node.nodes:
            _set_field(child, name)
    elif node.fieldable and node.field is None:
        node.field = name


def _apply_fields(group: Group, fields: Mapping[str, Any]) -> None:
    """A field name applies to the node right after it; an unknown one is text."""
    known: list[Node] = []
    unknown: FieldName | None = None
    for node in group.nodes:
        if isinstance(node, FieldName) and node.name not in fields:
            unknown = node
            continue
        if unknown is not None:
            if node.has_text:
                node.text = unknown.original + node.text  # type: ignore[attr-defined]
            else:
                known.append(_as_word(unknown))
            unknown = None
        known.append(node)
    if unknown is not None:
        known.append(_as_word(unknown))
    applied: list[Node] = []
    index = len(known)
    while index > 0:
        index -= 1
        node = known[index]
        if isinstance(node, FieldName):
            node = _as_word(node)
        elif isinstance(node, Group):
            _apply_fields(node, fields)
        if index > 0 and not (isinstance(node, Mark) and node.name == " ") and isinstance(known[index - 1], FieldName):
            _set_field(node, known[index - 1].name)  # type: ignore[attr-defined]
            index -= 1
        applied.append(node)
    applied.reverse()
    group.nodes = applied


def _copy_to_default_fields(group: Group, default_fields: tuple[str, ...]) -> None:
    for index, node in enumerate(group.nodes):
        if isinstance(node, Group):
            _copy_to_default_fields(node, default_fields)
        elif node.fieldable and node.field is None:
            copies: list[Node] = []
            for name in default_fields:
                fielded = copy.copy(node)
                fielded.field, fielded.boost = name, 1.0
                copies.append(fielded)
            group.nodes[index] = Group(OR, copies)


def _without_whitespace(group: Group) -> None:
    group.nodes = [node for node in group.nodes if not (isinstance(node, Mark) and node.name == " ")]
    for node in group.nodes:
        if isinstance(node, Group):
            _without_whitespace(node)


def _apply_boosts(group: Group) -> None:
    boosted: list[Node] = []
    for node in group.nodes:
        if isinstance(node, Group):
            _apply_boosts(node)
        elif isinstance(node, Boost):
            if boosted and boosted[-1].boostable:
                boosted[-1].boost = node.value
                continue
            node = _as_word(node)
        boosted.append(node)
    group.nodes = boosted


def _apply_plus_minus(group: Group) -> Group:
    """+word required (the rest then only scores), -word excluded; inside parentheses too."""
    for index, node in enumerate(group.nodes):
        if isinstance(node, Group):
            group.nodes[index] = _apply_plus_minus(node)
    if group.kind not in (AND, OR) or not any(isinstance(node, Mark) and node.name in "+-" for node in group.nodes):
        return group  # (Whoosh rebuilt these groups too, losing the boost of Unfall^2)
    required = Group(AND)
    optional = Group(AND if group.kind == AND else OR, boost=group.boost)
    banned = Group(OR)
    target = optional
    for node in group.nodes:
        if isinstance(node, Mark) and node.name == "+":
            target = required
        elif isinstance(node, Mark) and node.name == "-":
            target = banned
        else:
            target.nodes.append(node)
            target = optional
    result = optional
    if required.nodes:
        result = Group("andmaybe", [required, result])
    if banned.nodes:
        result = Group("andnot", [result, banned])
    return result


def _apply_operators(group: Group) -> Group:
    for kind in (NOT, AND, OR):
        nodes = group.nodes
        index = 0
        while index < len(nodes):
            node = nodes[index]
            if not (isinstance(node, Operator) and node.kind == kind):
                index += 1
                continue
            if kind == NOT:
                del nodes[index]
                if index < len(nodes):
                    nodes[index] = Group(NOT, [nodes[index]])
                continue
            if 0 < index < len(nodes) - 1:
                left, right = nodes[index - 1], nodes[index + 1]
                if isinstance(left, Group) and left.kind == kind and left.boost == 1.0:
                    left.nodes.append(right)
                    del nodes[index:index + 2]
                else:
                    nodes[index - 1:index + 2] = [Group(kind, [left, right])]
            else:
                del nodes[index]
    for index, node in enumerate(group.nodes):
        if isinstance(node, Group):
            group.nodes[index] = _apply_operators(node)
    return group


def tokens(text: str, fields: Mapping[str, Any], aliases: Mapping[str, str],
           default_fields: tuple[str, ...]) -> Group:
    """The syntax tree of a query that passed check_syntax."""
    nodes = _tag(text)
    for node in nodes:
        if isinstance(node, FieldName) and node.name in aliases:
            node.name = aliases[node.name]
    group = _nest(nodes)
    _words_for_stray_boosts(group)
    _join_fuzzy(group)
    _join_wildcards(group)
    _ranges_from_relations(group, fields)
    _apply_fields(group, fields)
    _copy_to_default_fields(group, default_fields)
    _without_whitespace(group)
    _apply_boosts(group)
    group = _apply_plus_minus(group)
    return _apply_operators(group)


_SURROGATE = re.compile("[\ud800-\udfff]")
_TYPOGRAPHIC_QUOTES = str.maketrans({"„": '"', "“": '"', "”": '"', "«": '"', "»": '"'})
_FIELD_NAME = re.compile(r"(?:(?<=[\s(])|^)[+-]?([^\W\d_]\w*):(?=\S)")
_FUZZY_DISTANCE = re.compile(r'(?<=[^\s"])~(\d+)')  # not a phrase's "..."~3 slop
_EMPTY_FIELD = re.compile(r"(?:(?<=[\s(])|^)([^\W\d_]\w*):(?:[<>]=?|=[<>])?(?=[\s)]|$)")
_FIELD_EXAMPLES = {"published": "2025-09-04", "source": "dpa", "tags": "Ukraine", "kind": "liveblog", "place": "Paris",
                   "quote": "Waffenruhe"}
_BINARY_OPERATORS = frozenset({"AND", "UND", "OR", "ODER"})
_NOT_OPERATORS = frozenset({"NOT", "NICHT"})
_MAX_FUZZY_DISTANCE = 2


def check_syntax(text: str, fields: Mapping[str, Any], aliases: Mapping[str, str]) -> str:
    """Reject what a lenient reading would silently turn into something else.

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
    _check_brackets(outside_quotes)
    known_names = frozenset(fields) | frozenset(aliases)
    for name in _FIELD_NAME.findall(outside_quotes):
        if name.lower() not in known_names:
            known = ", ".join(sorted(known_names))
            raise QueryError(f"There is no field called {name!r}; fields are {known}.")
    for name in _EMPTY_FIELD.findall(outside_quotes):
        if name.lower() in known_names:
            example = _FIELD_EXAMPLES.get(aliases.get(name.lower(), name.lower()), "Merz")
            raise QueryError(f"{name}: needs something to search for, e.g. {name}:{example}.")
    _check_operators(outside_quotes)
    for distance in _FUZZY_DISTANCE.findall(outside_quotes):
        if int(distance) > _MAX_FUZZY_DISTANCE:
            raise QueryError(f"A fuzzy search allows at most {_MAX_FUZZY_DISTANCE} differences (word~2), not {distance}.")
    return text


def _check_brackets(text: str) -> None:
    depth = 0
    in_range = False
    for char in text:
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
    for bracketed in re.findall(r"[\[{][^\]}]*[\]}]", text):
        if not re.search(r"\sTO\s|^.\s*TO\s|\sTO\s*.$", bracketed, flags=re.IGNORECASE):
            raise QueryError(f"The range {bracketed} needs the form [2025-09-01 TO 2025-09-05].")


def _check_operators(text: str) -> None:
    """AND/OR need a word on each side and NOT one after it; otherwise "AND" would be searched."""
    parts = re.findall(r"[()]|[^\s()]+", text)
    for index, token in enumerate(parts):
        before = parts[index - 1] if index > 0 else None
        after = parts[index + 1] if index + 1 < len(parts) else None
        if token in _BINARY_OPERATORS:
            if before is None or before == "(" or before in _BINARY_OPERATORS or before in _NOT_OPERATORS:
                raise QueryError(f"{token} needs a word before it.")
            if after is None or after == ")" or after in _BINARY_OPERATORS:
                raise QueryError(f"{token} needs a word after it.")
        elif token in _NOT_OPERATORS and (after is None or after == ")" or after in _BINARY_OPERATORS):
            raise QueryError(f"{token} needs a word after it.")
