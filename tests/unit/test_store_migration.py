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


def test_a_library_from_before_feature_stories_keeps_its_stories_and_a_new_report_joins_one(tmp_path):
    from tests.stories.test_stories import FOOTBALL, QUAKE_SZ, QUAKE_ZEIT, article

    zeit, football = article(QUAKE_ZEIT, "Zeit", 0), article(FOOTBALL, "Kicker", 3)
    with Library.open(tmp_path) as library:
        library.add_articles([zeit, football])
    # Turn it into what store version 1 wrote: the stories' features by story, with an index by
    # feature and time.
    db = sqlite3.connect(tmp_path / "library.db")
    db.executescript("""
        CREATE TABLE story_features (story_id INTEGER NOT NULL, feature TEXT NOT NULL, weight INTEGER NOT NULL,
                                     count INTEGER NOT NULL, last_ts REAL NOT NULL,
                                     PRIMARY KEY (story_id, feature)) WITHOUT ROWID;
        CREATE INDEX story_features_by_feature_time ON story_features(feature, last_ts);
        INSERT INTO story_features SELECT story_id, feature, 1, count, last_ts FROM feature_stories;
        DROP TABLE feature_stories;
        UPDATE meta SET value = '1' WHERE key = 'store_version';
    """)
    db.commit()
    db.close()

    sz = article(QUAKE_SZ, "SZ", 5)
    with Library.open(tmp_path) as library:
        library.add_articles([sz])
        stories = library.stories()
    assert [[a.id for a in story.articles] for story in stories] == [[zeit.id, sz.id]]
    assert "Amatrice" in stories[0].entities
    db = sqlite3.connect(tmp_path / "library.db")
    assert db.execute("SELECT value FROM meta WHERE key = 'store_version'").fetchone() == ("2",)
    assert db.execute("SELECT 1 FROM sqlite_master WHERE name = 'story_features'").fetchone() is None
    db.close()
