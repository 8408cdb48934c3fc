"""Span rules for organisations the CRF tends to miss: unknown acronyms (EKD, THW), and
institutions named after someone in one hyphenated word (Otto-Schott-Gymnasium), sports
clubs named with their town (FC Chelsea London, 1. FC Nürnberg, Stoke City, Anaheim Ducks),
universities named with theirs (Uni Wien, TH Zürich), names after a category noun (der
Luxusauto-Hersteller Jaguar Land Rover)."""

from __future__ import annotations

import re

from .cues import (AGENCY_WORDS, DATELINE_MARKS, is_business_noun, is_category_noun, is_org_suffix,
                   role_of)
from .gazetteer import Gazetteer
from .lexicon import CommonNouns, Lexicon
from .names import strip_genitive
from .spans import Span, covered_tokens

_ACRONYM_RE = re.compile(r"^[A-ZÄÖÜ](?:[A-ZÄÖÜ]{2,4}|[a-zäöü][A-ZÄÖÜ])$")
_ROMAN_RE = re.compile(r"^[IVXLCDM]+$")
# Last parts of institutions named as one hyphenated word: Otto-Schott-Gymnasium,
# Karl-Hansen-Klinik, Friedrich-Ebert-Stiftung, Max-Planck-Institut.
_INSTITUTION_HEADS = tuple(
    """gymnasium schule klinik klinikum krankenhaus institut stiftung universität hochschule
    gesellschaft akademie zentrum""".split())


def acronyms(spans: list[Span], words: list[str], lexicon: Lexicon) -> list[Span]:
    """An unknown capitalised abbreviation (EKD, BdB, THW) names an organisation in news
    far more often than anything else; known words (TV, DAX), Roman numerals, words of
    headlines in capitals and agency credits are left alone, and so are names in capitals
    (ANNA, MÜLLER), but three capitals are an abbreviation even if a name is so spelt (EMI)."""
    covered = covered_tokens(spans)
    added = []
    for i, word in enumerate(words):
        if i in covered or not _ACRONYM_RE.match(word) or word.lower() in AGENCY_WORDS \
                or word.lower() in lexicon.common_words or _ROMAN_RE.match(word) \
                or is_org_suffix(word) or (len(word) > 3 or not word.isupper()) and (
                    word.capitalize() in lexicon.first_names or word.capitalize() in lexicon.surnames):
            continue
        neighbours = [w for w in words[max(0, i - 2): i + 3] if w != word and w.isalpha()]
        if neighbours and all(w.isupper() for w in neighbours):
            continue  # a headline or a line in capitals
        if i + 1 < len(words) and words[i + 1] in DATELINE_MARKS and i == 0:
            continue
        added.append(Span(i, i + 1, "org"))
    return added
# Abbreviations that open the name of a sports club: "SV Werder Bremen", "TSG 1899 Hoffenheim".
_CLUB_PREFIXES = frozenset(
    "FC SC SV VfB VfL VfR TSV TuS TSG FSV BSC SSV SpVgg SG SC FK AC AS CF HC EHC ETC TV".split())


def club_names(spans: list[Span], words: list[str], gazetteer: Gazetteer, lexicon: Lexicon
               ) -> list[Span]:
    """A club abbreviation and the capitalised words or years after it are one organisation
    ("FC Chelsea London", "1. FC Nürnberg", "SC DHfK Leipzig"), whatever the CRF made of its
    parts; the name of a known club keeps its entry. A club's name ends in no everyday noun:
    "hat der FC Chelsea Interesse", "der 1. FC Köln Vierter" end before it ("FC Energie
    Cottbus" ends in its town)."""
    result = spans
    i = 0
    while i < len(words) - 1:
        if words[i] not in _CLUB_PREFIXES:
            i += 1
            continue
        start = i - 2 if i >= 2 and words[i - 2].isdigit() and words[i - 1] == "." else i
        end = i + 1
        while end < len(words) and end - i <= 4 and (
                words[end][:1].isupper() or (words[end].isdigit() and len(words[end]) in (2, 4))):
            end += 1
        while end - i > 2 and _everyday_noun(words[end - 1], lexicon, gazetteer):
            end -= 1
        if not any(w[:1].isupper() for w in words[i + 1:end]):
            i += 1
            continue
        inside = [s for s in result if s.start < end and start < s.end and s.part is None]
        for s in inside:
            if s.end > end and all(_everyday_noun(w, lexicon, gazetteer) for w in words[end:s.end]):
                s.end = end  # the CRF's "FC Köln Vierter"
        if any(s.start < start or s.end > end for s in inside) \
                or any(s.entry is not None and (s.start, s.end) == (start, end) for s in inside):
            i = end
            continue
        result = [s for s in result if s not in inside] + [Span(start, end, "org", _known_club(words, start, i, end, gazetteer))]
        i = end
    return result


def _everyday_noun(word: str, lexicon: Lexicon, gazetteer: Gazetteer) -> bool:
    """Interesse, Vierter, Fans: a noun German uses every day, no listed name or place."""
    return word.isalpha() and word[:1].isupper() and not word.isupper() \
        and (word.lower() in lexicon.common_words or CommonNouns.contains(word)) \
        and word not in lexicon.surnames and word not in lexicon.first_names \
        and gazetteer.match([word], 0, 1) is None


# Names of sports clubs that stand before their town ("Austria Klagenfurt", "Dynamo Kiew",
# "Eintracht Braunschweig"); no everyday word among them (Energie, Sturm, Stahl) and none
# that names a region or a people before a town (Preußen, Olympia).
_CLUB_NAMES_BEFORE_TOWNS = frozenset("""Austria Admira Wacker Dynamo Dinamo Lokomotive Lokomotiv
    Spartak Borussia Eintracht Fortuna Alemannia Arminia Hansa Hertha Viktoria Victoria Kickers
    Rot-Weiss Rot-Weiß Blau-Weiß Blau-Weiss Schwarz-Weiß Grün-Weiß Slavia Sparta Partizan Zenit
    Olympique Atletico Atlético Inter Lazio Juventus Celtic Ajax Galatasaray Fenerbahce Fenerbahçe
    Besiktas Beşiktaş Steaua Legia Wisla Schachtar Vorwärts Holstein Germania Teutonia Concordia
    Rapid Werder Greuther""".split())


def clubs_before_towns(spans: list[Span], words: list[str], gazetteer: Gazetteer) -> list[Span]:
    """A club's name and the town after it are one organisation ("bei Austria Klagenfurt",
    "Dynamo Kiew"), whatever the CRF made of the parts (the town alone, or a person); a
    known club keeps its entry."""
    found = []
    for i, word in enumerate(words[:-1]):
        if word not in _CLUB_NAMES_BEFORE_TOWNS:
            continue
        town = gazetteer.match(words, i + 1)
        end = town.end if town is not None and town.entry.kind == "place" else None
        for s in spans:
            if s.start == i + 1 and s.kind == "place" and s.part is None:
                end = max(end or 0, s.end)
        if end is None or any(s.start < i < s.end or s.start < end < s.end for s in spans
                              if s.part is None):
            continue
        hit = gazetteer.match(words, i, end)
        found.append(Span(i, end, "org", hit.entry if hit is not None and hit.entry.kind == "org" else None))
    if not found:
        return spans
    inside = {k for s in found for k in range(s.start, s.end)}
    return [s for s in spans if s.start not in inside] + found


def _known_club(words: list[str], start: int, prefix: int, end: int, gazetteer: Gazetteer):
    """The entry of the club a name names, with or without its abbreviation or town
    (SV Werder Bremen -> Werder Bremen, FC Chelsea London -> FC Chelsea)."""
    for a, b in ((start, end), (prefix + 1, end), (start, end - 1), (prefix + 1, end - 1)):
        if b > a:
            hit = gazetteer.match(words, a, b)
            if hit is not None and hit.strong and hit.entry.kind == "org":
                return hit.entry
    return None


def institution_names(spans: list[Span], words: list[str], lexicon: Lexicon,
                      gazetteer: Gazetteer) -> list[Span]:
    """A hyphenated word of names ending in an institution (Otto-Schott-Gymnasium,
    Goethe-Institut) is an organisation; a place or organisation before the head makes a
    compound of a name instead (Bundeswehr-Krankenhaus, Berlin-Institut)."""
    by_token = {s.start: s for s in spans if s.end - s.start == 1 and s.part is None}
    covered = covered_tokens(spans)
    added = []
    for i, word in enumerate(words):
        if "-" not in word[1:-1] or not word[0].isupper() \
                or not word.lower().endswith(_INSTITUTION_HEADS):
            continue
        *names, head = word.split("-")
        if not head[:1].isupper() or not head.lower().endswith(_INSTITUTION_HEADS) \
                or not all(_is_person_name(n, lexicon, gazetteer) for n in names):
            continue
        span = by_token.get(i)
        if span is not None and span.entry is None:
            span.kind = "org"
        elif i not in covered:
            added.append(Span(i, i + 1, "org"))
    return added


def _is_person_name(word: str, lexicon: Lexicon, gazetteer: Gazetteer) -> bool:
    if not word[:1].isupper() or not word.isalpha() or word.lower() in lexicon.common_words:
        return False
    if word in lexicon.first_names or word in lexicon.surnames:
        return True
    hit = gazetteer.match([word], 0, 1)
    return hit is None or hit.entry.kind == "person" or not hit.strong


def after_category_nouns(spans: list[Span], words: list[str], lexicon: Lexicon,
                         gazetteer: Gazetteer) -> list[Span]:
    """Unknown capitalised words right after a noun naming a kind of organisation are its
    name where the CRF found nothing ("der Luxusauto-Hersteller Jaguar Land Rover", "die
    Eventagentur Zappzoom"), and so is the next name of a list there ("die Konzerne Lumbrix
    und Zappelfix"); common words at the end are not ("Hersteller Apple Aktien")."""
    covered = covered_tokens(spans)
    named_ends = {s.end for s in spans if s.start > 0 and is_category_noun(words[s.start - 1])}
    added = []
    for i in range(len(words) - 1):
        j = i + 1
        first = words[j]
        listed = words[i] in _JOINING_WORDS and i in named_ends
        if j in covered or not first[:1].isupper() or first.lower() in lexicon.common_words \
                or not (listed or is_category_noun(words[i])) or role_of(first) or is_category_noun(first):
            continue
        hit = gazetteer.match(words, j)
        if hit is not None and hit.strong and hit.entry.kind != "org" or _ends_in_place(first, gazetteer):
            continue  # "Hersteller Deutschlands", "der größte Dienstleister Nordeuropas"
        end = j + 1
        while end < len(words) and end - j < 4 and end not in covered \
                and words[end][:1].isupper() and not role_of(words[end]):
            end += 1
        while end - j > 1 and words[end - 1].lower() in lexicon.common_words:
            end -= 1
        added.append(Span(j, end, "org"))
        covered.update(range(j, end))
        named_ends.add(end)
    return added


_JOINING_WORDS = frozenset({"und", "oder"})


def names_after_category_nouns(spans: list[Span], words: list[str], lexicon: Lexicon) -> list[Span]:
    """A person nobody listed or a place, right after a noun naming a kind of organisation,
    is that organisation ("das Magazin Charlie Hebdo", "die Firma Müller", "der Zweitligist
    Bochum"), and so is the next name of a list there ("die Bundesligisten Ingolstadt und
    Augsburg"), but not a person named after a comma or with a first name: that is someone
    of the organisation ("des Zulieferers Kolbrix, Mats Fennel")."""
    whole = sorted((s for s in spans if s.part is None), key=lambda s: s.start)
    by_end = {s.end: s for s in whole}
    for span in whole:
        if span.start == 0 or span.kind not in ("person", "place") \
                or span.kind == "person" and span.entry is not None:
            continue
        before = words[span.start - 1]
        previous = by_end.get(span.start - 1) if before in _LIST_WORDS else None
        listed = previous is not None and previous.kind == "org" and previous.start > 0 \
            and is_category_noun(words[previous.start - 1]) \
            and (span.kind == "place" or before != "," and words[span.start] not in lexicon.first_names)
        if listed or is_category_noun(before) and not role_of(before):
            span.kind, span.entry, span.from_model = "org", None, False
    return spans


_LIST_WORDS = frozenset({"und", "oder", ","})


def _ends_in_place(word: str, gazetteer: Gazetteer) -> bool:
    """Nordeuropas, Ostafrika: a word ending in the name of a known place."""
    for k in range(3, len(word) - 3):
        hit = gazetteer.match([word[k].upper() + word[k + 1:]], 0, 1)
        if hit is not None and hit.strong and hit.entry.kind == "place":
            return True
    return False


# Roles the curated list gives newspapers, magazines and broadcasters.
MEDIA_ROLES = frozenset({"Zeitung", "Magazin", "Sender"})
_ARTICLE_WORDS = frozenset({"der", "die", "das"})


def is_titled_medium(span: Span, words: list[str]) -> bool:
    """"Der Tagesspiegel", "Die Zeit": a medium whose title begins with its article keeps
    the article at the start of a sentence (it is part of the title there)."""
    entry = span.entry
    if entry is None or not MEDIA_ROLES.intersection(entry.roles) \
            or words[span.start].lower() not in _ARTICLE_WORDS:
        return False
    surface = " ".join(words[span.start:span.end]).casefold()
    return any(name.casefold() == surface for name in (entry.name, *entry.aliases))


_QUOTES = frozenset('"„“”»«‚‘’')
# Heads of compounds whose quoted first part names a medium or a company: '"Bild"-Zeitung'.
_QUOTED_TITLE_HEADS = ("zeitung", "blatt", "magazin", "sender", "redaktion", "chefredakteur",
                       "konzern", "gruppe", "chef", "chefin", "aktie", "aktien")


def quoted_titles(spans: list[Span], words: list[str], gazetteer: Gazetteer) -> list[Span]:
    """A capitalised name in quotes joined by a hyphen to a noun naming a medium or a firm
    ('die "Bild"-Zeitung', '„Spiegel“-Chefredakteur') is that organisation."""
    covered = covered_tokens(spans)
    added = []
    for i, word in enumerate(words):
        if word not in _QUOTES or i + 4 >= len(words):
            continue
        end = i + 1
        while end < len(words) and end - i <= 3 and words[end][:1].isupper():
            end += 1
        if end == i + 1 or end + 2 >= len(words) or words[end] not in _QUOTES \
                or words[end + 1] != "-" or covered.intersection(range(i + 1, end)):
            continue
        head = words[end + 2].lower()
        hit = gazetteer.match(words, i + 1, end)
        if hit is not None and hit.entry.kind == "org" or head.endswith(_QUOTED_TITLE_HEADS):
            added.append(Span(i + 1, end, "org", hit.entry if hit and hit.entry.kind == "org" else None))
    return added


def appositions(spans: list[Span], words: list[str], lexicon: Lexicon) -> list[Span]:
    """"Tieto Enator, der größte Computer-Dienstleister": a name the CRF took for a person
    or a place, before a comma, an article and a noun naming a kind of organisation (a few
    lower-case words between), is that organisation; not one opening with a first name ("Hans
    Wolf, der Betreiber des Cafés"). Adding names the CRF missed there found more wrong spans
    than right ones."""
    for span in spans:
        if span.kind != "org" and span.part is None and span.entry is None \
                and words[span.start] not in lexicon.first_names \
                and span.end + 2 < len(words) and words[span.end] == "," \
                and words[span.end + 1].lower() in _ARTICLE_WORDS \
                and _category_follows(words, span.end + 2):
            span.kind = "org"
    return spans


def _category_follows(words: list[str], k: int) -> bool:
    for j in range(k, min(k + 4, len(words))):
        if is_category_noun(words[j]) and words[j][:1].isupper():
            return True
        if not words[j][:1].islower():
            return False
    return False


# The last word of a British club's name after its town: Stoke City, West Ham United.
_CLUB_WORDS = frozenset("City United Town Rovers Wanderers Albion Athletic Hotspur Rangers".split())
_LONGEST_TOWN = 3  # words
# wordfreq Zipf: a team's plural is an English word ("Ducks" 3.9, "Blackhawks" 3.3), not a
# German one ("Senfgas"); a town's word is no German word that English lacks (Rekordmeister).
_ENGLISH_WORD = 3.0
_GERMAN_WORD = 2.5


def teams_named_by_town(spans: list[Span], words: list[str], gazetteer: Gazetteer,
                        lexicon: Lexicon) -> list[Span]:
    """A town and a club word ("Stoke City", "West Bromwich Albion", not the city "Kansas
    City"), or a known town and capitalised English plurals ("Anaheim Ducks", "Toronto Maple
    Leafs": North American teams) name a club, whatever the CRF made of the parts, also where
    it took the whole for a person or a place ("Boston Bruins", "San Jose Sharks")."""
    found: list[Span] = []
    club_words = _CLUB_WORDS.intersection(words)
    for i, word in enumerate(words if club_words else ()):
        if word in club_words and i > 0:
            start = i
            while start > 0 and i - start < _LONGEST_TOWN and _is_town_word(words[start - 1], lexicon):
                start -= 1
            hit = gazetteer.match(words, start, i + 1) if start < i else None
            if start < i and (hit is None or hit.entry.kind == "org") \
                    and not _inside_longer_name(spans, start, i + 1) \
                    and (word not in _TOWN_CLUB_WORDS or _club_town(words, start, i, gazetteer)):
                found.append(Span(start, i + 1, "org", hit.entry if hit is not None else None))
    for place in spans:
        if place.kind == "place" and place.part is None and place.end < len(words) \
                and words[place.end][:1].isupper() \
                and not _genitive_of_place(words[place.end - 1], gazetteer):
            end = place.end
            while end < len(words) and end - place.end < 2 and _is_english_word(words[end], lexicon):
                end += 1
            if end > place.end and words[end - 1].endswith("s") and not words[end - 1].endswith("ss") \
                    and words[end - 1] not in _DOCUMENTS:
                found.append(Span(place.start, end, "org"))
    for span in spans:  # "Buffalo Sabres", "Edmonton Oilers" the CRF took for a person
        if span.kind == "org" or span.entry is not None or span.part is not None \
                or span.end - span.start < 2:
            continue
        hit = gazetteer.match(words, span.start)
        if hit is not None and hit.strong and hit.entry.kind == "place" and hit.end < span.end \
                and all(_is_english_word(w, lexicon) for w in words[hit.end:span.end]) \
                and words[span.end - 1].endswith("s") and not words[span.end - 1].endswith("ss") \
                and words[span.end - 1] not in _DOCUMENTS:
            found.append(Span(span.start, span.end, "org"))
    if not found:
        return spans
    inside = {k for s in found for k in range(s.start, s.end)}
    return [s for s in spans if s.part is not None or not any(k in inside for k in range(s.start, s.end))] \
        + found


def _inside_longer_name(spans: list[Span], start: int, end: int) -> bool:
    """A name found already that holds start..end and goes on: "Royal United Services Institute"
    is no club "Royal United"."""
    return any(s.start <= start and end <= s.end and s.end - s.start > end - start for s in spans)


# Leaked papers named by a place are no team: "Panama Papers".
_DOCUMENTS = frozenset({"Papers", "Files", "Leaks", "Documents"})
# Words that end the names of towns too (Salt Lake City, Cape Town).
_TOWN_CLUB_WORDS = frozenset({"City", "Town"})
_KNOWN_ENGLISH_WORD = 3.8  # wordfreq Zipf: "Stoke" 3.7, "Sim" 3.8, "Smart" 4.8


def _club_town(words: list[str], start: int, end: int, gazetteer: Gazetteer) -> bool:
    """"Leicester City", "Stoke City": a known place, or a word English rarely uses; not a
    town's adjective ("Wiener City") nor a town of its own opening a report ("Iowa City /
    Wien –")."""
    from .hygiene import _is_demonym
    from .plain_words import english_zipf

    if end + 1 < len(words) and words[end + 1] in DATELINE_MARKS or _is_demonym(words[start], gazetteer):
        return False
    hit = gazetteer.match(words, start, end)
    return (hit is not None and hit.entry.kind == "place") \
        or all(english_zipf(w.lower()) < _KNOWN_ENGLISH_WORD for w in words[start:end])


def _genitive_of_place(word: str, gazetteer: Gazetteer) -> bool:
    """"Bremerhavens Guards" (the town's guards), not "Los Angeles Kings"."""
    stem = strip_genitive(word)
    return stem is not None and gazetteer.match([stem], 0, 1) is not None


# Capitalised at the start of a sentence, never part of a town's name: "Die Texas Rangers".
_NO_TOWN_WORDS = frozenset("der die das den dem des ein eine einen bei gegen mit nach von vor "
                           "für auch aber und oder wie".split())


def _capitalised_word(word: str, lexicon: Lexicon) -> bool:
    return len(word) > 1 and word[:1].isupper() and word.isalpha() and not word.isupper() \
        and word.lower() not in _NO_TOWN_WORDS and word.lower() not in lexicon.common_words \
        and not CommonNouns.contains(word)


def _is_town_word(word: str, lexicon: Lexicon) -> bool:
    from ..decompound import split_compound
    from .plain_words import english_zipf, german_zipf

    return _capitalised_word(word, lexicon) and not split_compound(word.lower()) \
        and not (english_zipf(word.lower()) < 2 and german_zipf(word) >= _GERMAN_WORD)


def _is_english_word(word: str, lexicon: Lexicon) -> bool:
    from .plain_words import english_zipf, german_zipf

    english = english_zipf(word.lower())
    return _capitalised_word(word, lexicon) and word not in lexicon.first_names \
        and english >= _ENGLISH_WORD and english >= german_zipf(word)


# What names a university or college before its town: "TU Wien", "Uni Graz", "Med-Uni Wien".
_COLLEGES = frozenset("Uni Universität Hochschule TU TH FH PH WU HU FU LMU ETH EPFL KFU JKU BOKU".split())
_COLLEGE_ENDINGS = ("-Uni", "-Universität", "-Hochschule")


def colleges(spans: list[Span], words: list[str]) -> list[Span]:
    """A university or college word and the place after it are one organisation ("an der
    Uni Wien", "TH Zürich"), where the CRF saw only the place."""
    found = []
    for place in spans:
        if place.kind != "place" or place.part is not None or place.start == 0:
            continue
        college = words[place.start - 1]
        if college in _COLLEGES or college.endswith(_COLLEGE_ENDINGS):
            found.append(Span(place.start - 1, place.end, "org"))
    if not found:
        return spans
    inside = {k for s in found for k in range(s.start, s.end)}
    return [s for s in spans if s.part is not None or not any(k in inside for k in range(s.start, s.end))] \
        + found


# Words that make a person's name before them the name of a body or a place named after that
# person: "George Washington University", "Robert Bosch Stiftung", "John Lennon Airport";
# English place words end a place's name that looks like a person's ("Beaver Creek").
_NAMED_AFTER_HEADS = {
    **dict.fromkeys("""University Universität College Institute Institut Foundation Stiftung
    Hospital Klinik Klinikum School Schule Gymnasium Museum Center Centre Library Orchestra
    Trust Fund""".split(), "org"),
    **dict.fromkeys("""Airport Flughafen Stadium Stadion Arena Memorial Creek Valley Canyon
    Springs Beach Falls Heights""".split(), "place"),
}


def named_after_people(spans: list[Span], words: list[str]) -> list[Span]:
    """A person's name before University, Stiftung, Airport, Creek ... is part of that body's
    or place's name, not a person of its own."""
    for span in spans:
        if span.kind != "person" or span.part is not None:
            continue
        if span.end - span.start > 1 and words[span.end - 1] in _NAMED_AFTER_HEADS:
            span.kind = _NAMED_AFTER_HEADS[words[span.end - 1]]  # the model took the head in
            span.entry = span.role = None
        elif span.end < len(words) and words[span.end] in _NAMED_AFTER_HEADS:
            head = span.end
            span.kind = _NAMED_AFTER_HEADS[words[head]]
            span.end += 1
            span.entry = span.role = None
            span.from_model = False
            spans = [s for s in spans if s is span or not s.start <= head < s.end]
    return spans


def without_people_they_back(spans: list[Span], words: list[str]) -> list[Span]:
    """"die Wahlempfehlung der Neos für Griss": a body's name, "für" and the surname of a
    person the text names are the body and the person, no organisation of their own."""
    surnames = {words[s.end - 1] for s in spans if s.kind == "person" and s.part is None}
    if not surnames:
        return spans
    found = []
    for span in spans:
        if span.kind == "org" and span.entry is None and span.part is None \
                and span.end - span.start >= 3 and words[span.end - 2] == "für" \
                and words[span.end - 1] in surnames:
            found.append(Span(span.end - 1, span.end, "person"))
            span.end -= 2
    return spans + found


def broadcasters(spans: list[Span], words: list[str]) -> list[Span]:
    """A capitalised word before "TV" names a broadcaster ("Servus TV", "Puls TV"), not a
    person the CRF took the word for; a known name keeps its entity ("ein neues Apple TV"),
    and "TV" before a noun is part of a compound ("der neue Zipfer TV Spot")."""
    if "TV" not in words:
        return spans
    found = []
    known_end = {s.end for s in spans if s.entry is not None}
    for i, word in enumerate(words):
        if word == "TV" and i > 0 and words[i - 1][:1].isupper() and words[i - 1].isalpha() \
                and i not in known_end and not (i + 1 < len(words) and words[i + 1][:1].isupper()):
            start = next((s.start for s in spans if s.end == i and s.part is None
                          and s.kind in ("person", "org") and s.end - s.start <= 2), i - 1)
            found.append(Span(start, i + 1, "org"))
    if not found:
        return spans
    inside = {k for s in found for k in range(s.start, s.end)}
    return [s for s in spans if s.part is not None or not any(k in inside for k in range(s.start, s.end))] \
        + found




def firms_by_business(spans: list[Span], words: list[str], sentences: list[tuple[int, int]]
                      ) -> list[Span]:
    """A single word the CRF called a place, that no list knows, after "bei" or "von" in a
    sentence about a firm's business ("Stellenabbau bei Alstom", "Quartalsumsatz von
    Zellora"), is that firm; a place there comes with a place preposition ("ein Werk in
    Kolbitz") or a noun ("im Dorf Sitra"). A surname is left alone: a firm's chief is often
    named by it ("Dorsey schrieb an die Mitarbeiter")."""
    candidates = [s for s in spans if s.kind == "place" and s.end - s.start == 1 and s.entry is None
                  and s.part is None and s.from_model and words[s.start][1:].islower()
                  and s.start > 0 and words[s.start - 1] in _FIRM_PREPOSITIONS]
    for span in candidates:
        a, b = next((a, b) for a, b in sentences if a <= span.start < b)
        if any(is_business_noun(w) for w in words[a:b]):
            span.kind, span.from_model = "org", False
    return spans


def town_adjective_names(spans: list[Span], words: list[str], lexicon: Lexicon,
                         gazetteer: Gazetteer) -> list[Span]:
    """"die Würzburger Kickers", "die Offenbacher Zebras": a town's adjective opening what the
    CRF took for a person's name, no first name or surname after it, names a club or a firm
    of the town (a person named with it has one: "der Kölner Klaus Meier", "Österreicher
    Haller stürzt")."""
    from .hygiene import _is_demonym

    for span in spans:
        if span.kind == "person" and span.entry is None and span.part is None \
                and span.end - span.start >= 2 and words[span.start + 1] not in lexicon.first_names \
                and words[span.start + 1] not in lexicon.surnames \
                and words[span.start] not in lexicon.first_names and _is_demonym(words[span.start], gazetteer):
            span.kind, span.from_model = "org", False
    return spans


# Roles in a firm, after which "von", "bei" or "beim" names the firm: "Chef von Zellora".
FIRM_ROLES = frozenset(
    """chef chefin gründer gründerin mitgründer mitgründerin ceo vorstandschef vorstandschefin
    vorstandsvorsitzender vorstandsvorsitzende konzernchef konzernchefin firmenchef firmenchefin
    geschäftsführer geschäftsführerin inhaber inhaberin eigentümer eigentümerin
    aufsichtsratschef aufsichtsratschefin finanzchef finanzchefin""".split())
_FIRM_ROLE_WORDS = frozenset({r.capitalize() for r in FIRM_ROLES} | {"CEO"})
_FIRM_PREPOSITIONS = frozenset({"von", "bei", "beim"})
_ARTICLES = frozenset({"der", "die", "ein", "eine"})


def firm_roles(spans: list[Span], words: list[str], lexicon: Lexicon) -> list[Span]:
    """"Wendtland, Chef von Zellora, ...": a name no list knows after a role in a firm and
    "von"/"bei" is the firm, not a place or a person; a name before a comma and a role
    ("Wendtland, Chef ...", "Wendtland, der Sprecher ...") is a person."""
    whole = [s for s in spans if s.part is None]
    by_start = {s.start: s for s in whole}
    by_end = {s.end: s for s in whole}
    covered = covered_tokens(spans)
    added = []
    for i, word in enumerate(words):
        if word in _FIRM_ROLE_WORDS and i + 2 < len(words) and words[i + 1] in _FIRM_PREPOSITIONS:
            j = i + 2
            firm = by_start.get(j)
            if firm is not None and firm.entry is None and firm.kind in ("person", "place") \
                    and words[j] not in lexicon.first_names:
                firm.kind, firm.from_model = "org", False
            elif firm is None and j not in covered and _unknown_name(words[j], lexicon):
                end = j + 1
                while end < len(words) and end - j < 3 and end not in covered \
                        and _unknown_name(words[end], lexicon):
                    end += 1
                added.append(Span(j, end, "org"))
        if word == "," and i + 1 < len(words):
            k = i + 2 if words[i + 1] in _ARTICLES and i + 2 < len(words) else i + 1
            named = by_end.get(i)
            if named is not None and named.entry is None and named.kind != "person" and named.from_model \
                    and role_of(words[k]) and not (k + 1 < len(words) and words[k + 1][:1].isupper()):
                named.kind = "person"
    return spans + added


# What only a firm has, as the second part of "Zellora-Aktie", "Zellora-Chef Max Herz".
_FIRM_COMPOUND_HEADS = frozenset({
    "Aktie", "Aktien", "Aktionär", "Aktionäre", "Aktionären", "Chef", "Chefin", "Chefs",
    "Konzern", "Konzerns", "Konzernchef", "Konzernchefin", "Vorstand", "Vorstandschef",
    "Vorstandschefin", "Vorstände", "Gründer", "Gründerin", "Werk", "Werke", "Werks", "Filiale",
    "Filialen", "Betriebsrat", "Manager", "Managerin", "Zentrale", "Belegschaft", "Mutterkonzern",
})


_DETERMINERS = frozenset("der die das des dem den ein eine einer eines einem".split())
# Legal forms after a firm's name: "Zellora AG", "Zellora SE".
_LEGAL_FORMS = frozenset({"AG", "GmbH", "SE", "KG", "KGaA", "mbH", "Inc", "Inc.", "Ltd", "Ltd.",
                          "LLC", "plc", "Corp", "Corp."})


def firms_by_compounds(spans: list[Span], words: list[str], lexicon: Lexicon) -> list[Span]:
    """A name the text also writes as "Zellora-Aktie", "Zellora-Chef" or "Zellora AG" is a
    firm: its one-word mentions taken for a person or an unlisted place become organisations,
    and unfound ones are added ("Zellora hatte zuvor Zahlen vorgelegt"). Not where the text
    names a person with it ("Wolfgang Porsche"), nor a name some list knows (its entry
    decides)."""
    firms = set()
    for i, word in enumerate(words):
        if "-" in word:
            name, _, head = word.partition("-")
            if head in _FIRM_COMPOUND_HEADS and _unknown_name(name, lexicon):
                firms.add(name)
        elif word in _LEGAL_FORMS and i > 0 and _unknown_name(words[i - 1], lexicon) \
                and (i == 1 or not words[i - 2][:1].isupper()
                     or words[i - 2].lower() in _DETERMINERS):
            firms.add(words[i - 1])  # one word before it: not "Austria" of "Casinos Austria AG"
    if not firms:
        return spans
    for s in spans:
        if s.kind == "person" and s.part is None and s.end - s.start > 1:
            firms.discard(words[s.end - 1])
    if not firms:
        return spans
    covered = covered_tokens(spans)
    added = []
    for s in spans:
        if s.kind in ("person", "place") and s.entry is None and s.part is None \
                and s.end - s.start == 1 and words[s.start] in firms:
            s.kind, s.from_model = "org", False
    for i, word in enumerate(words):
        if word in firms and i not in covered:
            added.append(Span(i, i + 1, "org"))
    return spans + added


def _unknown_name(word: str, lexicon: Lexicon) -> bool:
    return len(word) > 1 and word[:1].isupper() and word.replace("-", "").isalnum() \
        and word.lower() not in lexicon.common_words and word not in lexicon.first_names \
        and not CommonNouns.contains(word) and not role_of(word)


def with_their_place(spans: list[Span], words: list[str], lexicon: Lexicon,
                     gazetteer: Gazetteer, sentence_starts: set[int]) -> list[Span]:
    """An organisation right before a place's name, nothing between, is named with it
    ("Alstom Schweiz", "ÖVP Burgenland", "Young Boys Bern"): SmartData and GermEval annotate
    the place as part of the name (82 and 27 times in their train parts, against 4 and 1
    times apart). Not after a noun ("die EU-Kommission Deutschland verklagen": the place is
    an object), not a place in the genitive ("Gerichtshof Kanadas") and not a place that
    opens the next sentence or line (a headline's "AfD" above "FRANKFURT - Die ...")."""
    places = {s.start: s for s in spans
              if s.kind == "place" and s.part is None and s.start not in sentence_starts}
    joined: list[Span] = []
    taken: set[int] = set()
    for s in spans:
        place = places.get(s.end)
        if s.kind == "org" and s.part is None and place is not None \
                and words[s.end - 1].split("-")[-1].lower() not in lexicon.common_words \
                and not CommonNouns.contains(words[s.end - 1]) \
                and not (place.end - place.start == 1 and _genitive_of_place(words[place.start], gazetteer)):
            joined.append(Span(s.start, place.end, "org", s.entry, s.role, from_model=s.from_model))
            taken.add(id(place))
        else:
            joined.append(s)
    return [s for s in joined if id(s) not in taken]
