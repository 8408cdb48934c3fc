"""Facets of a query: its matches by source, by month (or week), by the agencies credited, by the
entities they mention and by who is quoted in them.

Each facet is a condition in the query language (``source:"Spiegel"``, ``date:2020-03``,
``agency:dpa``, ``person:"Jens Spahn"``, ``said:"Jens Spahn"``) with how many of the matches it
keeps, counted by the search backend (SearchBackend.count_within): adding the condition to the
query finds exactly that many.

Large result sets are counted from the index, never hit by hit: sources and months are few;
entities are tried most-mentioned-in-the-library first, and the trying stops once no untried
entity (mentioned in fewer articles of the library than the last one kept) could make the list.
Small result sets are counted from the store's mentions and quotes of their ids (exact, and cheap
there). Agencies are few and always counted by the backend.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from index.errors import QueryError
from index.search import query as q
from index.search.parser import QUERY_TIMEZONE, date_bounds
from index.search.searching import Searcher
from index.store import Store
from index.store_quotes import FINAL_SPEAKER, QUOTES_AND_MAP

ENTITY_KINDS = ("person", "org", "place", "other")
# Up to this many matches, the entities come from the store's mentions of the matching ids: the
# two ways break even about here (bench/README.md, counting and facets).
SMALL_RESULTS = 500
# Entities tried per call to the backend, and in all before counting from the store instead.
CANDIDATE_CHUNK = 200
MAX_CANDIDATES = 4000
# At most this many months show as weeks.
WEEKS_WITHIN_MONTHS = 2


@dataclass
class Facet:
    label: str  # what a list shows: "Spiegel", "2020-03", "Jens Spahn"
    condition: str  # what narrowing adds to the query
    count: int  # matches that meet the condition
    kind: str = ""  # an entity's kind
    entity_id: str = ""  # an entity's id


@dataclass
class Facets:
    total: int
    sources: list[Facet] = field(default_factory=list)  # most matches first
    dates: list[Facet] = field(default_factory=list)  # oldest first
    date_unit: str = "month"  # or "week"
    entities: list[Facet] = field(default_factory=list)  # by kind, most matches first within each
    agencies: list[Facet] = field(default_factory=list)  # most matches first
    speakers: list[Facet] = field(default_factory=list)  # who is quoted, most matches first

    def as_json(self) -> dict:
        def rows(facets: list[Facet]) -> list[dict]:
            return [{"label": f.label, "condition": f.condition, "count": f.count,
                     **({"kind": f.kind, "entity": f.entity_id} if f.kind else {})} for f in facets]

        return {"total": self.total, "sources": rows(self.sources), "date_unit": self.date_unit,
                "dates": rows(self.dates), "entities": rows(self.entities), "agencies": rows(self.agencies),
                "speakers": rows(self.speakers)}


def quoted(text: str) -> str:
    """A name as one value of the query language."""
    return '"' + " ".join(text.replace('"', " ").split()) + '"'


class FacetCounter:
    """Facets of one query over one library's store and search backend."""

    def __init__(self, store: Store, searcher: Searcher, text: str):
        self.store = store
        self.searcher = searcher
        self.backend = searcher.backend
        self.query = self.backend.expand(searcher.parse(text))
        self._matching: list[str] | None = None

    def _matching_ids(self, total: int) -> list[str]:
        """The ids of every match (small result sets: entities and speakers both count from them)."""
        if self._matching is None:
            self._matching = [article_id for article_id, _score in self.backend.search(self.query, total).hits]
        return self._matching

    def facets(self, top: int = 10) -> Facets:
        total = self.backend.search(self.query, 0, count=True).total or 0
        result = Facets(total)
        if not total:
            return result
        result.sources = self.sources(top)
        result.dates, result.date_unit = self.dates()
        result.entities = self.entities(top, total)
        result.agencies = self.agencies(top)
        result.speakers = self.speakers(top, total)
        return result

    def _counts(self, parts: dict[str, q.Query]) -> dict[str, int]:
        return self.backend.count_within(self.query, parts) if parts else {}

    # --- sources ---------------------------------------------------------------------------

    def sources(self, top: int) -> list[Facet]:
        """The sources with the most matches, tried in the order of their size in the library."""
        library = [(r["source"], r["n"]) for r in self.store.query(
            "SELECT source, count(*) AS n FROM articles WHERE source IS NOT NULL AND trim(source) != '' "
            "GROUP BY source ORDER BY n DESC, source")]
        library = [(name, n) for name, n in library if self._searchable(f"source:{quoted(name)}")]
        words = {name: self._source_words(name) for name, _ in library}
        found: list[Facet] = []
        for start in range(0, len(library), CANDIDATE_CHUNK):
            chunk = library[start:start + CANDIDATE_CHUNK]
            if len(found) >= top and chunk[0][1] < found[top - 1].count:
                break
            parts = {name: self._source_part(name, words) for name, _ in chunk}
            counts = self._counts({name: part for name, part in parts.items() if part is not None})
            found.extend(Facet(name, f"source:{quoted(name)}", n) for name, n in counts.items() if n)
            found.sort(key=lambda f: (-f.count, f.label.casefold()))
        return _distinct(found)[:top]

    def _searchable(self, condition: str) -> bool:
        """False for a name the query language finds nothing in (a source called "—")."""
        return self._parsed(condition) is not None

    def _parsed(self, condition: str) -> q.Query | None:
        try:
            return self.searcher.parse(condition)
        except QueryError:
            return None

    def _source_words(self, name: str) -> frozenset[str]:
        parsed = self.searcher.parse(f"source:{quoted(name)}")
        return frozenset(node.text for node in q.walk(parsed) if isinstance(node, q.Term)) | frozenset(
            word for node in q.walk(parsed) if isinstance(node, q.Phrase) for word in node.words)

    def _source_part(self, name: str, words: dict[str, frozenset[str]]) -> q.Query | None:
        """The condition as the parser reads it. A phrase of words no other source has all of
        finds the same articles as its words anywhere, which the index counts without positions."""
        parsed = self.searcher.parse(f"source:{quoted(name)}")
        if isinstance(parsed, q.Phrase):
            mine = words[name]
            if not any(other != name and mine <= theirs for other, theirs in words.items()):
                return q.And(tuple(q.Term(parsed.field, word) for word in parsed.words))
        return parsed

    # --- agencies --------------------------------------------------------------------------

    def agencies(self, top: int) -> list[Facet]:
        """The credited agencies (dpa, AFP, …) with the most matches."""
        names = [r["agency"] for r in self.store.query(
            "SELECT agency, count(*) AS n FROM article_agencies GROUP BY agency ORDER BY n DESC, agency")]
        parts = {name: parsed for name in names if (parsed := self._parsed(f"agency:{quoted(name)}")) is not None}
        counts = self._counts(parts)
        found = [Facet(name, f"agency:{quoted(name)}", n) for name, n in counts.items() if n]
        found.sort(key=lambda f: (-f.count, f.label.casefold()))
        return _distinct(found)[:top]

    # --- dates -----------------------------------------------------------------------------

    def dates(self) -> tuple[list[Facet], str]:
        row = self.store.query("SELECT min(published_ts) AS first, max(published_ts) AS last FROM articles")[0]
        if row["first"] is None:
            return [], "month"
        first = datetime.fromtimestamp(row["first"], QUERY_TIMEZONE).date().replace(day=1)
        last = datetime.fromtimestamp(row["last"], QUERY_TIMEZONE).date()
        months = {}
        month = first
        while month <= last:
            label = f"{month.year:04d}-{month.month:02d}"
            months[label] = label
            month = (month + timedelta(days=32)).replace(day=1)
        counts = self._counts({label: self._date_part(label) for label in months})
        found = [Facet(label, f"date:{label}", n) for label, n in counts.items() if n]
        if not 0 < len(found) <= WEEKS_WITHIN_MONTHS:
            return found, "month"
        return self._weeks(found), "week"

    def _weeks(self, months: list[Facet]) -> list[Facet]:
        weeks: dict[str, str] = {}
        for facet in months:
            year, month = map(int, facet.label.split("-"))
            day = date(year, month, 1)
            monday = day - timedelta(days=day.weekday())
            while monday.year < year or (monday.year == year and monday.month <= month):
                sunday = monday + timedelta(days=6)
                label = f"{monday.isocalendar()[0]}-W{monday.isocalendar()[1]:02d}"
                weeks[label] = f"date:[{monday.isoformat()} TO {sunday.isoformat()}]"
                monday += timedelta(days=7)
        counts = self._counts({label: self.searcher.parse(condition) for label, condition in weeks.items()})
        return [Facet(label, weeks[label], n) for label, n in sorted(counts.items()) if n]

    @staticmethod
    def _date_part(label: str) -> q.Query:
        low, high = date_bounds(label)
        return q.DateRange(low, high)

    # --- entities --------------------------------------------------------------------------

    def entities(self, top: int, total: int) -> list[Facet]:
        """The ``top`` entities of each kind mentioned in the most matches."""
        if total <= SMALL_RESULTS:
            return self._entities_from_mentions(top, total)
        found: list[Facet] = []
        for kind in ENTITY_KINDS:
            of_kind = self._entities_of_kind(kind, top)
            if of_kind is None:  # too many tried: the store counts them instead
                return self._entities_from_mentions(top, total)
            found.extend(of_kind)
        return found

    def _entities_of_kind(self, kind: str, top: int) -> list[Facet] | None:
        found: list[Facet] = []
        for start in range(0, MAX_CANDIDATES, CANDIDATE_CHUNK):
            rows = self.store.query(
                "SELECT id, name, articles FROM entities WHERE kind = ? AND articles > 0 "
                "ORDER BY articles DESC, id LIMIT ? OFFSET ?", (kind, CANDIDATE_CHUNK, start))
            if not rows or (len(found) >= top and rows[0]["articles"] < found[top - 1].count):
                return _distinct(found)[:top]
            raw = self._raw_ids([r["id"] for r in rows])
            parts: dict[str, q.Query] = {r["id"]: q.Entity(kind, r["name"], tuple(raw.get(r["id"], [r["id"]])))
                                         for r in rows}
            counts = self._counts(parts)
            found.extend(Facet(r["name"], f"{kind}:{quoted(r['name'])}", counts[r["id"]], kind, r["id"])
                         for r in rows if counts[r["id"]])
            found.sort(key=lambda f: (-f.count, f.label.casefold()))
        return None

    def _raw_ids(self, entity_ids: list[str]) -> dict[str, list[str]]:
        marks = ",".join("?" * len(entity_ids))
        raw: dict[str, list[str]] = {}
        for r in self.store.query(f"SELECT entity, raw_entity FROM entity_map WHERE entity IN ({marks})", entity_ids):
            raw.setdefault(r["entity"], []).append(r["raw_entity"])
        return raw

    def _entities_from_mentions(self, top: int, total: int) -> list[Facet]:
        ids = self._matching_ids(total)
        rows = self.store.query(
            "SELECT e.id, e.kind, e.name, count(DISTINCT m.article_id) AS n FROM mentions m "
            "JOIN entity_map em ON em.raw_entity = m.raw_entity JOIN entities e ON e.id = em.entity "
            "WHERE m.article_id IN (SELECT value FROM json_each(?)) GROUP BY e.id", (json.dumps(ids),))
        found = []
        for kind in ENTITY_KINDS:
            of_kind = sorted((r for r in rows if r["kind"] == kind), key=lambda r: (-r["n"], r["name"].casefold()))
            found.extend(_distinct([Facet(r["name"], f"{kind}:{quoted(r['name'])}", r["n"], kind, r["id"])
                                    for r in of_kind])[:top])
        return found

    # --- speakers --------------------------------------------------------------------------

    def speakers(self, top: int, total: int) -> list[Facet]:
        """The ``top`` entities quoted in the most matches (``said:``)."""
        if total <= SMALL_RESULTS:
            ids = self._matching_ids(total)
            rows = self.store.query(
                f"SELECT e.id, e.name, count(DISTINCT q.article_id) AS n FROM ({_QUOTED}) q "
                "JOIN entities e ON e.id = q.speaker WHERE q.article_id IN (SELECT value FROM json_each(?)) "
                "GROUP BY e.id", (json.dumps(ids),))
            ranked = sorted(rows, key=lambda r: (-r["n"], r["name"].casefold()))
            return _distinct([Facet(r["name"], f"said:{quoted(r['name'])}", r["n"]) for r in ranked])[:top]
        found: list[Facet] = []
        # Ordered by how often the library quotes each speaker: no fewer than the articles quoting
        # them, so no untried speaker can beat the last one kept once the count falls below it.
        candidates = self.store.query(_MOST_QUOTED, (MAX_CANDIDATES,))
        for start in range(0, len(candidates), CANDIDATE_CHUNK):
            rows = candidates[start:start + CANDIDATE_CHUNK]
            if len(found) >= top and rows[0]["articles"] < found[top - 1].count:
                break
            raw = self._raw_ids([r["id"] for r in rows])
            parts: dict[str, q.Query] = {
                r["id"]: q.Entity("said", r["name"], tuple(raw.get(r["id"], [r["id"]])), field=q.SPEAKER_FIELD)
                for r in rows}
            counts = self._counts(parts)
            found.extend(Facet(r["name"], f"said:{quoted(r['name'])}", counts[r["id"]]) for r in rows if counts[r["id"]])
            found.sort(key=lambda f: (-f.count, f.label.casefold()))
        return _distinct(found)[:top]


# The speakers the library quotes most, with how many quotes (the speaker index's counts per raw
# id, summed per final entity: cheap where counting distinct articles would read every quote).
_MOST_QUOTED = """
WITH raw AS (SELECT speaker, count(*) AS n FROM quotes WHERE speaker IS NOT NULL GROUP BY speaker),
final AS (SELECT CASE WHEN em.raw_entity IS NULL THEN raw.speaker ELSE em.entity END AS speaker, sum(raw.n) AS quotes
          FROM raw LEFT JOIN entity_map em ON em.raw_entity = raw.speaker GROUP BY 1)
SELECT e.id, e.name, final.quotes AS articles FROM final JOIN entities e ON e.id = final.speaker
ORDER BY articles DESC, e.id LIMIT ?"""

# Each quote's article and final speaker (as index.store_quotes shows them).
_QUOTED = f"SELECT q.article_id, {FINAL_SPEAKER} AS speaker {QUOTES_AND_MAP} WHERE q.speaker IS NOT NULL"


def _distinct(facets: list[Facet]) -> list[Facet]:
    """One facet per condition (two entities of one name are one condition), the first kept."""
    seen: set[str] = set()
    kept = []
    for facet in facets:
        if facet.condition.casefold() not in seen:
            seen.add(facet.condition.casefold())
            kept.append(facet)
    return kept
