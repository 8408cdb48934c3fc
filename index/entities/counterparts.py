"""Short names that name another country's body where the text is about that country
(data/counterparts.txt): "die Grünen" are Germany's Greens, but beside ÖVP and SPÖ Austria's."""

from __future__ import annotations

from dataclasses import dataclass

from .gazetteer import Gazetteer, GazetteerEntry
from .lexicon import read_data_text


@dataclass(frozen=True)
class Counterpart:
    entry: GazetteerEntry
    short_names: frozenset[str]
    companions: frozenset[str]  # entry ids


_LOADED: dict[int, tuple[Gazetteer, tuple[Counterpart, ...]]] = {}


def _counterparts(gazetteer: Gazetteer) -> tuple[Counterpart, ...]:
    """The counterparts of data/counterparts.txt, per gazetteer (read once)."""
    loaded = _LOADED.get(id(gazetteer))
    if loaded is not None and loaded[0] is gazetteer:
        return loaded[1]
    found = []
    for line in read_data_text("counterparts.txt").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        name, short, companions = (field.strip() for field in line.split("|"))
        entry = gazetteer.lookup(name)
        ids = {hit.id for hit in (gazetteer.lookup(c.strip()) for c in companions.split(";")) if hit}
        if entry is not None and ids:
            found.append(Counterpart(entry, frozenset(s.strip() for s in short.split(";")),
                                     frozenset(ids)))
    _LOADED[id(gazetteer)] = (gazetteer, tuple(found))
    return tuple(found)


def relink(surfaces: list[str], entries: list[GazetteerEntry | None], gazetteer: Gazetteer) -> None:
    """Entries of short names (in place) that a counterpart takes over in this text."""
    named = {e.id for e in entries if e is not None}
    for counterpart in _counterparts(gazetteer):
        if not counterpart.companions & named:
            continue
        for k, surface in enumerate(surfaces):
            if entries[k] is not None and surface in counterpart.short_names:
                entries[k] = counterpart.entry
