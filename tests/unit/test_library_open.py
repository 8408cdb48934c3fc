"""A library opened without its search index (Library.open(search=False), as the reading
commands open it) still searches and imports right when asked to, also after the index was lost."""

from __future__ import annotations

import shutil
from pathlib import Path

from index.library import Library
from index.models import Article


def test_a_search_after_opening_without_the_index_rebuilds_a_lost_one(seeded_library: Path) -> None:
    with Library.open(seeded_library) as library:
        expected = [hit.id for hit in library.search("Merz")]
    assert expected
    shutil.rmtree(seeded_library / "index")
    with Library.open(seeded_library, search=False) as library:
        assert library.article(expected[0]).id == expected[0]
        assert not (seeded_library / "index").exists()  # reading an article needs no index
        assert [hit.id for hit in library.search("Merz")] == expected


def test_an_import_after_opening_without_the_index_indexes_everything(seeded_library: Path) -> None:
    shutil.rmtree(seeded_library / "index")
    with Library.open(seeded_library, search=False) as library:
        library.add_articles([Article(title="Quastorf im Gemeinderat", body="Der Gemeinderat von Quastorf tagte.")])
    with Library.open(seeded_library) as library:
        assert library.index.doc_count() == library.count() == 6
        assert [hit.title for hit in library.search("Quastorf")] == ["Quastorf im Gemeinderat"]
