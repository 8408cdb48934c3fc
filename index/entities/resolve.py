"""Corpus-level linking: provisional ids from every article -> final entities.

A surname-only person links to the one full name with that surname seen anywhere in the
library; gazetteer ids keep their canonical name; then the user's corrections apply.
Everything is sorted, so the same records always give the same entities.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass, field

from ..models import Entity
from .corrections import Corrections
from .gazetteer import Gazetteer
from .names import entity_id, slug, strip_genitive, surname_of

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class EntityRecord:
    """What the library knows of one provisional id: how it was written, and roles."""

    id: str
    kind: str
    surfaces: dict[str, int] = field(default_factory=dict)
    roles: list[str] = field(default_factory=list)


@dataclass
class _Group:
    name: str
    kind: str
    canonical: bool  # named by the gazetteer
    aliases: set[str] = field(default_factory=set)
    roles: Counter = field(default_factory=Counter)
    members: list[str] = field(default_factory=list)

    def absorb(self, other: "_Group") -> None:
        self.aliases |= other.aliases | {other.name}
        self.roles.update(other.roles)
        self.members.extend(other.members)


def _clean(surfaces: dict[str, int]) -> bool:
    """True when no surface needs its white space collapsed (the usual case)."""
    return not any("\n" in s or "  " in s or "\t" in s for s in surfaces)


def _display_name(record: EntityRecord) -> str:
    """The surface that spells the id (not a genitive or a variant), most frequent first."""
    target = record.id.split(":", 1)[1]
    if len(record.surfaces) == 1:
        only = next(iter(record.surfaces))
        if slug(only) == target:
            return " ".join(only.split())
    ranked = sorted(record.surfaces.items(), key=lambda kv: (-kv[1], kv[0]))
    for surface, _ in ranked:
        if slug(surface) == target:
            return " ".join(surface.split())
    for surface, _ in ranked:
        stem = strip_genitive(surface)
        if stem and slug(stem) == target:
            return stem
    return " ".join(ranked[0][0].split()) if ranked else target.replace("-", " ").title()


def resolve(records: list[EntityRecord], gazetteer: Gazetteer,
            corrections: Corrections) -> dict[str, Entity | None]:
    by_id = {r.id: r for r in sorted(records, key=lambda r: r.id)}
    names = {rid: _display_name(r) for rid, r in by_id.items()}

    # Surname (slugged) -> ids of people named in full.
    full_by_surname: dict[str, set[str]] = {}
    for rid, record in by_id.items():
        if record.kind == "person":
            surname = surname_of(names[rid])
            if surname:
                full_by_surname.setdefault(slug(surname), set()).add(rid)

    def target_of(rid: str) -> str:
        record = by_id[rid]
        if rid in gazetteer.entries:
            return rid
        kind, key = rid.split(":", 1)
        if kind == "person" and surname_of(names[rid]) is None:
            candidates = full_by_surname.get(key, set())
            if len(candidates) == 1:
                return next(iter(candidates))
        stem = strip_genitive(key)
        if stem:
            stem_id = f"{kind}:{stem}"
            if stem_id in gazetteer.entries or stem_id in by_id:
                return stem_id
        del record
        return rid

    groups: dict[str, _Group] = {}
    owner: dict[str, str] = {}
    for rid, record in by_id.items():
        target = target_of(rid)
        group = groups.get(target)
        if group is None:
            entry = gazetteer.entries.get(target)
            if entry is not None:
                group = _Group(entry.name, entry.kind, True, aliases=set(entry.aliases),
                               roles=Counter({r: 0 for r in entry.roles}))
            else:
                base = by_id.get(target, record)
                group = _Group(names[base.id], base.kind, False)
            groups[target] = group
        group.aliases.update(record.surfaces if _clean(record.surfaces)
                             else (" ".join(s.split()) for s in record.surfaces))
        if record.roles:
            group.roles.update(record.roles)
        group.members.append(rid)
        owner[rid] = target

    suppressed = _apply_corrections(groups, owner, corrections)

    result: dict[str, Entity | None] = {}
    final: dict[str, Entity] = {}
    for key in sorted(groups):
        group = groups[key]
        if key in suppressed:
            continue
        final_id = key if (group.canonical and key in gazetteer.entries
                           and gazetteer.entries[key].name == group.name
                           and gazetteer.entries[key].kind == group.kind) \
            else entity_id(group.kind, group.name)
        existing = final.get(final_id)
        aliases = sorted(a for a in group.aliases if a and a != group.name)
        roles = sorted(group.roles, key=lambda r: (-group.roles[r], r))
        if existing is not None:
            aliases = sorted(set(existing.aliases) | set(aliases) - {existing.name})
            roles = list(dict.fromkeys(existing.roles + roles))
        final[final_id] = Entity(id=final_id, name=group.name if existing is None else existing.name,
                                 kind=group.kind, aliases=aliases, roles=roles)  # type: ignore[arg-type]
        for member in group.members:
            result[member] = final[final_id]
    # Entities merged after their members were assigned: point everyone at the last version.
    for rid, entity in list(result.items()):
        if entity is not None:
            result[rid] = final[entity.id]
    for rid in by_id:
        result.setdefault(rid, None)
    return result


def _apply_corrections(groups: dict[str, _Group], owner: dict[str, str],
                       corrections: Corrections) -> set[str]:
    """Apply merges, renames, kind changes and suppressions to the groups in place; return
    the keys of suppressed groups."""
    if corrections.empty:
        return set()

    by_name: dict[str, str] = {}
    by_alias: dict[str, str] = {}
    for key in sorted(groups, reverse=True):  # the first key in order wins on a clash
        by_name[groups[key].name.casefold()] = key
        for alias in groups[key].aliases:
            by_alias[alias.casefold()] = key
    redirect: dict[str, str] = {}

    def find(ref: str) -> str | None:
        key = owner.get(ref) or (ref if ref in groups else None) \
            or by_name.get(ref.casefold()) or by_alias.get(ref.casefold())
        while key is not None and key in redirect:
            key = redirect[key]
        return key

    for into, sources in corrections.merges:
        target = find(into)
        if target is None:
            logger.info("aliases file: nothing called %r to merge into", into)
            continue
        for source in sources:
            key = find(source)
            if key is None or key == target:
                continue
            groups[target].absorb(groups.pop(key))
            redirect[key] = target
    for member, current in owner.items():
        while current in redirect:
            current = redirect[current]
        owner[member] = current
    for ref, new_name in corrections.renames:
        key = find(ref)
        if key is not None:
            group = groups[key]
            group.aliases.add(group.name)
            group.name = new_name
    for ref, kind in corrections.kinds:
        key = find(ref)
        if key is not None:
            groups[key].kind = kind
    suppressed = set()
    for ref in corrections.suppressed:
        key = find(ref)
        if key is not None:
            suppressed.add(key)
    return suppressed
