"""`reader doctor` finds what is wrong with a library; `--fix` rebuilds what can be rebuilt."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

from index.library import Library
from index.search.backend import IndexDocument
from tests.reliability.corpus import assert_index_agrees_with_store, marker, run_reader, write_corpus


def make_library(tmp_path: Path) -> Path:
    write_corpus(tmp_path / "articles", 30)
    data_dir = tmp_path / "library"
    assert run_reader("add", str(tmp_path / "articles"), data_dir=data_dir).returncode == 0
    return data_dir


def test_a_healthy_library_passes(tmp_path: Path) -> None:
    result = run_reader("doctor", data_dir=make_library(tmp_path))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "healthy" in result.stdout and "30 articles" in result.stdout


def test_doctor_lists_problems_and_fix_repairs_all_but_the_bookmarks(tmp_path: Path) -> None:
    data_dir = make_library(tmp_path)
    with Library.open(data_dir) as library:
        ids = library.store.all_ids()
        unsearchable, removed = ids[:3], ids[10]
        library.index.delete(unsearchable)
        library.index.add([IndexDocument(id="0000ghost0000000", title="Gespenst", body="Ein Geisterartikel",
                                         source=None, published=None, kind="article")])
        library.bookmarks.add(removed, note="Meine Notiz")
        removed_file = library.article(removed).path
    with sqlite3.connect(data_dir / "library.db") as db:  # as an older version or a hand edit could leave it
        db.execute("INSERT INTO mentions (article_id, raw_entity, kind, start, end, text) "
                   "VALUES ('gone', 'person:niemand', 'person', 0, 7, 'Niemand')")
        db.execute("DELETE FROM mentions WHERE article_id = ?", (removed,))
        db.execute("DROP TRIGGER bookmarked_articles_are_kept")  # the guard an older version lacked
        db.execute("DELETE FROM articles WHERE id = ?", (removed,))

    checked = run_reader("doctor", "--json", data_dir=data_dir)
    assert checked.returncode == 1
    problems = {p["code"]: p for p in json.loads(checked.stdout)["problems"]}
    assert set(problems["index-missing"]["ids"]) == set(unsearchable)
    assert set(problems["index-stale"]["ids"]) == {"0000ghost0000000", removed}
    assert problems["mentions-orphaned"]["ids"] == ["gone"]
    assert problems["bookmarks-orphaned"]["fixable"] is False

    readable = run_reader("doctor", data_dir=data_dir)
    assert readable.returncode == 1
    assert "cannot be found by search" in readable.stdout and "kept, never deleted" in readable.stdout

    fixed = run_reader("doctor", "--fix", data_dir=data_dir)
    assert fixed.returncode == 1  # the bookmark of the removed article is still reported
    assert "Indexed 3 articles" in fixed.stdout and "Removed 2 stale documents" in fixed.stdout
    assert "Dropped 1 entity mention" in fixed.stdout
    with Library.open(data_dir) as library:
        assert_index_agrees_with_store(library)
        for article_id in unsearchable:
            word = marker(int(Path(library.article(article_id).path).stem.split("_")[1]))
            assert [h.id for h in library.search(word)] == [article_id]
        assert not library.search("Geisterartikel")
        assert library.store.query("SELECT count(*) AS n FROM bookmarks")[0]["n"] == 1

    # Adding the lost article again brings its bookmark back, and the library is healthy.
    assert run_reader("add", removed_file, data_dir=data_dir).returncode == 0
    healthy = run_reader("doctor", data_dir=data_dir)
    assert healthy.returncode == 0, healthy.stdout
    with Library.open(data_dir) as library:
        assert [b.note for b in library.bookmarks.for_article(removed)] == ["Meine Notiz"]


def test_a_damaged_database_is_reported_not_fixed(tmp_path: Path) -> None:
    data_dir = make_library(tmp_path)
    with sqlite3.connect(data_dir / "library.db") as db:
        page_size = db.execute("PRAGMA page_size").fetchone()[0]
        root = db.execute("SELECT rootpage FROM sqlite_master WHERE name = 'articles_newest'").fetchone()[0]
    with open(data_dir / "library.db", "r+b") as raw:  # scribble over one index page
        raw.seek((root - 1) * page_size + 8)
        raw.write(b"\xff" * 64)
    result = run_reader("doctor", data_dir=data_dir)
    assert result.returncode == 1
    assert "damaged" in (result.stdout + result.stderr)
    assert "Traceback" not in result.stderr


def test_fix_finds_the_quotes_of_articles_imported_before_quotes_and_said_finds_them(seeded_library: Path) -> None:
    def quoting_sacharowa() -> set[str]:
        found = run_reader("search", "--json", "said:Sacharowa", data_dir=seeded_library)
        assert found.returncode == 0, found.stderr
        return {hit["id"] for hit in json.loads(found.stdout)}

    before = quoting_sacharowa()
    assert len(before) >= 2
    with sqlite3.connect(seeded_library / "library.db") as db:  # as a library from before quotes holds it
        db.execute("DELETE FROM quotes")
        db.execute("DELETE FROM quote_state")
    with Library.open(seeded_library) as library:
        library.reindex()
    assert quoting_sacharowa() == set()

    checked = run_reader("doctor", "--json", data_dir=seeded_library)
    problems = {p["code"]: p for p in json.loads(checked.stdout)["problems"]}
    assert checked.returncode == 1 and len(problems["quotes-missing"]["ids"]) == 5
    assert problems["quotes-missing"]["fixable"] is True

    fixed = run_reader("doctor", "--fix", data_dir=seeded_library)
    assert fixed.returncode == 0, fixed.stdout
    assert "Found the quotes of 5 articles" in fixed.stdout
    assert quoting_sacharowa() == before
