"""The Whoosh analyzers of the index's fields, over the word analysis of :mod:`index.analysis`.

Pickled into the index's schema, so keep this module's path and the classes' attributes stable.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import Analyzer, Token

from index.analysis import WORD_PATTERN, _index_terms_cache, analyze_words, fold, index_terms, normalize


def _index_tokens(token: Token, text: str, start_pos: int) -> Iterator[Token]:
    """What analyze_words(text, compounds=True) gives, as Whoosh tokens with terms and positions
    only: how the index asks for them, a quarter faster without a tuple per word in between.
    Keep the two alike (tests/unit/test_analysis_tokens.py compares them)."""
    cache_get = _index_terms_cache.get
    position = start_pos
    previous_end = -2
    previous_word = ""
    for match in WORD_PATTERN.finditer(text):
        word = match.group()
        terms = cache_get(word)
        if terms is None:
            terms = index_terms(word)
        if not terms:
            previous_end = -2
            continue
        token.pos = position
        start = match.start()
        if start == previous_end + 1 and text[previous_end] == "-" and word.isalpha() and previous_word.isalpha():
            solid = normalize(previous_word + word.lower())
            if solid not in terms:
                token.text = solid
                yield token
        for term in terms:
            token.text = term
            yield token
        position += 1
        previous_end, previous_word = match.end(), word


class GermanAnalyzer(Analyzer):
    """Whoosh analyzer for German text; splits compounds only when indexing (mode != "query").

    Pickled into the index's schema, so keep its module path and attributes stable.
    """

    def __init__(self, compounds: bool = True):
        self.compounds = compounds

    def __call__(
        self,
        value,
        positions=False,
        chars=False,
        keeporiginal=False,
        removestops=True,
        start_pos=0,
        start_char=0,
        tokenize=True,
        mode="",
        **kwargs,
    ):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if not tokenize:
            # Whole-string terms (whoosh asks for these with wildcards and ranges).
            token.text = normalize(value)
            if keeporiginal:
                token.original = value
            token.pos = start_pos
            token.startchar, token.endchar = start_char, start_char + len(value)
            yield token
            return
        compounds = self.compounds and mode != "query"
        if compounds and not chars and not keeporiginal:
            yield from _index_tokens(token, value, start_pos)
            return
        for start, end, position, terms in analyze_words(value, compounds=compounds, start_pos=start_pos):
            if keeporiginal:
                token.original = value[start:end]
            token.pos = position
            token.startchar = start_char + start
            token.endchar = start_char + end
            for term in terms:
                token.text = term
                yield token


class FoldingKeywordAnalyzer(Analyzer):
    """One term per line of the value, lowercased and folded (tags, ``Eulerpool News``)."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, mode=mode, **kwargs)
        items = value.split("\n") if tokenize else [value]
        position = start_pos
        offset = start_char
        for item in items:
            text = fold(item.strip().lower())
            if text:
                token.text = text
                token.pos = position
                token.startchar, token.endchar = offset, offset + len(item)
                if keeporiginal:
                    token.original = item
                yield token
                position += 1
            offset += len(item) + 1


class FoldingWordAnalyzer(Analyzer):
    """Words, lowercased and folded, without stemming or stop words (source names: ``dpa``)."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, mode=mode, **kwargs)
        matches = WORD_PATTERN.finditer(value) if tokenize else [None]
        for position, match in enumerate(matches, start_pos):
            word = match.group() if match else value
            start, end = match.span() if match else (0, len(value))
            token.text = fold(word.lower())
            token.pos = position
            token.startchar, token.endchar = start_char + start, start_char + end
            if keeporiginal:
                token.original = word
            yield token


class LinesAnalyzer(Analyzer):
    """One term per line, exactly as given (entity ids)."""

    def __call__(self, value, positions=False, chars=False, start_pos=0, mode="", **kwargs):
        token = Token(positions, chars, mode=mode, **kwargs)
        for position, line in enumerate(value.split("\n"), start_pos):
            if line:
                token.text = line
                token.pos = position
                yield token
