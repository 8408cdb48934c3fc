"""Span rules for organisations the CRF tends to miss: unknown acronyms (EKD, THW), and
institutions named after someone in one hyphenated word (Otto-Schott-Gymnasium), sports
clubs named with their town (FC Chelsea London, 1. FC Nürnberg), names after a category noun
(der Luxusauto-Hersteller Jaguar Land Rover)."""

from __future__ import annotations

import re

from .cues import AGENCY_WORDS, DATELINE_MARKS, is_category_noun, is_org_suffix, role_of
from .gazetteer import Gazetteer
from .lexicon import Lexicon
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


def club_names(spans: list[Span], words: list[str], gazetteer: Gazetteer) -> list[Span]:
    """A club abbreviation and the capitalised words or years after it are one organisation
    ("FC Chelsea London", "1. FC Nürnberg", "SC DHfK Leipzig"), whatever the CRF made of its
    parts; the name of a known club keeps its entry."""
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
        if not any(w[:1].isupper() for w in words[i + 1:end]):
            i += 1
            continue
        inside = [s for s in result if s.start < end and start < s.end and s.part is None]
        if any(s.start < start or s.end > end for s in inside) \
                or any(s.entry is not None and (s.start, s.end) == (start, end) for s in inside):
            i = end
            continue
        result = [s for s in result if s not in inside] + [Span(start, end, "org", _known_club(words, start, i, end, gazetteer))]
        i = end
    return result


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
    Eventagentur Zappzoom"); common words at the end are not ("Hersteller Apple Aktien")."""
    covered = covered_tokens(spans)
    added = []
    for i in range(len(words) - 1):
        j = i + 1
        first = words[j]
        if j in covered or not first[:1].isupper() or first.lower() in lexicon.common_words \
                or not is_category_noun(words[i]) or role_of(first) or is_category_noun(first):
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
    return added


def people_after_category_nouns(spans: list[Span], words: list[str]) -> list[Span]:
    """A person nobody listed, right after a noun naming a kind of organisation, is that
    organisation: "das Magazin Charlie Hebdo", "die Firma Müller"."""
    for span in spans:
        if span.kind == "person" and span.entry is None and span.part is None and span.start > 0 \
                and is_category_noun(words[span.start - 1]) and not role_of(words[span.start - 1]):
            span.kind = "org"
    return spans


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
