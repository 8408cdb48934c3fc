"""Short names that name another country's body where the text is about that country
(data/counterparts.txt): "die Grünen" are Germany's Greens, but beside ÖVP and SPÖ Austria's;
not where the text names as many of the other country's bodies (CDU, Bundestag)."""

from __future__ import annotations

from dataclasses import dataclass

from .gazetteer import Gazetteer, GazetteerEntry
from .lexicon import read_data_text


@dataclass(frozen=True)
class Counterpart:
    entry: GazetteerEntry
    short_names: frozenset[str]
    companions: frozenset[str]  # entry ids
    rivals: frozenset[str] = frozenset()  # entry ids that keep the gazetteer's reading


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
        name, short, companions, *rivals = (field.strip() for field in line.split("|"))
        entry = gazetteer.lookup(name)
        ids = _ids(gazetteer, companions)
        if entry is not None and ids:
            found.append(Counterpart(entry, frozenset(s.strip() for s in short.split(";")),
                                     ids, _ids(gazetteer, rivals[0]) if rivals else frozenset()))
    _LOADED[id(gazetteer)] = (gazetteer, tuple(found))
    return tuple(found)


def _ids(gazetteer: Gazetteer, names: str) -> frozenset[str]:
    return frozenset(hit.id for hit in (gazetteer.lookup(n.strip()) for n in names.split(";")) if hit)


def relink(surfaces: list[str], entries: list[GazetteerEntry | None], gazetteer: Gazetteer) -> None:
    """Entries of short names (in place) that a counterpart takes over in this text: one
    whose companions the text names more of (distinct entities) than its rivals."""
    named = {e.id for e in entries if e is not None}
    for counterpart in _counterparts(gazetteer):
        if len(counterpart.companions & named) <= len(counterpart.rivals & named):
            continue
        for k, surface in enumerate(surfaces):
            if entries[k] is not None and surface in counterpart.short_names:
                entries[k] = counterpart.entry
