"""Where a query matches a text: highlight spans and the snippet shown under a search hit.

Matching re-analyses the text with the index's own word analysis (stems, folding, compound
parts), so a span is exactly a word the index matched: ``Verteidigung`` paints the whole of
``Luftverteidigungssysteme``. A phrase paints one span from its first to its last word.

Snippets are plain text (no markup): whitespace runs become one space, a cut is marked with
"…", and ``snippet_matches`` gives the offsets of the matches inside the snippet.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from index.analysis import analyze_words, fold
from index.search import query

SNIPPET_WIDTH = 200
_TWO_FRAGMENT_WIDTH = 110
_ELLIPSIS = "…"
# Up to this far back, a snippet starts at the beginning of the sentence rather than mid-way.
_SENTENCE_LOOKBACK = 60


@dataclass
class FieldTerms:
    """The positive terms of a query in one field, as index terms."""

    exact: set[str] = field(default_factory=set)
    prefixes: list[str] = field(default_factory=list)
    phrases: list[tuple[str, ...]] = field(default_factory=list)
    _patterns: dict = field(default_factory=dict, repr=False, compare=False)

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

    def candidates(self, key: object, terms: Iterable[str]) -> re.Pattern | None:
        """A regex finding every place in a text where a word yielding one of ``terms`` can be."""
        if key not in self._patterns:
            terms = sorted(set(terms), key=len, reverse=True)
            usable = terms and len(terms) <= _MAX_PATTERN_TERMS
            pattern = "|".join(map(_surface_pattern, terms))
            self._patterns[key] = re.compile(pattern) if usable else None
        return self._patterns[key]


def positive_terms(node: query.Query, fieldname: str) -> FieldTerms:
    """What in ``fieldname`` an expanded query asks for (not what it excludes), for highlighting."""
    collected = FieldTerms()
    _collect(node, fieldname, collected)
    return collected


def _collect(node: query.Query, fieldname: str, into: FieldTerms) -> None:
    if isinstance(node, query.Not):
        return
    if isinstance(node, (query.And, query.Or, query.AndMaybe)):
        for child in query.children(node):
            _collect(child, fieldname, into)
        return
    if getattr(node, "field", None) != fieldname:
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


@dataclass(frozen=True)
class Match:
    start: int
    end: int
    key: str  # which query term or phrase matched, so snippets can prefer variety


def find_matches(text: str, terms: FieldTerms) -> list[Match]:
    """Sorted, non-overlapping matches of ``terms`` in ``text``."""
    if not terms or not text:
        return []
    short = [term for term in terms.exact if len(term) <= _SHORT_TERM]
    long = [term for term in terms.exact if len(term) > _SHORT_TERM]
    words = terms.candidates("words", [*long, *terms.prefixes])
    short_words = terms.candidates("short words", short)
    starts = terms.candidates("phrase starts", [phrase[0] for phrase in terms.phrases])
    lowered = text.lower()  # case-sensitive regexes on lowered text are faster than IGNORECASE
    if (len(lowered) != len(text) or (words is None and (long or terms.prefixes)) or (short_words is None and short)
            or (starts is None and terms.phrases)):
        return _find_matches_everywhere(text, terms)
    hits: list[Iterable[re.Match]] = []
    if words is not None:
        hits.append(words.finditer(lowered))
    if short_words is not None:
        hits.append(hit for hit in short_words.finditer(lowered) if _whole_word(lowered, hit))
    matches: list[Match] = []
    for left, right in _chains(text, itertools.chain(*hits)):
        for start, end, _position, word_terms in analyze_words(text[left:right]):
            key = terms.matching_term(word_terms)
            if key is not None:
                matches.append(Match(left + start, left + end, key))
    if starts is not None:
        for left, right in _chains(text, starts.finditer(lowered)):
            matches.extend(_phrases_from(text, left, right, terms.phrases))
    return _without_overlaps(matches)


# The stemmer never shortens a word of three or more letters below three letters, except the
# transliterations ae/oe/ue of three-letter words (tue -> tu), and compound parts have three or
# more letters: a term of one or two letters comes only from a whole word of at most three
# (which the term's surface pattern covers, its a/o/u allowing an e). Such terms, as a reader
# typing "St" or "Ge" makes, would otherwise turn every word containing them into a candidate.
_SHORT_TERM = 2


def _whole_word(text: str, hit: re.Match) -> bool:
    start, end = hit.span()
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    return not (before.isalnum() or after.isalnum())


# The candidate search: a term is a stem (or a prefix) in folded form. Its word, lowercased,
# contains it with ä/ae for a (likewise o, u), ß for ss, é for e and so on, and possibly a
# hyphen between letters (Ukraine-Krieg for ukrainekrieg). Candidates are then checked with
# the real analysis, so the regex only has to never miss a word.
_MAX_PATTERN_TERMS = 300


def _letter_variants() -> dict[str, str]:
    variants: dict[str, set[str]] = {}
    for code in range(0xC0, 0x250):
        char = chr(code)
        folded = fold(char.lower())
        if len(folded) == 1 and folded != char.lower():
            variants.setdefault(folded, {folded}).add(char.lower())
    return {base: "[" + "".join(sorted(chars)) + "]" for base, chars in variants.items()}


_LETTER_VARIANTS = _letter_variants()


def _surface_pattern(term: str) -> str:
    pieces = []
    index = 0
    while index < len(term):
        if term.startswith("ss", index):
            pieces.append("(?:ss|ß)")
            index += 2
            continue
        char = term[index]
        if char == "s":  # a prefix may end inside the ss of a ß
            pieces.append("[sß]")
            index += 1
            continue
        piece = _LETTER_VARIANTS.get(char, re.escape(char))
        pieces.append(piece + ("e?" if char in "aou" else ""))
        index += 1
    return "-?".join(pieces)


def _chains(text: str, found: Iterable[re.Match]) -> Iterator[tuple[int, int]]:
    """The hyphen-joined word runs (Ukraine-Krieg) around regex hits, each once."""
    seen = set()
    for hit in found:
        left, right = hit.start(), hit.end()
        while left > 0 and (text[left - 1].isalnum() or (text[left - 1] == "-" and left > 1 and text[left - 2].isalnum())):
            left -= 1
        while right < len(text) and (text[right].isalnum() or (text[right] == "-" and right + 1 < len(text) and text[right + 1].isalnum())):
            right += 1
        if left not in seen:
            seen.add(left)
            yield left, right


def _phrases_from(text: str, left: int, right: int, phrases: list[tuple[str, ...]]) -> Iterator[Match]:
    """Phrases starting at a word of the chain ``text[left:right]``."""
    for phrase in phrases:
        window = (right - left) + 48 * len(phrase)
        while True:
            words = list(analyze_words(text[left : left + window]))
            starts = {word[2] for word in words if word[0] < right - left}
            last_needed = max(starts, default=0) + len(phrase) - 1
            # The window must reach past the phrase's last word, or the text's end.
            if (words and words[-1][2] > last_needed) or left + window >= len(text):
                break
            window *= 2
        by_position: dict[int, list] = {}
        for word in words:
            by_position.setdefault(word[2], []).append(word)
        for position in starts:
            span = _phrase_at(phrase, position, by_position)
            if span:
                yield Match(left + span[0], left + span[1], " ".join(phrase))


def _find_matches_everywhere(text: str, terms: FieldTerms) -> list[Match]:
    """The same matches by analysing every word (for texts the fast path cannot fold)."""
    matches: list[Match] = []
    by_position: dict[int, list] = {}
    for word in analyze_words(text):
        key = terms.matching_term(word[3])
        if key is not None:
            matches.append(Match(word[0], word[1], key))
        if terms.phrases:
            by_position.setdefault(word[2], []).append(word)
    for phrase in terms.phrases:
        for position in by_position:
            span = _phrase_at(phrase, position, by_position)
            if span:
                matches.append(Match(span[0], span[1], " ".join(phrase)))
    return _without_overlaps(matches)


def _phrase_at(phrase: tuple[str, ...], position: int, by_position: dict[int, list]) -> tuple[int, int] | None:
    start = end = None
    for offset, term in enumerate(phrase):
        word = next((word for word in by_position.get(position + offset, ()) if term in word[3]), None)
        if word is None:
            return None
        start = word[0] if start is None else min(start, word[0])
        end = word[1] if end is None else max(end, word[1])
    if start is None or end is None:
        return None
    return start, end


def merged(*groups: Iterable[Match]) -> list[Match]:
    """Matches found different ways (words, entity mentions) as one sorted list without overlaps."""
    return _without_overlaps(itertools.chain(*groups))


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


_OTHER_WHITESPACE = re.compile(r"[^\S ]|  ")


def _collapse_whitespace(fragment: str):
    """The fragment with whitespace runs as single spaces, and a function mapping old offsets to new."""
    stripped = fragment.strip()
    lead = len(fragment) - len(fragment.lstrip())
    if not _OTHER_WHITESPACE.search(stripped):  # single spaces only (most fragments): a shift
        return stripped, lambda offset: offset - lead
    return _collapse_runs(stripped, lead)


def _collapse_runs(stripped: str, lead: int):
    """`_collapse_whitespace` for any fragment: each run of whitespace mapped."""
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
