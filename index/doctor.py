"""Health checks of a library, and repairs of what can be rebuilt from the store.

The store is the system of record: the search index, orphan mentions and the entity map are
derived and can be rebuilt or dropped. Bookmarks are the user's own work and are never deleted
here; a bookmark whose article is gone is only reported.
"""

from __future__ import annotations

import logging
import sqlite3
from dataclasses import dataclass, field

from index import enrichment
from index.library import Library

log = logging.getLogger(__name__)

# How many ids a problem lists before it says "and N more".
SHOWN_IDS = 5


# What --fix can repair: everything derived from the articles. Never the database itself or bookmarks.
FIXABLE = frozenset({"analysis-failed", "index-damaged", "index-missing", "index-stale", "index-duplicates",
                     "mentions-orphaned", "entities-dangling", "entities-unlinked", "entity-names-dangling",
                     "quotes-missing"})


@dataclass
class Problem:
    code: str  # e.g. "index-missing", "bookmarks-orphaned"; the part before "-" is the area
    message: str
    ids: list[str] = field(default_factory=list)

    @property
    def area(self) -> str:
        return self.code.split("-")[0]

    @property
    def fixable(self) -> bool:
        return self.code in FIXABLE


@dataclass
class DoctorReport:
    problems: list[Problem] = field(default_factory=list)
    actions: list[str] = field(default_factory=list)  # what --fix did, one sentence each
    articles: int = 0
    indexed: int = 0

    @property
    def healthy(self) -> bool:
        return not self.problems


def _count(number: int, word: str) -> str:
    return f"{number} {word}" if number == 1 else f"{number} {word}s"


def _some(ids: list[str]) -> str:
    shown = ", ".join(ids[:SHOWN_IDS])
    return shown + (f" and {len(ids) - SHOWN_IDS} more" if len(ids) > SHOWN_IDS else "")


def _integrity_problems(library: Library) -> list[Problem]:
    problems = []
    try:
        rows = library.store.query("PRAGMA integrity_check")
        messages = [row[0] for row in rows if row[0] != "ok"]
        if messages:
            problems.append(Problem("store-damaged", "The library database is damaged: " + "; ".join(messages[:3])
                                    + ". Restore library.db from a backup; the search index can be rebuilt."))
        broken = library.store.query("PRAGMA foreign_key_check")
        tables = sorted({row[0] for row in broken if row[0] not in ("mentions", "bookmarks")})
        if tables:
            problems.append(Problem("store-references", f"Rows in {', '.join(tables)} point to records that do not exist."))
    except sqlite3.DatabaseError as exc:
        problems.append(Problem("store-damaged", f"The library database cannot be checked: {exc}."))
    return problems


def _index_problems(library: Library) -> list[Problem]:
    damage = library.index.damage()  # every file against its checksum; a damaged index is not read further
    if damage:
        return [Problem("index-damaged", f"The search index is damaged ({'; '.join(damage[:3])}); "
                                         "it must be rebuilt from the library.")]
    problems = []
    stored = set(library.store.all_ids())
    indexed = library.index.ids()
    missing = sorted(stored - indexed)
    stale = sorted(indexed - stored)
    if missing:
        problems.append(Problem("index-missing", f"{_count(len(missing), 'article')} cannot be found by search "
                                         f"(not in the search index): {_some(missing)}.", ids=missing))
    if stale:
        problems.append(Problem("index-stale", f"The search index holds {_count(len(stale), 'document')} of articles that are "
                                         f"no longer in the library: {_some(stale)}.", ids=stale))
    duplicates = library.index.doc_count() - len(indexed)
    if duplicates > 0:
        problems.append(Problem("index-duplicates", f"The search index holds {duplicates} duplicate documents."))
    return problems


def _mention_problems(library: Library) -> list[Problem]:
    rows = library.store.query(
        "SELECT m.article_id, count(*) AS n FROM mentions m LEFT JOIN articles a ON a.id = m.article_id "
        "WHERE a.id IS NULL GROUP BY m.article_id")
    if not rows:
        return []
    count = sum(row["n"] for row in rows)
    ids = [row["article_id"] for row in rows]
    return [Problem("mentions-orphaned", f"{_count(count, 'entity mention')} of articles that do not exist: {_some(ids)}.",
                    ids=ids)]


def _bookmark_problems(library: Library) -> list[Problem]:
    rows = library.store.query(
        "SELECT b.id, b.article_id FROM bookmarks b LEFT JOIN articles a ON a.id = b.article_id "
        "LEFT JOIN removed_articles r ON r.id = b.article_id "  # removed on purpose: kept, not orphaned
        "WHERE a.id IS NULL AND r.id IS NULL ORDER BY b.id")
    if not rows:
        return []
    ids = [str(row["id"]) for row in rows]
    articles = sorted({row["article_id"] for row in rows})
    return [Problem("bookmarks-orphaned", f"{_count(len(rows), 'bookmark')} ({_some(ids)}) of articles that are not in the "
                                 f"library ({_some(articles)}): kept, never deleted. Add those articles again to "
                                 "bring them back.", ids=ids)]


def _entity_problems(library: Library) -> list[Problem]:
    problems = []
    dangling = library.store.query(
        "SELECT count(*) AS n FROM entity_map em LEFT JOIN entities e ON e.id = em.entity "
        "WHERE em.entity IS NOT NULL AND e.id IS NULL")[0]["n"]
    if dangling:
        problems.append(Problem("entities-dangling", f"{_count(dangling, 'entity link')} to entities that do not exist."))
    unlinked = library.store.query(
        "SELECT count(DISTINCT m.raw_entity) AS n FROM mentions m "
        "LEFT JOIN entity_map em ON em.raw_entity = m.raw_entity WHERE em.raw_entity IS NULL")[0]["n"]
    if unlinked:
        problems.append(Problem("entities-unlinked", f"{_count(unlinked, 'recognised name')} not linked to entities yet."))
    names = library.store.query(
        "SELECT count(*) AS n FROM entity_names n LEFT JOIN entities e ON e.id = n.entity WHERE e.id IS NULL")[0]["n"]
    if names:
        problems.append(Problem("entity-names-dangling", f"{_count(names, 'entity name')} of entities that do not exist."))
    return problems


def _analysis_problems(library: Library) -> list[Problem]:
    failed = library.store.analysis_failures()
    if not failed:
        return []
    ids = [row["id"] for row in failed]
    shown = "; ".join(f"{row['id']} {row['title'][:60]!r} ({row['error'][:80]})" for row in failed[:SHOWN_IDS])
    more = f" and {len(failed) - SHOWN_IDS} more" if len(failed) > SHOWN_IDS else ""
    return [Problem("analysis-failed", f"{_count(len(failed), 'article')} stored without entities because entity "
                                       f"recognition failed on them (tracebacks in reader.log): {shown}{more}.",
                    ids=ids)]


def _quote_problems(library: Library) -> list[Problem]:
    ids = enrichment.unquoted_ids(library.store)
    if not ids:
        return []
    return [Problem("quotes-missing", f"{_count(len(ids), 'article')} without their quotes (imported before quotes were "
                                      f"recognised, or by an older version), so said: and quote: cannot find them: "
                                      f"{_some(ids)}.", ids=ids)]


def check(library: Library) -> DoctorReport:
    """Every problem found in the library; changes nothing."""
    report = DoctorReport(articles=library.store.count())
    report.problems.extend(_integrity_problems(library))
    if any(p.code == "store-damaged" for p in report.problems):
        return report  # a damaged database makes the other checks meaningless
    report.problems.extend(_index_problems(library))
    report.indexed = 0 if library.index.damaged else len(library.index.ids())
    report.problems.extend(_mention_problems(library))
    report.problems.extend(_bookmark_problems(library))
    report.problems.extend(_entity_problems(library))
    report.problems.extend(_analysis_problems(library))
    report.problems.extend(_quote_problems(library))
    return report


def fix(library: Library) -> DoctorReport:
    """Repair what can be rebuilt, then check again: the result lists what was done and what is left."""
    found = check(library)
    actions: list[str] = []
    codes = {p.code: p for p in found.problems if p.fixable}
    if codes.keys() & {"index-damaged", "index-duplicates"}:
        count = library.reindex()  # rebuilding also covers missing and stale documents
        actions.append(f"Rebuilt the search index from the library ({count} articles).")
    else:
        if "index-missing" in codes:
            ids = codes["index-missing"].ids
            library.index_stored(ids)
            actions.append(f"Indexed {len(ids)} articles that search could not find.")
        if "index-stale" in codes:
            ids = codes["index-stale"].ids
            library.index.delete(ids)
            actions.append(f"Removed {len(ids)} stale documents from the search index.")
    if "analysis-failed" in codes:
        recovered, still_failing = library.recognise_failed_again()
        actions.append(f"Recognised the entities of {recovered} articles again"
                       + (f"; {still_failing} still fail." if still_failing else "."))
    if "mentions-orphaned" in codes:
        with library.store.transaction() as db:
            deleted = sum(db.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,)).rowcount
                          for article_id in codes["mentions-orphaned"].ids)
        actions.append(f"Dropped {deleted} entity mentions of articles that do not exist.")
    if codes.keys() & {"mentions-orphaned", "entities-dangling", "entities-unlinked", "entity-names-dangling"}:
        library.refresh_entities()
        actions.append("Linked the entities again from every mention in the library.")
    if "quotes-missing" in codes:
        found = library.quote_missing()  # also indexes them again with their quotes
        actions.append(f"Found the quotes of {_count(found, 'article')} and indexed them with their quotes.")
    for action in actions:
        log.info("doctor: %s", action)
    after = check(library)
    after.actions = actions
    return after
