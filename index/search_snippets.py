"""Where a query matches a text: highlight spans and the snippet shown under a search hit.

Matching re-analyses the text with the index's own word analysis (stems, folding, compound
parts), so a span is exactly a word the index matched: ``Verteidigung`` paints the whole of
``Luftverteidigungssysteme``. A phrase paints one span from its first to its last word.

Snippets are plain text (no markup): whitespace runs become one space, a cut is marked with
"…", and ``snippet_matches`` gives the offsets of the matches inside the snippet.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from whoosh import query
from whoosh.reading import IndexReader

from index.analysis import analyze_words

SNIPPET_WIDTH = 200
_TWO_FRAGMENT_WIDTH = 110
_ELLIPSIS = "…"
# Up to this far back, a snippet starts at the beginning of the sentence rather than mid-way.
_SENTENCE_LOOKBACK = 60
# Multi-term queries (prefix, fuzzy, wildcard) expand to at most this many terms for highlighting.
_MAX_EXPANSIONS = 2000


@dataclass
class FieldTerms:
    """The positive terms of a query in one field, as index terms."""

    exact: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)
    phrases: list[tuple[str, ...]] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.exact or self.prefixes or self.phrases)

    def matching_term(self, terms: tuple[str, ...]) -> str | None:
        for term in terms:
            if term in self.exact:
                return term
        for prefix in self.prefixes:
            for term in terms:
                if term.startswith(prefix):
                    return prefix
        return None


def positive_terms(node: query.Query, reader: IndexReader | None, fieldname: str) -> FieldTerms:
    """What in ``fieldname`` a query asks for (not what it excludes), for highlighting."""
    collected = FieldTerms()
    _collect(node, reader, fieldname, collected)
    return collected


def _collect(node: query.Query, reader: IndexReader | None, fieldname: str, into: FieldTerms) -> None:
    if isinstance(node, query.Not):
        return
    if isinstance(node, query.AndNot):
        _collect(node.a, reader, fieldname, into)
        return
    if not node.is_leaf():
        for child in node.children():
            _collect(child, reader, fieldname, into)
        return
    if node.field() != fieldname:
        return
    if isinstance(node, query.Phrase):
        if node.slop <= 1 and len(node.words) > 1:
            into.phrases.append(tuple(node.words))
        else:
            into.exact.update(node.words)
    elif isinstance(node, query.Term):
        into.exact.add(node.text)
    elif isinstance(node, query.Prefix):
        into.prefixes.append(node.text)
    elif isinstance(node, query.MultiTerm) and reader is not None:
        for count, term in enumerate(node._btexts(reader)):
            if count >= _MAX_EXPANSIONS:
                break
            into.exact.add(term.decode("utf-8") if isinstance(term, bytes) else term)


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    key: str  # which query term or phrase matched, so snippets can prefer variety


def find_matches(text: str, terms: FieldTerms) -> list[Match]:
    """Sorted, non-overlapping matches of ``terms`` in ``text``."""
    if not terms or not text:
        return []
    matches: list[Match] = []
    need_positions = bool(terms.phrases)
    by_position: dict[int, list] = {}
    for word in analyze_words(text):
        key = terms.matching_term(word[3])
        if key is not None:
            matches.append(Match(word[0], word[1], key))
        if need_positions:
            by_position.setdefault(word[2], []).append(word)
    for phrase in terms.phrases:
        key = " ".join(phrase)
        for position, words in by_position.items():
            span = _phrase_at(phrase, position, by_position)
            if span:
                matches.append(Match(span[0], span[1], key))
    return _without_overlaps(matches)


def _phrase_at(phrase: tuple[str, ...], position: int, by_position: dict[int, list]) -> tuple[int, int] | None:
    start = end = None
    for offset, term in enumerate(phrase):
        word = next((word for word in by_position.get(position + offset, ()) if term in word[3]), None)
        if word is None:
            return None
        start = word[0] if start is None else min(start, word[0])
        end = word[1] if end is None else max(end, word[1])
    return start, end


def _without_overlaps(matches: Iterable[Match]) -> list[Match]:
    result: list[Match] = []
    for match in sorted(matches, key=lambda match: (match.start, -match.end)):
        if result and match.start < result[-1].end:
            if match.end > result[-1].end:
                previous = result[-1]
                result[-1] = Match(previous.start, match.end, previous.key)
            continue
        result.append(match)
    return result


def make_snippet(text: str, matches: list[Match]) -> tuple[str, list[tuple[int, int]]]:
    """The best passage(s) of ``text`` around ``matches``, and the matches' offsets in it."""
    if not text:
        return "", []
    if not matches:
        return _render(text, [(0, _window_end(text, 0, SNIPPET_WIDTH))], [])
    windows = [_best_window(text, matches, SNIPPET_WIDTH, covered=set())]
    keys_everywhere = {match.key for match in matches}
    if _keys_in(windows[0], matches) != keys_everywhere:
        first = _best_window(text, matches, _TWO_FRAGMENT_WIDTH, covered=set())
        second = _best_window(text, matches, _TWO_FRAGMENT_WIDTH, covered=_keys_in(first, matches))
        if len(_keys_in(first, matches) | _keys_in(second, matches)) > len(_keys_in(windows[0], matches)):
            windows = sorted([first, second])
            if windows[1][0] <= windows[0][1]:
                windows = [(windows[0][0], max(windows[0][1], windows[1][1]))]
    return _render(text, windows, matches)


def _keys_in(window: tuple[int, int], matches: list[Match]) -> set[str]:
    return {match.key for match in matches if window[0] <= match.start and match.end <= window[1]}


def _best_window(text: str, matches: list[Match], width: int, covered: set[str]) -> tuple[int, int]:
    """The window of about ``width`` chars with the most new distinct keys, then most matches."""
    best_score = None
    best_first = 0
    for first in range(len(matches)):
        keys: set[str] = set()
        count = 0
        for match in matches[first:]:
            if match.end - matches[first].start > width:
                break
            keys.add(match.key)
            count += 1
        score = (len(keys - covered), count)
        if best_score is None or score > best_score:
            best_score, best_first = score, first
    anchor = matches[best_first]
    last_end = anchor.end
    for match in matches[best_first:]:
        if match.end - anchor.start > width:
            break
        last_end = match.end
    # Centre the matched stretch, then snap to a sentence or word start.
    slack = max(0, width - (last_end - anchor.start))
    start = _window_start(text, max(0, anchor.start - slack // 3), anchor.start)
    end = _window_end(text, start, max(width, last_end - start))
    return start, max(end, last_end)


def _window_start(text: str, start: int, anchor: int) -> int:
    if start == 0:
        return 0
    sentence = max(text.rfind(". ", max(0, anchor - _SENTENCE_LOOKBACK), anchor), text.rfind("\n", max(0, anchor - _SENTENCE_LOOKBACK), anchor))
    if sentence != -1 and sentence + 1 <= start + _SENTENCE_LOOKBACK:
        return _skip_space(text, sentence + 1)
    space = text.rfind(" ", 0, start + 1)
    return _skip_space(text, space + 1) if space != -1 else 0


def _skip_space(text: str, position: int) -> int:
    while position < len(text) and text[position].isspace():
        position += 1
    return position


def _window_end(text: str, start: int, width: int) -> int:
    end = start + width
    if end >= len(text):
        return len(text)
    space = text.rfind(" ", start, end)
    return space if space > start else end


_WHITESPACE = re.compile(r"\s+")


def _render(text: str, windows: list[tuple[int, int]], matches: list[Match]) -> tuple[str, list[tuple[int, int]]]:
    pieces: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for start, end in windows:
        prefix = _ELLIPSIS + " " if start > 0 and not pieces else (" " + _ELLIPSIS + " " if pieces else "")
        pieces.append(prefix)
        length += len(prefix)
        fragment, shift = _collapse_whitespace(text[start:end])
        for match in matches:
            if start <= match.start and match.end <= end:
                spans.append((length + shift(match.start - start), length + shift(match.end - start)))
        pieces.append(fragment)
        length += len(fragment)
    if windows[-1][1] < len(text.rstrip()):
        pieces.append(" " + _ELLIPSIS)
    return "".join(pieces), spans


def _collapse_whitespace(fragment: str):
    """The fragment with whitespace runs as single spaces, and a function mapping old offsets to new."""
    stripped = fragment.strip()
    lead = len(fragment) - len(fragment.lstrip())
    run_ends: list[int] = []
    removed: list[int] = []
    total = lead
    for match in _WHITESPACE.finditer(stripped):
        total += len(match.group()) - 1
        run_ends.append(match.end() + lead)
        removed.append(total)

    def shift(offset: int) -> int:
        index = bisect.bisect_right(run_ends, offset) - 1
        return offset - (removed[index] if index >= 0 else lead)

    return _WHITESPACE.sub(" ", stripped), shift
