"""Spans of plain words the recogniser took for names on real articles, and laws taken for
organisations. Each rule looks at the words and their use, not at a list of names:

- a name particle alone ("De facto", "Van") is no name;
- a one-word person that is an everyday English word beside an English word ("Champions
  League", "Super Bowl", "House of Cards") is a piece of an English name, no person;
- a run of English words that are everyday words in German text too and names no known
  entity ("Social Media", not "Ground Zero" or "General Electric") is no name;
- in an English sentence, a word that is an everyday English word names nothing unless a
  list knows it for sure ("May 2015", "Rust has ..."): the model learnt German;
- a sentence-initial person whose first word is an adjective, as the text shows by using
  the word in lower case too ("Wilder Strand, menschenleer. Die wilde Seite ..."), is none;
- an abbreviation cited as law ("§ 13 Abs. 6 TMG", "das BGB", "Bürgerliches Gesetzbuch
  (BGB)") is a law, kind other, in every mention of the text.
"""

from __future__ import annotations

import functools
import re
from bisect import bisect_right

from .gazetteer import Gazetteer
from .cues import role_of
from .lexicon import CommonNouns, Lexicon
from .names import NAME_PARTICLES
from .spans import Span

# Everyday English words: wordfreq's Zipf frequency (the installed package's data, not shipped).
ENGLISH_EVERYDAY = 4.5
GERMAN_LOANWORD = 4.4
ENGLISH_WORD_IN_ENGLISH = 3.5
_ENGLISH_MARKERS = frozenset(
    "the is are was were has have had and of to that this with for it its be been by which "
    "would will not but from they we you".split())
_GERMAN_MARKERS = frozenset(
    "der die das und ist nicht mit von den dem des ein eine sich auf für im zu auch".split())
_LAW_CUES = frozenset({"§", "§§", "Abs.", "Absatz", "Art.", "Artikel", "Satz", "Nr."})
_NEUTER_BEFORE = frozenset({"das", "dem", "des", "im", "vom", "zum", "beim", "ins"})
_LAW_WORDS = re.compile(r"(gesetz|gesetzbuch|verordnung|ordnung|gesetze|gesetzes|gesetzbuchs|"
                        r"abkommen|vertrag|vertrags|richtlinie)$", re.IGNORECASE)
_ABBREVIATION = re.compile(r"^[A-ZÄÖÜ][A-Za-zÄÖÜäöü]{0,6}[A-ZÄÖÜ]$")
_ADJECTIVE_ENDINGS = ("er", "es", "en", "em", "e")


@functools.cache
def english_zipf(word: str) -> float:
    """Slow for a new word: asked only of words that passed the cheaper tests."""
    try:
        from wordfreq import zipf_frequency
    except ImportError:  # no word frequencies: no word counts as everyday
        return 0.0
    return zipf_frequency(word, "en")


def load_word_frequencies() -> None:
    """Load wordfreq's lists now (once per process, and not quickly) rather than at the first
    English-looking word of some article."""
    english_zipf("the")
    german_zipf("der")


def german_zipf(word: str) -> float:
    from ..decompound import lexicon  # wordfreq's German list, cached by the search analyzer

    return lexicon().get(word.casefold(), 0.0)


# Endings of adjectives, adverbs, participles, infinitives and plurals ("Läuferisch habe
# ich ...", "Bestechend ist ...", "Finalisieren müsse ...", "Kreditvergaben könnten").
_WORD_ENDINGS = ("ig", "lich", "isch", "bar", "sam", "haft", "end", "iv", "ert", "ft", "ieren", "eln",
                 "ern", "gen", "ten")
_KNOWN_PART = 3.0  # Zipf of the last part of a hyphenated word ("Justiz-Stellenabbau")


def unknown_to_german(word: str, lexicon: Lexicon) -> bool:
    """True for a capitalised word that German does not use: unknown to wordfreq (its list
    starts at Zipf 2.5), no common word or noun (nor its
    last part after a hyphen), no compound of known words (Ersatzpolizei), no role, no word
    with an adjective's or a verb's ending, no English word (Outline)."""
    from ..decompound import split_compound

    parts = word.split("-")
    last = parts[-1]
    if not all(parts) or CommonNouns.contains(word) or role_of(word) \
            or word.lower().endswith(_WORD_ENDINGS):
        return False  # "Boden- und Neusiedler See": half of a word
    if word.endswith("in") and len(word) >= 8 and german_zipf(word[:-2]) >= _KNOWN_PART:
        return False  # a woman's word for a known noun: Astronautin
    if len(parts) > 1 and (last.lower() in lexicon.common_words or CommonNouns.contains(last)
                           or german_zipf(last) >= _KNOWN_PART):
        return False
    return german_zipf(word) == 0.0 and english_zipf(word.lower()) < _KNOWN_PART \
        and not any(split_compound(p.lower()) for p in parts)


def english_sentence(words: list[str], start: int, end: int) -> bool:
    """True for English words start..end (a sentence, or a whole text)."""
    low = [w.lower() for w in words[start:end]]
    english = sum(w in _ENGLISH_MARKERS for w in low)
    return english >= 3 and english > 2 * sum(w in _GERMAN_MARKERS for w in low)


def _listed_name(word: str, lexicon: Lexicon) -> bool:
    return word in lexicon.first_names or word in lexicon.surnames


def _everyday_english(span: Span, words: list[str], lexicon: Lexicon) -> bool:
    """"Social Media": two or more capitalised everyday English words, each common in German
    text too (a loanword), none a listed name."""
    run = words[span.start:span.end]
    return len(run) >= 2 and all(
        w.isalpha() and w[:1].isupper() and not _listed_name(w, lexicon)
        and german_zipf(w) >= GERMAN_LOANWORD
        and english_zipf(w.lower()) >= ENGLISH_EVERYDAY for w in run)


ENGLISH_PHRASE_WORD = 4.0  # Zipf in English of each word: "Heels" 4.1, "Harbor" 4.2, "Gaga" 3.6


def _english_phrase(span: Span, words: list[str], lexicon: Lexicon) -> bool:
    """"Point Break", "Safe Harbor", "Life Is Strange": a "person" of two or more capitalised
    words that English uses every day and German less, none a listed name, is a title or a
    term (unless the text names it as something else too)."""
    run = words[span.start:span.end]
    return span.kind == "person" and len(run) >= 2 and all(
        w.isalpha() and w[:1].isupper() and not _listed_name(w, lexicon)
        and english_zipf(w.lower()) >= ENGLISH_PHRASE_WORD
        and german_zipf(w) < english_zipf(w.lower()) for w in run)


_ENGLISH_JOINERS = frozenset({"of", "and", "the", "&"})
ENGLISH_NAME_WORD = 3.0  # Zipf of "Stamford", "Champions", "Super" in English


def _cut_from_an_english_name(span: Span, words: list[str], lexicon: Lexicon) -> bool:
    """A one-word person or place that is an everyday English word, cut by the CRF from an
    English name around it: "Champions League", "Super Bowl", "Stamford Bridge", "House of
    Cards", "Heavy Metal"; for a place also the English word after it ("Metal Gear Solid")."""
    if span.kind not in ("person", "place") or span.end - span.start != 1 or span.part is not None:
        return False
    word = words[span.start]
    if word in lexicon.first_names or english_zipf(word.lower()) < ENGLISH_EVERYDAY:
        return False
    before = words[span.start - 1] if span.start > 0 else ""
    after = words[span.end] if span.end < len(words) else ""
    if span.kind == "place" and _english_word(after.split("-")[0]):
        return True
    return (before[:1].isupper() and before.isalpha() and english_zipf(before.lower()) >= ENGLISH_NAME_WORD) \
        or before.lower() in _ENGLISH_JOINERS or after.lower() in _ENGLISH_JOINERS


def _english_word(word: str) -> bool:
    """A capitalised word English uses and German less: "Heavy", "Gear", not "Stadt"."""
    return word[:1].isupper() and word.isalpha() and english_zipf(word.lower()) >= ENGLISH_NAME_WORD \
        and german_zipf(word) < english_zipf(word.lower())


def _adjective_opener(span: Span, words: list[str], lower_words: set[str]) -> bool:
    """The span's first word is an inflected adjective the text also writes in lower case
    (Wilder ... wilde, wild, wildes)."""
    first = words[span.start].lower()
    for ending in _ADJECTIVE_ENDINGS:
        if first.endswith(ending) and len(first) - len(ending) >= 3:
            stem = first[:-len(ending)]
            if stem in lower_words or any(stem + e in lower_words for e in _ADJECTIVE_ENDINGS
                                          if stem + e != first):
                return True
    return False


def without_plain_words(spans: list[Span], words: list[str], sentences: list[tuple[int, int]],
                        lexicon: Lexicon, gazetteer: Gazetteer) -> list[Span]:
    """`spans` less those of the first five rules above."""
    starts = [a for a, _ in sentences]
    # "Alert Logic" the CRF called a person here and a firm there: the article's kind vote decides
    named_otherwise = {tuple(words[s.start:s.end]) for s in spans if s.kind != "person" and s.part is None}
    english: dict[tuple[int, int], bool] = {}
    english_text: bool | None = None
    lower_words: set[str] | None = None
    kept = []
    for span in spans:
        if span.part is not None:
            kept.append(span)
            continue
        run = words[span.start:span.end]
        at = bisect_right(starts, span.start) - 1
        bounds = sentences[at] if at >= 0 else (span.start, span.end)
        if span.entry is None:
            if len(run) == 1 and run[0].lower() in NAME_PARTICLES and not run[0].isupper():
                continue
            if _everyday_english(span, words, lexicon) or _cut_from_an_english_name(span, words, lexicon) \
                    or _english_phrase(span, words, lexicon) and tuple(run) not in named_otherwise:
                continue
            if span.kind == "person" and span.start == bounds[0] and len(run) >= 2:
                if lower_words is None:
                    lower_words = {w for w in words if w[:1].islower()}
                if _adjective_opener(span, words, lower_words):
                    continue
        if len(run) == 1:
            if english_text is None:
                english_text = english_sentence(words, 0, len(words))
            if bounds not in english:
                english[bounds] = english_text or english_sentence(words, *bounds)
            if english[bounds] and english_zipf(run[0].lower()) >= ENGLISH_WORD_IN_ENGLISH \
                    and not _known_for_sure(run[0], gazetteer):
                continue
        kept.append(span)
    return kept


def _known_for_sure(word: str, gazetteer: Gazetteer) -> bool:
    hit = gazetteer.match([word], 0, 1)
    return hit is not None and hit.strong


def _cited_as_law(i: int, words: list[str]) -> bool:
    if any(w in _LAW_CUES for w in words[max(0, i - 4):i + 9]):
        return True  # § 13 Abs. 6 TMG; "UWG, 28. Aufl., § 8"
    if i > 0 and words[i - 1].lower() in _NEUTER_BEFORE and words[i].endswith("G"):
        return True  # das BGB, dem TMG: a Gesetz is neuter
    if i >= 2 and words[i - 1] == "(" and any(_LAW_WORDS.search(w) for w in words[max(0, i - 6):i - 1]):
        return True  # Bürgerliches Gesetzbuch (BGB), Gesetz gegen Unlauteren Wettbewerb (UWG)
    return i + 2 < len(words) and words[i + 1] == "(" and bool(_LAW_WORDS.search(words[i + 2]))


def laws_as_other(spans: list[Span], words: list[str]) -> list[Span]:
    """Organisation spans of one abbreviation that the text cites as a law become `other`,
    with every other mention of the same abbreviation in the text."""
    laws = {words[s.start] for s in spans
            if s.kind == "org" and s.entry is None and s.part is None and s.end - s.start == 1
            and _ABBREVIATION.match(words[s.start]) and _cited_as_law(s.start, words)}
    if laws:
        for s in spans:
            if s.kind == "org" and s.entry is None and s.part is None \
                    and s.end - s.start == 1 and words[s.start] in laws:
                s.kind = "other"
    return spans
