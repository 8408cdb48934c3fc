"""The German analyzer the search index uses, and the word-level analysis highlighting shares.

Pipeline per word: tokenize (letters and digits; hyphens, dots and apostrophes split words) ->
lowercase -> drop stop words and single letters -> (index time only) add compound parts and
sub-compounds -> Snowball German stem (PyStemmer) -> fold.

Folding, decided: the Snowball German stemmer (Snowball 3) already maps ä/ö/ü to a/o/u, ß to
ss and the transliterations ae/oe/ue to a/o/u (not in qu/eu/au), so Außenamtssprecherin,
Aussenamtssprecherin, Müller, Mueller and Muller all meet. After stemming every remaining
diacritic is stripped (é -> e, ç -> c, ł -> l), so Élysée matches Elysee. Stemming comes first
because the stemmer's rules need the umlauts; the fold after it is the same at index and
query time.

Compounds, decided: at index time a capitalised word (a noun or name; German capitalises both)
of eight or more letters is split by :mod:`index.decompound`, and its parts and contiguous
sub-compounds are emitted at the word's position with the word's own character offsets, so a
query for ``Verteidigung`` finds ``Luftverteidigungssysteme`` and highlighting paints the whole
word. Lowercase words (verbs, adjectives) are never split: their "parts" were mostly
inflection (angehoben -> angehen|oben). A hyphenated pair also yields its solid spelling
(Ukraine-Krieg -> ukrainekrieg). Query words are never split.
"""

from __future__ import annotations

import re
import threading
import unicodedata
from collections.abc import Iterator
from functools import lru_cache

import Stemmer

from index import decompound
from index.decompound import MIN_COMPOUND_LENGTH, compound_terms
from index.stopwords import SNOWBALL_GERMAN

# A word is a run of letters and digits; everything else (hyphen, dot, apostrophe) separates.
WORD_PATTERN = re.compile(r"[^\W_]+")

# Snowball's German list, without the nouns in it (Weg), plus frequent news function words.
STOP_WORDS = frozenset(
    (SNOWBALL_GERMAN - {"weg"})
    | {"dass", "sei", "seien", "wurde", "wurden", "worden", "beim", "sowie", "wäre", "hätte"}
)

# PyStemmer's Stemmer objects are not thread-safe: one per thread.
_thread_state = threading.local()


def _stem(word: str) -> str:
    stemmer = getattr(_thread_state, "stemmer", None)
    if stemmer is None:
        stemmer = _thread_state.stemmer = Stemmer.Stemmer("german", 0)
    return stemmer.stemWord(word)


# One analysed word: (start, end, position, terms). A plain tuple because millions are made.
AnalyzedWord = tuple[int, int, int, tuple[str, ...]]


def fold(text: str) -> str:
    """Strip diacritics and expand ß; the last step of normalising a term."""
    if text.isascii():
        return text
    text = text.replace("ß", "ss")
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(char for char in decomposed if not unicodedata.combining(char))


@lru_cache(maxsize=300_000)
def normalize(word: str) -> str:
    """The term for one word: lowercase, Snowball German stem, then fold."""
    return fold(_stem(word.lower()))


def is_stop_word(word: str) -> bool:
    """True for words too common to index (der, und, über) and single letters."""
    lowered = word.lower()
    return lowered in STOP_WORDS or (len(lowered) == 1 and lowered.isalpha())


def _index_terms(word: str) -> tuple[str, ...]:
    if is_stop_word(word):
        return ()
    own = normalize(word)
    if len(word) < MIN_COMPOUND_LENGTH or not word[0].isupper() or not word.isalpha():
        return (own,)
    extra = (normalize(part) for part in compound_terms(word.lower()))
    return tuple(dict.fromkeys((own, *extra)))


# Word as written -> its index terms; a plain dict because this lookup runs for every token.
_index_terms_cache: dict[str, tuple[str, ...]] = {}
_INDEX_TERMS_CACHE_SIZE = 500_000


def index_terms(word: str) -> tuple[str, ...]:
    """The terms a word yields at index time: its own term first, then its compound parts.

    () for stop words. Case matters: only capitalised words are split into compound parts.
    """
    terms = _index_terms_cache.get(word)
    if terms is None:
        terms = _index_terms(word)
        if len(_index_terms_cache) >= _INDEX_TERMS_CACHE_SIZE:
            _index_terms_cache.clear()
        _index_terms_cache[word] = terms
    return terms


def clear_caches() -> None:
    """Forget the per-word caches (hundreds of MB after a large import), e.g. before other
    memory-heavy work; they refill as words are analysed again."""
    _index_terms_cache.clear()
    normalize.cache_clear()
    decompound.clear_caches()


def query_terms(word: str) -> tuple[str, ...]:
    """The terms a word is looked up as in a query: never split; () for stop words."""
    return () if is_stop_word(word) else (normalize(word),)


def analyze_words(text: str, *, compounds: bool = True, start_pos: int = 0) -> Iterator[AnalyzedWord]:
    """Every indexed word of ``text`` as (start, end, position, terms).

    Stop words are skipped without using up a position, so "Koalition der Willigen" is the
    phrase [koalition, willig] both in the index and in a query. This is the single source of
    truth for the index (the search engine's analyzer yields these terms) and for highlighting.
    """
    terms_of = index_terms if compounds else query_terms
    position = start_pos
    previous_end = -2
    previous_start = 0
    previous_word = ""
    for match in WORD_PATTERN.finditer(text):
        word = match.group()
        terms = terms_of(word)
        if not terms:
            previous_end = -2
            continue
        start, end = match.span()
        if compounds and start == previous_end + 1 and text[previous_end] == "-" and word.isalpha() and previous_word.isalpha():
            # Ukraine-Krieg also answers to Ukrainekrieg (the term spans the pair).
            solid = normalize(previous_word + word.lower())
            if solid not in terms:
                yield (previous_start, end, position, (solid,))
        yield (start, end, position, terms)
        position += 1
        previous_start, previous_end, previous_word = start, end, word
