"""Read state: an article opened in the app is read; what came since the last visit is new."""

from __future__ import annotations

import json

from index.feeds.subscriptions import now_iso
from index.listing import LISTED_COLUMNS, listed_values
from index.models import ArticleSummary
from index.store import Store

LAST_VISIT_KEY = "last_visit"
_UNREAD = (f"SELECT {LISTED_COLUMNS} FROM articles WHERE NOT EXISTS "
           "(SELECT 1 FROM read_state r WHERE r.article_id = articles.id) "
           "ORDER BY published_ts IS NULL, published_ts DESC, title LIMIT ? OFFSET ?")


def _kept(store: Store) -> bool:
    """Whether the library has a read state: one from before feeds, opened read-only, has none."""
    return bool(store.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'read_state'"))


def mark_read(store: Store, article_ids: list[str]) -> None:
    """Remember these articles as read (not on a read-only library: it cannot be changed)."""
    if store.read_only:
        return
    stamp = now_iso()
    with store.transaction() as db:
        db.executemany("INSERT OR IGNORE INTO read_state (article_id, read_at) VALUES (?, ?)",
                       [(article_id, stamp) for article_id in article_ids])


def mark_unread(store: Store, article_ids: list[str]) -> None:
    with store.transaction() as db:
        db.executemany("DELETE FROM read_state WHERE article_id = ?", [(i,) for i in article_ids])


def read_ids(store: Store) -> set[str]:
    """Every article read so far (few next to the library: what one person has opened)."""
    if not _kept(store):
        return set()
    return {row["article_id"] for row in store.query("SELECT article_id FROM read_state")}


def unread_count(store: Store) -> int:
    if not _kept(store):
        return store.count()
    return store.query("SELECT count(*) AS n FROM articles WHERE id NOT IN "
                       "(SELECT article_id FROM read_state)")[0]["n"]


def unread_summaries(store: Store, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
    """The unread articles, newest first (undated ones last), as `reader articles` lists them."""
    if not _kept(store):
        return store.summaries(limit=limit, offset=offset)
    rows = store.query(_UNREAD, (-1 if limit is None else limit, offset))
    return [ArticleSummary(**listed_values(row), path=row["path"], url=row["url"], tags=json.loads(row["tags"]))
            for row in rows]


def begin_visit(store: Store) -> str | None:
    """Start a visit: returns when the previous one began (None for the first) and records now."""
    previous = store.get_meta(LAST_VISIT_KEY)
    if not store.read_only:
        store.set_meta(LAST_VISIT_KEY, now_iso())
    return previous


def new_since(store: Store, since: str | None) -> int:
    """Unread articles added to the library since a visit began (every unread one for a first visit)."""
    if since is None or not _kept(store):
        return unread_count(store) if since is None else 0
    return store.query("SELECT count(*) AS n FROM articles WHERE added_at >= ? AND id NOT IN "
                       "(SELECT article_id FROM read_state)", (since,))[0]["n"]
