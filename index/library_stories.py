"""The Library's agency copies and stories (index.stories)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from index.library_base import LibraryBase, writer_work
from index.library_writing import IMPORT_BATCH
from index.stories import copies

if TYPE_CHECKING:  # imported where used: reading and searching never cluster stories
    from index.stories import story_clusters


class StoriesPart(LibraryBase):
    @writer_work
    def group_ungrouped(self) -> int:
        """Group the stored articles that have no copy group for their current text yet (those of
        a library from before copy groups, or of an interrupted import). Returns how many."""
        if self.store.read_only:
            return 0
        generation = self.store.pending_generation(copies.GROUP_COPIES)
        ids = copies.ungrouped_ids(self.store.query)
        if ids and self._notify is not None and len(ids) >= IMPORT_BATCH:
            self._notify(f"Finding agency copies and stories among {len(ids)} articles…")
        for start in range(0, len(ids), IMPORT_BATCH):
            batch = list(self.store.get_many(ids[start:start + IMPORT_BATCH]).values())
            with self.store.transaction() as db:
                copies.group_articles(db, batch)
        from index.stories import story_clusters

        # Stories take articles in date order, so those missing are taken all at once.
        missing = story_clusters.unassigned_ids(self.store.query)
        if missing:
            with self.store.transaction() as db:
                story_clusters.assign_stories(db, list(self.store.get_many(missing).values()))
        with self.store.transaction() as db:
            self.store.finish_pending(db, copies.GROUP_COPIES, generation)
        return len(ids)

    def _copies_query(self, sql: str, params: Iterable = ()) -> list:
        try:
            return self.store.query(sql, params)
        except sqlite3.OperationalError as error:  # a read-only library from before copy groups
            if "no such table" not in str(error):
                raise
            return []

    def copy_groups(self) -> list[copies.CopyGroup]:
        return copies.copy_groups(self._copies_query)

    def copy_group(self, article_id: str) -> copies.CopyGroup | None:
        return copies.group_of(self._copies_query, self.resolve_id(article_id))

    def copies(self, article_id: str) -> list[tuple[str, float]]:
        """(id, similarity) of an article's copies."""
        return copies.copies_of(self._copies_query, self.resolve_id(article_id))

    def copy_group_sizes(self, ids: list[str]) -> dict[str, tuple[int, int]]:
        """article id -> (group, members) for those of these articles that have copies."""
        return copies.group_sizes(self._copies_query, ids)

    def stories(self, since: datetime | None = None) -> list[story_clusters.Story]:
        """Stories of two or more articles, the most recently active first."""
        from index.stories import story_clusters

        return story_clusters.list_stories(self._copies_query, since.timestamp() if since else None)

    def why_no_stories(self) -> str:
        """The sentence to show when the library has no stories (undated articles are in none)."""
        total, undated = self.store.query(
            "SELECT count(*), coalesce(sum(published_ts IS NULL), 0) FROM articles")[0]
        if undated:
            return (f"No stories yet: stories follow articles by date, and {undated:,} of the {total:,} "
                    f"articles have none.")
        return "No stories yet: no two articles tell the same event."

    def agencies(self, article_id: str) -> list[str]:
        return copies.agencies_of(self._copies_query, self.resolve_id(article_id))
