"""Tokens with character offsets, and sentence boundaries, for German news text.

One regular expression runs over the whole text (not one per token). Hyphenated compounds
(Nato-Truppen, Jean-Noël) stay one token: the recogniser splits them when it needs the parts.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import NamedTuple

# Abbreviations that end with a period but do not end a sentence (lower-cased, without the dot).
_ABBREVIATIONS = frozenset(
    "dr prof st nr bzw ca vgl usw etc z b d h u a o ä inkl evtl ggf sog mio mrd jh jhd str "
    "abs art bd gen hl min max tel fr hr mr mrs jr sen e v co kg gmbh ag ltd inc corp".split()
)

_TOKEN_RE = re.compile(
    r"""
    \d+(?:[.,:/]\d+)*                      # numbers, dates, times: 1.800, 04.09.2025, 14:56
    | (?:[^\W\d_]\.){2,}                   # initialisms with dots: U.S., e.V.
    | [\w&]+(?:['’][\w]+)?(?:[-–][\w&]+(?:['’]\w+)?)*-?   # words and hyphenated compounds
    | \S                                   # any other single character
    """,
    re.VERBOSE,
)

_LINE_BREAK = re.compile("\n")
_SENTENCE_END = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({'"', "“", "”", "»", "«", "'", "’", ")", "]"})
_OPENING_MARKS = frozenset('„"»«“')


class Token(NamedTuple):
    text: str
    start: int
    end: int


_find_tokens = _TOKEN_RE.findall
_new_token = tuple.__new__


def tokenize(text: str) -> list[Token]:
    # The strings alone, then their offsets: a match object per token costs more. Only
    # whitespace lies between tokens (any other character is one), so each token is the first
    # occurrence of its text after the one before.
    tokens: list[Token] = []
    append, find = tokens.append, text.find
    end = 0
    for word in _find_tokens(text):
        start = find(word, end)
        end = start + len(word)
        append(_new_token(Token, (word, start, end)))
    return tokens


def split_sentences(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Token index ranges [i, j) of sentences: a paragraph break or a sentence-final mark
    followed by a capitalised word, quote or digit ends a sentence.

    The rules only propose where a sentence starts; the ranges are cut from the sorted starts,
    so they are non-empty and follow each other from 0 whatever the rules propose."""
    count = len(tokens)
    # A line break lies between two tokens (none holds one): the first token after it.
    token_starts = [t.start for t in tokens]
    after_breaks = {j for j in (bisect_right(token_starts, m.start()) for m in _LINE_BREAK.finditer(text))
                    if 0 < j < count}
    starts = {0} | after_breaks
    for i in [i for i, t in enumerate(tokens[:-1]) if t.text in _SENTENCE_END]:
        if i + 1 not in after_breaks and not _after_abbreviation(tokens, i):
            j = _after_closers(text, tokens, i + 1)
            if j < count and (tokens[j].text[0].isupper() or tokens[j].text[0] in _OPENING_MARKS):
                starts.add(j)
    cuts = sorted(s for s in starts if s < count)
    return list(zip(cuts, cuts[1:] + [count])) if count else []


def _after_abbreviation(tokens: list[Token], i: int) -> bool:
    before = tokens[i - 1] if i > 0 else None
    return before is not None and before.end == tokens[i].start and before.text.lower() in _ABBREVIATIONS


def _after_closers(text: str, tokens: list[Token], j: int) -> int:
    """The first token from j on that is not a closing mark attached to the one before: a quote
    or bracket after a space or a line break opens what follows rather than closing."""
    while j < len(tokens) and tokens[j].text in _CLOSERS and tokens[j].start == tokens[j - 1].end:
        j += 1
    return j
