"""Taking articles out of the library (`reader remove`, the app's remove key) and putting them back.

An article goes from the store (its mentions, read state and copy rows go with it, by their
foreign keys; it leaves its story) and from the search index. A bookmarked article leaves a copy of itself in
`removed_articles`, so its bookmarks still list and export, marked as removed. Undo puts the
articles back through the ordinary import (their entities are recognised and indexed again).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from index.bookmark_store import utc_now
from index.models import Article
from index.stories import story_clusters

BERLIN = ZoneInfo("Europe/Berlin")  # naive German news dates are Berlin's (see DESIGN)
_KEPT_COLUMNS = "id, title, body, source, published, published_ts, published_precision, kind, path, url, tags"


@dataclass
class Removal:
    """What a removal took, to report it and to undo it."""
    articles: list[Article] = field(default_factory=list)
    read: dict[str, str] = field(default_factory=dict)  # article id -> read_at
    bookmarked: list[str] = field(default_factory=list)  # ids whose bookmarks were kept


def select_ids(library, *, ids: Iterable[str] = (), source: str | None = None,
               before: date | None = None) -> list[str]:
    """The articles a removal would take: the given ids (or unique prefixes), and those of a source
    (ignoring case) and/or published before a day (in Berlin time); undated articles are never
    'before' anything."""
    chosen = [library.article(given).id for given in ids]
    if source is not None or before is not None:
        conditions: list[str] = []
        params: list[str | float] = []
        if source is not None:
            conditions.append("lower(source) = lower(?)")
            params.append(source)
        if before is not None:
            conditions.append("published_ts < ?")
            params.append(datetime.combine(before, time(0), BERLIN).timestamp())
        rows = library.store.query(f"SELECT id FROM articles WHERE {' AND '.join(conditions)} "
                                   "ORDER BY published_ts DESC, title", params)
        chosen += [r["id"] for r in rows]
    return list(dict.fromkeys(chosen))


def remove_articles(library, ids: list[str]) -> Removal:
    """Remove these articles (ids as stored); the store first, so the index never shows one it lacks."""
    removal = Removal()
    if not ids:
        return removal
    removal.articles = list(library.store.get_many(ids).values())
    ids = [a.id for a in removal.articles]
    marks_for = lambda chunk: ",".join("?" * len(chunk))  # noqa: E731
    now = utc_now().isoformat()
    with library.store.transaction() as db:
        for first in range(0, len(ids), 500):
            chunk = ids[first:first + 500]
            marks = marks_for(chunk)
            removal.read.update((r["article_id"], r["read_at"]) for r in db.execute(
                f"SELECT article_id, read_at FROM read_state WHERE article_id IN ({marks})", chunk))
            kept = [r["article_id"] for r in db.execute(
                f"SELECT DISTINCT article_id FROM bookmarks WHERE article_id IN ({marks})", chunk)]
            removal.bookmarked += kept
            if kept:
                db.execute(f"INSERT OR REPLACE INTO removed_articles ({_KEPT_COLUMNS}, removed_at) "
                           f"SELECT {_KEPT_COLUMNS}, ? FROM articles WHERE id IN ({marks_for(kept)})", [now, *kept])
            db.execute(f"DELETE FROM read_state WHERE article_id IN ({marks})", chunk)
            story_clusters.leave_stories(db, chunk)  # their story shrinks; its rows would go with them otherwise
            db.execute(f"DELETE FROM articles WHERE id IN ({marks})", chunk)
    _forget_in_search(library, ids)
    library.refresh_entities()
    return removal


def _forget_in_search(library, ids: list[str]) -> None:
    # The one place removal reaches the search engine (it moves behind the search backend later).
    library.index.delete(ids)


def undo_removal(library, removal: Removal) -> int:
    """Put removed articles back as they were (read state too); returns how many came back."""
    if not removal.articles:
        return 0
    report = library.add_articles(removal.articles)
    ids = [a.id for a in removal.articles]
    with library.store.transaction() as db:
        db.executemany("DELETE FROM removed_articles WHERE id = ?", [(i,) for i in ids])
        db.executemany("INSERT OR REPLACE INTO read_state (article_id, read_at) VALUES (?, ?)",
                       list(removal.read.items()))
    return report.added + report.updated
