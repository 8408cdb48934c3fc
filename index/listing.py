"""The article list, newest first, read straight from SQLite.

The order is: dated articles by publication time (newest first, then title), then undated ones
by title. It is read as two index range scans: one ORDER BY over ``published_ts IS NULL``
made SQLite sort the whole table.

This module imports only the standard library, so the app can paint its first page from it
while the full library (the search engine, the recogniser) is still loading.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from urllib.parse import quote

DATABASE_NAME = "library.db"  # in the data dir
LISTED_COLUMNS = "id, title, source, published, published_precision, kind, path, url, tags"
_DATED = f"SELECT {LISTED_COLUMNS} FROM articles WHERE published_ts IS NOT NULL ORDER BY published_ts DESC, title"
_UNDATED = f"SELECT {LISTED_COLUMNS} FROM articles WHERE published_ts IS NULL ORDER BY title"


def newest_rows(db: sqlite3.Connection, limit: int | None, offset: int = 0) -> list[sqlite3.Row]:
    """Rows of the list from ``offset``; ``limit`` None means to the end."""
    wanted = -1 if limit is None else limit
    rows = db.execute(f"{_DATED} LIMIT ? OFFSET ?", (wanted, offset)).fetchall()
    if limit is not None and len(rows) >= limit:
        return rows
    if rows:
        dated_total = offset + len(rows)
    else:
        dated_total = db.execute("SELECT count(*) FROM articles WHERE published_ts IS NOT NULL").fetchone()[0]
    still = -1 if limit is None else limit - len(rows)
    return rows + db.execute(f"{_UNDATED} LIMIT ? OFFSET ?", (still, max(0, offset - dated_total))).fetchall()


def listed_values(row: sqlite3.Row) -> dict:
    """The fields a list row shows, decoded from a LISTED_COLUMNS row."""
    return {
        "id": row["id"],
        "title": row["title"],
        "source": row["source"],
        "published": datetime.fromisoformat(row["published"]) if row["published"] else None,
        "published_precision": row["published_precision"],
        "kind": row["kind"],
    }


@dataclass(frozen=True)
class ListedArticle:
    """A row of the list as the first page shows it (the fields ArticleSummary has for the list)."""

    id: str
    title: str
    source: str | None
    published: datetime | None
    published_precision: str | None
    kind: str


def first_page(db_path: Path, limit: int) -> tuple[list[ListedArticle], int] | None:
    """The newest ``limit`` articles and the library's size, or None when that cannot be read
    quickly and safely (no library yet, another schema, a lock): the full open then decides."""
    if not Path(db_path).is_file():
        return None
    try:
        db = sqlite3.connect(f"file:{quote(str(Path(db_path).resolve()))}?mode=ro", uri=True, timeout=0.5)
    except sqlite3.Error:
        return None
    try:
        db.row_factory = sqlite3.Row
        rows = newest_rows(db, limit)
        total = db.execute("SELECT count(*) FROM articles").fetchone()[0]
        listed = [ListedArticle(**listed_values(row)) for row in rows]
    except (sqlite3.Error, ValueError, IndexError):
        return None
    finally:
        db.close()
    return listed, total
