"""Date filters over an index whose segments differ: undated ones, replaced and deleted articles."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from index.search.backend import IndexDocument
from index.search.whoosh.engine import WhooshBackend
from tests.unit.search_helpers import searched

BERLIN = ZoneInfo("Europe/Berlin")


def _doc(number: int, published: datetime | None, body: str = "Streik bei der Bahn") -> IndexDocument:
    return IndexDocument(id=f"d{number}", title=f"Meldung {number}", body=body, source="dpa",
                         published=published, kind="article")


def _ids(search_index: WhooshBackend, query: str) -> list[str]:
    return [hit.id for hit in searched(search_index, query, limit=50, fetch=lambda ids: {i: ("t", "b") for i in ids})]


@pytest.fixture
def search_index(tmp_path: Path) -> WhooshBackend:
    index = WhooshBackend.open(tmp_path / "index")
    index.add([_doc(n, None) for n in range(4)])  # a segment in which no article has a date
    index.add([_doc(n, datetime(2023, n + 1, 10, 9, 0, tzinfo=BERLIN)) for n in range(4, 10)])  # May-Oct
    index.add([_doc(n, datetime(2024, n - 9, 5, 12, 0, tzinfo=BERLIN)) for n in range(10, 14)])  # Jan-Apr
    yield index
    index.close()


def test_a_date_range_finds_its_articles_across_segments_and_not_the_undated(search_index: WhooshBackend):
    assert _ids(search_index, "published:[2023-06-01 TO 2024-02-28]") == ["d11", "d10", "d9", "d8", "d7", "d6", "d5"]


def test_a_date_only_query_lists_the_newest_first(search_index: WhooshBackend):
    # The undated segment comes first: its articles must not shift the others' dates.
    assert _ids(search_index, "published:2024") == ["d13", "d12", "d11", "d10"]


def test_words_with_a_date_filter_rank_only_articles_in_the_range(search_index: WhooshBackend):
    assert sorted(_ids(search_index, "Streik published:2023")) == [f"d{n}" for n in range(4, 10)]


def test_a_replaced_article_is_filtered_by_its_new_date_and_a_deleted_one_not_at_all(search_index: WhooshBackend):
    search_index.add([_doc(5, datetime(2024, 6, 1, 8, 0, tzinfo=BERLIN))])  # d5 moves from 2023 to 2024
    search_index.delete(["d11"])
    assert "d5" not in _ids(search_index, "Streik published:2023")
    assert _ids(search_index, "published:2024") == ["d5", "d13", "d12", "d10"]
