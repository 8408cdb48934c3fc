"""What the store records as still to do, in the same transactions as the writes that make it
necessary: corpus-wide entity linking after articles change (``pending_work``), and articles
stored without entities because recognition raised on them (``analysis_failures``)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime, timezone
from typing import TYPE_CHECKING

# The pending step that links every mention to its entity, corpus-wide (see pending_work).
LINK_ENTITIES = "link-entities"


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class StoreJournal:
    """Part of Store (index.store), whose ``query`` it uses."""

    if TYPE_CHECKING:  # defined by Store
        def query(self, sql: str, params: Iterable = ()) -> list[sqlite3.Row]: ...

    def note_pending(self, db: sqlite3.Connection, step: str) -> None:
        """Record that ``step`` must run (again). Call inside the transaction that makes it necessary."""
        db.execute("INSERT INTO pending_work (step) VALUES (?) "
                   "ON CONFLICT(step) DO UPDATE SET generation = generation + 1", (step,))

    def pending_generation(self, step: str) -> int | None:
        """How often ``step`` was asked for since it last ran; None when it is not pending."""
        try:
            rows = self.query("SELECT generation FROM pending_work WHERE step = ?", (step,))
        except sqlite3.OperationalError:  # a read-only library from before the table existed
            return None
        return rows[0]["generation"] if rows else None

    def finish_pending(self, db: sqlite3.Connection, step: str, generation: int | None) -> None:
        """``step`` ran over what existed at ``generation``: done, unless a later write asked again."""
        if generation is not None:
            db.execute("DELETE FROM pending_work WHERE step = ? AND generation = ?", (step, generation))

    def has_unindexed(self) -> bool:
        return bool(self.query("SELECT 1 FROM articles WHERE indexed = 0 LIMIT 1"))

    def set_analysis_failure(self, db: sqlite3.Connection, article_id: str, error: str | None) -> None:
        if error is None:
            db.execute("DELETE FROM analysis_failures WHERE article_id = ?", (article_id,))
        else:
            db.execute("INSERT INTO analysis_failures VALUES (?, ?, ?) ON CONFLICT(article_id) DO UPDATE "
                       "SET error = excluded.error, failed_at = excluded.failed_at", (article_id, error, now()))

    def analysis_failures(self) -> list[sqlite3.Row]:
        """(id, title, error) of every article stored without its entities, oldest failure first."""
        try:
            return self.query("SELECT f.article_id AS id, a.title, f.error FROM analysis_failures f "
                              "JOIN articles a ON a.id = f.article_id ORDER BY f.failed_at, a.title")
        except sqlite3.OperationalError:  # a read-only library from before the table existed
            return []

