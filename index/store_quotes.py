"""Quote and entity-profile queries over the store.

Quotes are stored with the provisional speaker id the recogniser gave (like mentions); the
speaker shown is the final entity that id resolves to through ``entity_map``.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime

from index.models import Entity, Quote
from index.store import Store
from index.store_entities import describe_entities, raw_ids_for

# The final speaker of a quote: mapped id, the raw id when not yet mapped, NULL when suppressed.
FINAL_SPEAKER = "CASE WHEN q.speaker IS NULL THEN NULL WHEN em.raw_entity IS NULL THEN q.speaker ELSE em.entity END"
QUOTES_AND_MAP = "FROM quotes q LEFT JOIN entity_map em ON em.raw_entity = q.speaker"
LATEST_QUOTES = 10
APPEARS_WITH = 20


def article_quotes(store: Store, article_id: str, body: str) -> list[Quote]:
    """An article's quotes in body order, speakers resolved."""
    rows = store.query(f"SELECT q.start, q.end, q.kind, q.cue, {FINAL_SPEAKER} AS speaker, q.speaker_text {QUOTES_AND_MAP} "
                       "WHERE q.article_id = ? ORDER BY q.start, q.end", (article_id,))
    return [Quote(start=r["start"], end=r["end"], text=body[r["start"]:r["end"]], kind=r["kind"], cue=r["cue"],
                  speaker=r["speaker"], speaker_text=r["speaker_text"]) for r in rows]


def raw_quotes(store: Store, article_id: str) -> list[tuple[int, int, str | None]]:
    """An article's quotes as (start, end, raw speaker id), in body order."""
    return [(r["start"], r["end"], r["speaker"]) for r in store.query(
        "SELECT start, end, speaker FROM quotes WHERE article_id = ? ORDER BY start, end", (article_id,))]


def quotes_to_index(store: Store, article_id: str, body: str) -> tuple[list[str], list[str]]:
    """What the search index holds of an article's quotes: their texts (quote:) and the raw ids of
    their speakers (said:; raw like the mentions' ids, so linking never needs a reindex)."""
    quotes = raw_quotes(store, article_id)
    return ([body[start:end] for start, end, _ in quotes],
            list(dict.fromkeys(speaker for _, _, speaker in quotes if speaker)))


def quote_rows(store: Store, entity_id: str | None = None, limit: int | None = None) -> list[dict]:
    """Quotes across the library, newest article first: of one entity (any of its raw ids) or all.
    Each row: article, title, source, published, start, end, text, kind, speaker, speaker_text, cue."""
    params: list = []
    where = ""
    if entity_id is not None:
        raw = raw_ids_for(store, [entity_id])
        if not raw:
            return []
        where = f"WHERE q.speaker IN ({','.join('?' * len(raw))})"
        params.extend(raw)
    rows = store.query(
        f"SELECT q.article_id, q.start, q.end, q.kind, q.cue, {FINAL_SPEAKER} AS speaker, q.speaker_text, "
        f"a.title, a.source, a.published, substr(a.body, q.start + 1, q.end - q.start) AS text "
        f"{QUOTES_AND_MAP} JOIN articles a ON a.id = q.article_id {where} "
        "ORDER BY a.published_ts IS NULL, a.published_ts DESC, a.title, q.article_id, q.start"
        + (" LIMIT ?" if limit else ""), params + ([limit] if limit else []))
    return [{"article": r["article_id"], "title": r["title"], "source": r["source"], "published": r["published"],
             "start": r["start"], "end": r["end"], "text": r["text"], "kind": r["kind"],
             "speaker": r["speaker"], "speaker_text": r["speaker_text"], "cue": r["cue"]} for r in rows]


def entity_profile(store: Store, entity: Entity, by: str = "day") -> dict:
    """What the library knows of one entity: counts, first and last seen, a timeline of its
    articles by day (or week), the entities it appears with, its sources and latest quotes."""
    raw = raw_ids_for(store, [entity.id])
    marks = ",".join("?" * len(raw)) or "NULL"
    articles = store.query(
        f"SELECT DISTINCT a.id, a.published, a.source FROM mentions m JOIN articles a ON a.id = m.article_id "
        f"WHERE m.raw_entity IN ({marks})", raw) if raw else []
    dated = sorted(r["published"] for r in articles if r["published"])
    timeline = Counter(_bucket(published, by) for published in dated)
    sources = Counter(r["source"] or "(no source)" for r in articles)
    article_ids = [r["id"] for r in articles]
    together: Counter = Counter()
    for start in range(0, len(article_ids), 500):
        chunk = article_ids[start:start + 500]
        for r in store.query(
                "SELECT CASE WHEN em.raw_entity IS NULL THEN m.raw_entity ELSE em.entity END AS other, "
                "count(DISTINCT m.article_id) AS n FROM mentions m LEFT JOIN entity_map em ON em.raw_entity = m.raw_entity "
                f"WHERE m.article_id IN ({','.join('?' * len(chunk))}) GROUP BY other", chunk):
            if r["other"] and r["other"] != entity.id:
                together[r["other"]] += r["n"]
    described = {e.id: e for e in describe_entities(store, [other for other, _ in together.most_common(APPEARS_WITH * 2)])}
    appears_with = [{"entity": other, "name": described[other].name, "kind": described[other].kind, "articles": n}
                    for other, n in together.most_common(APPEARS_WITH * 2) if other in described][:APPEARS_WITH]
    return {"id": entity.id, "name": entity.name, "kind": entity.kind, "aliases": entity.aliases,
            "roles": entity.roles, "articles": len(articles), "mentions": entity.mentions,
            "first_seen": dated[0] if dated else None, "last_seen": dated[-1] if dated else None,
            "timeline": [{"date": day, "articles": n} for day, n in sorted(timeline.items())],
            "appears_with": appears_with,
            "sources": [{"source": source, "articles": n} for source, n in sources.most_common()],
            "quotes": [public(row) for row in quote_rows(store, entity.id, limit=LATEST_QUOTES)]}


def _bucket(published: str, by: str) -> str:
    day = datetime.fromisoformat(published).date()
    if by == "week":
        year, week, _ = day.isocalendar()
        return f"{year}-W{week:02d}"
    return day.isoformat()


def public(row: dict) -> dict:
    """The JSON fields `reader quotes` promises, plus where the quote stands."""
    return {key: row[key] for key in ("article", "start", "end", "text", "kind", "speaker", "speaker_text", "cue",
                                      "title", "source", "published")}

