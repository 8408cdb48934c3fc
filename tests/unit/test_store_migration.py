"""A library written by an earlier version of the schema opens, keeps its data, and works."""

import shutil
import sqlite3
from pathlib import Path

from index.library import Library

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def test_a_library_from_before_entity_counts_and_roles_opens_and_lists_entities(tmp_path):
    with Library.open(tmp_path) as library:
        library.add([SEEDS])
        bookmark = library.bookmarks.add(library.articles()[0].id, note="behalten")
    # Turn it into what the first schema wrote: no role on mentions, no counts on entities.
    db = sqlite3.connect(tmp_path / "library.db")
    db.executescript("""
        CREATE TABLE first_entities (id TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL,
                                     aliases TEXT NOT NULL DEFAULT '[]', roles TEXT NOT NULL DEFAULT '[]');
        INSERT INTO first_entities SELECT id, name, kind, aliases, roles FROM entities;
        DROP TABLE entities;
        ALTER TABLE first_entities RENAME TO entities;
        ALTER TABLE mentions DROP COLUMN role;
    """)
    db.commit()
    db.close()
    shutil.rmtree(tmp_path / "index")

    with Library.open(tmp_path) as library:
        assert library.count() == 5
        rutte = library.entity("Rutte")
        assert rutte.name == "Mark Rutte" and rutte.articles == 3
        people = {e.name: e for e in library.entities(kind="person")}
        assert people["Mark Rutte"].mentions == rutte.mentions > 0
        assert library.search("Schützenpanzer")
        assert [b.note for b in library.bookmarks.list()] == [bookmark.note]
