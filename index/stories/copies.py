"""Copy groups: articles that share most of their text (agency copy printed by several outlets).

Each article's MinHash signature and its LSH band keys are kept in SQLite (copy_signatures,
copy_bands), so grouping is incremental: a new article looks up the earlier articles that share
a band key, and joins the group of those whose estimated overlap reaches COPY_THRESHOLD. Nothing
else in the library is recomputed. datasketch's own LSH keeps its tables in memory (or in Redis
or Cassandra): here they would have to be rebuilt from every stored signature for each import.
"""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from index.models import Article
from index.stories.agencies import Credits, read_credits, without_credits
from index.stories.notices import without_notices

if TYPE_CHECKING:
    # Loaded where signatures are made or compared: they need numpy, listing a group does not.
    from index.stories.signatures import Signature

# Estimated overlap (share of the shorter text's shingles found in the other) from which two
# articles are copies; chosen from bench/bench_duplicates.py's precision/recall curve.
COPY_THRESHOLD = 0.5
# Candidates taken per band key, the newest: a key shared by more articles than this belongs to
# texts printed many times, whose newest copies stand for their group (bounds the cost per article).
KEY_CANDIDATES = 64
_WORDS = re.compile(r"\w+")
# The pending step (index.store.pending_work) that groups stored articles not grouped yet.
GROUP_COPIES = "group-copies"


@dataclass
class GroupMember:
    id: str
    title: str
    source: str | None
    published: datetime | None
    similarity: float  # overlap with the group's first article (1.0 for the first itself)


@dataclass
class CopyGroup:
    group: int
    first: str  # the id of the member published first
    articles: list[GroupMember]


@dataclass
class CopyText:
    """What grouping needs of an article's text: its credits, its signature and band keys. Made
    where the article is parsed (index.importer's workers), so the writer of an import only looks up."""

    credits: Credits
    signature: Signature | None
    band_keys: list[int]  # the signature's LSH band keys (none without a signature)


def compared_words(body: str, credits: Credits | None = None) -> list[str]:
    """The body's words, lower-cased, without its credits and publisher notices: what signatures
    shingle, and what stories take an article's frequent words from. A new title, changed quote
    marks or punctuation and an added credit change none of them."""
    credits = read_credits(body) if credits is None else credits
    return _WORDS.findall(without_notices(without_credits(body, credits)).lower())


def copy_text(body: str, credits: Credits | None = None, words: list[str] | None = None) -> CopyText:
    """``credits`` and ``words`` (compared_words) when the caller has them already."""
    from index.stories.signatures import band_keys, signature

    credits = read_credits(body) if credits is None else credits
    sig = signature(body, credits, words)
    return CopyText(credits, sig, band_keys(sig) if sig is not None else [])


def _stored_signature(row) -> Signature | None:
    if row["signature"] is None:
        return None
    return _signature_of(row)


def _signature_of(row) -> Signature:
    """The signature of a row in a band or a group: only signed articles are in those."""
    from index.stories.signatures import Signature

    return Signature.from_bytes(row["signature"], row["shingles"])


def group_articles(db: sqlite3.Connection, articles: list[Article],
                   made: Mapping[int, CopyText] | None = None) -> None:
    """Sign, credit and group these stored articles (inside a transaction); ``made`` holds the
    credits and signatures already made, by ``id()`` of the article. An article already grouped
    with its current text is left as it is."""
    for article in articles:
        text = (made or {}).get(id(article)) or copy_text(article.body)
        credits = text.credits
        db.execute("DELETE FROM article_agencies WHERE article_id = ?", (article.id,))
        db.executemany("INSERT OR IGNORE INTO article_agencies (article_id, agency) VALUES (?, ?)",
                       [(article.id, name) for name in credits.agencies])
        old = db.execute("SELECT seq, fingerprint, signature, shingles FROM copy_signatures WHERE article_id = ?",
                         (article.id,)).fetchone()
        if old is not None:
            if old["fingerprint"] == article.fingerprint:
                continue
            _forget(db, old)
        _group_one(db, article, text.signature, text.band_keys)


def _forget(db: sqlite3.Connection, row) -> None:
    from index.stories.signatures import band_keys

    old_signature = _stored_signature(row)
    if old_signature is not None:
        db.executemany("DELETE FROM copy_bands WHERE key = ? AND seq = ?",
                       [(key, row["seq"]) for key in band_keys(old_signature)])
    db.execute("DELETE FROM copy_signatures WHERE seq = ?", (row["seq"],))


def _matching_groups(db: sqlite3.Connection, sig: Signature, keys: list[int]) -> tuple[set[int], float]:
    """The groups with a member whose overlap with ``sig`` reaches COPY_THRESHOLD, and the best
    overlap found. A group's members are tried most shared band keys first, and the first that
    matches settles the group: the thousandth copy of a text costs one comparison, not a thousand."""
    newest = " UNION ALL ".join(
        [f"SELECT * FROM (SELECT seq FROM copy_bands WHERE key = ? ORDER BY seq DESC LIMIT {KEY_CANDIDATES})"] * len(keys))
    candidates = db.execute(
        f"SELECT s.seq, s.group_id FROM (SELECT seq, count(*) AS shared FROM ({newest}) GROUP BY seq) b "
        "JOIN copy_signatures s ON s.seq = b.seq ORDER BY b.shared DESC, s.seq", keys).fetchall()
    by_group: dict[int, list[int]] = {}
    for row in candidates:
        by_group.setdefault(row["group_id"], []).append(row["seq"])
    groups: set[int] = set()
    best = 0.0
    for group, members in by_group.items():
        for seq in members:
            row = db.execute("SELECT signature, shingles FROM copy_signatures WHERE seq = ?", (seq,)).fetchone()
            similarity = sig.overlap(_signature_of(row))
            if similarity >= COPY_THRESHOLD:
                groups.add(group)
                best = max(best, similarity)
                break
    return groups, best


def _group_one(db: sqlite3.Connection, article: Article, sig: Signature | None, keys: list[int]) -> None:
    if sig is None:
        db.execute("INSERT INTO copy_signatures (article_id, fingerprint) VALUES (?, ?)",
                   (article.id, article.fingerprint))
        return
    groups, best = _matching_groups(db, sig, keys)
    seq = db.execute("INSERT INTO copy_signatures (article_id, fingerprint, signature, shingles, similarity) "
                     "VALUES (?, ?, ?, ?, ?)",
                     (article.id, article.fingerprint, sig.to_bytes(), sig.shingles, best or None)).lastrowid
    group = min(groups) if groups else seq
    db.execute("UPDATE copy_signatures SET group_id = ? WHERE seq = ?", (group, seq))
    if len(groups) > 1:  # this article bridges groups: they become one
        others = sorted(groups - {group})
        db.execute(f"UPDATE copy_signatures SET group_id = ? WHERE group_id IN ({','.join('?' * len(others))})",
                   [group, *others])
    db.executemany("INSERT OR IGNORE INTO copy_bands (key, seq) VALUES (?, ?)", [(key, seq) for key in keys])


def ungrouped_ids(db_query) -> list[str]:
    """Stored articles with no copy row for their current text (imported before grouping
    existed, or by a process killed before grouping them)."""
    return [row["id"] for row in db_query(
        "SELECT a.id FROM articles a LEFT JOIN copy_signatures s ON s.article_id = a.id "
        "WHERE s.article_id IS NULL OR s.fingerprint != a.fingerprint")]


def _members(db_query, where: str, params: tuple) -> list[sqlite3.Row]:
    return db_query(
        "SELECT s.group_id, s.signature, s.shingles, a.id, a.title, a.source, a.published, a.published_ts "
        f"FROM copy_signatures s JOIN articles a ON a.id = s.article_id WHERE {where} "
        "ORDER BY s.group_id, a.published_ts IS NULL, a.published_ts, s.seq", params)


def _as_group(rows: list[sqlite3.Row]) -> CopyGroup:
    first_signature = _signature_of(rows[0])
    members = []
    for index, row in enumerate(rows):
        similarity = 1.0 if index == 0 else first_signature.overlap(_signature_of(row))
        published = datetime.fromisoformat(row["published"]) if row["published"] else None
        members.append(GroupMember(row["id"], row["title"], row["source"], published, round(similarity, 3)))
    return CopyGroup(group=rows[0]["group_id"], first=rows[0]["id"], articles=members)


def copy_groups(db_query) -> list[CopyGroup]:
    """Every group of two or more articles, the most recently first-published first."""
    rows = _members(db_query, "s.group_id IN (SELECT group_id FROM copy_signatures WHERE group_id IS NOT NULL "
                              "GROUP BY group_id HAVING count(*) > 1)", ())
    by_group: dict[int, list[sqlite3.Row]] = {}
    for row in rows:
        by_group.setdefault(row["group_id"], []).append(row)
    groups = [_as_group(members) for members in by_group.values()]
    return sorted(groups, key=lambda g: (g.articles[0].published is not None,
                                         g.articles[0].published.timestamp() if g.articles[0].published else 0),
                  reverse=True)


def group_of(db_query, article_id: str) -> CopyGroup | None:
    """The copy group an article belongs to, if it has copies."""
    rows = _members(db_query, "s.group_id = (SELECT group_id FROM copy_signatures WHERE article_id = ?)",
                    (article_id,))
    return _as_group(rows) if len(rows) > 1 else None


def copies_of(db_query, article_id: str) -> list[tuple[str, float]]:
    """(id, similarity) of the article's copies: its estimated overlap with each."""
    rows = _members(db_query, "s.group_id = (SELECT group_id FROM copy_signatures WHERE article_id = ?)",
                    (article_id,))
    own = next((row for row in rows if row["id"] == article_id), None)
    if own is None or len(rows) < 2:
        return []
    own_signature = _signature_of(own)
    return [(row["id"], round(own_signature.overlap(_signature_of(row)), 3)) for row in rows if row is not own]


def group_sizes(db_query, ids: list[str]) -> dict[str, tuple[int, int]]:
    """article id -> (group, members) for those of these articles that have copies."""
    found: dict[str, tuple[int, int]] = {}
    for start in range(0, len(ids), 500):
        chunk = ids[start:start + 500]
        marks = ",".join("?" * len(chunk))
        for row in db_query(
                "SELECT s.article_id, s.group_id, (SELECT count(*) FROM copy_signatures o WHERE o.group_id = s.group_id) "
                f"AS members FROM copy_signatures s WHERE s.article_id IN ({marks})", chunk):
            if row["members"] > 1:
                found[row["article_id"]] = (row["group_id"], row["members"])
    return found


def agencies_of(db_query, article_id: str) -> list[str]:
    return [row["agency"] for row in db_query(
        "SELECT agency FROM article_agencies WHERE article_id = ? ORDER BY rowid", (article_id,))]
