"""The curated gazetteer (data/curated.txt) plus countries and DACH places (data/places.tsv).

Aliases are matched on tokens, case-insensitively except for the case of each token's first
letter (so NATO = Nato, but the adjective "linke" is not the party "Linke").
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..models import Entity
from .lexicon import COUNTRY_POPULATION, CommonNouns, Lexicon, read_data_text
from .names import entity_id, genitive_forms, surname_of
from .tokenize import tokenize


@dataclass(frozen=True)
class GazetteerEntry:
    id: str
    name: str
    kind: str
    aliases: tuple[str, ...] = ()
    roles: tuple[str, ...] = ()

    def to_entity(self) -> Entity:
        return Entity(id=self.id, name=self.name, kind=self.kind,  # type: ignore[arg-type]
                      aliases=list(self.aliases), roles=list(self.roles))


@dataclass(frozen=True)
class AliasMatch:
    start: int  # token index
    end: int  # token index, exclusive
    entry: GazetteerEntry
    strong: bool


def _key(words: list[str]) -> tuple[str, ...]:
    return tuple(w.casefold() for w in words)


def _shape(words: list[str]) -> tuple[int, ...]:
    """Per word: 0 lower case, 1 capitalised, 2 two capitals. An acronym of two letters is
    matched only in capitals: "Is" and "Un" are words of English and French, not IS or UN."""
    return tuple((2 if len(w) == 2 and w.isupper() else 1) if w[:1].isupper() else 0
                 for w in words)


_ADJECTIVE_ENDINGS = ("en", "er", "es", "em", "e")
ADJECTIVE_ZIPF = 3.0  # wordfreq's Zipf scale: about once in a million words


def _adjective_inflections(name: str) -> list[str]:
    """"Islamischer Staat" -> "Islamische Staat", "Islamischen Staat(es)": a name of two or more
    words opening with an adjective (German text uses the word with -e and with -en, as
    wordfreq's counts show) in its other endings."""
    from ..decompound import lexicon as german_words

    words = name.split()
    first = words[0]
    if len(words) < 2 or not first[:1].isupper() or not first.isalpha() or not words[1][:1].isupper():
        return []  # "Alternative für Deutschland": a noun, then a preposition
    counts = german_words()
    for ending in _ADJECTIVE_ENDINGS:
        stem = first[:-len(ending)]
        if first.endswith(ending) and len(stem) >= 3 \
                and counts.get((stem + "e").casefold(), 0.0) >= ADJECTIVE_ZIPF \
                and counts.get((stem + "en").casefold(), 0.0) >= ADJECTIVE_ZIPF:
            rest = " ".join(words[1:])
            forms = [f"{stem}{other} {rest}" for other in ("e", "en") if other != ending]
            if rest[-1].isalpha() and rest[-1].lower() not in "aeiouy":
                forms.append(f"{stem}en {rest}es")  # des Islamischen Staates, Weißen Hauses
            return forms
    return []


# Priority of an alias source: explicit beats generated; on a tie between two entries the
# alias is ambiguous and links nothing. A town's name as news shortens it comes last.
_EXPLICIT, _GENERATED, _BULK, _SHORTENED = 3, 2, 1, 0

# "Marburg an der Lahn", "Halle (Saale)", "Hansestadt Stade": official names of towns that
# news writes without the river, region or title; a town from this size on (a village's
# short name is too often a word or a surname: Freiland, Stadl, Spielberg).
SHORTENED_TOWN = 10_000
_PLACE_QUALIFIER = re.compile(
    r"^(.+?) (?:an der|am|in der|im|in|bei|ob der|vor der|auf der) [A-ZÄÖÜ]"
    r"|^(.+?) \([A-ZÄÖÜ][a-zäöüß]+\)$"
    r"|^(?:Universitäts- und Hansestadt|Hansestadt|Lutherstadt|Landeshauptstadt) (.+)$")


def short_place_name(name: str) -> str | None:
    """The name a town goes by in news when its official one is longer, else None."""
    match = _PLACE_QUALIFIER.match(name)
    return next(part for part in match.groups() if part) if match else None


@dataclass
class Gazetteer:
    entries: dict[str, GazetteerEntry] = field(default_factory=dict)
    # casefolded alias tokens -> (token case shape, entry id, strong, priority)
    _index: dict[tuple[str, ...], tuple[frozenset, str | None, bool, int]] = field(
        default_factory=dict)
    _first_words: dict[str, int] = field(default_factory=dict)  # first token -> max length

    @classmethod
    def load(cls, lexicon: Lexicon) -> "Gazetteer":
        gazetteer = cls()
        for line in read_data_text("curated.txt").split("\n"):
            if line.strip() and not line.startswith("#"):
                gazetteer._add_curated_line(line, lexicon)
        for place in lexicon.places:
            name = place["name"]
            big = place["population"] >= 100_000
            strong = big and name.lower() not in lexicon.common_words \
                and name not in lexicon.first_names
            entry = GazetteerEntry(entity_id("place", name), name, "place", tuple(place["aliases"]))
            if entry.id in gazetteer.entries:
                continue
            gazetteer.entries[entry.id] = entry
            short = short_place_name(name) if place["population"] >= SHORTENED_TOWN else None
            if short and (short.lower() in lexicon.common_words or short in lexicon.first_names
                          or CommonNouns.contains(short)):
                short = None  # "Weil am Rhein", "Lauf an der Pegnitz": no town of their own
            for alias, priority in [(name, _BULK), *((a, _BULK) for a in place["aliases"]),
                                    *([(short, _SHORTENED)] if short else [])]:
                gazetteer._add_alias(alias, entry.id, strong, priority)
                if alias.startswith("Sankt "):  # news writes "St. Pölten", the list "Sankt Pölten"
                    gazetteer._add_alias("St. " + alias[6:], entry.id, strong, priority)
        for place in lexicon.places:
            if place["population"] == COUNTRY_POPULATION:
                gazetteer._add_dative(place["name"], entity_id("place", place["name"]))
        return gazetteer

    def _add_dative(self, name: str, entry_id: str) -> None:
        """"in den Niederlanden", "aus den Vereinigten Arabischen Emiraten", "der
        Dominikanischen Republik": a country's name with -n on each word ending in -e, where
        that names nothing else."""
        words = name.split()
        if not any(w.endswith("e") for w in words) or entry_id not in self.entries:
            return
        dative = " ".join(w + "n" if w.endswith("e") else w for w in words)
        if _key([t.text for t in tokenize(dative)]) not in self._index:
            strong = self._index[_key([t.text for t in tokenize(name)])][2]
            self._add_alias(dative, entry_id, strong, _BULK)

    def _add_curated_line(self, line: str, lexicon: Lexicon) -> None:
        fields = [f.strip() for f in line.split("|")]
        kind, name = fields[0], fields[1]
        raw_aliases = [a.strip() for a in fields[2].split(";") if a.strip()] if len(fields) > 2 else []
        roles = tuple(r.strip() for r in fields[3].split(";") if r.strip()) if len(fields) > 3 else ()
        aliases = [(a.lstrip("~"), not a.startswith("~")) for a in raw_aliases]
        surname = surname_of(name) if kind == "person" else None
        if surname and (len(surname) <= 2 or not surname[-1].isalpha()):
            surname = None
        shown = [a for a, _ in aliases]
        if surname and surname not in shown:
            shown.append(surname)
        entry = GazetteerEntry(entity_id(kind, name), name, kind, tuple(shown), roles)
        self.entries[entry.id] = entry
        self._add_alias(name, entry.id, True, _EXPLICIT)
        for alias, strong in aliases:
            self._add_alias(alias, entry.id, strong, _EXPLICIT)
        if kind != "person":
            for form in (name, *(a for a, strong in aliases if strong)):
                for inflected in _adjective_inflections(form):
                    if _key([t.text for t in tokenize(inflected)]) not in self._index:
                        self._add_alias(inflected, entry.id, True, _GENERATED)
        if surname:
            common = surname.lower() in lexicon.common_words or surname in lexicon.first_names
            self._add_alias(surname, entry.id, not common, _GENERATED)
            # "Wolodymyr Selenskij": first name with each spelling of the surname.
            first = name.split()[0]
            for alias, strong in aliases:
                if " " not in alias:
                    self._add_alias(f"{first} {alias}", entry.id, strong, _GENERATED)

    def _add_alias(self, alias: str, entry_id: str, strong: bool, priority: int) -> None:
        forms = [(alias, priority)] + [(g, min(priority, _GENERATED)) for g in genitive_forms(alias)]
        for form, form_priority in forms:
            words = [form] if form.isalpha() else [t.text for t in tokenize(form)]
            if not words:
                continue
            key = _key(words)
            existing = self._index.get(key)
            if existing is not None:
                shapes, other_id, other_strong, other_priority = existing
                if other_id == entry_id:  # NATO and Nato, AFP and afp: one more spelling
                    self._index[key] = (shapes | {_shape(words)}, entry_id,
                                        strong or other_strong, max(priority, other_priority))
                    continue
                if other_priority > form_priority:
                    continue
                if other_priority == form_priority:
                    self._index[key] = (frozenset(), None, False, form_priority)  # ambiguous
                    continue
            self._index[key] = (frozenset({_shape(words)}), entry_id, strong, form_priority)
            first = key[0]
            self._first_words[first] = max(self._first_words.get(first, 0), len(key))

    def match(self, words: list[str], start: int, end: int | None = None) -> AliasMatch | None:
        """The longest alias starting at token `start` (and ending at `end`, if given)."""
        longest = self._first_words.get(words[start].casefold())
        if not longest:
            return None
        return self._match(words, None, start, end, longest)

    def _match(self, words: list[str], folded: list[str] | None, start: int, end: int | None,
               longest: int) -> AliasMatch | None:
        """match(), given the longest alias opening with words[start]; `folded` holds the
        casefolded words when the caller has them already."""
        lengths = [end - start] if end is not None else range(min(longest, len(words) - start), 0, -1)
        for length in lengths:
            candidate = words[start : start + length]
            found = self._index.get(tuple(folded[start : start + length]) if folded is not None
                                    else _key(candidate))
            if found is None:
                continue
            shapes, entry_id, strong, _ = found
            if entry_id is None:
                continue
            shape = _shape(candidate)
            # A sentence capitalises its first word: "Von der Leyen sagte ..."
            if shape not in shapes and not (start == 0 and (0,) + shape[1:] in shapes):
                continue
            return AliasMatch(start, start + length, self.entries[entry_id], strong)
        return None

    def match_all(self, words: list[str]) -> list[AliasMatch]:
        """Longest non-overlapping alias matches, left to right."""
        matches: list[AliasMatch] = []
        folded = [w.casefold() for w in words]  # once per word, not once per alias tried
        first_words = self._first_words
        free = 0  # the first word no match has taken
        for i in [i for i, word in enumerate(folded) if word in first_words]:
            if i >= free and (found := self._match(words, folded, i, None, first_words[folded[i]])):
                matches.append(found)
                free = found.end
        return matches

    def lookup(self, surface: str, kind: str | None = None) -> GazetteerEntry | None:
        """The entry a whole surface string names, if any; with `kind`, a weak alias only
        names an entry of that kind (", sagte Schönberg" is no village of that name)."""
        words = [t.text for t in tokenize(surface)]
        if not words:
            return None
        found = self.match(words, 0, len(words))
        if found is None or (kind is not None and not found.strong and found.entry.kind != kind):
            return None
        return found.entry

    def describe(self, entity_id_: str) -> Entity | None:
        entry = self.entries.get(entity_id_)
        return entry.to_entity() if entry else None
