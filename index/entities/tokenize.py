"""Tokens with character offsets, and sentence boundaries, for German news text.

One regular expression runs over the whole text (not one per token). Hyphenated compounds
(Nato-Truppen, Jean-Noël) stay one token: the recogniser splits them when it needs the parts.
"""

from __future__ import annotations

import re
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

_SENTENCE_END = frozenset({".", "!", "?", "…"})
_CLOSERS = frozenset({'"', "“", "”", "»", "«", "'", "’", ")", "]"})


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
    tokens = []
    append, find = tokens.append, text.find
    end = 0
    for word in _find_tokens(text):
        start = find(word, end)
        end = start + len(word)
        append(_new_token(Token, (word, start, end)))
    return tokens


def split_sentences(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """Token index ranges [i, j) of sentences: a paragraph break or a sentence-final mark
    followed by a capitalised word, quote or digit ends a sentence."""
    sentences: list[tuple[int, int]] = []
    begin = 0
    count = len(tokens)
    for i in range(count):
        if i + 1 >= count:
            break
        tok = tokens[i]
        nxt = tokens[i + 1]
        if "\n" in text[tok.end : nxt.start]:
            sentences.append((begin, i + 1))
            begin = i + 1
            continue
        if tok.text in _SENTENCE_END:
            if i > 0 and tokens[i - 1].end == tok.start and tokens[i - 1].text.lower() in _ABBREVIATIONS:
                continue
            j = i + 1
            while j < count and tokens[j].text in _CLOSERS:
                j += 1
            if j < count and (tokens[j].text[0].isupper() or tokens[j].text[0] in "„\"»«“"):
                sentences.append((begin, j))
                begin = j
    if begin < count:
        sentences.append((begin, count))
    # Merge any empty ranges created by consecutive boundaries.
    return [(a, b) for a, b in sentences if b > a]
