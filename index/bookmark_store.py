"""Bookmarks in the library's SQLite database.

Every write is one transaction that has committed before the method returns, and a
bookmark is one row, so a killed process never loses a saved bookmark nor leaves half of one.
A passage keeps its offsets and its quoted text: when the article's body changes, the quote
is looked up again on reading (the stored row is left as it was).
"""

from __future__ import annotations

import builtins  # BookmarkStore.list hides the builtin in the annotations after it
import json
import logging
import re
import sqlite3
import unicodedata
from collections.abc import Iterable
from datetime import datetime, timezone

from index.errors import ReaderError, UnknownArticle
from index.models import Article, Bookmark
from index.store import Store

log = logging.getLogger(__name__)

# AUTOINCREMENT: a removed bookmark's id is never given to a new one, so undo can restore it.
# No foreign key to articles: a bookmark outlives its article (see removed_articles below).
_BOOKMARKS_TABLE = """CREATE TABLE IF NOT EXISTS bookmarks (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        article_id TEXT NOT NULL,
        start INTEGER,
        end INTEGER,
        quote TEXT,
        note TEXT NOT NULL DEFAULT '',
        tags TEXT NOT NULL DEFAULT '[]',
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        CHECK ((start IS NULL) = (end IS NULL)),
        CHECK (start IS NULL OR (start >= 0 AND end > start))
    )"""
_SCHEMA = (
    _BOOKMARKS_TABLE,
    "CREATE INDEX IF NOT EXISTS bookmarks_by_article ON bookmarks(article_id, start)",
    # What a bookmarked article was when the user removed it from the library (reader remove):
    # its bookmarks still list, show and export.
    """CREATE TABLE IF NOT EXISTS removed_articles (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        source TEXT,
        published TEXT,
        published_ts REAL,
        published_precision TEXT,
        kind TEXT NOT NULL DEFAULT 'article',
        path TEXT,
        url TEXT,
        tags TEXT NOT NULL DEFAULT '[]',
        removed_at TEXT NOT NULL
    )""",
    # What the foreign key used to guarantee: a bookmarked article is deleted only with its copy kept.
    """CREATE TRIGGER IF NOT EXISTS bookmarked_articles_are_kept BEFORE DELETE ON articles
    WHEN EXISTS (SELECT 1 FROM bookmarks WHERE article_id = OLD.id)
         AND NOT EXISTS (SELECT 1 FROM removed_articles WHERE id = OLD.id)
    BEGIN SELECT RAISE(ABORT, 'a bookmarked article is deleted only with a copy kept in removed_articles'); END""",
)
_SCHEMA_NAMES = {"bookmarks", "removed_articles", "bookmarked_articles_are_kept"}

# A bookmark reads its article from the library, or else from what was kept when it was removed.
# `anchored` says whether the stored offsets still cut the stored quote out of the body.
_SELECT = """
    SELECT b.id, b.article_id, b.start, b.end, b.quote, b.note, b.tags, b.created, b.updated,
           coalesce(a.published_ts, r.published_ts) AS published_ts, coalesce(a.title, r.title, '') AS title,
           a.id IS NULL AS article_removed,
           (b.quote IS NULL OR substr(coalesce(a.body, r.body), b.start + 1, b.end - b.start) = b.quote) AS anchored
    FROM bookmarks b LEFT JOIN articles a ON a.id = b.article_id LEFT JOIN removed_articles r ON r.id = b.article_id
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
        names = {r["name"] for r in store.query("SELECT name FROM sqlite_master")}
        if not _SCHEMA_NAMES <= names:
            with store.transaction() as db:
                for statement in _SCHEMA:
                    db.execute(statement)
        if store.query("SELECT 1 FROM pragma_foreign_key_list('bookmarks') WHERE \"table\" = 'articles'"):
            self._drop_article_key()

    def _drop_article_key(self) -> None:
        """Libraries from before `reader remove` tied bookmarks to articles with a foreign key;
        the table is rebuilt without it (same rows, same ids), once."""
        if self.store.read_only_reason:
            return
        with self.store.transaction() as db:
            # The trigger would follow the renamed table: dropped first, made again below.
            db.execute("DROP TRIGGER IF EXISTS bookmarked_articles_are_kept")
            db.execute("ALTER TABLE bookmarks RENAME TO bookmarks_before_removal")
            db.execute(_BOOKMARKS_TABLE)
            db.execute("INSERT INTO bookmarks SELECT * FROM bookmarks_before_removal")
            db.execute("DROP TABLE bookmarks_before_removal")
            for statement in _SCHEMA:
                db.execute(statement)

    # --- reading --------------------------------------------------------------

    def list(self) -> list[Bookmark]:
        """All bookmarks: oldest article first (undated last), then by position in the article."""
        return self._load(self.store.query(_SELECT))

    def for_article(self, article_id: str) -> builtins.list[Bookmark]:
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
            assert new_id is not None  # set by the INSERT
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

    def insert_many(self, bookmarks: builtins.list[Bookmark], *, skip_duplicates: bool = False) -> builtins.list[Bookmark]:
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
                assert cursor.lastrowid is not None  # set by the INSERT
                written.append(cursor.lastrowid)
        return [self.get(i) for i in written]

    # --- helpers --------------------------------------------------------------

    @staticmethod
    def _body(db: sqlite3.Connection, article_id: str) -> str:
        """The article's text, in the library or as kept when it was removed."""
        row = db.execute("SELECT body FROM articles WHERE id = ? UNION ALL "
                         "SELECT body FROM removed_articles WHERE id = ? LIMIT 1", (article_id, article_id)).fetchone()
        if row is None:
            raise UnknownArticle(article_id)
        return row["body"]

    def article(self, article_id: str) -> tuple[Article, bool]:
        """A bookmarked article and whether it was removed from the library (then: as it was kept)."""
        rows = self.store.query("SELECT * FROM articles WHERE id = ?", (article_id,))
        if rows:
            return self.store.get(article_id), False
        rows = self.store.query("SELECT * FROM removed_articles WHERE id = ?", (article_id,))
        if not rows:
            raise UnknownArticle(article_id)
        row = rows[0]
        return Article(id=row["id"], title=row["title"], body=row["body"], source=row["source"],
                       published=datetime.fromisoformat(row["published"]) if row["published"] else None,
                       published_precision=row["published_precision"], kind=row["kind"], path=row["path"],
                       url=row["url"], tags=json.loads(row["tags"])), True

    def _load(self, rows: builtins.list[sqlite3.Row]) -> builtins.list[Bookmark]:
        keyed = []
        for row in rows:
            start, end = row["start"], row["end"]
            if not row["anchored"]:
                start, end = self._relocate(row)
            bookmark = Bookmark(
                id=row["id"], article=row["article_id"], start=start, end=end, quote=row["quote"],
                note=row["note"], tags=json.loads(row["tags"]),
                created=datetime.fromisoformat(row["created"]), updated=datetime.fromisoformat(row["updated"]),
                article_removed=bool(row["article_removed"]),
            )
            published = row["published_ts"]
            keyed.append(((published is None, published or 0.0, row["title"].casefold(), row["article_id"],
                           start is not None, start or 0, end or 0, row["id"]), bookmark))
        keyed.sort(key=lambda pair: pair[0])
        return [bookmark for _, bookmark in keyed]

    def _relocate(self, row: sqlite3.Row) -> tuple[int | None, int | None]:
        """Where the quote is now that the body changed: the occurrence nearest the old place."""
        body = self.store.query("SELECT body FROM articles WHERE id = ? UNION ALL SELECT body FROM removed_articles "
                                "WHERE id = ? LIMIT 1", (row["article_id"], row["article_id"]))[0]["body"]
        span = find_quote(body, row["quote"], near=row["start"])
        if span is None:
            log.warning("bookmark %s: its quote no longer occurs in article %s", row["id"], row["article_id"])
            return None, None
        return span


def _tags_json(tags: Iterable[str]) -> str:
    return json.dumps(normalise_tags(tags), ensure_ascii=False)
