"""Words the CRF took for names that the text itself shows to be ordinary words:

- a one-word person or place that only the CRF found (no list knows it, or only as a small
  town: "einen Schlitz"), that German text uses often (wordfreq), is an ordinary noun where
  it stands beside ordinary nouns in a coordination ("Wind und Sonne", "Sonne und Meer",
  "Mond, Sonne und Sterne") or after an indefinite article, "kein", a demonstrative or a
  possessive, maybe with an adjective between ("dieser Causa", "einer anderen Causa"), or
  after a definite article where that shows a noun: for a person no list knows ("die
  Oligarchen", "das Bargeld") or a surname that is a listed everyday noun ("am Feld"), for a
  place such a noun too (regions take articles: "im Allgäu"),
  and for a one-word organisation no list knows any frequent word ("die Bank erklärte"); one
  such use in the text makes every mention of the word that only the CRF found no name
  ("der Causa"), unless the text names a person in full with it;
- a one-word name only the CRF found right before a listed name of the same kind is a noun
  in apposition ("Neuling Ungarn");
- three capitals in brackets after a person's name, where the text uses two or more such
  codes only in that place or a number follows, are an athlete's country code ("Hermann Maier
  (AUT) 543"), not an organisation, and so is one of the codes sports give countries after
  any name or "alle" ("Severin Freund (GER)", "TPS Turku (FIN)"); a party there ("Ponta
  (PSD)") stays;
- a colour beside another colour in a coordination is a party's colour, no person or town
  ("Rot und Schwarz teilen sich das Land").
"""

from __future__ import annotations

import re

from .gazetteer import Gazetteer
from .hygiene import nationality
from .lexicon import CommonNouns, Lexicon
from .plain_words import english_zipf, german_zipf
from .spans import Span, covered_tokens

# wordfreq's Zipf from which a one-word organisation no list knows is a noun after an article
# ("die Bank" 4.9); a name is rarer ("die Hypo").
FREQUENT_NOUN = 4.0
# English Zipf under which a word is German only: "Pranger" 0, "Feld" 2.5; "Main" 5.2, "Inn" 4.1.
GERMAN_ONLY_ENGLISH = 3.0
# wordfreq's Zipf frequency from which a word counts as one German text uses often: Sonne 4.9,
# Mond 4.4, Causa 3.5; names nobody listed are mostly rarer (Heidmark, Kemmelberg: 0).
EVERYDAY = 3.0
# A capitalised word outside every name is an ordinary noun of a coordination when it is this
# frequent or a listed common word (Wind 4.7, Meer 4.7).
EVERYDAY_NEIGHBOUR = 4.0
_DETERMINERS = frozenset("""
ein eine einer eines einem einen kein keine keiner keines keinem keinen
dieser diese dieses diesem diesen jener jene jenes jenem jenen jeder jede jedes jedem jeden
mein meine meiner meines meinem meinen dein deine deiner deines deinem deinen
sein seine seiner seines seinem seinen ihr ihre ihrer ihres ihrem ihren
unser unsere unserer unseres unserem unseren euer eure eurer eures eurem euren
""".split())
_ADJECTIVE = re.compile(r"^[a-zäöüß]{3,}(e|er|en|es|em)$")
_COORDINATORS = frozenset({",", "und", "oder", "sowie"})
_CODE = re.compile(r"^[A-Z]{3}$")


def _after_determiner(i: int, words: list[str]) -> bool:
    """"dieser Causa", "einer anderen Causa"."""
    before = words[i - 1] if i > 0 else ""
    if before.lower() in _DETERMINERS:
        return True
    return i > 1 and bool(_ADJECTIVE.match(before)) and words[i - 2].lower() in _DETERMINERS


def _after_article(i: int, words: list[str]) -> bool:
    """"das Bargeld", "die reichen Oligarchen": a definite article, which news puts before no
    person's name of its own; after a comma "die" is a relative pronoun ("die Schnelligkeit,
    die Twitter auszeichnet")."""
    before = words[i - 1] if i > 0 else ""
    if before.lower() in _DEFINITE:
        return not (i > 1 and words[i - 2] == ",")
    return i > 1 and bool(_ADJECTIVE.match(before)) and words[i - 2].lower() in _DEFINITE


_DEFINITE = frozenset("der die das den dem des im am vom zum zur beim ins".split())


def _coordination(i: int, words: list[str]) -> list[int]:
    """Indices of the one-word members of the coordination `i` stands in ("Mond , Sonne und
    Sterne"), `i` included; [i] when it stands in none."""
    members = [i]
    j = i
    while j >= 2 and words[j - 1] in _COORDINATORS and words[j - 2][:1].isupper():
        j -= 2
        members.append(j)
    j = i
    while j + 2 < len(words) and words[j + 1] in _COORDINATORS and words[j + 2][:1].isupper():
        j += 2
        members.append(j)
    # "Berlin , Sonne ..." is a list only with "und"/"oder" in it: a comma alone may end a clause.
    joined = any(words[k] in _COORDINATORS - {","} for k in range(min(members), max(members)))
    return sorted(members) if joined else [i]


class OrdinaryWords:
    def __init__(self, lexicon: Lexicon, gazetteer: Gazetteer):
        self.lexicon = lexicon
        self.gazetteer = gazetteer

    def _candidate(self, span: Span, words: list[str]) -> bool:
        """A one-word person or place the CRF found that no list knows, or that only a small
        town's name knows (a weak alias: "einen Schlitz"), and that German text uses often; or
        a one-word organisation no list knows that is a frequent German word ("die Bank")."""
        if not (span.from_model and span.part is None and span.end - span.start == 1):
            return False
        word = words[span.start]
        hit = self.gazetteer.match([word], 0, 1)
        if span.kind == "org":
            return hit is None and word.isalpha() and not word.isupper() \
                and german_zipf(word) >= FREQUENT_NOUN
        if span.kind not in ("person", "place"):
            return False
        listed = hit is not None and (hit.strong or hit.entry is not span.entry)
        return word.isalpha() and not listed and german_zipf(word) >= EVERYDAY

    def _noun_after_article(self, span: Span, words: list[str]) -> bool:
        """Whether a definite article before the candidate shows it to be a noun: for an
        organisation any frequent word ("die Bank erklärte"); for a person or a place a listed
        everyday noun German uses and English does not ("am Feld": a surname too), and for a
        place no compound nor a people's name, as regions take articles ("im Allgäu", "im
        Ruhrgebiet"), and so do English names ("am Main"), famous people in colloquial
        German ("der Sarkozy") and peoples ("die Chinesen": places, as the annotated news
        counts them)."""
        from ..decompound import split_compound

        word = words[span.start]
        if span.kind == "org":
            return True
        if english_zipf(word.lower()) >= GERMAN_ONLY_ENGLISH or word in self.lexicon.first_names \
                or not (word.lower() in self.lexicon.common_words or CommonNouns.contains(word)):
            return False  # "die Anja", "der Sarkozy": people, colloquially
        if span.kind == "person":
            return True
        return not split_compound(word.lower()) and not nationality(word)  # "die Chinesen"

    def _ordinary_noun(self, i: int, words: list[str], covered: set[int], starts: set[int]) -> bool:
        word = words[i]
        if i in covered or i in starts or not word.isalpha() or not word[:1].isupper() \
                or word.isupper() or word in self.lexicon.first_names \
                or self.gazetteer.match([word], 0, 1) is not None:
            return False
        return word.lower() in self.lexicon.common_words or CommonNouns.contains(word) \
            or german_zipf(word) >= EVERYDAY_NEIGHBOUR

    def without_ordinary_nouns(self, spans: list[Span], words: list[str],
                               sentences: list[tuple[int, int]]) -> list[Span]:
        candidates = {s.start: s for s in spans if self._candidate(s, words)}
        candidate_words = {words[i] for i in candidates}
        article_nouns = {words[i] for i, s in candidates.items() if s.kind == "person"
                         and words[i] not in self.lexicon.surnames and words[i] not in self.lexicon.first_names}
        # Firms stand in lists of things ("Karten sowie Twitter"): only a determiner tells.
        firms = {words[i] for i, s in candidates.items() if s.kind == "org"}
        if candidates:  # a surname of a person the text names in full keeps its article's use
            named_in_full = {words[s.end - 1] for s in spans if s.kind == "person"
                             and s.end - s.start > 1 and s.part is None}
            article_nouns |= {words[i] for i, s in candidates.items()
                              if words[i] not in named_in_full and self._noun_after_article(s, words)}
        plain: set[str] = set()
        covered = covered_tokens(spans) if candidates else set()
        starts = {a for a, _ in sentences}
        # Any use of the word in the text may show it to be a noun, not only the CRF's spans.
        for i, word in enumerate(words if candidates else ()):
            if word not in candidate_words or word in plain:
                continue
            if _after_determiner(i, words) or word in article_nouns and _after_article(i, words):
                plain.add(word)
                continue
            members = _coordination(i, words) if word not in firms else [i]
            if len(members) > 1 and all(k in candidates or words[k] in candidate_words
                                        or self._ordinary_noun(k, words, covered, starts)
                                        for k in members) \
                    and any(k not in candidates and words[k] not in candidate_words for k in members):
                plain.add(word)
        known_at = {s.start: s for s in spans if s.entry is not None}
        return [s for s in spans if not (s.start in candidates and words[s.start] in plain)
                and not self._in_apposition(s, words, known_at)]

    def _in_apposition(self, span: Span, words: list[str], known_at: dict[int, Span]) -> bool:
        """"Neuling Ungarn", "Vorjahressieger Großbritannien": a one-word name only the CRF
        found, right before a listed name of its kind, is a noun describing that one."""
        following = known_at.get(span.end)
        return following is not None and following.kind == span.kind and span.from_model \
            and span.entry is None and span.part is None and span.end - span.start == 1 \
            and words[span.start].isalpha() and words[span.start] not in self.lexicon.first_names


# The codes the Olympics and world federations give countries, as results in news print
# them after an athlete or a team: "Marcel Hirscher (AUT)", "TPS Turku (FIN)".
SPORTS_COUNTRY_CODES = frozenset("""
AUT GER SUI ITA FRA ESP NOR SWE FIN DEN NED BEL LUX GBR IRL POR POL CZE SVK SLO CRO SRB BIH
HUN ROU BUL GRE TUR RUS UKR BLR LAT LTU EST ISL AND LIE MON USA CAN MEX BRA ARG CHI COL URU
AUS NZL JPN CHN KOR RSA KEN ETH JAM ISR KAZ GEO ARM AZE
""".split())


def without_country_codes(spans: list[Span], words: list[str]) -> list[Span]:
    """`spans` less athletes' country codes (see the module's docstring)."""
    people_end = {s.end for s in spans if s.kind == "person" and s.part is None}
    names_end = {s.end for s in spans if s.part is None}
    coded: dict[str, list[int]] = {}
    sure: set[str] = set()
    for s in spans:
        i = s.start
        if s.entry is None and s.part is None and s.end - s.start == 1 and _CODE.match(words[i]) \
                and 0 < i - 1 and i + 1 < len(words) and words[i - 1] == "(" and words[i + 1] == ")" \
                and i - 1 in people_end:
            coded.setdefault(words[i], []).append(i)
    for s in spans:  # "Severin Freund (GER) zum Sieg", "(alle AUT)": a country's sports code
        i = s.start
        if s.kind == "org" and s.entry is None and s.part is None and s.end - i == 1 \
                and words[i] in SPORTS_COUNTRY_CODES and i + 1 < len(words) and words[i + 1] == ")" \
                and i > 1 and (words[i - 1] == "(" and i - 1 in names_end
                               or words[i - 1] == "alle" and words[i - 2] == "("):
            coded.setdefault(words[i], []).append(i)
            sure.add(words[i])
    if not coded:
        return spans
    uses = {code: sum(w == code for w in words) for code in coded}
    only_there = [code for code, at in coded.items() if uses[code] == len(at)]
    codes = (set(only_there) if len(only_there) >= 2 else set()) | sure
    for code, at in coded.items():
        if any(k + 2 < len(words) and words[k + 2][:1] in "0123456789+" for k in at):
            codes.add(code)  # "Hermann Maier (AUT) 543."
    dropped = {i for code in codes for i in coded[code]}
    return [s for s in spans if not (s.end - s.start == 1 and s.start in dropped)]


# Colours that stand for parties in Austrian and German politics ("Rot und Schwarz" are the
# SPÖ and the ÖVP), and are surnames too (Schwarz, Weiß).
_COLOURS = frozenset("Rot Schwarz Grün Blau Gelb Weiß Pink Türkis Orange Lila".split())


def without_colours(spans: list[Span], words: list[str]) -> list[Span]:
    """`spans` less a colour named as a person or place where another colour stands beside it
    in a coordination ("Rot und Schwarz teilen sich das Land", "Schwarz, Rot, Grün"); "Angela
    Schwarz und Peter Weiß" are people of two words and stay."""
    def colour(span: Span) -> bool:
        i = span.start
        if span.part is not None or span.end - i != 1 or words[i] not in _COLOURS \
                or span.entry is not None and span.entry.kind != "place":  # the town of Rot
            return False
        return (i >= 2 and words[i - 1] in _COORDINATORS and words[i - 2] in _COLOURS) \
            or (i + 2 < len(words) and words[i + 1] in _COORDINATORS and words[i + 2] in _COLOURS)

    return [s for s in spans if not colour(s)]
