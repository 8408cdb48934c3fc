"""Taking articles out of the library (`reader remove`, the app's remove key) and putting them back.

An article goes from the store (its mentions, read state and copy rows go with it, by their
foreign keys; it leaves its story) and from the search index. A bookmarked article leaves a copy of itself in
`removed_articles`, so its bookmarks still list and export, marked as removed. Undo puts the
articles back with the rows that went with them (mentions, quotes), indexes them and groups them
into copies and stories again.

Neither recognises nor links entities: the entities' counts are updated in the same transaction,
and the linking (names, aliases) stays as the last import made it until the next one. Only when
the linking has since dropped a restored article's names does undo link the library again.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from index import store_entities
from index.bookmark_store import utc_now
from index.library_base import writer_work
from index.models import Article
from index.store import LINK_ENTITIES
from index.stories import copies, story_clusters
from index.stories.copies import CopyText
from index.stories.agencies import read_credits

BERLIN = ZoneInfo("Europe/Berlin")  # naive German news dates are Berlin's (see DESIGN)
_KEPT_COLUMNS = "id, title, body, source, published, published_ts, published_precision, kind, path, url, tags"
# What goes with an article (by its foreign keys) and comes back with it on undo, as stored:
# table -> the column naming the article. Copy groups and stories are made again instead.
_ROWS_KEPT_FOR_UNDO = {"articles": "id", "mentions": "article_id", "quotes": "article_id",
                       "quote_state": "article_id", "analysis_failures": "article_id"}


@dataclass
class Removal:
    """What a removal took, to report it and to undo it."""
    articles: list[Article] = field(default_factory=list)
    read: dict[str, str] = field(default_factory=dict)  # article id -> read_at
    bookmarked: list[str] = field(default_factory=list)  # ids whose bookmarks were kept
    # table -> (its columns, the removed articles' rows) for undo (see _ROWS_KEPT_FOR_UNDO)
    rows: dict[str, tuple[list[str], list[tuple]]] = field(default_factory=dict)
    # article id -> (signature, shingles) of its copy row: grouping it again needs no new signature
    signatures: dict[str, tuple[bytes | None, int | None]] = field(default_factory=dict)


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


@writer_work
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
            _keep_rows(db, chunk, removal.rows)
            removal.signatures.update((r["article_id"], (r["signature"], r["shingles"])) for r in db.execute(
                f"SELECT article_id, signature, shingles FROM copy_signatures WHERE article_id IN ({marks})", chunk))
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
        store_entities.recount_entities(db, _raw_ids(removal))
    _forget_in_search(library, ids)
    return removal


def _keep_rows(db, ids: list[str], kept: dict[str, tuple[list[str], list[tuple]]]) -> None:
    marks = ",".join("?" * len(ids))
    for table, key in _ROWS_KEPT_FOR_UNDO.items():
        cursor = db.execute(f"SELECT * FROM {table} WHERE {key} IN ({marks})", ids)
        columns = [column[0] for column in cursor.description]
        kept.setdefault(table, (columns, []))[1].extend(tuple(row) for row in cursor)


def _raw_ids(removal: Removal) -> list[str]:
    columns, rows = removal.rows.get("mentions", ([], []))
    if not rows:
        return []
    at = columns.index("raw_entity")
    return [row[at] for row in rows]


def _forget_in_search(library, ids: list[str]) -> None:
    # The one place removal reaches the search engine (it moves behind the search backend later).
    library.index.delete(ids)


@writer_work
def undo_removal(library, removal: Removal) -> int:
    """Put removed articles back as they were (read state, mentions and quotes too); returns how
    many came back. One that is in the library again (imported since) is left as it is."""
    if not removal.articles:
        return 0
    marks = ",".join("?" * len(removal.articles))
    present = {r["id"] for r in library.store.query(f"SELECT id FROM articles WHERE id IN ({marks})",
                                                    [a.id for a in removal.articles])}
    back = [a for a in removal.articles if a.id not in present]
    returning = {a.id for a in back}
    with library.store.transaction() as db:
        for table, key in _ROWS_KEPT_FOR_UNDO.items():
            columns, rows = removal.rows.get(table, ([], []))
            at = columns.index(key) if rows else 0
            rows = [row for row in rows if row[at] in returning]
            if table == "articles" and rows:  # the index has them again only once indexed below
                indexed = columns.index("indexed")
                rows = [(*row[:indexed], 0, *row[indexed + 1:]) for row in rows]
            if rows:
                db.executemany(f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({','.join('?' * len(columns))})",
                               rows)
        library.store.note_pending(db, copies.GROUP_COPIES)  # done below; by the next writer if killed first
        raw_ids = _raw_ids(removal)
        store_entities.recount_entities(db, raw_ids)
        if store_entities.unlinked(db, raw_ids):
            library.store.note_pending(db, LINK_ENTITIES)  # linked when this work ends
        db.executemany("DELETE FROM removed_articles WHERE id = ?", [(i,) for i in returning])
        db.executemany("INSERT OR REPLACE INTO read_state (article_id, read_at) VALUES (?, ?)",
                       list(removal.read.items()))
    if back:
        library.index_and_group([(article, None) for article in back],
                                {id(article): _copy_text(article, removal.signatures[article.id])
                                 for article in back if article.id in removal.signatures})
    return len(back)


def _copy_text(article: Article, signature: tuple[bytes | None, int | None]) -> CopyText:
    """What grouping needs, from the copy row the article had: making its signature anew would
    load datasketch and scipy (seconds)."""
    from index.stories.signatures import Signature, band_keys

    data, shingles = signature
    sig = Signature.from_bytes(data, shingles or 0) if data is not None else None
    return CopyText(read_credits(article.body), sig, band_keys(sig) if sig is not None else [])
