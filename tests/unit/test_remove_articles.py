"""`reader remove`: articles leave the library and the search index; their bookmarks stay, marked,
and still export; the app's undo (undo_removal) brings them back as they were."""

from __future__ import annotations

import io
import json
import sqlite3
from pathlib import Path

import pytest

from index.library import Library
from index.removal import remove_articles, select_ids, undo_removal
from reader.cli import main

WITKOFF = "Auch US-Sondergesandter Witkoff bei Paris-Gipfel"


def run(capsys, data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def listed(capsys, data_dir: Path) -> dict[str, dict]:
    return {a["title"]: a for a in json.loads(run(capsys, data_dir, "articles", "--json")[1])}


def found(capsys, data_dir: Path, query: str) -> set[str]:
    return {h["id"] for h in json.loads(run(capsys, data_dir, "search", query, "--json")[1])}


@pytest.fixture
def witkoff(capsys, seeded_library) -> str:
    return listed(capsys, seeded_library)[WITKOFF]["id"]


def test_removed_article_leaves_list_and_search_and_its_bookmark_stays(capsys, seeded_library, witkoff, tmp_path):
    assert witkoff in found(capsys, seeded_library, "Sondergesandter")
    code, _, err = run(capsys, seeded_library, "bookmarks", "add", witkoff, "--quote", "Witkoff", "--note", "wichtig")
    assert code == 0, err
    code, _, err = run(capsys, seeded_library, "remove", witkoff[:6], "--yes")
    assert code == 0, err
    assert "Removed 1 article; the bookmarks of 1 article are kept" in err
    assert WITKOFF not in listed(capsys, seeded_library)
    assert witkoff not in found(capsys, seeded_library, "Sondergesandter")
    [kept] = json.loads(run(capsys, seeded_library, "bookmarks", "list", "--json")[1])
    assert (kept["article"], kept["title"], kept["quote"], kept["article_removed"]) == (witkoff, WITKOFF, "Witkoff", True)
    assert "(removed from the library)" in run(capsys, seeded_library, "bookmarks", "list")[1]
    markdown = run(capsys, seeded_library, "bookmarks", "export")[1]
    assert f"## {WITKOFF}" in markdown and "> Witkoff" in markdown and "*Removed from the library:*" in markdown
    code, _, err = run(capsys, seeded_library, "bookmarks", "export", "--vault", str(tmp_path / "vault"))
    note = (tmp_path / "vault" / f"{WITKOFF}.md").read_text(encoding="utf-8")
    assert "> [!warning] Removed from the library" in note and "> Witkoff\n\n^bm-1\n\nwichtig" in note


def test_remove_asks_first_and_a_no_removes_nothing(capsys, seeded_library, witkoff, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    code, _, err = run(capsys, seeded_library, "remove", witkoff)
    assert code == 1
    assert WITKOFF in err and "Remove 1 article? [y/N]" in err and "Nothing removed." in err
    assert WITKOFF in listed(capsys, seeded_library)
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert run(capsys, seeded_library, "remove", witkoff)[0] == 0
    assert WITKOFF not in listed(capsys, seeded_library)


def test_remove_by_source_and_before_a_day(capsys, seeded_library):
    before = listed(capsys, seeded_library)
    code, _, err = run(capsys, seeded_library, "remove", "--source", "eulerpool NEWS", "--yes")
    assert code == 0 and "Removed 1 article." in err
    after = listed(capsys, seeded_library)
    assert {t for t, a in before.items() if a["source"] == "Eulerpool News"} == set(before) - set(after)
    code, _, err = run(capsys, seeded_library, "remove", "--before", "2025-09-04", "--yes")
    assert (code, err.strip()) == (0, "No article matches; nothing removed.")
    assert run(capsys, seeded_library, "remove", "--before", "2025-09-05", "--yes")[0] == 0
    assert listed(capsys, seeded_library) == {}


@pytest.mark.parametrize("argv, message", [
    (["remove"], "reader: Say what to remove: article ids, --source S or --before DATE"),
    (["remove", "ffffffffffff", "--yes"], "reader: No article with id 'ffffffffffff'."),
])
def test_remove_without_a_target_says_so(capsys, seeded_library, argv, message):
    code, _, err = run(capsys, seeded_library, *argv)
    assert code == 1 and err.startswith(message) and "Traceback" not in err


def test_a_bad_day_is_a_usage_error(capsys, seeded_library):
    with pytest.raises(SystemExit) as exit_info:
        main(["--data-dir", str(seeded_library), "remove", "--before", "gestern"])
    assert exit_info.value.code == 2
    assert "'gestern' is not a day like 2025-09-04" in capsys.readouterr().err


def test_undo_brings_the_article_back_searchable_read_and_with_its_entities(seeded_library, witkoff):
    with Library.open(seeded_library) as library:
        with library.store.transaction() as db:
            db.execute("INSERT INTO read_state (article_id, read_at) VALUES (?, '2025-09-05T08:00:00+00:00')", (witkoff,))
        entities_before = {e.name: e.articles for e in library.entities(article_id=witkoff)}
        removal = remove_articles(library, select_ids(library, ids=[witkoff]))
        assert witkoff not in {h.id for h in library.search("Sondergesandter")}
        assert undo_removal(library, removal) == 1
        assert witkoff in {h.id for h in library.search("Sondergesandter")}
        assert {e.name: e.articles for e in library.entities(article_id=witkoff)} == entities_before
        assert library.store.query("SELECT read_at FROM read_state WHERE article_id = ?", (witkoff,))


def test_bookmarks_of_a_library_from_before_removal_survive_the_upgrade(capsys, seeded_library, witkoff):
    database = seeded_library / "library.db"
    with sqlite3.connect(database) as db:  # the bookmarks table as earlier versions made it
        db.execute("DROP TABLE bookmarks")
        db.execute("""CREATE TABLE bookmarks (id INTEGER PRIMARY KEY AUTOINCREMENT,
            article_id TEXT NOT NULL REFERENCES articles(id) ON DELETE RESTRICT, start INTEGER, end INTEGER,
            quote TEXT, note TEXT NOT NULL DEFAULT '', tags TEXT NOT NULL DEFAULT '[]', created TEXT NOT NULL,
            updated TEXT NOT NULL)""")
        db.execute("INSERT INTO bookmarks VALUES (7, ?, NULL, NULL, NULL, 'alt', '[]', "
                   "'2025-09-04T10:00:00+00:00', '2025-09-04T10:00:00+00:00')", (witkoff,))
    assert run(capsys, seeded_library, "remove", witkoff, "--yes")[0] == 0
    [kept] = json.loads(run(capsys, seeded_library, "bookmarks", "list", "--json")[1])
    assert (kept["id"], kept["note"], kept["article_removed"]) == (7, "alt", True)
