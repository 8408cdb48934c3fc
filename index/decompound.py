"""Dictionary-based splitting of German compounds (Luftverteidigungssysteme -> Luft, Verteidigung, Systeme).

The lexicon is wordfreq's large German list, loaded lazily once. A split is chosen by dynamic
programming over known parts joined by German linking elements (Fugenelemente), scored by the
mean Zipf frequency of the parts minus penalties for extra parts, linkers and dropped endings,
and accepted only when it scores at least the unsplit word's own Zipf frequency (so frequent
names and lexicalised words stay whole).

Everything here works on casefolded words (ß -> ss), which is what the lexicon holds.
"""

from __future__ import annotations

import hashlib
import importlib.util
import logging
import marshal
import math
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from types import CodeType
from typing import Any, NamedTuple

import platformdirs

from index.stopwords import SNOWBALL_GERMAN

logger = logging.getLogger(__name__)

# Words shorter than this are never split (Macron, Starmer, Beratung stay whole).
MIN_COMPOUND_LENGTH = 8
MIN_PART_LENGTH = 3
MAX_PARTS = 5
# Zipf frequency (log10 of occurrences per billion words) a part needs. Four-letter parts must
# be common words, or English and name fragments (hard, rich) would pass.
_MIN_PART_ZIPF_FOUR_LETTERS = 3.95
_MIN_PART_ZIPF = 3.0
# Three-letter parts are mostly inflection fragments (nen, ner, ums) or function words, so only
# these nouns and adjectives qualify (Bundes|amt, Tages|ordnung, Bau|stopp, Ost|deutschland).
THREE_LETTER_PARTS = frozenset(
    """
    amt arm art bad bau bär bio bus dax eid eis fan gas hof hut job kur kuh not neu ohr ort ost
    pol rad rat rom rot see ski süd tag tal tat tee tod ton tor tür typ uhr web zoo zug alt ehe
    """.split()
)
# Lexicon entries below this are never useful (neither as a part nor to block a split).
_LEXICON_FLOOR_ZIPF = 2.5
_EXTRA_PART_PENALTY = 0.75
# Each linking element costs a little, so Lager|haus beats Lag|er|haus.
_LINKER_PENALTY = 0.3

# Fugenelemente that may follow a non-final part ("" first: no linker).
LINKERS = ("", "s", "es", "n", "en", "e", "er", "ens")
# A non-final part may also appear with its final -e / -en dropped (Sprach|kurs, Hilf|s|zusagen);
# after a dropped ending only these linkers may follow.
_DROPPED_ENDINGS = ("e", "en")
_LINKERS_AFTER_DROPPED_ENDING = ("", "s")
_DROPPED_ENDING_PENALTY = 0.3

# Never parts: prefixes and particles, function words (the stop list) and derivational
# suffixes. Without them Vor|schlag, Aus|bildung, Ver|antwortung, Bereit|schaft or
# Menschen -> Mens|chen would split.
NON_PARTS = frozenset(
    word.casefold()
    for word in """
    ab an dar ent er ge her hin miss neben ober un ur ver weg wider zer zurück zusammen entgegen
    empor fort los nieder vorbei voran voraus heraus hinaus herum hinein herein wann wer warum
    wieso ung ungen heit heiten keit keiten schaft schaften lich liche lichen isch ische ischen
    chen schen lein tum tums nis nisse sam bar haft haften ling linge erin innen ismus isten ität
    ation ationen ieren iert ern
    """.split()
    + sorted(SNOWBALL_GERMAN)
)


@dataclass(frozen=True)
class Part:
    """One part of a compound: ``word[start:end]`` is its surface form, ``lemma`` its lexicon form."""

    start: int
    end: int
    lemma: str


_lexicon: dict[str, float] | None = None
_lexicon_lock = threading.Lock()


def lexicon() -> dict[str, float]:
    """Casefolded German word -> Zipf frequency, loaded from wordfreq on first use."""
    global _lexicon
    if _lexicon is None:
        with _lexicon_lock:
            if _lexicon is None:
                _lexicon = _load_lexicon()
    return _lexicon


# The lexicon derived from wordfreq is kept in the user's cache dir: building it (importing
# wordfreq, reading its msgpack list) is much slower than reading it back. It is rebuilt when
# wordfreq's German list changes (the file name carries its size and mtime).
_CACHE_FORMAT = 1


def _cache_file() -> Path | None:
    spec = importlib.util.find_spec("wordfreq")
    if spec is None or not spec.submodule_search_locations:
        return None
    source = Path(next(iter(spec.submodule_search_locations))) / "data" / "large_de.msgpack.gz"
    try:
        stat = source.stat()
    except OSError:
        return None
    folder = Path(os.environ.get("READER_CACHE_DIR") or platformdirs.user_cache_dir("reader"))
    return folder / f"lexicon-de-{stat.st_size}-{int(stat.st_mtime)}-z{_LEXICON_FLOOR_ZIPF}-f{_CACHE_FORMAT}.marshal"


def _load_lexicon() -> dict[str, float]:
    return _read_or_build(_cache_file(), _build_lexicon, lambda words: isinstance(words, dict), "the German lexicon")


def _read_or_build(cache: Path | None, build: Callable[[], Any], valid: Callable[[Any], bool], what: str) -> Any:
    """What ``cache`` holds, or what ``build`` makes (then written to ``cache`` for next time)."""
    if cache is not None:
        try:
            cached = marshal.loads(cache.read_bytes())
            if valid(cached):
                return cached
        except (OSError, EOFError, ValueError, TypeError):
            pass
    made = build()
    if cache is not None:
        try:
            cache.parent.mkdir(parents=True, exist_ok=True)
            partial = cache.with_name(f"{cache.name}.{os.getpid()}.tmp")
            partial.write_bytes(marshal.dumps(made))
            os.replace(partial, cache)
        except OSError:
            logger.debug("cannot cache %s in %s", what, cache.parent, exc_info=True)
    return made


def _build_lexicon() -> dict[str, float]:
    import wordfreq

    frequencies = wordfreq.get_frequency_dict("de", wordlist="large")
    floor = 10 ** (_LEXICON_FLOOR_ZIPF - 9)
    words = {
        word: round(math.log10(frequency) + 9, 2)
        for word, frequency in frequencies.items()
        if frequency >= floor and word.isalpha()
    }
    logger.debug("Loaded %d German words for compound splitting", len(words))
    return words


def clear_caches() -> None:
    """Forget the per-word splits (they refill as words are split again)."""
    split_compound.cache_clear()
    compound_terms.cache_clear()


def preload() -> None:
    """Load the lexicon now (e.g. in a background worker) rather than on the first split."""
    _part_lexicon()


def _part_zipf(candidate: str, words: dict[str, float]) -> float:
    """The Zipf frequency of ``candidate`` as a compound part, or 0 if it cannot be one."""
    if candidate in NON_PARTS:
        return 0.0
    if len(candidate) == 3 and candidate not in THREE_LETTER_PARTS:
        return 0.0
    zipf = words.get(candidate, 0.0)
    minimum = _MIN_PART_ZIPF_FOUR_LETTERS if len(candidate) == 4 else _MIN_PART_ZIPF
    return zipf if zipf >= minimum else 0.0


class _PartLexicon(NamedTuple):
    """The lexicon as a split looks it up: it tries every substring of a word, and one dict
    lookup is cheaper than the rules of ``_part_zipf`` and the endings it may have dropped."""

    zipf: dict[str, float]  # word -> its _part_zipf, for the words that can be parts
    # stem -> _part_zipf of stem + each of _DROPPED_ENDINGS, where one of them is a part
    dropped: dict[str, tuple[float, ...]]
    longest: int  # no longer surface is a part, nor with an ending added
    # The Zipf frequency of the other words long enough to split, which a split must beat: a
    # split reads these, not the whole lexicon (half the bytes to load in a process that splits).
    whole: dict[str, float]

    def whole_zipf(self, word: str) -> float:
        """The lexicon's Zipf frequency of a casefolded word of at least MIN_COMPOUND_LENGTH letters."""
        return self.zipf.get(word) or self.whole.get(word, 0.0)


_parts: _PartLexicon | None = None


def _part_lexicon() -> _PartLexicon:
    global _parts
    if _parts is None:
        tables = _read_or_build(_parts_cache_file(), _build_part_tables,
                                lambda cached: isinstance(cached, tuple) and len(cached) == 4, "the compound parts")
        _parts = _PartLexicon(*tables)
    return _parts


def _parts_cache_file() -> Path | None:
    """Beside the lexicon's cache (deriving the parts takes longer than reading them back, in
    every process that splits), named also by a hash of the rules that pick them, so changed
    rules make new tables."""
    cache = _cache_file()
    if cache is None:
        return None
    rules = repr((sorted(NON_PARTS), sorted(THREE_LETTER_PARTS), _MIN_PART_ZIPF, _MIN_PART_ZIPF_FOUR_LETTERS,
                  _DROPPED_ENDINGS, MIN_COMPOUND_LENGTH,
                  [_code_key(f.__code__) for f in (_part_zipf, _build_part_tables)]))
    return cache.with_name(f"parts-{cache.stem}-{hashlib.sha256(rules.encode()).hexdigest()[:12]}.marshal")


def _code_key(code: CodeType) -> tuple:
    """A function's code as data that is the same in every process (a nested code object's
    repr holds its address, a set constant's order follows the string hash seed)."""
    return (code.co_code, code.co_names,
            tuple(_code_key(c) if isinstance(c, CodeType) else sorted(map(repr, c)) if isinstance(c, frozenset) else c
                  for c in code.co_consts))


def _build_part_tables() -> tuple[dict[str, float], dict[str, tuple[float, ...]], int, dict[str, float]]:
    words = lexicon()
    zipf = {word: score for word, score in words.items() if _part_zipf(word, words)}
    dropped = {}
    for word in zipf:
        for ending in _DROPPED_ENDINGS:
            stem = word.removesuffix(ending)
            if stem != word and stem not in dropped:
                dropped[stem] = tuple(zipf.get(stem + e, 0.0) for e in _DROPPED_ENDINGS)
    whole = {word: score for word, score in words.items()
             if len(word) >= MIN_COMPOUND_LENGTH and word not in zipf and score}
    return zipf, dropped, max(map(len, zipf), default=0), whole


def _part_candidates(word: str, start: int, parts: _PartLexicon
                     ) -> list[tuple[int, str, float, tuple[str, ...]]]:
    """Parts that can start at ``start``: (surface end, lemma, score, linkers that may follow)."""
    found: list[tuple[int, str, float, tuple[str, ...]]] = []
    n = len(word)
    part_zipf, dropped = parts.zipf.get, parts.dropped.get
    for end in range(start + MIN_PART_LENGTH, min(n, start + parts.longest) + 1):
        surface = word[start:end]
        zipf = part_zipf(surface, 0.0)
        if zipf:
            found.append((end, surface, zipf, LINKERS))
        if end < n and end - start >= 4 and (with_endings := dropped(surface)) is not None \
                and surface not in NON_PARTS:
            # Sprach(e)|kurs: only before another part, and at a small cost.
            for ending, ending_zipf in zip(_DROPPED_ENDINGS, with_endings):
                dropped_zipf = ending_zipf - _DROPPED_ENDING_PENALTY
                if dropped_zipf > zipf:
                    found.append((end, surface + ending, dropped_zipf, _LINKERS_AFTER_DROPPED_ENDING))
                    break
    return found


@lru_cache(maxsize=200_000)
def split_compound(word: str) -> tuple[Part, ...]:
    """The parts of a German compound, or () when ``word`` is not (confidently) one.

    ``word`` must be lowercase; it is casefolded here (ß -> ss), and offsets refer to the
    casefolded form.
    """
    word = word.casefold()
    if len(word) < MIN_COMPOUND_LENGTH or not word.isalpha():
        return ()
    parts = _part_lexicon()
    n = len(word)
    # best[i][k]: (score sum, previous position, previous k, (start, end, lemma) of the part)
    # for k parts covering word[:i]
    best: list[dict[int, tuple[float, int, int, tuple[int, int, str]]]] = [{} for _ in range(n + 1)]
    best[0][0] = (0.0, -1, -1, (0, 0, ""))
    last_linkers = ("",)
    for start in range(n):
        here = best[start]
        if not here:
            continue
        for end, lemma, zipf, linkers in _part_candidates(word, start, parts):
            part = (start, end, lemma)
            for linker in linkers if end < n else last_linkers:
                if linker:
                    if not word.startswith(linker, end):
                        continue
                    following = end + len(linker)
                else:
                    following = end
                # Another part of at least MIN_PART_LENGTH must follow a non-final part.
                if following != n and n - following < MIN_PART_LENGTH:
                    continue
                if following == n and end != n:
                    continue
                gain = zipf - (_LINKER_PENALTY if linker else 0.0)
                target = best[following]
                for count, state in here.items():
                    if count >= MAX_PARTS:
                        continue
                    current = target.get(count + 1)
                    if current is None or state[0] + gain > current[0]:
                        target[count + 1] = (state[0] + gain, start, count, part)
    choice = None
    choice_score = -math.inf
    for count, (total, *_rest) in best[n].items():
        if count < 2:
            continue
        score = total / count - _EXTRA_PART_PENALTY * (count - 2)
        if score > choice_score:
            choice, choice_score = count, score
    # The split must be at least as plausible as the word itself (Dänemark, Wolfgang stay whole).
    if choice is None or choice_score < parts.whole_zipf(word):
        return ()
    found = []
    position, count = n, choice
    while count > 0:
        _total, previous, previous_count, part = best[position][count]
        found.append(Part(*part))
        position, count = previous, previous_count
    return tuple(reversed(found))


@lru_cache(maxsize=200_000)
def compound_terms(word: str) -> tuple[str, ...]:
    """What a compound adds to the index besides itself: its parts and contiguous sub-compounds.

    ``luftverteidigungssysteme`` -> luft, verteidigung, systeme, luftverteidigung,
    verteidigungssysteme. Returns () for words that are not compounds.
    """
    parts = split_compound(word)
    if not parts:
        return ()
    folded = word.casefold()
    terms = [part.lemma for part in parts]
    for first in range(len(parts)):
        for last in range(first + 1, len(parts)):
            if first == 0 and last == len(parts) - 1:
                continue  # that is the whole word
            # Surface from the first part up to the last part's own start, then its lemma:
            # keeps inner linkers (Verteidigungs|systeme) but not a dropped -e at the end.
            terms.append(folded[parts[first].start : parts[last].start] + parts[last].lemma)
    return tuple(dict.fromkeys(term for term in terms if term != folded))
