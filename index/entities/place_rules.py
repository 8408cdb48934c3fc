"""Span rules for places: regions named by a compass point and a known place (Nordeuropas,
Ostukraine, Süd-Libanon), one-word names that are languages (Englisch), not places, roads
(A 7, B214) where traffic shows them, a state's title outside its name (Königreich Bayern),
listed towns the CRF missed where the text shows them to be places, a report's dateline
the CRF took for a person ("Sydney – Der Sänger ..."), and compounds of everyday nouns the CRF
took for places ("Richtung Koalitionspartner")."""

from __future__ import annotations

import re

from .gazetteer import Gazetteer
from .lexicon import CommonNouns, Lexicon
from .plain_words import german_zipf
from .names import strip_genitive
from .spans import Span, covered_tokens

# Longest first, so that "Südost" is tried before "Süd".
_COMPASS = ("Nordost", "Nordwest", "Südost", "Südwest", "Nord", "Süd", "Ost", "West", "Mittel",
            "Zentral")


def _known_place(gazetteer: Gazetteer, name: str) -> bool:
    hit = gazetteer.match([name], 0, 1)
    return hit is not None and hit.strong and hit.entry.kind == "place"


def compass_regions(spans: list[Span], words: list[str], gazetteer: Gazetteer) -> list[Span]:
    """A compass point joined to a well-known place names a region of it: "Nordeuropas",
    "Ostukraine", "Süd-Libanon" (not "Westbank", "Ostsee": no place follows)."""
    covered = covered_tokens(spans)
    added = []
    for i, word in enumerate(words):
        if i in covered or not word.startswith(_COMPASS):  # one C call rules out most words
            continue
        prefix = next((p for p in _COMPASS if word.startswith(p) and len(word) > len(p) + 2), None)
        if prefix is None:
            continue
        rest = word[len(prefix):].lstrip("-")
        rest = rest[:1].upper() + rest[1:]
        stem = strip_genitive(rest)
        if rest.isalpha() and (_known_place(gazetteer, rest)
                               or (stem is not None and _known_place(gazetteer, stem))):
            added.append(Span(i, i + 1, "place"))
    return added


def without_languages(spans: list[Span], words: list[str]) -> list[Span]:
    """A one-word place nobody listed that ends in -isch, or is Deutsch, is a language or an
    adjective ("vorwiegend Englisch geredet", "auf Deutsch"); listed towns (Rodewisch) keep
    their entry."""
    return [s for s in spans if not (s.kind == "place" and s.entry is None and s.part is None
                                     and s.end - s.start == 1
                                     and (words[s.start].endswith("isch") or words[s.start] == "Deutsch"))]


def districts(spans: list[Span], words: list[str]) -> list[Span]:
    """A hyphenated name ending in -Kreis names a district ("des Rhein-Sieg-Kreises"), a
    place of its own even where the CRF ran it into the next words."""
    result = [s for s in spans]
    for i, word in enumerate(words):
        if not word[:1].isupper() or not word.endswith(("-Kreis", "-Kreises", "-Kreise")):
            continue
        inside = [s for s in result if s.start <= i < s.end and s.part is None]
        if any(s.entry is not None or (s.end - s.start == 1 and s.kind == "place") for s in inside):
            continue
        result = [s for s in result if s not in inside] + [Span(i, i + 1, "place")]
    return result


_ROAD_CODE = re.compile(r"^[AB]\d{1,3}$")  # A7, B214: a motorway or a federal road
_ROAD_NOUNS = ("autobahn", "straße", "strasse")  # "Ostautobahn A4", "Bundesstraße B 51"
_TRAFFIC = frozenset("""gesperrt Sperre Sperrung Stau Unfall Auffahrunfall Fahrtrichtung Auffahrt
    Abfahrt Ausfahrt Anschlussstelle Baustelle Tagesbaustelle Fahrstreifen Umleitung Verkehr
    Bergungsarbeiten befahren befuhr Pkw Lkw Autofahrer Autobahnkreuz Ölspur Richtung
    zwischen km Zeitverlust Blitzer Kreuz Dreieck Vorsicht Warnung Unfallstelle""".split())
_TRAFFIC_WINDOW = 8  # words either side


def _road_end(words: list[str], i: int) -> int | None:
    """The end of a road's code at `i` ("A7", "A 7", "B214"), or None."""
    if _ROAD_CODE.match(words[i]):
        return i + 1
    if words[i] in ("A", "B") and i + 1 < len(words) and words[i + 1].isdigit() \
            and len(words[i + 1]) <= 3 and words[i + 1][0] != "0":
        return i + 2
    return None


def roads(spans: list[Span], words: list[str]) -> list[Span]:
    """A motorway or a federal road is a place where the text shows it as a road: a
    direction after it ("A 7 Hamburg Richtung Hannover"), a road noun before it ("die
    Ostautobahn A4"), or traffic around it ("musste die B214 gesperrt werden"). Without
    these a code the CRF took for a place is none (the tape format in "die A1 konnte 35 GB
    speichern"; the firm in "bei A1")."""
    codes = {w for w in set(words) if w in ("A", "B") or _ROAD_CODE.match(w)}
    if not codes:
        return spans
    covered = covered_tokens(spans)
    by_range = {(s.start, s.end): s for s in spans if s.part is None and s.entry is None}
    kept = list(spans)
    for i, word in enumerate(words):
        if word not in codes:
            continue
        end = _road_end(words, i)
        if end is None:
            continue
        before = words[i - 1] if i > 0 else ""
        after = words[end] if end < len(words) else ""
        if before == "(" and i > 1:
            before = words[i - 2]  # "die Autobahn (A9)"
        road = after == "Richtung" or (after[:1].isupper() and end + 1 < len(words)
                                       and words[end + 1] == "Richtung") \
            or before.lower().endswith(_ROAD_NOUNS) \
            or any(w in _TRAFFIC for w in words[max(0, i - _TRAFFIC_WINDOW):end + _TRAFFIC_WINDOW])
        found = by_range.get((i, end)) or (by_range.get((i - 1, end))
                                           if i > 0 and words[i - 1].lower().endswith(_ROAD_NOUNS)
                                           else None)
        if found is not None:
            if road:
                found.kind = "place"  # "Ostautobahn A4", not an organisation
            elif found.kind == "place":
                kept.remove(found)
        elif road and not any(k in covered for k in range(i, end)):
            kept.append(Span(i, end, "place"))
    return kept


_STRETCH_ARTICLES = frozenset({"der", "dem", "den"})


def traffic_stretches(spans: list[Span], words: list[str], lexicon: Lexicon) -> list[Span]:
    """"Stau zwischen Gesmold und Melle-West", "Ölspur zwischen der Werratalbrücke und
    Lutterberg", "zwischen Herrieden und Kreuz Feuchtwangen": in a traffic report the two
    names a stretch of road runs between are places, listed or not (a junction with its
    noun)."""
    if "zwischen" not in words and "Zwischen" not in words:
        return spans
    covered = covered_tokens(spans)
    place_at = {s.start: s for s in spans if s.kind == "place" and s.part is None}
    added = []
    for i, word in enumerate(words):
        if word.lower() != "zwischen" or not any(
                w in _TRAFFIC and w != "zwischen" for w in words[max(0, i - _TRAFFIC_WINDOW):i + _TRAFFIC_WINDOW]):
            continue
        first = i + 2 if i + 1 < len(words) and words[i + 1] in _STRETCH_ARTICLES else i + 1
        if first + 2 >= len(words) or words[first + 1] != "und":
            continue
        second = first + 3 if words[first + 2] in _STRETCH_ARTICLES else first + 2
        for k in (first, second):
            confirmed = place_at.get(k)
            if confirmed is not None:
                confirmed.from_model = False  # the stretch confirms what the CRF doubted
            if k >= len(words) or k in covered:
                continue
            if _stretch_end(words[k], lexicon) and (k + 1 == len(words) or not words[k + 1][:1].isupper()):
                added.append(Span(k, k + 1, "place"))
                covered.add(k)
            elif words[k] in _JUNCTIONS and k + 1 < len(words) and k + 1 not in covered \
                    and _stretch_end(words[k + 1], lexicon):
                added.append(Span(k, k + 2, "place"))  # the junction's name holds its noun
                covered.update((k, k + 1))
    return spans + added


_JUNCTIONS = frozenset({"Kreuz", "Dreieck", "Autobahnkreuz", "Autobahndreieck"})


def paired_exits(spans: list[Span], words: list[str]) -> list[Span]:
    """"zwischen Kreuz Stuttgart und Böblingen / Sindelfingen": in a traffic report a place,
    a slash and a capitalised name are one exit of the road, named after two towns; not a
    country's code ("aus Deurne / NL") nor a dateline ("Prag/Wien – ...")."""
    if "/" not in words:
        return spans
    by_end = {s.end: s for s in spans if s.part is None and s.kind == "place"}
    starts = {s.start: s for s in spans if s.part is None}
    result = spans
    for i, word in enumerate(words):
        first = by_end.get(i)
        if word != "/" or first is None or i + 1 >= len(words) or not words[i + 1][:1].isupper() \
                or words[i + 1].isupper() \
                or not words[i + 1].replace("-", "").isalpha() or not any(
                    w in _TRAFFIC and w != "zwischen" or _ROAD_CODE.match(w)
                    for w in words[max(0, i - _TRAFFIC_WINDOW):i]):
            continue
        second = starts.get(i + 1)
        if second is not None and (second.kind != "place" or second.end - second.start > 2):
            continue
        end = second.end if second is not None else i + 2
        if end < len(words) and words[end] in _DASHES:
            continue  # a dateline: "Prag/Wien – ..."
        result = [s for s in result if s is not first and s is not second] + [Span(first.start, end, "place")]
    return result


def _stretch_end(word: str, lexicon: Lexicon) -> bool:
    return len(word) > 2 and word[:1].isupper() and word.replace("-", "").isalpha() \
        and word.lower() not in lexicon.common_words and word not in _TRAFFIC


# Prepositions after which a capitalised listed town is the town: "in Tübingen", "aus Gmunden"
# (not "von": "Eigenschaften von Gasen").
_PLACE_PREPOSITIONS = frozenset("in nach aus bei zwischen".split())
_JOINERS = frozenset({"und", "oder", ",", "-", "–"})
_DASHES = frozenset({"-", "–"})
# wordfreq's Zipf frequency from which a town's name after a preposition is rather a word
# ("in Lehre": Lehre 4.5, Diepholz 3.1); beside another place it is still a town.
EVERYDAY_WORD = 4.0


def unfound_towns(spans: list[Span], words: list[str], weak_places: list[tuple[int, int]],
                  lexicon: Lexicon, starts: set[int]) -> list[Span]:
    """A town of the place list (too small to be named on its own) that the CRF left alone is
    a place when no list knows its name as a word or a person's name and the text gives it a
    place's context: a place beside it ("zwischen Gesmold und Melle"); for a name that is no
    frequent word, a place preposition before it ("in Diepholz", not "in Lehre") or a dash
    after it opening a report ("Traiskirchen – Eine Zigarette ...", "+++ Diepholz - Einbruch");
    or when German text never uses the word (wordfreq does not know it: Grödig,
    Kaltenleutgeben). A place the CRF found as the first words of a longer listed town's name
    gets the whole name ("Kochel am See")."""
    covered = covered_tokens(spans)
    places_end = {s.end for s in spans if s.kind == "place"}
    places_start = {s.start for s in spans if s.kind == "place"}
    by_start = {s.start: s for s in spans if s.part is None}
    added = []
    for start, end in weak_places:
        shorter = by_start.get(start)
        if shorter is not None and shorter.kind == "place" and shorter.entry is None \
                and shorter.end < end and not any(i in covered for i in range(shorter.end, end)):
            shorter.end = end  # "Kochel am See", where the CRF found "Kochel"
            covered.update(range(start, end))
            continue
        if any(i in covered for i in range(start, end)):
            continue
        name = words[start:end]
        if not all(w[:1].isupper() for w in name) or any(_everyday(w, lexicon) for w in name):
            continue
        before = words[start - 1] if start > 0 else ""
        after = words[end] if end < len(words) else ""
        rare = all(german_zipf(w) < EVERYDAY_WORD for w in name)
        if (before in _JOINERS and start - 1 in places_end) \
                or (after in _JOINERS and end + 1 in places_start) \
                or (rare and before.lower() in _PLACE_PREPOSITIONS and start not in starts) \
                or (rare and (start in starts or not any(c.isalnum() for c in before))
                    and after in _DASHES) \
                or all(german_zipf(w) == 0.0 for w in name):
            added.append(Span(start, end, "place"))
            covered.update(range(start, end))
            places_end.add(end)
            places_start.add(start)
    return added


def _everyday(word: str, lexicon: Lexicon) -> bool:
    return word.lower() in lexicon.common_words or word in lexicon.first_names \
        or word in lexicon.surnames or CommonNouns.contains(word)



# Words for a state before its name: "das Königreich Bayern", "die Republik Kolumbien".
_STATE_TITLES = frozenset(
    "Königreich Kaiserreich Fürstentum Großherzogtum Herzogtum Grafschaft Kurfürstentum "
    "Erzherzogtum Republik Bundesrepublik Freistaat Emirat Sultanat".split())


def state_titles(spans: list[Span], words: list[str], gazetteer: Gazetteer) -> list[Span]:
    """A name the CRF made of a state's title and a known place ("Königreich Bayern" as an
    organisation) is that place; the title stays outside, as annotators keep it. A listed
    name with its title ("Republik Moldau") keeps its entry."""
    result = []
    for span in spans:
        if span.entry is None and span.part is None and span.end - span.start >= 2 \
                and words[span.start] in _STATE_TITLES:
            hit = gazetteer.match(words, span.start + 1, span.end)
            if hit is not None and hit.entry.kind == "place":
                result.append(Span(span.start + 1, span.end, "place", hit.entry))
                continue
        result.append(span)
    return result


# Words that open a report's first sentence after its dateline ("Sydney – Der Sänger ...").
_REPORT_OPENERS = frozenset(
    "der die das den dem des ein eine einer eines einem in im am an auf aus bei mit nach seit "
    "vor von vom zum zur über unter für gegen wegen weil wie wenn als nachdem trotz heute "
    "gestern erst es er sie wir man nach knapp rund mehr fast".split())


def datelines(spans: list[Span], words: list[str], starts: set[int],
              first_names: frozenset[str]) -> list[Span]:
    """A name opening a sentence before a dash and a capitalised article, preposition or
    pronoun is a report's dateline, a place ("Sydney – Der Sänger ...", "Blacksburg – Heute
    gelten ..."), not a person the CRF took it for; not a known person, nor a first name and a
    surname ("Erwin Pröll – Der Landeshauptmann ..."), nor a name an apposition follows
    ("Entholzer – seit zwei Jahren ...")."""
    for span in spans:
        if span.kind != "person" or span.entry is not None or span.part is not None \
                or span.start not in starts or span.end - span.start > 2 \
                or span.end + 1 >= len(words) or words[span.end] not in _DASHES:
            continue
        opener = words[span.end + 1]
        if not opener[:1].isupper() or opener.lower() not in _REPORT_OPENERS:
            continue
        if span.end - span.start == 2 and words[span.start] in first_names:
            continue
        span.kind, span.from_model = "place", False
    return spans


# Last parts of compounds that name places (Herrengasse, Leopoldstadt, Kleinwalsertal,
# Hohenlohekreis, Obersteiermark, Eurozone), casefolded as the decompounder gives them.
_PLACE_HEADS = frozenset("""
    strasse gasse weg allee platz ring damm ufer markt dorf stadt tal berg burg brück brücke
    brücken bach feld felde hausen heim kirchen kirch kreis mark land gau au aue see insel hof
    hafen münster kopf horn spitze joch kogel wald walde hain hagen stedt stetten leben rode
    reuth furt weiler wil ingen ach ow itz republik reich gebirge viertel siedlung zone kiez
    tunnel kirche park tor steig pfalz bürgen
    """.split())
# wordfreq Zipf the parts need: everyday German words (Koalition|s|partner, Kranken|kasse,
# Groß|bränden 3.0), not a foreign town's syllables (Lille|hammer: "lille" 3.1).
_EVERYDAY_PART = 3.2
_EVERYDAY_HEAD = 3.0


def without_compound_nouns(spans: list[Span], words: list[str], gazetteer: Gazetteer) -> list[Span]:
    """`spans` less a one-word place only the CRF found that is a compound of everyday German
    words ending in no place's word ("Richtung Koalitionspartner", "in Kraftwerken", "bei
    Schusswechseln"); Osteuropa (Europa), Leopoldstadt (-stadt) and Herrengasse (-gasse)
    stay."""
    from ..decompound import split_compound

    def compound(span: Span) -> bool:
        if span.kind != "place" or span.entry is not None or span.part is not None \
                or span.end - span.start != 1 or not span.from_model:
            return False
        word = words[span.start]
        if not word.isalpha() or not word.istitle():
            return False
        parts = split_compound(word.lower())
        if not parts or parts[-1].lemma in _PLACE_HEADS \
                or any(word.startswith(point) for point in _COMPASS):  # Südarabien
            return False
        # A part that is a place: Süd|arabien, Euro|tunnel, Deutschland|geschäfts, Griechen|landes
        names = {word, word[:-2] if word.endswith("es") else word,
                 *(word[p.start:p.end].capitalize() for p in parts),
                 *(p.lemma.capitalize() for p in parts)}
        if any(gazetteer.lookup(strip_genitive(n) or n, "place") is not None
               or gazetteer.lookup(n, "place") is not None for n in names):
            return False
        return german_zipf(parts[-1].lemma) >= _EVERYDAY_HEAD \
            and all(german_zipf(part.lemma) >= _EVERYDAY_PART for part in parts[:-1])

    return [s for s in spans if not compound(s)]
