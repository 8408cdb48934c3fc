"""Bookmarks in the library's SQLite database.

Every write is one transaction that has committed before the method returns, and a
bookmark is one row, so a killed process never loses a saved bookmark nor leaves half of one.
A passage keeps its offsets and its quoted text: when the article's body changes, the quote
is looked up again on reading (the stored row is left as it was).
"""

from __future__ import annotations

import json
import logging
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from datetime import datetime, timezone

from index.errors import ReaderError, UnknownArticle
from index.models import Bookmark
from index.store import Store

log = logging.getLogger(__name__)

# AUTOINCREMENT: a removed bookmark's id is never given to a new one, so undo can restore it.
# RESTRICT: deleting an article must not silently take its bookmarks with it.
_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS bookmarks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE RESTRICT,
        start INTEGER,
        end INTEGER,
        quote TEXT,
        note TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        CHECK ((start IS NULL) = (end IS NULL)),
        CHECK (start IS NULL OR (start >= 0 AND end > start))
    )""",
    "CREATE INDEX IF NOT EXISTS bookmarks_by_article ON bookmarks(article_id, start)",
)

# `anchored` says whether the stored offsets still cut the stored quote out of the body.
_SELECT = """
    SELECT b.id, b.article_id, b.start, b.end, b.quote, b.note, b.tags, b.created, b.updated,
           a.published_ts, a.title,
           (b.quote IS NULL OR substr(a.body, b.start + 1, b.end - b.start) = b.quote) AS anchored
    FROM bookmarks b JOIN articles a ON a.id = b.article_id
"""

# Characters a typed quote may use in place of the article's (typographic quotes, dashes).
_EQUIVALENT_CHARS = ("\"„“”«»‟", "'‚‘’‹›`´", "-‐‑‒–—")
_QUOTE_MARKS = _EQUIVALENT_CHARS[0] + _EQUIVALENT_CHARS[1]


_MAX_ID = 2**63 - 1  # SQLite's largest integer: a larger id is not kept, the bookmark gets a new one


class UnknownBookmark(ReaderError):
    def __init__(self, bookmark_id: int):
        super().__init__(f"No bookmark with id {bookmark_id}.")
        self.bookmark_id = bookmark_id


class QuoteNotFound(ReaderError):
    def __init__(self, article_id: str, quote: str):
        shown = quote if len(quote) <= 60 else quote[:57] + "..."
        super().__init__(f"The quote {shown!r} does not occur in article {article_id}.")
        self.article_id = article_id
        self.quote = quote


class InvalidPassage(ReaderError):
    """Offsets that do not describe a passage of the article, or an empty quote."""


def utc_now() -> datetime:
    return datetime.now(timezone.utc).replace(microsecond=0)


def _iso(value: datetime) -> str:
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).isoformat()


def normalise_tags(tags: Iterable[str]) -> list[str]:
    """Trimmed, without a leading '#', inner whitespace collapsed, no duplicates (ignoring case)."""
    seen: set[str] = set()
    result = []
    for tag in tags:
        clean = " ".join(str(tag).strip().lstrip("#").split())
        if clean and clean.casefold() not in seen:
            seen.add(clean.casefold())
            result.append(clean)
    return result


def normalise_note(note: str) -> str:
    """Line endings unified, trailing blanks on each line and blanks around the note removed."""
    lines = str(note).replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def _quote_pattern(quote: str) -> re.Pattern[str]:
    """Matches the quote in a body regardless of whitespace and of quote-mark and dash style."""
    def char(c: str) -> str:
        for group in _EQUIVALENT_CHARS:
            if c in group:
                return "[" + re.escape(group) + "]"
        return re.escape(c)

    words = unicodedata.normalize("NFC", quote).split()
    return re.compile(r"\s+".join("".join(char(c) for c in word) for word in words))


def find_quote(body: str, quote: str, near: int | None = None) -> tuple[int, int] | None:
    """Offsets of the quote in the body: the first occurrence, or the one nearest to `near`."""
    if not quote.split():
        return None
    matches = [m.span() for m in _quote_pattern(quote).finditer(body)]
    inner = quote.strip()
    if not matches and len(inner) > 2 and inner[0] in _QUOTE_MARKS and inner[-1] in _QUOTE_MARKS:
        # Quotation marks typed around the passage rather than part of it.
        return find_quote(body, inner[1:-1], near)
    if not matches:
        return None
    if near is None:
        return matches[0]
    return min(matches, key=lambda span: abs(span[0] - near))


def resolve_passage(article_id: str, body: str, start: int | None, end: int | None,
                    quote: str | None) -> tuple[int | None, int | None, str | None]:
    """(start, end, quote) for a new bookmark: offsets win; a quote alone is looked up."""
    if (start is None) != (end is None):
        raise InvalidPassage("A passage needs both a start and an end offset.")
    if start is not None and end is not None:
        if not 0 <= start < end <= len(body):
            raise InvalidPassage(
                f"The passage {start}–{end} is not inside article {article_id} ({len(body)} characters).")
        return start, end, body[start:end]
    if quote is None:
        return None, None, None
    if not quote.strip():
        raise InvalidPassage("The quote is empty; give some text of the article, or no quote at all.")
    span = find_quote(body, quote)
    if span is None:
        raise QuoteNotFound(article_id, quote.strip())
    return span[0], span[1], body[span[0]:span[1]]


class BookmarkStore:
    """The bookmarks of one library, kept in its SQLite database."""

    def __init__(self, store: Store):
        self.store = store
        # Only write when the table is missing, so a read-only library still opens.
        if not store.query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'bookmarks'"):
            with store.transaction() as db:
                for statement in _SCHEMA:
                    db.execute(statement)

    # --- reading --------------------------------------------------------------

    def list(self) -> list[Bookmark]:
        """All bookmarks: oldest article first (undated last), then by position in the article."""
        return self._load(self.store.query(_SELECT))

    def for_article(self, article_id: str) -> list[Bookmark]:
        """The bookmarks of one article, article-level ones first, then by position."""
        return self._load(self.store.query(_SELECT + " WHERE b.article_id = ?", (article_id,)))

    def get(self, bookmark_id: int) -> Bookmark:
        found = self._load(self.store.query(_SELECT + " WHERE b.id = ?", (bookmark_id,)))
        if not found:
            raise UnknownBookmark(bookmark_id)
        return found[0]

    def count(self) -> int:
        return self.store.query("SELECT count(*) AS n FROM bookmarks")[0]["n"]

    def entity_names(self, entity_ids: Iterable[str]) -> dict[str, str]:
        """Display names of entities by id (for the export), without the corpus-wide counting
        that Library.entities does; ids without a row are left out."""
        ids = sorted(set(entity_ids))
        names: dict[str, str] = {}
        for first in range(0, len(ids), 500):
            chunk = ids[first:first + 500]
            rows = self.store.query(f"SELECT id, name FROM entities WHERE id IN ({','.join('?' * len(chunk))})", chunk)
            names.update((r["id"], r["name"]) for r in rows)
        return names

    def find_article(self, *, article_id: str | None = None, url: str | None = None, path: str | None = None,
                     title: str | None = None, published: str | None = None) -> str | None:
        """The id of the stored article that best fits: same id, then URL, then path, then title.

        Several candidates (a feed file holds many articles) are narrowed by title and date;
        None when nothing fits or the choice stays ambiguous.
        """
        if article_id and self.store.query("SELECT 1 FROM articles WHERE id = ?", (article_id,)):
            return article_id
        for column, value in (("url", url), ("path", path), ("title", title)):
            if not value:
                continue
            rows = self.store.query(f"SELECT id, title, published FROM articles WHERE {column} = ?", (value,))
            for narrow in (lambda r: True, lambda r: r["title"] == title, lambda r: r["published"] == published):
                rows = [r for r in rows if narrow(r)] or rows
                if len(rows) == 1:
                    return rows[0]["id"]
        return None

    # --- writing --------------------------------------------------------------

    def add(self, article_id: str, *, start: int | None = None, end: int | None = None,
            quote: str | None = None, note: str = "", tags: Iterable[str] = ()) -> Bookmark:
        """Bookmark an article, or a passage given by offsets or by a quote of its text."""
        now = utc_now()
        with self.store.transaction() as db:
            body = self._body(db, article_id)
            start, end, quote = resolve_passage(article_id, body, start, end, quote)
            cursor = db.execute(
                "INSERT INTO bookmarks (article_id, start, end, quote, note, tags, created, updated) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                (article_id, start, end, quote, normalise_note(note), _tags_json(tags), _iso(now), _iso(now)),
            )
            new_id = cursor.lastrowid
        log.info("bookmark %s added to article %s", new_id, article_id)
        return self.get(new_id)

    def update(self, bookmark_id: int, *, note: str | None = None,
               tags: Iterable[str] | None = None) -> Bookmark:
        """Change the note and/or the tags; None leaves a field as it is."""
        with self.store.transaction() as db:
            row = db.execute("SELECT note, tags FROM bookmarks WHERE id = ?", (bookmark_id,)).fetchone()
            if row is None:
                raise UnknownBookmark(bookmark_id)
            new_note = row["note"] if note is None else normalise_note(note)
            new_tags = row["tags"] if tags is None else _tags_json(tags)
            if (new_note, new_tags) != (row["note"], row["tags"]):
                db.execute("UPDATE bookmarks SET note = ?, tags = ?, updated = ? WHERE id = ?",
                           (new_note, new_tags, _iso(utc_now()), bookmark_id))
        return self.get(bookmark_id)

    def remove(self, bookmark_id: int) -> Bookmark:
        """Delete a bookmark and return it, so it can be restored (undo)."""
        removed = self.get(bookmark_id)
        with self.store.transaction() as db:
            if db.execute("DELETE FROM bookmarks WHERE id = ?", (bookmark_id,)).rowcount == 0:
                raise UnknownBookmark(bookmark_id)
        log.info("bookmark %s removed", bookmark_id)
        return removed

    def restore(self, bookmark: Bookmark) -> Bookmark:
        """Put a removed bookmark back, under its old id if that is still free."""
        return self.insert_many([bookmark])[0]

    def insert_many(self, bookmarks: list[Bookmark], *, skip_duplicates: bool = False) -> list[Bookmark]:
        """Write whole bookmarks (times, note, tags as given) in one transaction.

        Each keeps its id when that is free. With skip_duplicates, a bookmark of the same passage
        with the same note as one that existed before this call is left out (two such bookmarks
        in the input are both written, as they were both in the source). Returns those written.
        """
        written: list[int] = []
        with self.store.transaction() as db:
            existing = set()
            if skip_duplicates:
                existing = {tuple(r) for r in db.execute("SELECT article_id, start, end, quote, note FROM bookmarks")}
            for bookmark in bookmarks:
                self._body(db, bookmark.article)
                note = normalise_note(bookmark.note)
                if (bookmark.article, bookmark.start, bookmark.end, bookmark.quote, note) in existing:
                    continue
                taken = db.execute("SELECT 1 FROM bookmarks WHERE id = ?", (bookmark.id,)).fetchone()
                cursor = db.execute(
                    "INSERT INTO bookmarks (id, article_id, start, end, quote, note, tags, created, updated) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (None if taken or not 1 <= bookmark.id <= _MAX_ID else bookmark.id, bookmark.article, bookmark.start,
                     bookmark.end, bookmark.quote, note, _tags_json(bookmark.tags),
                     _iso(bookmark.created), _iso(bookmark.updated)),
                )
                written.append(cursor.lastrowid)
        return [self.get(i) for i in written]

    # --- helpers --------------------------------------------------------------

    @staticmethod
    def _body(db: sqlite3.Connection, article_id: str) -> str:
        row = db.execute("SELECT body FROM articles WHERE id = ?", (article_id,)).fetchone()
        if row is None:
            raise UnknownArticle(article_id)
        return row["body"]

    def _load(self, rows: list[sqlite3.Row]) -> list[Bookmark]:
        keyed = []
        for row in rows:
            start, end = row["start"], row["end"]
            if not row["anchored"]:
                start, end = self._relocate(row)
            bookmark = Bookmark(
                id=row["id"], article=row["article_id"], start=start, end=end, quote=row["quote"],
                note=row["note"], tags=json.loads(row["tags"]),
                created=datetime.fromisoformat(row["created"]), updated=datetime.fromisoformat(row["updated"]),
            )
            published = row["published_ts"]
            keyed.append(((published is None, published or 0.0, row["title"].casefold(), row["article_id"],
                           start is not None, start or 0, end or 0, row["id"]), bookmark))
        keyed.sort(key=lambda pair: pair[0])
        return [bookmark for _, bookmark in keyed]

    def _relocate(self, row: sqlite3.Row) -> tuple[int | None, int | None]:
        """Where the quote is now that the body changed: the occurrence nearest the old place."""
        body = self.store.query("SELECT body FROM articles WHERE id = ?", (row["article_id"],))[0]["body"]
        span = find_quote(body, row["quote"], near=row["start"])
        if span is None:
            log.warning("bookmark %s: its quote no longer occurs in article %s", row["id"], row["article_id"])
            return None, None
        return span


def _tags_json(tags: Iterable[str]) -> str:
    return json.dumps(normalise_tags(tags), ensure_ascii=False)
