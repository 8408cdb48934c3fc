"""Search takes its fast paths (index/search/whoosh/README.md): no detour to Whoosh's slow public
ways, which would leave results alone and make search 10-40 times slower. Fails when an upgrade
of Whoosh removes a private name a fast path needs."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

import index.search.whoosh.ranking as ranking
from index.search.backend import IndexDocument, Sort
from index.search.parser import parse
from index.search.whoosh import fast_paths
from index.search.whoosh.engine import WhooshBackend

BERLIN = ZoneInfo("Europe/Berlin")
QUERIES = ["Streik", "Streik Bahn", "Streik OR Flughafen", "Streik -Lufthansa", "Streik NOT Bahn", "Gewerk*",
           "Lufthanza~", "Sel?nskyj", "title:[a TO m]", '"Streik Bahn"', '"Streik Bahn"~3', "source:dpa Bahn",
           "tag:Verkehr", "kind:liveblog", "person:Weselsky", "Streik date:2025", "date:2025-03",
           "Bahn published:[2025-03-01 TO 2025-06-30]", "(Polizei OR Feuerwehr) Unfall^2"]


def _doc(number: int, body: str, published: datetime | None) -> IndexDocument:
    return IndexDocument(id=f"doc-{number}", title=body.split()[0], body=body, source="dpa", published=published,
                         kind="liveblog" if number % 3 else "article", tags=["Verkehr"] if number % 2 else [],
                         entity_ids=["Q-weselsky"] if number % 4 == 0 else [])


@pytest.fixture(scope="module")
def backend(tmp_path_factory) -> WhooshBackend:
    """Several segments, one without any date, and replaced documents."""
    opened = WhooshBackend.open(tmp_path_factory.mktemp("fast") / "index")
    texts = ["Streik bei der Bahn und am Flughafen", "Lufthansa Streik Gewerkschaft", "Polizei Unfall Autobahn",
             "Feuerwehr Unfall Selenskyj", "Bahn Streik Pendler Tarif"]
    opened.add([_doc(n, texts[n % 5], datetime(2025, 1 + n % 12, 1 + n % 27, tzinfo=BERLIN)) for n in range(40)])
    opened.add([_doc(n, texts[n % 5] + " Flughafen", None) for n in range(40, 60)])
    opened.add([_doc(n, texts[(n + 1) % 5], datetime(2025, 3, 3, tzinfo=BERLIN)) for n in range(10)])
    yield opened
    opened.close()


def test_every_kind_of_query_is_answered_on_the_fast_paths(backend: WhooshBackend, monkeypatch) -> None:
    def refuse(*args):
        raise AssertionError("ranked by Whoosh's own matchers")

    monkeypatch.setattr(ranking, "_whoosh_ranked", refuse)
    fast_paths.SLOW_PATHS.clear()
    backend.warm_up()
    for text in QUERIES:
        query = backend.expand(parse(text, lambda kind, name: [f"Q-{name.lower()}"]))
        assert backend.search(query, 10).hits, text
        backend.search(query, 10, sort=Sort.NEWEST, count=True)
    assert not fast_paths.SLOW_PATHS, f"slow paths taken: {dict(fast_paths.SLOW_PATHS)}"


def test_a_slow_path_taken_is_counted(backend: WhooshBackend, monkeypatch) -> None:
    """What the test above relies on: a missing private name is noticed, not just survived."""
    from index.search.whoosh.dates import _leaf_moments

    segment = backend._current_searcher().reader().leaf_readers()[0][0]
    fast = _leaf_moments(segment)
    original = segment.column_reader

    class PublicOnly:  # a column reader as an upgrade might make it: the public indexing only
        def __init__(self, inner):
            self.inner = inner

        def __getitem__(self, docnum):
            return self.inner[docnum]

    monkeypatch.setattr(segment, "column_reader", lambda *args, **kwargs: PublicOnly(original(*args, **kwargs)))
    fast_paths.SLOW_PATHS.clear()
    assert _leaf_moments(segment).tolist() == fast.tolist()  # the same answer, the slow way
    assert fast_paths.SLOW_PATHS["publication times read one by one"] == 1
