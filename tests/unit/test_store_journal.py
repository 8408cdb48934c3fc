"""The store's record of work still to do, the writers' lock, and libraries from before both."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from index.library import Library
from index.models import Article
from index.store import LINK_ENTITIES
from index.work_lock import WorkLock


def article(number: int) -> Article:
    return Article(title=f"Bericht {number}", body=f"Olaf Scholz sprach in Hamburg über das Thema {number}.",
                   path=f"/tmp/bericht_{number}.txt")


def test_storing_articles_asks_for_linking_and_linking_clears_only_what_it_read(tmp_path: Path) -> None:
    with Library.open(tmp_path / "library") as library:
        library.add_articles([article(1)])
        assert library.store.pending_generation(LINK_ENTITIES) is None  # the import linked them
        with library.store.transaction() as db:
            library.store.upsert_article(db, article(2).with_id(), [])
        seen = library.store.pending_generation(LINK_ENTITIES)
        assert seen is not None
        with library.store.transaction() as db:  # another write after linking read the mentions
            library.store.upsert_article(db, article(3).with_id(), [])
        with library.store.transaction() as db:
            library.store.finish_pending(db, LINK_ENTITIES, seen)
        assert library.store.pending_generation(LINK_ENTITIES) == seen + 1  # still to do


def test_a_library_from_before_the_journal_opens_and_gets_it(tmp_path: Path) -> None:
    data_dir = tmp_path / "library"
    with Library.open(data_dir) as library:
        library.add_articles([article(1), article(2)])
    with sqlite3.connect(data_dir / "library.db") as db:  # as an earlier version wrote it
        db.execute("DROP TABLE pending_work")
        db.execute("DROP TABLE analysis_failures")
    with Library.open(data_dir) as library:
        assert library.count() == 2
        assert len(library.search("Hamburg")) == 2
        assert library.store.analysis_failures() == []
        tables = {row[0] for row in library.store.query("SELECT name FROM sqlite_master WHERE type = 'table'")}
        assert {"pending_work", "analysis_failures"} <= tables


def test_a_repair_waits_for_no_writer_and_is_refused_while_one_works(tmp_path: Path) -> None:
    writer, heir = WorkLock(tmp_path), WorkLock(tmp_path)  # two processes' holds (two open files)
    try:
        with writer.writing():
            with heir.abandoned() as may_repair:
                assert not may_repair  # a live writer's pending work is its own
            with WorkLock(tmp_path).writing():  # other writers work alongside
                pass
        with heir.abandoned() as may_repair:
            assert may_repair  # nobody works: what is pending was left behind
    finally:
        writer.close()
        heir.close()
