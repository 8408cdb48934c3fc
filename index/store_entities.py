"""Entity queries over the store: resolved mentions, the entity list, keyword in context.

Mentions are stored with the provisional id the recogniser gave them (``raw_entity``);
``entity_map`` says which final entity each resolves to, so corpus-level linking and the
user's corrections can change without touching the mentions.
"""

from __future__ import annotations

import json
import sys
from collections import defaultdict
from datetime import datetime
from typing import TYPE_CHECKING

from index.models import Entity, EntityMention, Mention
from index.store import LINK_ENTITIES, Store

if TYPE_CHECKING:  # the recogniser's package loads numpy and its model: not for reading
    from index.entities.resolve import EntityRecord, FinalEntity

# The final entity of a mention: mapped id, the raw id when not yet mapped, NULL when suppressed.
_RESOLVED = "CASE WHEN em.raw_entity IS NULL THEN m.raw_entity ELSE em.entity END"
_FROM = "FROM mentions m LEFT JOIN entity_map em ON em.raw_entity = m.raw_entity"

CONTEXT_CHARS = 60


def article_mentions(store: Store, article_id: str) -> list[Mention]:
    rows = store.query(
        f"SELECT {_RESOLVED} AS resolved, m.kind, m.start, m.end, m.text, m.partial {_FROM} "
        f"WHERE m.article_id = ? AND resolved IS NOT NULL ORDER BY m.start",
        (article_id,),
    )
    kinds = _entity_kinds(store, {r["resolved"] for r in rows})
    return [Mention(entity=r["resolved"], kind=kinds.get(r["resolved"], r["kind"]), start=r["start"], end=r["end"],
                    text=r["text"], partial=bool(r["partial"])) for r in rows]


def _entity_kinds(store: Store, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    marks = ",".join("?" * len(ids))
    return {r["id"]: r["kind"] for r in store.query(f"SELECT id, kind FROM entities WHERE id IN ({marks})", list(ids))}


def list_entities(store: Store, kind: str | None = None, article_id: str | None = None) -> list[Entity]:
    """Entities with corpus-wide counts, most mentioned first; per-article mention counts when one is given."""
    if article_id is None:
        where, params = ("AND kind = ?", [kind]) if kind else ("", [])
        rows = store.query(f"SELECT * FROM entities WHERE mentions > 0 {where} ORDER BY mentions DESC, name", params)
        if rows or not store.query("SELECT 1 FROM mentions LIMIT 1"):
            return [_entity(r) for r in rows]
        # Mentions not resolved yet (an import was cut short): count them as they are.
        entities = describe_entities(store, [r["raw_entity"] for r in store.query(
            "SELECT DISTINCT raw_entity FROM mentions")])
    else:
        in_article = {r["resolved"]: r["n"] for r in store.query(
            f"SELECT {_RESOLVED} AS resolved, count(*) AS n {_FROM} WHERE m.article_id = ? "
            "GROUP BY resolved HAVING resolved IS NOT NULL", (article_id,))}
        entities = describe_entities(store, sorted(in_article))
        for entity in entities:
            entity.mentions = in_article[entity.id]
    entities = [e for e in entities if kind is None or e.kind == kind]
    entities.sort(key=lambda e: (-e.mentions, e.name.casefold()))
    return entities


def _entity(row) -> Entity:
    return Entity(id=row["id"], name=row["name"], kind=row["kind"], aliases=json.loads(row["aliases"]),
                  roles=json.loads(row["roles"]), articles=row["articles"], mentions=row["mentions"])


def describe_entities(store: Store, ids: list[str]) -> list[Entity]:
    """These entities with their corpus-wide counts."""
    described = _describe(store, ids)
    entities = []
    for entity_id in ids:
        known = described.get(entity_id)
        if known is not None and known.mentions:
            entities.append(known)
            continue
        raw = raw_ids_for(store, [entity_id])
        if not raw:
            continue
        marks = ",".join("?" * len(raw))
        counts = store.query(f"SELECT count(*) AS mentions, count(DISTINCT article_id) AS articles, "
                             f"max(kind) AS kind, max(text) AS text FROM mentions WHERE raw_entity IN ({marks})", raw)[0]
        if not counts["mentions"]:
            continue
        entity = described.get(entity_id) or Entity(id=entity_id, name=counts["text"], kind=counts["kind"])
        entity.mentions, entity.articles = counts["mentions"], counts["articles"]
        entities.append(entity)
    return entities


def _describe(store: Store, ids: list[str]) -> dict[str, Entity]:
    found: dict[str, Entity] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for r in store.query(f"SELECT * FROM entities WHERE id IN ({marks})", chunk):
            found[r["id"]] = _entity(r)
    return found


def find_entities(store: Store, text: str) -> list[tuple[str, str]]:
    """(id, kind) of the entities whose id, name or an alias is `text` (case-insensitive)."""
    wanted = " ".join(text.split())
    if not wanted:
        return []
    rows = store.query(
        "SELECT e.id, e.kind FROM entities e WHERE e.id = ? UNION "
        "SELECT e.id, e.kind FROM entity_names n JOIN entities e ON e.id = n.entity WHERE n.name = ?",
        (wanted, wanted.casefold()))
    if rows:
        return [(r["id"], r["kind"]) for r in rows]
    # Not resolved yet: fall back to the surfaces of the raw mentions.
    rows = store.query(
        f"SELECT DISTINCT {_RESOLVED} AS resolved, m.kind {_FROM} "
        "WHERE m.text = ? COLLATE NOCASE OR m.raw_entity = ?", (wanted, wanted))
    return [(r["resolved"], r["kind"]) for r in rows if r["resolved"]]


def raw_ids_for(store: Store, entity_ids: list[str]) -> list[str]:
    """Every provisional id that resolves to one of these entities (for search by entity)."""
    if not entity_ids:
        return []
    marks = ",".join("?" * len(entity_ids))
    mapped = [r["raw_entity"] for r in store.query(
        f"SELECT raw_entity FROM entity_map WHERE entity IN ({marks})", entity_ids)]
    # Ids mentioned but not linked yet (an import in progress) stand for themselves. Two index
    # lookups per id: a join over the mentions was slow for a person named very often.
    unmapped = [entity_id for entity_id in entity_ids
                if not store.query("SELECT 1 FROM entity_map WHERE raw_entity = ?", (entity_id,))
                and store.query("SELECT 1 FROM mentions WHERE raw_entity = ? LIMIT 1", (entity_id,))]
    return sorted(set(mapped) | set(unmapped))


def mention_spans(store: Store, article_ids: list[str], raw_ids: list[str]) -> dict[str, list[tuple[int, int, str]]]:
    """(start, end, raw id) of the mentions of these raw ids in these articles, by article, in body order."""
    rows = store.query(
        "SELECT article_id, start, end, raw_entity FROM mentions "
        "WHERE article_id IN (SELECT value FROM json_each(?)) AND raw_entity IN (SELECT value FROM json_each(?)) "
        "ORDER BY article_id, start", (json.dumps(article_ids), json.dumps(raw_ids)))
    found: dict[str, list[tuple[int, int, str]]] = {}
    for r in rows:
        found.setdefault(r["article_id"], []).append((r["start"], r["end"], r["raw_entity"]))
    return found


def entity_mentions(store: Store, entity_id: str) -> list[EntityMention]:
    """Every mention of one entity in the corpus, by article date (oldest first), then position."""
    raw = raw_ids_for(store, [entity_id])
    if not raw:
        return []
    marks = ",".join("?" * len(raw))
    rows = store.query(
        f"SELECT m.article_id, m.start, m.end, m.text, a.title, a.published, a.published_ts, "
        f"substr(a.body, max(1, m.start + 1 - {CONTEXT_CHARS}), m.end - max(0, m.start - {CONTEXT_CHARS}) "
        f"+ {CONTEXT_CHARS}) AS context FROM mentions m JOIN articles a ON a.id = m.article_id "
        f"WHERE m.raw_entity IN ({marks}) "
        "ORDER BY a.published_ts IS NULL, a.published_ts, a.title, a.id, m.start",
        raw,
    )
    return [EntityMention(article=r["article_id"], title=r["title"],
                          published=datetime.fromisoformat(r["published"]) if r["published"] else None,
                          start=r["start"], end=r["end"], text=r["text"],
                          context=" ".join(r["context"].split("\n")),
                          context_start=max(0, r["start"] - CONTEXT_CHARS))
            for r in rows]


def entity_records(store: Store) -> list[EntityRecord]:
    """What the library knows of every provisional id: how it was written, and roles.

    Built row by row from rows sorted by id (one record per id at a time, kinds and roles
    shared strings): at 100k articles there are ~500,000 ids.
    """
    from index.entities.resolve import EntityRecord

    records: list[EntityRecord] = []
    current: str | None = None
    kind = ""
    surfaces: dict[str, int] = {}
    roles: set[str] = set()
    for r in store.query("SELECT raw_entity, kind, text, role, count(*) AS n FROM mentions "
                         "GROUP BY raw_entity, kind, text, role ORDER BY raw_entity"):
        raw = r["raw_entity"]
        if raw != current:
            if current is not None:
                records.append(EntityRecord(id=current, kind=kind, surfaces=surfaces, roles=sorted(roles)))
            current, kind, surfaces, roles = raw, sys.intern(r["kind"]), {}, set()
        surfaces[r["text"]] = surfaces.get(r["text"], 0) + r["n"]
        if r["role"]:
            roles.add(sys.intern(r["role"]))
    if current is not None:
        records.append(EntityRecord(id=current, kind=kind, surfaces=surfaces, roles=sorted(roles)))
    return records


def records_of(mentions: list[Mention]) -> list[EntityRecord]:
    """EntityRecords for mentions not (yet) in the store, e.g. of a text being extracted."""
    from index.entities.resolve import EntityRecord

    surfaces: dict[str, dict[str, int]] = defaultdict(dict)
    kinds: dict[str, str] = {}
    roles: dict[str, set[str]] = defaultdict(set)
    for m in mentions:
        surfaces[m.entity][m.text] = surfaces[m.entity].get(m.text, 0) + 1
        kinds.setdefault(m.entity, m.kind)
        if m.role:
            roles[m.entity].add(m.role)
    return [EntityRecord(id=raw, kind=kinds[raw], surfaces=surfaces[raw], roles=sorted(roles[raw]))
            for raw in sorted(surfaces)]


def write_linking(store: Store, linking: dict[str, str | None], finals: dict[str, FinalEntity],
                  generation: int | None = None) -> None:
    """Replace the corpus-level linking (raw id -> final id) and the final entities in one transaction;
    the pending linking step of ``generation`` (read before the mentions were) is done with it."""
    with store.transaction() as db:
        store.finish_pending(db, LINK_ENTITIES, generation)
        db.execute("DELETE FROM entity_map")
        db.executemany("INSERT INTO entity_map (raw_entity, entity) VALUES (?, ?)", linking.items())
        db.execute("DELETE FROM entities")
        db.executemany(
            "INSERT INTO entities (id, name, kind, aliases, roles) VALUES (?, ?, ?, ?, ?)",
            ((final_id, name, kind, json.dumps(aliases, ensure_ascii=False), json.dumps(roles, ensure_ascii=False))
             for final_id, (name, kind, aliases, roles) in finals.items()),
        )
        db.execute(
            "UPDATE entities SET articles = c.articles, mentions = c.mentions FROM ("
            "  SELECT em.entity AS entity, count(DISTINCT m.article_id) AS articles, count(*) AS mentions"
            "  FROM mentions m JOIN entity_map em ON em.raw_entity = m.raw_entity"
            "  WHERE em.entity IS NOT NULL GROUP BY em.entity) AS c WHERE c.entity = entities.id")
        db.execute("DELETE FROM entity_names")
        db.executemany("INSERT INTO entity_names (name, entity) VALUES (?, ?)",
                       sorted({(" ".join(name.split()).casefold(), final_id)
                               for final_id, (main, _kind, aliases, _roles) in finals.items()
                               for name in [main, *aliases] if name.strip()}))


def recount_entities(db, raw_ids: list[str]) -> None:
    """Count again the articles and mentions of the entities these raw ids link to, after mentions
    of them were removed or put back (inside the transaction that did it). The linking stays as
    it is: taking an article out or back needs no recognition."""
    db.execute(
        "UPDATE entities SET articles = c.articles, mentions = c.mentions FROM ("
        "  SELECT em.entity AS entity, count(DISTINCT m.article_id) AS articles, count(m.article_id) AS mentions"
        "  FROM entity_map em LEFT JOIN mentions m ON m.raw_entity = em.raw_entity"
        "  WHERE em.entity IN (SELECT entity FROM entity_map WHERE raw_entity IN (SELECT value FROM json_each(?)))"
        "  GROUP BY em.entity) AS c WHERE c.entity = entities.id", (json.dumps(sorted(set(raw_ids))),))


def unlinked(db, raw_ids: list[str]) -> bool:
    """Whether any of these raw ids has no linking yet (a relinking since dropped it)."""
    return db.execute("SELECT 1 FROM json_each(?) LEFT JOIN entity_map em ON em.raw_entity = value "
                      "WHERE em.raw_entity IS NULL LIMIT 1", (json.dumps(sorted(set(raw_ids))),)).fetchone() is not None
