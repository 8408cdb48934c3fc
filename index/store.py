"""SQLite, the system of record: articles, mentions, entities, bookmarks.

The search index is derived from this database and can always be rebuilt from it.
An article row carries ``indexed = 0`` until the search index has committed it, so a
crash between the two commits is repaired on the next open.
"""

from __future__ import annotations

import json
import logging
import os
import shutil
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from index.errors import LibraryError, LibraryFull, LibraryReadOnly, UnknownArticle
from index.listing import listed_values, newest_rows
from index.models import Article, ArticleSummary, Mention, Quote
from index.store_journal import LINK_ENTITIES, StoreJournal, now as _now
from index.store_reading import open_read_only

log = logging.getLogger(__name__)

# The layout of the database. A library written by an older version is brought up to this one on
# opening for writing (Store._upgrade); one written by a newer version is refused.
STORE_VERSION = 2
# How long a write waits for another process's write to finish before giving up.
WRITE_WAIT_SECONDS = 600.0
# SQLite's own busy wait per attempt; between attempts the writer may say that it waits.
_BUSY_TIMEOUT_SECONDS = 2.0
# SQLite's page cache of a writing connection, in KiB. An import inserts copy band keys and story
# features at random places of B-trees that outgrow the default 2 MB by 10,000 articles; each miss
# then costs a page read and parse (bench/README.md, issue 24). Pages are cached as they are read.
_WRITER_CACHE_KIB = 64 * 1024
WAITING_MESSAGE = "Waiting for another reader process to finish writing to the library…"
READ_ONLY_MESSAGE = "The library in {folder} is read-only: it can be read, not changed."
FULL_MESSAGE = ("The library in {folder} cannot be written: the disk is full. It was opened for reading "
                "only; nothing was lost. Free some space to add or change anything.")

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
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
    item_key TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    fingerprint TEXT NOT NULL,
    added_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    indexed INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS articles_origin ON articles(path, item_key);
CREATE INDEX IF NOT EXISTS articles_url ON articles(url);
CREATE INDEX IF NOT EXISTS articles_fingerprint ON articles(fingerprint);
CREATE INDEX IF NOT EXISTS articles_newest ON articles(published_ts DESC, title);
CREATE INDEX IF NOT EXISTS articles_unindexed ON articles(indexed) WHERE indexed = 0;
CREATE TABLE IF NOT EXISTS mentions (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    raw_entity TEXT NOT NULL,
    kind TEXT NOT NULL,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    text TEXT NOT NULL,
    partial INTEGER NOT NULL DEFAULT 0,
    role TEXT
);
CREATE INDEX IF NOT EXISTS mentions_by_article ON mentions(article_id, start);
CREATE INDEX IF NOT EXISTS mentions_by_entity ON mentions(raw_entity);
-- Corpus-level linking: which final entity each provisional (raw) id resolves to.
-- entity NULL means the user suppressed it.
CREATE TABLE IF NOT EXISTS entity_map (raw_entity TEXT PRIMARY KEY, entity TEXT);
-- person:Merz looks up every raw id of one entity (without an index: a scan of the table).
CREATE INDEX IF NOT EXISTS entity_map_by_entity ON entity_map(entity);
CREATE TABLE IF NOT EXISTS entities (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL,
    aliases TEXT NOT NULL DEFAULT '[]',
    roles TEXT NOT NULL DEFAULT '[]',
    -- Corpus-wide counts, kept by every resolution so listing entities needs no scan of mentions.
    articles INTEGER NOT NULL DEFAULT 0,
    mentions INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS entities_by_name ON entities(name COLLATE NOCASE);
-- Every name and alias of every entity, case-folded, for lookups by name.
CREATE TABLE IF NOT EXISTS entity_names (name TEXT NOT NULL, entity TEXT NOT NULL);
CREATE INDEX IF NOT EXISTS entity_names_by_name ON entity_names(name);
-- Work still to do after articles were written (e.g. 'link-entities'), recorded in the same
-- transaction as the articles, so that a process killed before doing it leaves it to the next
-- one. generation counts the writes that asked for it: linking clears only what it has seen.
CREATE TABLE IF NOT EXISTS pending_work (step TEXT PRIMARY KEY, generation INTEGER NOT NULL DEFAULT 1);
-- Articles stored without their entities because recognition raised on them; retried by the
-- next import and by doctor --fix.
CREATE TABLE IF NOT EXISTS analysis_failures (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    error TEXT NOT NULL,
    failed_at TEXT NOT NULL
);
"""

# Quotes (index/entities/quotes.py, index/store_quotes.py): offsets into the body, speaker as the
# provisional entity id the recogniser gave (resolved through entity_map like a mention).
# quote_state says which articles have their quotes and by which version of the recogniser;
# an article missing from it gets them on the next import, reindex or doctor --fix.
_QUOTES_SCHEMA = """
CREATE TABLE IF NOT EXISTS quotes (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    start INTEGER NOT NULL,
    end INTEGER NOT NULL,
    kind TEXT NOT NULL,
    cue TEXT,
    speaker TEXT,
    speaker_text TEXT
);
CREATE INDEX IF NOT EXISTS quotes_by_article ON quotes(article_id, start);
CREATE INDEX IF NOT EXISTS quotes_by_speaker ON quotes(speaker);
CREATE TABLE IF NOT EXISTS quote_state (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version INTEGER NOT NULL
);
"""

# Columns added after a table was first created: (table, column, definition). A library written
# by an earlier version gets them on open, so it keeps working without a re-import.
_ADDED_COLUMNS = [
    ("mentions", "role", "TEXT"),
    ("entities", "articles", "INTEGER NOT NULL DEFAULT 0"),
    ("entities", "mentions", "INTEGER NOT NULL DEFAULT 0"),
]
# Facets (index.facets): the library's sources and each kind's entities by size, without a table scan.
_AFTER_MIGRATION = """
CREATE INDEX IF NOT EXISTS entities_by_mentions ON entities(mentions DESC);
CREATE INDEX IF NOT EXISTS entities_by_kind_articles ON entities(kind, articles DESC);
CREATE INDEX IF NOT EXISTS articles_by_source ON articles(source);
"""

# Feed subscriptions and read state (index/feeds/ reads and writes them). Kept apart from
# _SCHEMA: tables only added, so a library from before feeds gains them on open.
_FEEDS_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    url TEXT NOT NULL UNIQUE,
    title TEXT,
    tags TEXT NOT NULL DEFAULT '[]',
    full_text INTEGER NOT NULL DEFAULT 1,
    etag TEXT,
    last_modified TEXT,
    last_fetched TEXT,
    last_status TEXT,
    error TEXT,
    retry_not_before REAL,
    added_at TEXT NOT NULL
);
-- Each item a feed has carried: which article it became, and a hash of what the feed said,
-- so an unchanged item costs no page fetch and a changed one updates its article.
CREATE TABLE IF NOT EXISTS feed_items (
    feed_id INTEGER NOT NULL REFERENCES feeds(id) ON DELETE CASCADE,
    guid TEXT NOT NULL,
    article_id TEXT NOT NULL,
    item_hash TEXT NOT NULL,
    author TEXT,
    teaser_only INTEGER NOT NULL DEFAULT 0,
    seen_at TEXT NOT NULL,
    PRIMARY KEY (feed_id, guid)
);
CREATE INDEX IF NOT EXISTS feed_items_by_article ON feed_items(article_id);
CREATE INDEX IF NOT EXISTS articles_item_key ON articles(item_key);
-- An article opened in the app is read.
CREATE TABLE IF NOT EXISTS read_state (article_id TEXT PRIMARY KEY, read_at TEXT NOT NULL);
"""

# Copy groups, agency credits and stories (index/stories/). Kept apart from _SCHEMA like the
# feeds tables: a library from before them gains them on open.
_STORIES_SCHEMA = """
-- One row per article once grouped: its MinHash signature (NUM_PERM little-endian uint32; NULL
-- for a text too short to compare), the fingerprint it was made from, and its copy group (the
-- seq of the group's first-grouped member).
CREATE TABLE IF NOT EXISTS copy_signatures (
    seq INTEGER PRIMARY KEY,
    article_id TEXT NOT NULL UNIQUE REFERENCES articles(id) ON DELETE CASCADE,
    fingerprint TEXT NOT NULL,
    signature BLOB,
    shingles INTEGER,
    group_id INTEGER,
    similarity REAL
);
CREATE INDEX IF NOT EXISTS copy_signatures_by_group ON copy_signatures(group_id);
-- The LSH index: one row per band of each signature; articles sharing a key are candidates.
CREATE TABLE IF NOT EXISTS copy_bands (key INTEGER NOT NULL, seq INTEGER NOT NULL,
                                       PRIMARY KEY (key, seq)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS article_agencies (
    article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    agency TEXT NOT NULL,
    UNIQUE (article_id, agency)
);
CREATE INDEX IF NOT EXISTS article_agencies_by_agency ON article_agencies(agency);
-- Stories (index/stories/story_clusters.py): each article's story and the features it brought
-- (to take them back when its text changes); per story, how many of its articles carry each.
CREATE TABLE IF NOT EXISTS stories (
    id INTEGER PRIMARY KEY,
    title TEXT NOT NULL,
    first_ts REAL NOT NULL,
    last_ts REAL NOT NULL,
    size INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_by_last ON stories(last_ts);
-- The stories whose articles span some time, which are few: a lookup near a date finds those still
-- active there that ended later than its window without reading the one-article stories of then.
CREATE INDEX IF NOT EXISTS stories_spanning ON stories(last_ts) WHERE last_ts > first_ts;
CREATE TABLE IF NOT EXISTS story_articles (
    article_id TEXT PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    story_id INTEGER NOT NULL,
    features TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS story_articles_by_story ON story_articles(story_id);
-- Per story, how many of its articles carry each feature, keyed for the lookup by feature within a
-- time window: last_ts is the story's, so a lookup reads only stories active near an article's date
-- (a common word is carried by thousands of stories over a year). One B-tree that holds what the
-- lookup reads: a story's own rows are found from its articles' features and its last_ts.
CREATE TABLE IF NOT EXISTS feature_stories (
    feature TEXT NOT NULL,
    last_ts REAL NOT NULL,
    story_id INTEGER NOT NULL,
    count INTEGER NOT NULL,
    PRIMARY KEY (feature, last_ts, story_id)
) WITHOUT ROWID;
"""




def _summary(row: sqlite3.Row) -> ArticleSummary:
    return ArticleSummary(
        **listed_values(row),
        path=row["path"],
        url=row["url"],
        tags=json.loads(row["tags"]),
    )


def _writable(path: Path) -> bool:
    """Whether the database (or, before it exists, its folder) can be written by this process."""
    folder_ok = os.access(path.parent, os.W_OK) if path.parent.exists() else True
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def _reading_only_reason(error: LibraryError, path: Path) -> str:
    template = FULL_MESSAGE if isinstance(error, LibraryFull) else READ_ONLY_MESSAGE
    return template.format(folder=path.parent)


def _is_busy(exc: sqlite3.OperationalError) -> bool:
    message = str(exc).lower()
    return "locked" in message or "busy" in message


def _write_error(exc: sqlite3.Error, path: Path) -> LibraryError:
    """A sentence for a failed write; the transaction has been rolled back, so nothing half-done is kept."""
    message = str(exc).lower()
    if "full" in message or "disk i/o" in message:
        return LibraryFull(f"Cannot write to the library in {path.parent}: the disk is full or a size limit was "
                            "reached. Nothing was lost; free some space and run the command again.")
    if "readonly" in message or "read-only" in message:
        return LibraryReadOnly(f"The library in {path.parent} is read-only: it can be read, not changed.")
    return LibraryError(f"Could not write to the library database {path}: {exc}.")


def _article(row: sqlite3.Row) -> Article:
    summary = _summary(row)
    return Article(**summary.model_dump(), body=row["body"], item_key=row["item_key"])


class Store(StoreJournal):
    """One SQLite database file. Safe to share between threads (one lock)."""

    def __init__(self, path: Path, on_wait: Callable[[str], None] | None = None):
        self.path = path
        self.on_wait = on_wait  # told (once per wait) when another process holds the write lock
        self.write_wait_seconds = WRITE_WAIT_SECONDS
        self._lock = threading.RLock()
        self.read_only = not _writable(path)
        # Why the library can only be read, for the user (None while it can be written).
        self.read_only_reason: str | None = None
        self.disk_full = False  # opened for reading only because the disk is full
        self._copy_folder: Path | None = None  # where a read-only library is read from a copy
        if not self.read_only:
            try:
                self._db = self._open_for_writing(path)
                return
            except (LibraryFull, LibraryReadOnly) as error:
                if not path.exists():
                    raise
                log.warning("cannot write to the library (%s); opening it for reading only", error)
                self.read_only, self.disk_full = True, isinstance(error, LibraryFull)
                self.read_only_reason = _reading_only_reason(error, path)
        if not path.exists():
            raise LibraryError(f"The data directory {path.parent} is read-only and holds no library yet.")
        self.read_only_reason = self.read_only_reason or READ_ONLY_MESSAGE.format(folder=path.parent)
        self._db = self._open_for_reading(path)

    def refusal(self, what_cannot_happen: str) -> LibraryError:
        """The error for a write to a library opened for reading only."""
        if self.disk_full:
            return LibraryFull(FULL_MESSAGE.format(folder=self.path.parent))
        return LibraryReadOnly(f"The library in {self.path.parent} is read-only: {what_cannot_happen}.")

    def _open_for_writing(self, path: Path) -> sqlite3.Connection:
        try:
            db = sqlite3.connect(path, check_same_thread=False, timeout=_BUSY_TIMEOUT_SECONDS,
                                 isolation_level=None)
        except sqlite3.Error as exc:
            raise LibraryError(f"Cannot open the library database {path}: {exc}.") from exc
        self._db = db
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA foreign_keys = ON")
            # Switching a new file to WAL needs it to itself: another process may be creating it too.
            self._with_busy_wait(lambda: db.execute("PRAGMA journal_mode = WAL"))
            db.execute("PRAGMA synchronous = NORMAL")
            db.execute(f"PRAGMA cache_size = -{_WRITER_CACHE_KIB}")
            self._with_busy_wait(lambda: db.executescript(_SCHEMA))
            self._with_busy_wait(lambda: db.executescript(_FEEDS_SCHEMA))
            self._with_busy_wait(lambda: db.executescript(_STORIES_SCHEMA))
            self._with_busy_wait(lambda: db.executescript(_QUOTES_SCHEMA))
            self._with_busy_wait(self._add_missing_columns)
            self._with_busy_wait(self._check_version)
            self._with_busy_wait(self._upgrade)
        except sqlite3.OperationalError as exc:
            db.close()
            raise _write_error(exc, path) from exc
        except sqlite3.DatabaseError as exc:
            db.close()
            raise LibraryError(f"The library database {path} is damaged or not a database: {exc}.") from exc
        except LibraryError:
            db.close()
            raise
        return db

    def _open_for_reading(self, path: Path) -> sqlite3.Connection:
        try:
            db, note, self._copy_folder = open_read_only(path)
        except sqlite3.Error as exc:
            raise LibraryError(f"Cannot open the library database {path} for reading: {exc}.") from exc
        self._db = db
        db.row_factory = sqlite3.Row
        try:
            db.execute("PRAGMA foreign_keys = ON")
            self._check_version()
        except sqlite3.DatabaseError as exc:
            self.close()
            raise LibraryError(f"The library database {path} is damaged or not a database: {exc}.") from exc
        except LibraryError:
            self.close()
            raise
        if note:
            self.read_only_reason = f"{self.read_only_reason} {note}"
        log.info("library at %s opened for reading only", path.parent)
        return db

    def _add_missing_columns(self) -> None:
        for table, column, definition in _ADDED_COLUMNS:
            present = {row["name"] for row in self._db.execute(f"PRAGMA table_info({table})")}
            if column not in present:
                log.info("adding column %s.%s to an older library", table, column)
                self._db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {definition}")
                # Entity counts are filled by the next resolution, which this forces on open.
                self._db.execute("DELETE FROM meta WHERE key = 'aliases_stamp'")
        self._db.executescript(_AFTER_MIGRATION)

    def _check_version(self) -> None:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'store_version'").fetchone()
        if row is None and not self.read_only:
            # OR IGNORE: two processes opening a new library may both find no version yet.
            self._db.execute("INSERT OR IGNORE INTO meta VALUES ('store_version', ?)", (str(STORE_VERSION),))
        elif row is not None and int(row["value"]) > STORE_VERSION:
            raise LibraryError(
                f"The library at {self.path.parent} was written by a newer version of reader "
                f"(store version {row['value']}, this one reads {STORE_VERSION}). Upgrade reader to open it."
            )

    def _upgrade(self) -> None:
        """Bring a library of an older store version up to this one, in one transaction (another
        process opening it at the same time waits, then finds it done)."""
        if self._stored_version() >= STORE_VERSION:
            return
        self._db.execute("BEGIN IMMEDIATE")
        try:
            if self._stored_version() < 2 and self._has_table("story_features"):
                log.info("moving the stories' features of an older library into feature_stories")
                self._db.execute("INSERT OR IGNORE INTO feature_stories (feature, last_ts, story_id, count) "
                                 "SELECT feature, last_ts, story_id, count FROM story_features")
                self._db.execute("DROP TABLE story_features")
            self._db.execute("UPDATE meta SET value = ? WHERE key = 'store_version'", (str(STORE_VERSION),))
            self._db.execute("COMMIT")
        except BaseException:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            raise

    def _stored_version(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE key = 'store_version'").fetchone()
        return int(row["value"]) if row is not None else STORE_VERSION

    def _has_table(self, name: str) -> bool:
        return self._db.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                (name,)).fetchone() is not None

    def close(self) -> None:
        with self._lock:
            self._db.close()
            if self._copy_folder is not None:
                shutil.rmtree(self._copy_folder, ignore_errors=True)
                self._copy_folder = None

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        """One atomic write: everything inside commits together or not at all."""
        with self._lock:
            if self.read_only:
                raise self.refusal("it can be read, not changed")
            self._with_busy_wait(lambda: self._db.execute("BEGIN IMMEDIATE"))
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                if self._db.in_transaction:  # SQLite may have rolled back already (disk full)
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.OperationalError):
                    raise _write_error(exc, self.path) from exc
                raise

    def _with_busy_wait(self, attempt: Callable[[], object]) -> None:
        """Run a write statement; while another process holds the write lock, wait (and say so once)."""
        deadline = None
        while True:
            try:
                attempt()
                return
            except sqlite3.OperationalError as exc:
                if not _is_busy(exc):
                    raise _write_error(exc, self.path) from exc
                now = time.monotonic()
                if deadline is None:
                    deadline = now + self.write_wait_seconds
                    log.info("library busy; waiting for another process")
                    if self.on_wait is not None:
                        self.on_wait(WAITING_MESSAGE)
                elif now >= deadline:
                    raise LibraryError(
                        f"The library is still busy after waiting {self.write_wait_seconds:.0f} seconds: another "
                        "reader process is writing to it. Try again when it has finished."
                    ) from exc

    def query(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]:
        with self._lock:
            return self._db.execute(sql, tuple(params)).fetchall()

    # --- articles -------------------------------------------------------------

    def find_existing(self, article: Article) -> sqlite3.Row | None:
        """The stored article this parsed one is a version of, if any."""
        lookups: list[tuple[str, tuple[str | None, ...]]] = []
        if article.url:
            lookups.append(("url = ?", (article.url,)))
        if article.path:
            lookups.append(("path = ? AND item_key IS ?", (article.path, article.item_key)))
        lookups.append(("fingerprint = ?", (article.fingerprint,)))
        for where, params in lookups:
            rows = self.query(f"SELECT id, fingerprint, title, source, published, kind, tags, path, url "
                              f"FROM articles WHERE {where} LIMIT 1", params)
            if rows:
                return rows[0]
        return None

    def upsert_article(self, db: sqlite3.Connection, article: Article, mentions: list[Mention],
                       analysis_failure: str | None = None, quotes: list[Quote] | None = None) -> None:
        """Write an article (inserted or replaced by id) and its mentions, and note that the
        entities need linking again. ``analysis_failure``: why recognition gave no mentions.
        ``quotes`` None: not found yet (the next import or reindex finds them). Call inside transaction()."""
        now = _now()
        published = article.published.isoformat() if article.published else None
        published_ts = article.published.timestamp() if article.published else None
        db.execute(
            """INSERT INTO articles (id, title, body, source, published, published_ts, published_precision,
                   kind, path, url, item_key, tags, fingerprint, added_at, updated_at, indexed)
               VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 0)
               ON CONFLICT(id) DO UPDATE SET title = excluded.title, body = excluded.body,
                   source = excluded.source, published = excluded.published,
                   published_ts = excluded.published_ts, published_precision = excluded.published_precision,
                   kind = excluded.kind, path = excluded.path, url = excluded.url,
                   item_key = excluded.item_key, tags = excluded.tags, fingerprint = excluded.fingerprint,
                   updated_at = excluded.updated_at, indexed = 0""",
            (article.id, article.title, article.body, article.source, published, published_ts,
             article.published_precision, article.kind, article.path, article.url, article.item_key,
             json.dumps(article.tags, ensure_ascii=False), article.fingerprint, now, now),
        )
        self.replace_mentions(db, article.id, mentions)
        if quotes is not None and analysis_failure is None:
            self.replace_quotes(db, article.id, quotes)
        self.set_analysis_failure(db, article.id, analysis_failure)
        self.note_pending(db, LINK_ENTITIES)

    def replace_mentions(self, db: sqlite3.Connection, article_id: str, mentions: list[Mention]) -> None:
        """New mentions; the article's quotes, whose speakers are mentions, are found again later."""
        db.execute("DELETE FROM mentions WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
        db.execute("DELETE FROM quote_state WHERE article_id = ?", (article_id,))
        db.executemany(
            "INSERT INTO mentions (article_id, raw_entity, kind, start, end, text, partial, role) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            [(article_id, m.entity, m.kind, m.start, m.end, m.text, int(m.partial), m.role) for m in mentions],
        )

    def replace_quotes(self, db: sqlite3.Connection, article_id: str, quotes: list[Quote]) -> None:
        from index.speaker_names import quotes_version

        db.execute("DELETE FROM quotes WHERE article_id = ?", (article_id,))
        db.executemany(
            "INSERT INTO quotes (article_id, start, end, kind, cue, speaker, speaker_text) VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(article_id, q.start, q.end, q.kind, q.cue, q.speaker, q.speaker_text) for q in quotes])
        db.execute("INSERT OR REPLACE INTO quote_state (article_id, version) VALUES (?, ?)", (article_id, quotes_version()))

    def mark_indexed(self, ids: list[str]) -> None:
        with self.transaction() as db:
            db.executemany("UPDATE articles SET indexed = 1 WHERE id = ?", [(i,) for i in ids])

    def data_version(self) -> int:
        """Changes whenever another connection (another process) commits to the database."""
        return self.query("PRAGMA data_version")[0][0]

    def get_meta(self, key: str) -> str | None:
        rows = self.query("SELECT value FROM meta WHERE key = ?", (key,))
        return rows[0]["value"] if rows else None

    def set_meta(self, key: str, value: str) -> None:
        with self.transaction() as db:
            db.execute("INSERT INTO meta VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                       (key, value))

    def mark_all_unindexed(self) -> None:
        with self.transaction() as db:
            db.execute("UPDATE articles SET indexed = 0")

    def unindexed_ids(self) -> list[str]:
        return [r["id"] for r in self.query("SELECT id FROM articles WHERE indexed = 0")]

    def all_ids(self) -> list[str]:
        return [r["id"] for r in self.query("SELECT id FROM articles")]

    def count(self) -> int:
        return self.query("SELECT count(*) AS n FROM articles")[0]["n"]

    def summaries(self, limit: int | None = None, offset: int = 0) -> list[ArticleSummary]:
        with self._lock:
            rows = newest_rows(self._db, limit, offset)
        return [_summary(r) for r in rows]

    def get(self, article_id: str) -> Article:
        rows = self.query("SELECT * FROM articles WHERE id = ?", (article_id,))
        if not rows:
            raise UnknownArticle(article_id)
        return _article(rows[0])

    def get_many(self, ids: list[str]) -> dict[str, Article]:
        found: dict[str, Article] = {}
        for start in range(0, len(ids), 500):
            chunk = ids[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.query(f"SELECT * FROM articles WHERE id IN ({marks})", chunk):
                found[row["id"]] = _article(row)
        return found

    def published_precision(self, ids: list[str]) -> dict[str, str | None]:
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        return {r["id"]: r["published_precision"] for r in self.query(
            f"SELECT id, published_precision FROM articles WHERE id IN ({marks})", ids)}

    def ids_with_prefix(self, prefix: str) -> list[str]:
        escaped = prefix.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
        return [r["id"] for r in self.query(
            "SELECT id FROM articles WHERE id LIKE ? ESCAPE '\\' LIMIT 2", (escaped + "%",))]

    def iter_articles(self, ids: list[str] | None = None, batch: int = 500) -> Iterator[Article]:
        """Articles in batches, without holding the whole library in memory."""
        ids = self.all_ids() if ids is None else ids
        for start in range(0, len(ids), batch):
            chunk = ids[start:start + batch]
            articles = self.get_many(chunk)
            yield from (articles[i] for i in chunk if i in articles)

    def raw_mentions(self, article_id: str) -> list[tuple[str, str]]:
        """(raw entity id, text) of each of the article's mentions, in body order."""
        return [(r["raw_entity"], r["text"]) for r in self.query(
            "SELECT raw_entity, text FROM mentions WHERE article_id = ? ORDER BY start", (article_id,))]
