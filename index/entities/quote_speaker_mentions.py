"""The mentions a SpeakerFinder reads, set right before it reads them.

The recogniser's mentions miss or mislabel speakers in ways a quote cannot live with: a person
tagged as a place ("Sabine Haag"), a surname alone or a family name first ("Ban" after "Ban
Ki-moon") not linked to the person, an abbreviation ("IOM") not linked to its organisation, and a
photo credit or byline taken for someone in the story. These functions put that right; they read
mentions and text only, not quotes.
"""

from __future__ import annotations

import re
from bisect import bisect_left

from ..models import Mention

# "Foto: Archivfoto: Sabine Rempe", "© dpa", "Quelle: Tim Jelonnek", "Foto: Lichtgut/Achim Zweygarth"
_CREDIT_BEFORE = re.compile(r"(?:\b(?:Fotos?|Bild|Bildquelle|Archivfoto|Archivbild|Quelle|Illustration|Grafik)\s*:|©)"
                            r"\s*(?:[\w.-]+(?:\s[\w.-]+)?\s*[:/,]\s*)*$")


# "Von Kirsten Röder" closing a line: the writer's byline.
_BYLINE_BEFORE = re.compile(r"(?:^|\s\s|[.!?]\s)Von\s+$")


def in_credit(text: str, m: Mention) -> bool:
    """The name credits a photo or a source, at the end of a caption line, or signs the text
    ("Von Kirsten Röder" ending its line): no one in the story."""
    line_start = text.rfind("\n", 0, m.start) + 1
    if _CREDIT_BEFORE.search(text, max(line_start, m.start - 80), m.start) is not None:
        return True
    line_end = text.find("\n", m.end)
    return not text[m.end:len(text) if line_end < 0 else line_end].strip() \
        and _BYLINE_BEFORE.search(text, max(line_start, m.start - 8), m.start) is not None


def people_taken_for_places(mentions: list[Mention]) -> list[Mention]:
    """Places named like a person, a first name and a surname ("Sabine Haag" tagged as a place)
    or a name whose last word the text also gives a person alone, that no gazetteer knows as a
    place: people, so that their quotes have a speaker."""
    found = []
    # "Sampo Terho" tagged as a place and "sagte Terho" after it as a person: the surname says who
    surnames = {m.text: m.start for m in reversed(mentions) if m.kind == "person" and " " not in m.text}
    for m in mentions:
        words = m.text.split()
        if m.kind == "place" and not m.partial and len(words) >= 2 and words[-1][:1].isupper() \
                and (words[0] in _first_names() or (surnames.get(words[-1], -1) > m.start and words[-1] not in _known_places())) \
                and m.text not in _known_places():
            found.append(m.model_copy(update={"kind": "person"}))
    return found


def _first_names() -> frozenset[str]:
    from . import _Shared  # the entity pipeline's word lists, read once per process

    return _Shared.lexicon.first_names if _Shared.lexicon is not None else frozenset()


_PLACES: dict[int, frozenset[str]] = {}


def _known_places() -> frozenset[str]:
    from . import _Shared

    lexicon = _Shared.lexicon
    if lexicon is None:
        return frozenset()
    if id(lexicon) not in _PLACES:
        _PLACES[id(lexicon)] = frozenset(name for place in lexicon.places
                                         for name in [place["name"], *place["aliases"]])
    return _PLACES[id(lexicon)]


# A given name of two syllables joined by a hyphen, the second in lower case ("Ki-moon", "Jong-un",
# "Geun-hye"): Korean names put the family name first.
_HYPHENED_GIVEN_NAME = re.compile(r"[A-Z][a-z]+-[a-z]+")


def family_names_first(people: list[Mention]) -> list[Mention]:
    """"Ban" and "Bans" after "Ban Ki-moon": the family name alone stands for the person named in
    full, as a surname does after a Western name."""
    family: dict[str, set[str]] = {}
    for m in people:
        words = m.text.split()
        if m.kind == "person" and len(words) == 2 and _HYPHENED_GIVEN_NAME.fullmatch(words[1]):
            family.setdefault(words[0], set()).add(m.entity)
    if not family:
        return people
    linked = []
    for m in people:
        owners = family.get(m.text) or (family.get(m.text[:-1]) if m.text.endswith("s") else None)
        if m.kind == "person" and " " not in m.text and owners is not None and len(owners) == 1:
            m = m.model_copy(update={"entity": next(iter(owners))})
        linked.append(m)
    return linked


def surnames_alone(text: str, people: list[Mention], mentions: list[Mention]) -> list[Mention]:
    """A named person where the recogniser did not mark them as a person: the full name again
    ("Philipp H."), or the surname alone ("gefällt Stumpf"; not when two people share it), so that
    pronouns, roles and cues find them."""
    names = {m.text.strip(): m.entity for m in people if m.kind == "person" and " " in m.text.strip()}
    if not names:
        return []
    owners: dict[str, set[str]] = {}
    for name, entity in names.items():
        owners.setdefault(name.split()[-1], set()).add(entity)
    surnames = {surname: next(iter(entities)) for surname, entities in owners.items()
                if len(entities) == 1 and surname[:1].isupper() and surname[-1:].isalpha()}
    # A person or organisation marked there stays; a place or other of a person's surname
    # ("Stumpf" tagged as a place) is taken as that person.
    taken = sorted((m.start, m.end) for m in mentions if m.kind in ("person", "org"))
    found = []
    for table in (names, surnames):  # full names first: their surnames are then taken
        pattern = re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, sorted(table, key=len, reverse=True))) + r")(?!\w)")
        for match in pattern.finditer(text):
            at = bisect_left(taken, (match.start(), -1))
            if any(start < match.end() and match.start() < end for start, end in taken[max(0, at - 1):at + 1]):
                continue
            found.append(Mention(entity=table[match.group(0)], kind="person", start=match.start(), end=match.end(),
                                 text=match.group(0)))
            taken.insert(at, (match.start(), match.end()))
        if not surnames:
            break
    return found


_ABBREVIATION = re.compile(r"\s*\(([A-ZÄÖÜ][A-ZÄÖÜa-z]{1,7})\)")


def abbreviations_linked(text: str, mentions: list[Mention]) -> list[Mention]:
    """"Internationale Organisation für Migration (IOM)": a later "IOM" speaks as the organisation
    with its full name."""
    full: dict[str, Mention] = {}
    for m in mentions:
        match = _ABBREVIATION.match(text, m.end)
        if match is not None and sum(c.isupper() for c in match.group(1)) >= 2:
            full.setdefault(match.group(1), m)
    if not full:
        return mentions
    return [m.model_copy(update={"entity": full[m.text].entity}) if m.text in full and m is not full[m.text]
            else m for m in mentions]
