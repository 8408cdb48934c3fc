"""Corpus-level linking: provisional ids from every article -> final entities.

A surname-only person links to the one full name with that surname seen anywhere in the
library; gazetteer ids keep their canonical name; then the user's corrections apply.
Everything is sorted, so the same records always give the same entities.
"""

from __future__ import annotations

import gc
import logging
from collections import Counter
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Callable

from ..models import Entity
from .corrections import Corrections
from .gazetteer import Gazetteer
from .names import entity_id, slug, strip_genitive, surname_of

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)  # hundreds of thousands at 100k articles
class EntityRecord:
    """What the library knows of one provisional id: how it was written, and roles."""

    id: str
    kind: str
    surfaces: dict[str, int] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)


class _Group:
    __slots__ = ("name", "kind", "canonical", "aliases", "roles", "members")

    def __init__(self, name: str, kind: str, canonical: bool, aliases: set[str],
                 roles: Counter | None = None):
        self.name = name
        self.kind = kind
        self.canonical = canonical  # named by the gazetteer
        self.aliases = aliases
        self.roles = roles
        self.members: list[str] = []

    def add_roles(self, roles) -> None:
        if self.roles is None:
            self.roles = Counter()
        self.roles.update(roles)

    def absorb(self, other: "_Group") -> None:
        self.aliases |= other.aliases | {other.name}
        if other.roles:
            self.add_roles(other.roles)
        self.members.extend(other.members)


def _clean(surfaces: dict[str, int]) -> bool:
    """True when no surface needs its white space collapsed (the usual case)."""
    joined = "\x00".join(surfaces)
    return "\n" not in joined and "\t" not in joined and "  " not in joined


def _spells(surface: str, target: str) -> bool:
    """True when `surface` slugs to `target`; a cheap test first, as most surfaces do."""
    simple = surface.lower().replace(" ", "-")
    return simple == target or slug(surface) == target


def _display_name(record: EntityRecord) -> tuple[str, bool]:
    """The surface that spells the id (not a genitive or a variant), most frequent first;
    and whether it does spell the id."""
    target = record.id.split(":", 1)[1]
    if len(record.surfaces) == 1:
        only = next(iter(record.surfaces))
        if _spells(only, target):
            return (only if "  " not in only and "\n" not in only else " ".join(only.split())), True
    ranked = sorted(record.surfaces.items(), key=lambda kv: (-kv[1], kv[0]))
    for surface, _ in ranked:
        if _spells(surface, target):
            return " ".join(surface.split()), True
    for surface, _ in ranked:
        stem = strip_genitive(surface)
        if stem and slug(stem) == target:
            return stem, True
    if ranked:
        return " ".join(ranked[0][0].split()), False
    return target.replace("-", " ").title(), False


# A final entity as the store keeps it: (name, kind, aliases, roles).
FinalEntity = tuple[str, str, list[str], list[str]]


def resolve(records: list[EntityRecord], gazetteer: Gazetteer,
            corrections: Corrections) -> dict[str, Entity | None]:
    """Final entity (or None when suppressed) for every provisional id."""
    linking, finals = resolve_linking(records, gazetteer, corrections)
    entities = {final_id: Entity(id=final_id, name=name, kind=kind,  # type: ignore[arg-type]
                                 aliases=aliases, roles=roles)
                for final_id, (name, kind, aliases, roles) in finals.items()}
    return {rid: (entities[final_id] if final_id is not None else None) for rid, final_id in linking.items()}


def resolve_linking(records: list[EntityRecord], gazetteer: Gazetteer, corrections: Corrections
                    ) -> tuple[dict[str, str | None], dict[str, FinalEntity]]:
    """The final id (None: suppressed) of every provisional id, and every final entity.

    Plain tuples rather than Entity models: a library of 100,000 articles has ~500,000
    provisional ids, and a model per final entity was the import's largest use of memory.
    """
    # No reference cycles are made here; without the collector, the many small objects
    # do not trigger full passes over the (large, long-lived) gazetteer.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _resolve(records, gazetteer, corrections)
    finally:
        if collecting:
            gc.enable()


def _resolve(records: list[EntityRecord], gazetteer: Gazetteer,
             corrections: Corrections) -> tuple[dict[str, str | None], dict[str, FinalEntity]]:
    by_id = {r.id: r for r in sorted(records, key=attrgetter("id"))}
    named = {rid: _display_name(r) for rid, r in by_id.items()}

    # Surname (slugged) -> ids of people named in full; people named by one word.
    full_by_surname: dict[str, set[str]] = {}
    single_word: set[str] = set()
    for rid, record in by_id.items():
        if record.kind == "person":
            surname = surname_of(named[rid][0])
            if surname:
                full_by_surname.setdefault(slug(surname), set()).add(rid)
            else:
                single_word.add(rid)

    entries = gazetteer.entries
    dominant = _dominant_kinds(by_id, entries, gazetteer)
    groups: dict[str, _Group] = {}
    for rid, record in by_id.items():
        # The id this one joins: itself (gazetteer ids too), the same name in the kind most
        # of its mentions have, the one full name with its surname, or the id of its base
        # form (Russlands -> Russland).
        target = rid
        if rid in dominant:
            target = dominant[rid]
        elif rid not in entries:
            kind, key = rid.split(":", 1)
            candidates = full_by_surname.get(key) if rid in single_word else None
            if candidates is not None and len(candidates) == 1:
                target = next(iter(candidates))
            elif key[-1] == "s":
                stem = strip_genitive(key)
                if stem:
                    stem_id = f"{kind}:{stem}"
                    if stem_id in entries or stem_id in by_id:
                        target = stem_id
        group = groups.get(target)
        if group is None:
            entry = entries.get(target)
            if entry is not None:
                group = _Group(entry.name, entry.kind, True, set(entry.aliases),
                               Counter(dict.fromkeys(entry.roles, 0)) if entry.roles else None)
            else:
                base = by_id.get(target, record)
                group = _Group(named[base.id][0], base.kind, False, set())
            groups[target] = group
        surfaces = record.surfaces
        if _clean(surfaces):
            group.aliases.update(surfaces)
        else:
            group.aliases.update(" ".join(s.split()) for s in surfaces)
        if record.roles:
            group.add_roles(record.roles)
        group.members.append(rid)

    def final_id_of(key: str) -> str:
        group = groups[key]
        if group.canonical:
            entry = entries[key]
            same = entry.name == group.name and entry.kind == group.kind
        else:  # named by its own display name, unless the user renamed it or changed its kind
            name, spelled = named[key]
            same = spelled and group.name is name and by_id[key].kind == group.kind
        return key if same else entity_id(group.kind, group.name)

    suppressed = _apply_corrections(groups, corrections, final_id_of)

    # Final id -> (name, kind, aliases, roles, member ids); merged groups share one id.
    final: dict[str, tuple[str, str, set[str], list[str], list[str]]] = {}
    for key in sorted(groups):
        if key in suppressed:
            continue
        group = groups[key]
        final_id = final_id_of(key)
        counts = group.roles
        roles = sorted(counts, key=lambda r: (-counts[r], r)) if counts else []
        existing = final.get(final_id)
        if existing is None:
            final[final_id] = (group.name, group.kind, group.aliases, roles, group.members)
        else:
            name, kind, aliases, old_roles, members = existing
            final[final_id] = (name, kind, aliases | group.aliases | {group.name},
                               list(dict.fromkeys(old_roles + roles)), members + group.members)

    groups.clear()  # the groups and names are not needed any more: their memory goes now
    named.clear()
    linking: dict[str, str | None] = dict.fromkeys(by_id)
    finals: dict[str, FinalEntity] = {}
    for final_id, (name, kind, aliases, roles, members) in final.items():
        aliases.discard(name)
        aliases.discard("")
        finals[final_id] = (name, kind, sorted(aliases) if len(aliases) > 1 else list(aliases), roles)
        for member in members:
            linking[member] = final_id
    return linking, finals


def _dominant_kinds(by_id: dict[str, EntityRecord], entries, gazetteer: Gazetteer) -> dict[str, str]:
    """For a name the recogniser gave several kinds across the library (no gazetteer id of
    its own): the id of the same name in the kind with the most mentions, a gazetteer
    entry's kind first ("Niederösterreich" a person in one article, a place in nine), unless
    its name is only a weak alias: a small town's name that is a surname too ("Strobl" the
    player of line-ups, not the village), where the mentions decide."""
    counts: dict[str, dict[str, int]] = {}
    for rid, record in by_id.items():
        kind, key = rid.split(":", 1)
        counts.setdefault(key, {})[kind] = sum(record.surfaces.values())
    for eid in entries:
        kind, key = eid.split(":", 1)
        if key in counts and _named_for_sure(entries[eid], gazetteer):
            counts[key][kind] = counts[key].get(kind, 0) + 1_000_000
    moved = {}
    for key, by_kind in counts.items():
        if len(by_kind) < 2:
            continue
        best = min(by_kind, key=lambda k: (-by_kind[k], k))
        for kind in by_kind:
            rid = f"{kind}:{key}"
            if kind != best and rid in by_id and rid not in entries:
                moved[rid] = f"{best}:{key}"
    return moved


def _named_for_sure(entry, gazetteer: Gazetteer) -> bool:
    """The entry's own name is a strong alias (not a small town's name that is a word or a
    surname too)."""
    words = entry.name.split()
    found = gazetteer.match(words, 0, len(words))
    return found is None or found.strong


def _apply_corrections(groups: dict[str, _Group], corrections: Corrections,
                       final_id_of: Callable[[str], str]) -> set[str]:
    """Apply the merges, renames, kind changes and suppressions, in the file's order, to the
    groups in place; return the keys of suppressed groups. An entity is found by the id it
    has after the corrections before (what the app showed when it wrote one), a provisional
    id, its name or an alias."""
    if corrections.empty:
        return set()
    owner = {member: key for key, group in groups.items() for member in group.members}

    by_final: dict[str, str] = {}
    by_name: dict[str, str] = {}
    by_alias: dict[str, str] = {}
    for key in sorted(groups, reverse=True):  # the first key in order wins on a clash
        by_final[final_id_of(key)] = key
        by_name[groups[key].name.casefold()] = key
        for alias in groups[key].aliases:
            by_alias[alias.casefold()] = key
    redirect: dict[str, str] = {}

    def find(ref: str) -> str | None:
        key = by_final.get(ref) or owner.get(ref) or (ref if ref in groups else None) \
            or by_name.get(ref.casefold()) or by_alias.get(ref.casefold())
        while key is not None and key in redirect:
            key = redirect[key]
        return key

    suppressed = set()
    for action, ref, value in corrections.steps:
        target = find(ref)
        if target is None:
            logger.info("aliases file: nothing called %r to %s", ref, action)
            continue
        if action == "merge":
            for source in value:
                merged = find(source)
                if merged is not None and merged != target:
                    groups[target].absorb(groups.pop(merged))
                    redirect[merged] = target
        elif action == "rename":
            group = groups[target]
            group.aliases.add(group.name)
            group.name = str(value)
            by_name[group.name.casefold()] = target
        elif action == "kind":
            groups[target].kind = str(value)
        else:
            suppressed.add(target)
        by_final[final_id_of(target)] = target
    return {key for key in suppressed if key in groups}
