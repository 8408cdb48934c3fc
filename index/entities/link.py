"""Linking within one text: every span gets a provisional entity id.

Gazetteer hits carry their canonical id. Other names are normalised (genitive stripped when
the base form is known), a surname alone links to the full name used in the same text, and
a name the recogniser tagged with different kinds takes its most frequent kind.
"""

from __future__ import annotations

from collections import defaultdict

from ..models import Mention
from . import counterparts
from .gazetteer import Gazetteer
from .names import entity_id, strip_genitive, surname_of
from .recognise import Span
from .tokenize import Token

_KIND_ORDER = {"person": 0, "org": 1, "place": 2, "other": 3}
# A kind a rule read in the text outweighs any number of the CRF's guesses of the name: those
# are one guess repeated (the same word, the same features), not evidence of their own.
_RULE_VOTE = 1000.0


def _club_of_town(span: Span, entry) -> bool:
    """A rule read a town's name as an organisation from its context ("der Zweitligist
    Bochum"): the town's entry is not what the text names."""
    return span.kind == "org" and entry.kind == "place" and not span.from_model


def link(text: str, tokens: list[Token], spans: list[Span], gazetteer: Gazetteer) -> list[Mention]:
    surfaces = []
    for s in spans:
        if s.part is not None:
            start, end = s.part
        else:
            start, end = tokens[s.start].start, tokens[s.end - 1].end
        surfaces.append((start, end, " ".join(text[start:end].split())))

    names = {name for (_, _, name), s in zip(surfaces, spans) if s.entry is None}
    # Normalised name of each unlinked span; gazetteer entry for those whose base form is one.
    normal: list[str] = []
    entries = [s.entry for s in spans]
    for k, ((_, _, name), s) in enumerate(zip(surfaces, spans)):
        if s.entry is not None:
            normal.append(s.entry.name)
            continue
        stem = strip_genitive(name)
        if stem is not None:
            hit = gazetteer.lookup(stem, s.kind)
            if hit is not None:
                entries[k] = hit
                normal.append(hit.name)
                continue
            if stem in names or any(n.endswith(" " + stem) for n in names):
                name = stem
        hit = gazetteer.lookup(name, s.kind)
        if hit is not None and not _club_of_town(s, hit):
            entries[k] = hit
            normal.append(hit.name)
            continue
        normal.append(name)

    counterparts.relink([name for _, _, name in surfaces], entries, gazetteer)
    for k, entry in enumerate(entries):
        if entry is not None:
            normal[k] = entry.name

    # Each mention votes for its kind; a copy of a name found elsewhere (recognise._propagate)
    # has no vote, and a rule that saw the kind in the text ("der Glücksspielkonzern
    # Novomatic") outweighs the CRF's guesses ("Novomatic will ..." as a person, however
    # often); not so a small town's name in a place's context ("bei Salzborn"), which is
    # often a surname too.
    kinds: dict[str, dict[str, float]] = defaultdict(lambda: defaultdict(float))
    as_person: dict[str, int] = defaultdict(int)  # mentions that say "person", however weighed
    for k, s in enumerate(spans):
        if entries[k] is None and not s.copied:
            # A part of a compound ("Novomatic-Chef") took the kind of a name found elsewhere: as weak.
            kinds[normal[k]][s.kind] += _RULE_VOTE if not s.from_model and s.part is None and s.kind != "place" else 1.0
            as_person[normal[k]] += s.kind == "person"
    for k, s in enumerate(spans):
        if entries[k] is None and not kinds[normal[k]]:
            kinds[normal[k]][s.kind] += 1
            as_person[normal[k]] += s.kind == "person"
    # Surname -> full names of people named in full in this text.
    full_names: dict[str, set[str]] = defaultdict(set)
    for name, counts in kinds.items():
        surname = surname_of(name)
        if surname and counts and max(counts, key=lambda k: counts[k]) == "person":
            full_names[surname].add(name)

    def kind_of(name: str) -> str:
        """The kind most of the name's mentions have; each mention of a person named in full
        with it as surname counts as one more ("Samuel Salzborn" ... "Salzborn war"), at least
        half a mention ("in Niederösterreich", "Zollfahndung Niederösterreich" taken for a
        person, is still a place)."""
        counts: dict[str, float] = dict(kinds[name])
        if full_names.get(name):
            in_full = sum(as_person[full] for full in full_names[name])
            counts["person"] = counts.get("person", 0.0) + max(0.5, in_full)
        return min(counts, key=lambda k: (-counts[k], _KIND_ORDER[k]))

    mentions = []
    for k, ((start, end, _), s) in enumerate(zip(surfaces, spans)):
        entry = entries[k]
        if entry is not None:
            ident, kind = entry.id, entry.kind
        else:
            name = normal[k]
            kind = kind_of(name)
            if kind == "person" and len(full_names.get(name, ())) == 1:
                name = next(iter(full_names[name]))
            ident = entity_id(kind, name)
        # The kinds come from the gazetteer's file and the CRF's tags: all entity kinds.
        mentions.append(Mention(entity=ident, kind=kind, start=start, end=end,  # type: ignore[arg-type]
                                text=text[start:end], partial=s.part is not None, role=s.role))
    return mentions
