"""Span rules for places: regions named by a compass point and a known place (Nordeuropas,
Ostukraine, Süd-Libanon), and one-word names that are languages (Englisch), not places."""

from __future__ import annotations

from .gazetteer import Gazetteer
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
