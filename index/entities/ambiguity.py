"""Gazetteer names that are also everyday words (data/ambiguous.txt: Essen, Bund, Union,
Bach, Who ...) name their entry only with evidence in the text:

- the entry is named elsewhere in the text in a way that is not ambiguous ("Bund für Umwelt
  und Naturschutz" or "BUND" before "der Bund"), or, for a joint entry such as CDU/CSU, one
  of its parts is (CDU);
- another known entity of the text has the word in its name ("Europäische Union" ... "die
  Union"): the word names that one instead;
- a place: a place preposition or "Stadt", "Raum" before it ("in Essen"), or another place
  beside it ("Dortmund, Essen und Bochum");
- a person: a role before the name ("Komponist Bach").
Without any, the word is no mention at all: "Das Essen war gut", "Bund und Länder".
"""

from __future__ import annotations

import re

from .gazetteer import Gazetteer, GazetteerEntry
from .lexicon import hand_written_list
from .spans import Span

_PLACE_CUES = frozenset(
    "in aus nach bei nahe stadt raum großraum region landkreis kreis bezirk richtung".split())
# A road's number before a town, or a direction after it: "A40 Essen Richtung Dortmund".
_ROAD_NUMBER = re.compile(r"^[ABE]\d{1,3}$")
_LIST_JOINERS = frozenset({",", "und", "oder", "sowie", "/"})
# Before a common noun, hardly before a town: "das Essen", "zum Essen", "gutes Essen".
_DETERMINERS = frozenset(
    """der die das dem den des ein eine einen einem eines einer zum zur beim vom im am ins
    kein keine keinen keinem sein seine seinem seinen ihr ihre ihrem ihren unser unsere mein
    meine dein deine dieses diesem diesen jedes jedem gutes gute guten warmes warme
    kaltes""".split())


def _is_ambiguous(span: Span, words: list[str], listed: frozenset[str]) -> bool:
    return span.entry is not None and span.part is None and span.end - span.start == 1 \
        and words[span.start] in listed


def _on_a_road(span: Span, words: list[str]) -> bool:
    """"A40 Essen Richtung Dortmund", "Essen Richtung Dortmund": a town a traffic report names."""
    before = words[span.start - 1] if span.start > 0 else ""
    return _ROAD_NUMBER.match(before) is not None or (
        span.end < len(words) and words[span.end] == "Richtung"
        and before.lower() not in _DETERMINERS)


def _beside_a_place(span: Span, words: list[str], place_at: set[int]) -> bool:
    """"Dortmund, Essen und Bochum": a place one joiner before or after."""
    before, after = span.start - 1, span.end
    return (before >= 1 and words[before] in _LIST_JOINERS and before - 1 in place_at) or \
        (after + 1 < len(words) and words[after] in _LIST_JOINERS and after + 1 in place_at)


def _supporting_ids(entry: GazetteerEntry, gazetteer: Gazetteer) -> set[str]:
    """The entry's own id, and for a joint name (CDU/CSU) the ids of its parts."""
    ids = {entry.id}
    if "/" in entry.name:
        for part in entry.name.split("/"):
            hit = gazetteer.lookup(part.strip())
            if hit is not None:
                ids.add(hit.id)
    return ids


def _named_in_full(word: str, spans: list[Span], words: list[str], doubtful_ids: set[int]
                   ) -> Span | None:
    """The one other name of the text that has `word` as one of its words: a known entity
    ("Europäische Union" for "Union") or a longer name ("Johann Sebastian Bach")."""
    found: dict[str, Span] = {}
    for s in spans:
        if id(s) in doubtful_ids or s.part is not None:
            continue
        if s.entry is not None:
            if any(word in name.split() for name in (s.entry.name, *s.entry.aliases)):
                found.setdefault(s.entry.id, s)
        elif s.end - s.start > 1 and word in words[s.start:s.end]:
            found.setdefault(" ".join(words[s.start:s.end]), s)
    return next(iter(found.values())) if len(found) == 1 else None


def _miswritten_acronym(word: str, entry: GazetteerEntry) -> bool:
    """"Who" for the WHO: an acronym's letters in a word's ordinary case."""
    return word != word.upper() and word.upper() in (entry.name, *entry.aliases) \
        and word not in entry.aliases


def require_evidence(spans: list[Span], words: list[str], gazetteer: Gazetteer) -> list[Span]:
    """`spans` less the ambiguous ones without evidence; some take the entity whose full
    name the text uses."""
    listed = hand_written_list("ambiguous.txt")
    doubtful = [s for s in spans if _is_ambiguous(s, words, listed)]
    if not doubtful:
        return spans
    doubtful_ids = {id(s) for s in doubtful}
    named = {s.entry.id for s in spans if s.entry is not None and id(s) not in doubtful_ids}
    place_at = {i for s in spans if s.kind == "place" and id(s) not in doubtful_ids
                for i in range(s.start, s.end)}
    evidenced: set[str] = set()
    kept: set[int] = set()
    undecided = []
    for span in doubtful:
        entry = span.entry
        word = words[span.start]
        assert entry is not None
        if _miswritten_acronym(word, entry):
            continue
        other = None if _supporting_ids(entry, gazetteer) & named \
            else _named_in_full(word, spans, words, doubtful_ids)
        before = words[span.start - 1].lower() if span.start > 0 else ""
        if other is not None:
            span.entry, span.kind = other.entry, other.kind
        elif not (_supporting_ids(entry, gazetteer) & named
                  or (entry.kind == "place"
                      and (before in _PLACE_CUES or _beside_a_place(span, words, place_at)
                           or _on_a_road(span, words)))
                  or (entry.kind == "person" and span.role is not None)):
            undecided.append((span, before))
            continue
        evidenced.add(word)
        kept.add(id(span))
    # Other mentions of a word with evidence stand, unless a determiner makes them the noun.
    kept.update(id(s) for s, before in undecided
                if words[s.start] in evidenced and before not in _DETERMINERS)
    return [s for s in spans if id(s) not in doubtful_ids or id(s) in kept]
