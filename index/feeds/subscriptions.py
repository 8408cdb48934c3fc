"""The subscriptions and what each feed has carried, in the library's SQLite database."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from datetime import datetime, timezone

from index.errors import ReaderError
from index.store import Store


class UnknownFeed(ReaderError):
    def __init__(self, feed_id: object):
        super().__init__(f"There is no feed with id {feed_id}; 'reader feeds list' shows them.")


@dataclass
class Feed:
    id: int
    url: str
    title: str | None = None
    tags: list[str] = field(default_factory=list)
    full_text: bool = True
    etag: str | None = None
    last_modified: str | None = None
    last_fetched: str | None = None
    last_status: str | None = None  # "ok", "not modified", "error"
    error: str | None = None
    retry_not_before: float | None = None
    articles: int = 0


@dataclass
class StoredItem:
    article_id: str
    item_hash: str


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _feed(row: sqlite3.Row) -> Feed:
    return Feed(
        id=row["id"], url=row["url"], title=row["title"], tags=json.loads(row["tags"]),
        full_text=bool(row["full_text"]), etag=row["etag"], last_modified=row["last_modified"],
        last_fetched=row["last_fetched"], last_status=row["last_status"], error=row["error"],
        retry_not_before=row["retry_not_before"], articles=row["articles"],
    )


_SELECT = """SELECT feeds.*, (SELECT count(DISTINCT fi.article_id) FROM feed_items fi
                 JOIN articles a ON a.id = fi.article_id WHERE fi.feed_id = feeds.id) AS articles
             FROM feeds"""


class Subscriptions:
    def __init__(self, store: Store):
        self.store = store

    def all(self) -> list[Feed]:
        if not self.store.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'feeds'"):
            return []  # a library from before feeds, opened read-only
        return [_feed(row) for row in self.store.query(f"{_SELECT} ORDER BY feeds.id")]

    def get(self, feed_id: int) -> Feed:
        rows = self.store.query(f"{_SELECT} WHERE feeds.id = ?", (feed_id,))
        if not rows:
            raise UnknownFeed(feed_id)
        return _feed(rows[0])

    def by_url(self, url: str) -> Feed | None:
        rows = self.store.query(f"{_SELECT} WHERE feeds.url = ?", (url,))
        return _feed(rows[0]) if rows else None

    def add(self, url: str, tags: list[str] | None = None, title: str | None = None,
            full_text: bool = True) -> Feed:
        """Subscribe (or, for a URL already subscribed, add the tags to it)."""
        existing = self.by_url(url)
        if existing is not None:
            merged = list(dict.fromkeys(existing.tags + (tags or [])))
            self.update(existing.id, tags=json.dumps(merged, ensure_ascii=False))
            return self.get(existing.id)
        with self.store.transaction() as db:
            cursor = db.execute(
                "INSERT INTO feeds (url, title, tags, full_text, added_at) VALUES (?, ?, ?, ?, ?)",
                (url, title, json.dumps(tags or [], ensure_ascii=False), int(full_text), now_iso()))
            feed_id = cursor.lastrowid
            assert feed_id is not None  # set by the INSERT
        return self.get(feed_id)

    def update(self, feed_id: int, **values: object) -> None:
        if not values:
            return
        columns = ", ".join(f"{name} = ?" for name in values)
        with self.store.transaction() as db:
            db.execute(f"UPDATE feeds SET {columns} WHERE id = ?", (*values.values(), feed_id))

    def move(self, feed_id: int, new_url: str) -> None:
        """A permanent redirect: the feed lives at new_url now (unless another subscription has it)."""
        if self.by_url(new_url) is None:
            self.update(feed_id, url=new_url)

    def remove(self, feed_id: int) -> tuple[Feed, list[str]]:
        """Unsubscribe; returns the feed and the articles only it brought (for --with-articles)."""
        feed = self.get(feed_id)
        only_here = [row["article_id"] for row in self.store.query(
            """SELECT DISTINCT article_id FROM feed_items WHERE feed_id = ? AND article_id NOT IN
                   (SELECT article_id FROM feed_items WHERE feed_id != ?)""", (feed_id, feed_id))]
        with self.store.transaction() as db:
            db.execute("DELETE FROM feed_items WHERE feed_id = ?", (feed_id,))
            db.execute("DELETE FROM feeds WHERE id = ?", (feed_id,))
        return feed, only_here

    def stored_items(self, feed_id: int) -> dict[str, StoredItem]:
        """What the feed carried before, by GUID, for items whose article is still in the library."""
        return {row["guid"]: StoredItem(row["article_id"], row["item_hash"]) for row in self.store.query(
            """SELECT fi.guid, fi.article_id, fi.item_hash FROM feed_items fi
               JOIN articles a ON a.id = fi.article_id WHERE fi.feed_id = ?""", (feed_id,))}

    def record_items(self, feed_id: int, items: list[tuple[str, str, str, str | None, bool]]) -> None:
        """(guid, article id, item hash, author, teaser only) for each item now in the library."""
        seen = now_iso()
        with self.store.transaction() as db:
            db.executemany(
                """INSERT INTO feed_items (feed_id, guid, article_id, item_hash, author, teaser_only, seen_at)
                   VALUES (?, ?, ?, ?, ?, ?, ?)
                   ON CONFLICT(feed_id, guid) DO UPDATE SET article_id = excluded.article_id,
                       item_hash = excluded.item_hash, author = excluded.author,
                       teaser_only = excluded.teaser_only, seen_at = excluded.seen_at""",
                [(feed_id, guid, article, item_hash, author, int(teaser), seen)
                 for guid, article, item_hash, author, teaser in items])

    def article_by_guid(self, guid: str) -> str | None:
        """An article already in the library under this GUID (from any feed, or a feed file)."""
        rows = self.store.query("SELECT id FROM articles WHERE item_key = ? LIMIT 1", (guid,))
        if rows:
            return rows[0]["id"]
        rows = self.store.query("SELECT article_id FROM feed_items WHERE guid = ? LIMIT 1", (guid,))
        return rows[0]["article_id"] if rows else None
