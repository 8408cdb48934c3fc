"""The article list's order and the app's first page read straight from SQLite."""

from __future__ import annotations

import sqlite3
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from index.library import Library
from index.listing import DATABASE_NAME, first_page
from index.models import Article

BERLIN = ZoneInfo("Europe/Berlin")
START = datetime(2025, 1, 1, 8, 0, tzinfo=BERLIN)


def _articles() -> list[Article]:
    dated = [
        Article(id=f"dated-{i:02d}", title=f"Meldung {i % 3}", body=f"Text über Windkraft Nummer {i}.",
                published=START + timedelta(hours=i // 2), source="dpa")
        for i in range(12)
    ]
    undated = [Article(id=f"undated-{name}", title=name, body=f"Ohne Datum: {name}.")
               for name in ("Zoll", "Abgabe", "Miete")]
    return dated + undated


@pytest.fixture(scope="module")
def library_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    data_dir = tmp_path_factory.mktemp("listing") / "library"
    with Library.open(data_dir) as library:
        library.add_articles(_articles())
    return data_dir


def _expected_order() -> list[str]:
    articles = _articles()
    dated = sorted((a for a in articles if a.published), key=lambda a: (-a.published.timestamp(), a.title))
    undated = sorted((a for a in articles if not a.published), key=lambda a: a.title)
    return [a.id for a in dated + undated]


def test_the_list_is_newest_first_then_undated_by_title_on_every_page(library_dir: Path) -> None:
    expected = _expected_order()
    with Library.open(library_dir) as library:
        assert [s.id for s in library.articles()] == expected
        for size in (1, 4, 5, 7):
            paged = []
            for offset in range(0, len(expected) + size, size):
                paged += [s.id for s in library.articles(limit=size, offset=offset)]
            assert paged == expected, size


def test_the_first_page_matches_the_library_list(library_dir: Path) -> None:
    rows, total = first_page(library_dir / DATABASE_NAME, 5)
    assert total == len(_articles())
    with Library.open(library_dir) as library:
        summaries = library.articles(limit=5)
    assert [(r.id, r.title, r.source, r.published) for r in rows] == [
        (s.id, s.title, s.source, s.published) for s in summaries
    ]


def test_no_first_page_without_a_readable_library(tmp_path: Path) -> None:
    assert first_page(tmp_path / "missing" / DATABASE_NAME, 5) is None
    (tmp_path / "notes.db").write_bytes(b"these are not SQLite pages" * 100)
    assert first_page(tmp_path / "notes.db", 5) is None
    with sqlite3.connect(tmp_path / "other.db") as db:
        db.execute("CREATE TABLE articles (id TEXT)")
    assert first_page(tmp_path / "other.db", 5) is None
