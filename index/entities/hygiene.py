"""Span edges the CRF gets wrong on real news, mended before gazetteer hits compete.

- A function word, conjunction or adverb capitalised at the start of a sentence is no part of
  a name: "Aber Merkel", "Bis Merkel", "Würde Biden", "And SARS-CoV-2".
- A preposition before a name is no particle of it: "von Merkel", "Zu Merkel" (but "von der
  Leyen", where an article follows).
- A name in the genitive ends the name: "Merkels Mantra", "Angela Merkels Mantra"; before
  nouns it owns it is no place or organisation either ("aus Prölls Büro", "Schmidts Verein").
- A known surname does not open another person's name: "Trump Tedros" is Trump and Tedros.
- A listed first name and a listed surname are a person, not an organisation ("Heinz-Christian
  Strache").
- An everyday noun and "der", "des" or "von" before an organisation or place are no part of
  it ("das Präsidium der Universität Göttingen").
- A capitalised everyday word before a first name and a surname is no part of the name ("der
  Deutsche Fabian Rießle", "Sieger Jan Frodeno"): the person starts at the first name.
- An everyday noun (data/not_names.txt: Armee, Lockdown, Demo), a single letter ("I") or a
  function word ("This", "More", "Having") is no name on its own; nor is a town's or a state's
  office ("Umweltamt", "Landesregierung").
- A word glued to an @ is an account's handle ("@Gluecksboerchi", "@tagesschau") or a mail
  domain, not a mention of a name.
"""

from __future__ import annotations

import functools
import re

from .cues import is_org_head, is_org_suffix, role_of
from .gazetteer import Gazetteer
from .lexicon import CommonNouns, Lexicon, hand_written_list
from .names import NAME_PARTICLES, strip_genitive
from .plain_words import english_zipf, german_zipf
from .spans import Span
from .tokenize import Token

# Capitalised only because they open a sentence (or a quote); never the first word of a name.
FUNCTION_WORDS = frozenset("""
aber auch außerdem allerdings also als bereits bis bislang da dabei daher damals
dafür dagegen danach dazu deswegen ebenso entweder gleichzeitig jedenfalls jeweils
mittlerweile nämlich offenbar seitdem sobald sowohl später trotz trotzdem vermutlich
während wegen weshalb zugleich zunächst schließlich
damit dann darum dass davor deshalb dennoch denn dies diese dieser dieses doch
dort drum ebenfalls ehe eigentlich einst erst erstmals etwa falls ferner fast
gerade gestern hätte hätten heute hier hingegen ich ihr immer immerhin indes
inzwischen ist jedoch jetzt kann kaum könnte könnten man mehr morgen muss müsse
nachdem nicht noch nun nur ob obwohl oder schon sei seien selbst sie sind so
sogar solange soll sollte sollten sonst und viele vielleicht
von wann war wäre wären warum was weil weder wenn wer werde werden wie wieso wir wird wo
wobei wohl würde würden zu zudem zuletzt zwar
and but or if when while because as of in on at for with by from to so yet then
the this that these those there here it its he she we they you his her our their my your
a an more most many much some any all every each no not only also even still just now
after before during since until although though however meanwhile instead having being
what which who whom whose how why where whether once while
""".split())
# Prepositions that pass for name particles ("von Weizsäcker") but open no name of their own
# unless an article follows ("von der Leyen", "zu den Linden" aside).
_PREPOSITION_PARTICLES = frozenset({"von", "vom", "zu", "zum", "zur", "nach"})
_ARTICLE_PARTICLES = frozenset({"der", "den", "dem", "des", "de", "la", "le"})
# An English article opens names ("The Guardian"): never stripped, though no name alone.
_NAME_ARTICLES = frozenset({"the", "a", "an"})
_NAME_KINDS = frozenset({"person", "org", "place"})
EVERYDAY_GERMAN = 3.5  # wordfreq's Zipf: "plant", "sales" are everyday words, "mori" is not
# wordfreq's Zipf in English under which a German word is no English name too: "Kaisers" 1.6,
# "Ehemann" 0, not "Brett" 3.9 ("Brett Sterling")
GERMAN_ONLY = 3.5
_QUOTES = frozenset('"„“”»«\'(:–-')


def clean(spans: list[Span], words: list[str], sentence_start: int, gazetteer: Gazetteer,
          lexicon: Lexicon) -> list[Span]:
    """The CRF's spans of one sentence with the edges above mended; a span may split in two."""
    result: list[Span] = []
    for span in spans:
        if span.part is not None or span.entry is not None:
            result.append(span)
            continue
        _strip_openers(span, words, sentence_start)
        _strip_word_before_first_name(span, words, gazetteer, lexicon)
        _strip_noun_before_name(span, words, lexicon, gazetteer)
        _cut_after_genitive(span, words, gazetteer, lexicon)
        _strip_trailing_lower_case(span, words, lexicon)
        _person_by_first_name_and_surname(span, words, lexicon)
        if not _cut_noun_owning_name(span, words, gazetteer, lexicon) \
                or _quantity(span, words, lexicon):
            continue
        result.extend(_split_known_surname(span, words, gazetteer, lexicon))
    return result


# Number words that count a noun: "drei Grad", "zwei Millionen".
_NUMBER_WORDS = frozenset("""
null ein eine einen zwei drei vier fünf sechs sieben acht neun zehn elf zwölf zwanzig dreißig
hundert tausend minus plus
""".split())


def _is_number(word: str) -> bool:
    return word.lower() in _NUMBER_WORDS or any(c.isdigit() for c in word) \
        and all(c.isdigit() or c in ".,-+–" for c in word)


def _quantity(span: Span, words: list[str], lexicon: Lexicon) -> bool:
    """"42 Grad Celsius", "minus fünf Grad Fahrenheit": a person opening with an everyday noun
    right after a number is a quantity and its unit."""
    i = span.start
    first = words[i]
    return span.kind == "person" and i > 0 and _is_number(words[i - 1]) \
        and first not in lexicon.first_names and first.lower() in lexicon.common_words


_DEFINITE_ARTICLES = frozenset({"der", "die", "das", "den", "dem", "des"})


def _thing_after_article(span: Span, words: list[str], lexicon: Lexicon) -> bool:
    """"Im Glas erscheint der Zinfandel Rosé": German news puts no article before a person's
    name. A person of two words or more after a definite article whose first word is no first
    name, surname, role or title is a thing: a wine, a dish, a product. Not after "von" ("von
    der Leyen" opens with its particle), nor with an adjective between ("der junge Mozart")."""
    i = span.start
    if span.kind != "person" or span.end - i < 2 or i == 0 \
            or words[i - 1].lower() not in _DEFINITE_ARTICLES:
        return False
    if i > 1 and words[i - 2].lower() in _BEFORE_ARTICLE_PARTICLES:
        return False
    first = words[i]
    return first[:1].isupper() and first.isalpha() and first not in lexicon.first_names \
        and first not in lexicon.surnames and role_of(first) is None \
        and first.lower() not in FUNCTION_WORDS


def without_things_after_articles(spans: list[Span], words: list[str], lexicon: Lexicon
                                  ) -> list[Span]:
    """`spans` less people no list names that `_thing_after_article` shows to be things."""
    return [s for s in spans if s.entry is not None or s.part is not None
            or not _thing_after_article(s, words, lexicon)]


def _strip_trailing_lower_case(span: Span, words: list[str], lexicon: Lexicon) -> None:
    """A name ends in no everyday word written small: "Yahoo plant eine Abspaltung", "die
    Hofburg spannend machen", "von der Sonne weg" end before it (not "Memento mori")."""
    if span.kind not in _NAME_KINDS:
        return
    while span.end - span.start > 1:
        word = words[span.end - 1]
        if not (word.isalpha() and word.islower() and words[span.end - 2] != "."
                and (word in lexicon.common_words or german_zipf(word) >= EVERYDAY_GERMAN)):
            return  # "Bild.de" ends in a domain, not a word
        span.end -= 1


def _opens_clause(words: list[str], i: int, sentence_start: int) -> bool:
    return i == sentence_start or words[i - 1] in _QUOTES


def _strip_openers(span: Span, words: list[str], sentence_start: int) -> None:
    while span.end - span.start > 1:
        first = words[span.start]
        low = first.lower()
        if first[:1].isupper() and low in FUNCTION_WORDS and low not in _NAME_ARTICLES \
                and _opens_clause(words, span.start, sentence_start) \
                and words[span.start + 1].lower() not in _ARTICLE_PARTICLES:
            span.start += 1  # "Aber Merkel"; not "Von der Leyen"
        elif first in _PREPOSITION_PARTICLES \
                and words[span.start + 1] not in NAME_PARTICLES:
            span.start += 1  # "von Merkel"; not "von der Leyen"
        else:
            return


def _strip_word_before_first_name(span: Span, words: list[str], gazetteer: Gazetteer,
                                  lexicon: Lexicon) -> None:
    """"Deutsche Fabian Rießle", "Österreicher Dominic Thiem" (org or person): a capitalised
    everyday word, adjective or inhabitant's name, then a first name and a capitalised
    surname; the person is the last two."""
    if span.end - span.start < 3:
        return
    first, given, last = words[span.start], words[span.start + 1], words[span.start + 2]
    if not (first[:1].isupper() and given in lexicon.first_names and last[:1].isupper()) \
            or first in lexicon.first_names:
        return
    if _is_demonym(first, gazetteer) or first not in lexicon.surnames and (
            first.lower() in lexicon.common_words or first.lower() in FUNCTION_WORDS
            or _is_inflected_adjective(first, lexicon) or CommonNouns.contains(first)
            or role_of(first) or _is_compound_noun(first, lexicon)):
        span.start += 1
        span.kind = "person"


def _is_compound_noun(word: str, lexicon: Lexicon) -> bool:
    """Gründungschefredakteur, Klubobmann, Chelsea-Eigentümer: German words joined (the
    search's decompounder), or a hyphenated word ending in a noun, role or compound."""
    from ..decompound import split_compound

    *heads, last = word.split("-")
    if heads and last[:1].isupper() and (last.lower() in lexicon.common_words
                                         or CommonNouns.contains(last) or role_of(last)):
        return True
    return bool(split_compound(last.lower()))


def _strip_noun_before_name(span: Span, words: list[str], lexicon: Lexicon,
                            gazetteer: Gazetteer) -> None:
    """"des Kaisers Nero", "Stürmer Ravet", "für Österreicher Grabner": a person of two words
    whose first is an everyday German noun before a listed first name ("ihr Ehemann Peter"),
    or a noun, a role or an inhabitant's name and no listed name, and whose
    second is no common word, is the second alone; when the second is an everyday word and
    the first no role, the first is the name ("Wenn Brandschütz Bargeld braucht": a surname
    that splits like a compound)."""
    if span.kind != "person" or span.end - span.start != 2:
        return
    first, name = words[span.start], words[span.start + 1]
    # "Österreicher Grabner" (a surname too), not "Würzburger Kickers": before a listed surname
    demonym = words[span.start + 1] in lexicon.surnames and _is_demonym(first, gazetteer)
    if first not in lexicon.first_names and first.isalpha() and name[:1].isupper() \
            and name.lower() not in lexicon.common_words and first.lower() in lexicon.common_words \
            and german_zipf(first) >= EVERYDAY_GERMAN and english_zipf(first.lower()) < GERMAN_ONLY \
            and name in lexicon.first_names:
        span.start += 1  # "Ihr Ehemann Peter", "des Kaisers Nero": an everyday noun before a first name
        return
    if first in lexicon.first_names or first in lexicon.surnames and not demonym \
            or not first.isalpha() or not name[:1].isupper() or name.lower() in lexicon.common_words:
        return
    if role_of(first) or demonym \
            or len(first) >= 10 and (first.lower() in lexicon.common_words
                                     or CommonNouns.contains(first)
                                     or _is_compound_noun(first, lexicon)):
        if role_of(first) is None and name not in lexicon.surnames \
                and german_zipf(name) >= EVERYDAY_GERMAN:
            span.end -= 1  # the everyday word is the second one
        else:
            span.start += 1


def _is_demonym(word: str, gazetteer: Gazetteer) -> bool:
    """Österreicher, Schweizerin, Amerikaner: a listed place's name plus -er, -ner, -erin."""
    for ending in ("er", "ner", "erin", "nerin"):
        if word.endswith(ending) and len(word) > len(ending) + 2:
            hit = gazetteer.match([word[:-len(ending)]], 0, 1)
            if hit is not None and hit.entry.kind == "place":
                return True
    return False


def _is_inflected_adjective(word: str, lexicon: Lexicon) -> bool:
    """Deutsche, Österreichischer: an adjective form whose other endings are common words."""
    low = word.lower()
    for ending in ("e", "er", "en", "es", "em"):
        if low.endswith(ending) and len(low) > len(ending) + 3:
            stem = low[:-len(ending)]
            if any(stem + other in lexicon.common_words for other in ("", "e", "er", "en", "es", "em")
                   if other != ending):
                return True
    return False


def _is_genitive_of_name(word: str, words: list[str], gazetteer: Gazetteer,
                         lexicon: Lexicon) -> bool:
    """Merkels, Salzborns: the genitive of a known person's name, or of a name the text also
    uses on its own; and no first name or surname itself (Jens, Haas, Kostas)."""
    if word in lexicon.first_names or word in lexicon.surnames:
        return False
    stem = strip_genitive(word)
    if stem is None or not stem[:1].isupper():
        return False
    hit = gazetteer.match([stem], 0, 1)
    if hit is not None and hit.strong and hit.entry.kind == "person":
        return True
    return stem.lower() not in lexicon.common_words and stem in words


def _cut_after_genitive(span: Span, words: list[str], gazetteer: Gazetteer,
                        lexicon: Lexicon) -> None:
    if span.kind != "person":
        _genitive_before_nouns(span, words, gazetteer, lexicon)
        return
    for i in range(span.start, span.end - 1):
        if i > span.start and words[i - 1] not in lexicon.first_names:
            return
        if _is_genitive_of_name(words[i], words, gazetteer, lexicon) \
                and words[i + 1][:1].isupper():
            span.end = i + 1  # "Merkels Mantra", "Angela Merkels Mantra"
            return


def _genitive_before_nouns(span: Span, words: list[str], gazetteer: Gazetteer,
                           lexicon: Lexicon) -> None:
    """"aus Prölls Büro", "Schmidts Verein", "Orbans Fidesz-Partei": a name's genitive and the
    nouns it owns are no place or organisation; the name alone is the mention (a name the text
    uses alone too, or a listed one), a person unless the listing says otherwise ("Lidls
    Filialen")."""
    first = words[span.start]
    stem = strip_genitive(first)
    if span.end - span.start < 2 or stem is None or not stem[:1].isupper() \
            or not all(_is_noun(word, lexicon) for word in words[span.start + 1:span.end]):
        return
    hit = gazetteer.match([stem], 0, 1)
    if not (hit is not None and hit.strong or stem in words
            and stem.lower() not in lexicon.common_words):
        return  # "Philaes": a name's genitive only where the text names it alone or a list does
    span.end = span.start + 1
    span.kind = hit.entry.kind if hit is not None and hit.strong else "person"


def _is_noun(word: str, lexicon: Lexicon) -> bool:
    """Büro, Verein, Fidesz-Partei: a capitalised common noun, or a compound ending in one."""
    last = word.rsplit("-", 1)[-1]
    return last[:1].isupper() and last not in lexicon.surnames and last not in lexicon.first_names \
        and (last.lower() in lexicon.common_words or CommonNouns.contains(last)
             or german_zipf(last) >= EVERYDAY_GERMAN)


_GENITIVE_LINKS = frozenset({"der", "des", "von", "vom"})


def _cut_noun_owning_name(span: Span, words: list[str], gazetteer: Gazetteer,
                          lexicon: Lexicon) -> bool:
    """"das Präsidium der Universität Göttingen", "das Online-Banking-System der Bank Austria":
    an everyday noun (no organisation's head like Institut, Bank or Amt) and "der", "des",
    "von" before a name are no part of the organisation or place; the span is the name. False
    when one everyday noun follows ("die Interna der Bank"): no name at all."""
    if span.kind not in ("org", "place") or span.end - span.start < 3 \
            or words[span.start + 1] not in _GENITIVE_LINKS:
        return True
    head, rest = words[span.start], words[span.start + 2:span.end]
    low = head.lower()
    if not head[:1].isupper() or not head.replace("-", "").isalpha() or is_org_head(low) \
            or is_org_suffix(head) or head in lexicon.surnames or head in lexicon.first_names \
            or gazetteer.match([head], 0, 1) is not None or not rest[0][:1].isupper() \
            or not (low in lexicon.common_words or CommonNouns.contains(head)
                    or german_zipf(head) >= EVERYDAY_GERMAN or _is_compound_noun(head, lexicon)):
        return True
    if len(rest) == 1 and gazetteer.match(rest, 0) is None \
            and (rest[0].lower() in lexicon.common_words or CommonNouns.contains(rest[0])
                 or german_zipf(rest[0]) >= EVERYDAY_GERMAN):
        return False
    span.start += 2
    return True


def _person_by_first_name_and_surname(span: Span, words: list[str], lexicon: Lexicon) -> None:
    """A listed first name and a listed surname and nothing else are a person, not an
    organisation ("Heinz-Christian Strache"): the annotated news has 384 such people to two
    firms. A firm of that name is listed (Hugo Boss), and its listing wins afterwards."""
    if span.kind != "org" or span.end - span.start != 2:
        return
    first, last = words[span.start], words[span.start + 1]
    if first.lower() in lexicon.common_words or last.lower() in lexicon.common_words \
            or last not in lexicon.surnames:
        return
    if first in lexicon.first_names or "-" in first and all(
            part in lexicon.first_names for part in first.split("-")):
        span.kind = "person"


def _split_known_surname(span: Span, words: list[str], gazetteer: Gazetteer,
                         lexicon: Lexicon) -> list[Span]:
    """A person span opening with a known person's surname (no first name) and going on with
    more capitalised words is two: the known person and the rest."""
    if span.kind != "person" or span.end - span.start < 2 or words[span.start] in lexicon.first_names:
        return [span]
    hit = gazetteer.match(words, span.start)
    if hit is None or not hit.strong or hit.entry.kind != "person" or hit.end >= span.end \
            or hit.entry.name.split()[0] == words[span.start]:
        return [span]
    known = Span(span.start, hit.end, "person", hit.entry, span.role)
    rest = words[hit.end:span.end]
    # The rest is a person of its own only when its words are listed names ("Merz Olaf
    # Scholz"), not "Trump Tower".
    if all(w in lexicon.surnames or w in lexicon.first_names for w in rest):
        return [known, Span(hit.end, span.end, "person", role=span.role)]
    return [known]


@functools.lru_cache(maxsize=20_000)
def _last_compound_part(word: str) -> str | None:
    """The last part of a German compound as the search's decompounder splits it (a slow
    search, so its answers are kept), or None for no compound."""
    from ..decompound import split_compound

    parts = split_compound(word)
    return parts[-1].lemma if parts else None


# Endings of surnames that split into German words all the same: Wies|berger, Scheib|lecker,
# Papa|demos.
_SURNAME_ENDINGS = ("er", "os", "is", "as", "ou")


def without_compound_nouns(spans: list[Span], words: list[str], lexicon: Lexicon) -> list[Span]:
    """`spans` less a one-word person that is a compound of German words no list knows as a
    name (Bienenwachs, Grenzzaun, Antivirensoftware: the search's decompounder splits them),
    unless it ends as surnames do (-er, -os ...) or in a listed surname (Pilgermaier), or the
    text names a person in full with it ("Iris Wendeldorf" ... "Wendeldorf: Nein")."""
    named_in_full = {words[s.end - 1] for s in spans
                     if s.kind == "person" and s.end - s.start > 1 and s.part is None}

    def compound(span: Span) -> bool:
        if span.kind != "person" or span.entry is not None or span.part is not None \
                or span.end - span.start != 1:
            return False
        word = words[span.start]
        stem = strip_genitive(word) or word
        if not word.isalpha() or word in lexicon.surnames or word in lexicon.first_names \
                or stem in lexicon.surnames or word in named_in_full or stem in named_in_full:
            return False
        if word.endswith(_SURNAME_ENDINGS):
            return False
        last = _last_compound_part(word.lower())
        # Surnames are compounds too, of a surname at the end (Pilger|maier, Rader|bauer).
        return last is not None and last.capitalize() not in lexicon.surnames

    return [s for s in spans if not compound(s)]


def without_adjectives_before_nouns(spans: list[Span], words: list[str], lexicon: Lexicon
                                    ) -> list[Span]:
    """`spans` less a one-word organisation that is an adjective before a common noun: "gibt
    Grünes Licht", "die Grüne Woche", "Linke Hand" name no party; before a role it does
    ("der Grüne Abgeordnete Lambert Schönleitner")."""
    def adjective(span: Span) -> bool:
        if span.kind != "org" or span.part is not None or span.end - span.start != 1 \
                or span.end >= len(words):
            return False
        noun = words[span.end]
        return noun[:1].isupper() and noun not in lexicon.first_names and not role_of(noun) \
            and (noun.lower() in lexicon.common_words or CommonNouns.contains(noun)) \
            and _is_inflected_adjective(words[span.start], lexicon)

    return [s for s in spans if not adjective(s)]


# A page of a newspaper: "Page A8", "Seite 3".
_PAGE_WORDS = frozenset({"Page", "Seite"})
_PAGE_NUMBER = re.compile(r"^[A-Z]?\d{1,3}$")
# Adverbs a sentence may open with: Pikanterweise, Beispielsweise, Teilweise.
_ADVERB_ENDINGS = ("erweise", "sweise", "teilweise", "zeitweise", "schrittweise", "stückweise")


def without_everyday_nouns(spans: list[Span], words: list[str]) -> list[Span]:
    """`spans` less one-word spans, named by no gazetteer entry, of a listed everyday noun
    (or its genitive), of a single letter, of a title-case function word ("This", "More")
    or adverb ("Pikanterweise"), a newspaper's page and date ("Page B1, Jan. 15"), or the
    abbreviation for a district before its name ("LKR. COBURG")."""
    listed = hand_written_list("not_names.txt")

    def everyday(span: Span) -> bool:
        if span.entry is not None or span.part is not None or span.end - span.start != 1:
            return False
        word = words[span.start]
        return len(word) == 1 or word in listed or strip_genitive(word) in listed \
            or (word.istitle() and (word.lower() in FUNCTION_WORDS
                                    or word.lower().endswith(_ADVERB_ENDINGS)))

    def page_or_date(span: Span) -> bool:  # "(Page B1, Jan. 15)": no Mr Page, no Jan
        i = span.start
        if span.entry is not None or span.end - i > 2 or i + 1 >= len(words):
            return False
        if words[i] in _PAGE_WORDS:
            return _PAGE_NUMBER.match(words[i + 1]) is not None
        return span.end - i == 1 and words[i] == "Jan" and words[i + 1] == "." \
            and i + 2 < len(words) and words[i + 2].isdigit()

    def district_abbreviation(span: Span) -> bool:  # "RÖSLAU, LKR. WUNSIEDEL"
        i = span.start
        return span.entry is None and span.part is None and words[i].lower() in _DISTRICT_ABBREVIATIONS \
            and (span.end - i == 1 or span.end - i == 2 and words[i + 1] == ".")

    return [s for s in spans if not everyday(s) and not page_or_date(s) and not district_abbreviation(s)]


# What police reports and listings write for a district or a municipality before its name:
# "LKR. COBURG", "Lkr. Kitzingen", "Bez. Mitte", "Gde. Au".
_DISTRICT_ABBREVIATIONS = frozenset({"lkr", "lk", "kr", "bez", "gem", "gde", "stkr"})


# Heads of the nouns for an office of any town or state: "das Umweltamt", "die
# Landesregierung", "das Handelsgericht" name no body on their own (the annotated news leaves
# them out); a federal one is one body (Bundeskriminalamt), and ministries named by their
# field are listed entities (curated.txt).
_AGENCY_HEADS = ("amt", "ämter", "behörde", "behörden", "gericht", "regierung", "polizei",
                 "verwaltung", "staatsanwaltschaft")


def without_generic_agencies(spans: list[Span], words: list[str]) -> list[Span]:
    """`spans` less one-word organisations no list names that are an everyday noun for an
    office ("Umweltamt", "Landesregierung", "Handelsgericht"); "Umweltamt Wiesbaden" and
    "Wiesbadener Umweltamt" have a proper part and stay."""
    def generic(span: Span) -> bool:
        if span.kind != "org" or span.entry is not None or span.part is not None \
                or span.end - span.start != 1:
            return False
        word = words[span.start]
        low = word.lower()
        return word.isalpha() and word[:1].isupper() and not word.isupper() \
            and low.endswith(_AGENCY_HEADS) and not low.startswith("bundes") \
            and len(low) > max(len(h) for h in _AGENCY_HEADS if low.endswith(h)) + 2

    return [s for s in spans if not generic(s)]


# wordfreq's Zipf from which a capitalised German word no name list holds is a word of the
# language first (Partei 5.1, Muslime 4.3, Bargeld 4.1), and rarely a name the model alone
# should be trusted with.
FREQUENT_GERMAN = 4.0


def without_frequent_german_words(spans: list[Span], words: list[str], lexicon: Lexicon,
                                  gazetteer: Gazetteer) -> list[Span]:
    """`spans` less one-word names only the model found that are frequent German words (not
    listed names, not in capitals, more used in German than in English: Time and Hollywood
    are names in both), so no name of their own: "von Bargeld", "zur kommunistischen
    Partei", "dass Muslime", "mit Alkohol". A people's name stays a place ("die Deutschen",
    "die Chinesen"), as the annotated news counts it."""
    def frequent(span: Span) -> bool:
        if span.entry is not None or span.part is not None or span.end - span.start != 1 \
                or not span.from_model:
            return False
        word = words[span.start]
        if not word.isalpha() or not word.istitle() or word in lexicon.surnames \
                or word in lexicon.first_names:
            return False
        zipf = german_zipf(word)
        return zipf >= FREQUENT_GERMAN and english_zipf(word.lower()) < zipf - 1.0 \
            and gazetteer.match([word], 0, 1) is None \
            and not (span.kind == "place" and nationality(word))

    return [s for s in spans if not frequent(s)]


def nationality(word: str) -> bool:
    """Deutsche, Chinesen, Griechen: a people whose adjective (deutsch, chinesisch) German
    uses often."""
    for ending in ("ern", "er", "en", "e", "n", ""):
        stem = word[:len(word) - len(ending)].lower() if ending else word.lower()
        if word.endswith(ending) and (german_zipf(stem) >= 3.0 and stem.endswith("sch")
                                      or german_zipf(stem + "isch") >= 3.0):
            return True
    return False


def without_handles(spans: list[Span], tokens: list[Token]) -> list[Span]:
    """`spans` less those that open right after an @ ("@Gluecksboerchi", "max@firma.de"):
    a handle is written as nobody writes the name, so it would list a new entity."""
    handles = {i for i in range(1, len(tokens))
               if tokens[i - 1].text == "@" and tokens[i - 1].end == tokens[i].start}
    return [s for s in spans if s.start not in handles]


# Articles and saints that open foreign places' names and are first names in the registers
# too: "in Le Bourget", "La Defense", "San Marino".
PLACE_ARTICLES = frozenset({"Le", "La", "Les", "El", "Los", "Las", "Il", "Lo", "San", "Santa",
                            "Santo", "São", "Saint", "Sainte"})

# Particles that "der", "den", "dem" may follow inside a name: "von der Leyen", "van der Bellen".
_BEFORE_ARTICLE_PARTICLES = frozenset({"von", "van", "de", "zu", "vom"})


def person_edges(spans: list[Span], words: list[str], lexicon: Lexicon) -> list[Span]:
    """People whose span runs on past their name: into a number ("Philipp Orter 2:00,4"), over
    a punctuation mark ("Erich; Gertz"), an article that follows no "von" ("Joe South der Linn
    Anderson": two people), or a "von" before another person's first name ("Knecht Matti von
    Bertolt Brecht"). A person of letters and digits in one word is a firm's name (Check24,
    France24); one of two words or more, opened by no first name, that ends in a compound of a
    common noun is no person ("Le Mans-Serie"; but "Gerda Weichsler-Hauer")."""
    result: list[Span] = []
    for span in spans:
        if span.kind != "person" or span.entry is not None or span.part is not None:
            result.append(span)
            continue
        digits = next((i for i in range(span.start, span.end)
                       if any(c.isdigit() for c in words[i])), None)
        if digits == span.start:
            if span.end - span.start == 1 and any(c.isalpha() for c in words[span.start]):
                span.kind = "org"
                result.append(span)
            continue
        if digits is not None:
            span.end = digits
        first, last = words[span.start], words[span.end - 1].rsplit("-", 1)
        if span.end - span.start > 1 and len(last) == 2 and last[0][:1].isupper() \
                and last[1][:1].isupper() and (first not in lexicon.first_names
                                               or first in PLACE_ARTICLES) \
                and (last[1].lower() in lexicon.common_words or CommonNouns.contains(last[1])):
            continue  # "die Le Mans-Serie", "das Lenox Hill-Krankenhaus": named after someone
        for piece in _split_at_marks(span, words):
            result.extend(_split_at_joiners(piece, words, lexicon))
    return result


_MARKS = frozenset(";,:()[]/|–—")


def _split_at_marks(span: Span, words: list[str]) -> list[Span]:
    """The pieces of a person's span between punctuation marks inside it ("Erich ; Gertz")."""
    cuts = [i for i in range(span.start, span.end) if words[i] in _MARKS]
    if not cuts:
        return [span]
    pieces, start = [], span.start
    for cut in cuts + [span.end]:
        if cut > start:
            pieces.append(Span(start, cut, "person", role=span.role if start == span.start else None,
                               from_model=span.from_model))
        start = cut + 1
    return pieces


def _split_at_joiners(span: Span, words: list[str], lexicon: Lexicon) -> list[Span]:
    for i in range(span.start + 1, span.end - 1):
        word, before, after = words[i], words[i - 1], words[i + 1]
        article = word in ("der", "den", "dem") and before not in _BEFORE_ARTICLE_PARTICLES
        von = word == "von" and after in lexicon.first_names
        if (article or von) and after[:1].isupper():
            head = Span(span.start, i, "person", role=span.role, from_model=span.from_model)
            tail = Span(i + 1, span.end, "person", from_model=span.from_model)
            return [head] + _split_at_joiners(tail, words, lexicon)
    return [span]