"""What every search backend (index.search.backend.SearchBackend) must do, run against each engine
package under index/search/: match exactly what the query language says (checked by brute force,
tests/conformance/matching.py), rank like the reference (plain Whoosh's BM25F, walked without its
collector's shortcuts, with the project's BM25F scorer), apply replaces and deletes, survive a writer killed mid-commit, and answer
readers while a writer commits."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import threading
import time
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from index.search import engine, engine_names
from index.search.backend import IndexDocument, SearchBackend
from index.search.parser import parse
from tests.conformance.matching import fields_of, matches

BERLIN = ZoneInfo("Europe/Berlin")
WORDS = ("Streik Bahn Gewerkschaft Tarif Lokführer Verhandlung Flughafen Lufthansa Warnstreik Polizei Unfall "
         "Autobahn Feuerwehr Regierung Haushalt Milliarden Euro Kommission Gipfel Ministerin Wahlkampf "
         "Gewerkschaften Gewerkschafter Verspätung Verspätungen Pendler Stellwerk Selenskyj Luftverteidigung").split()
# Every operator of the query language.
QUERIES = [
    "Streik", "Streik Bahn", "Streik OR Flughafen", "Streik -Lufthansa", "Streik NOT Bahn NOT Tarif",
    "(Polizei OR Feuerwehr) Unfall^2", "Gewerk*", "Verspät* Bahn", "Lufthanza~", "Selenskij~2", "Sel?nskyj",
    "Verteidigung", "title:Streik", "titel:[a TO g]", "tag:Verkehr Streik", "source:dpa Bahn", "quelle:tagesschau",
    "kind:liveblog", "person:Weselsky", "person:Weselsky Bahn", "org:Niemand", "Streik date:2025",
    "Bahn published:[2025-03-01 TO 2025-06-30]", "published:>2025-06-01", "date:2024", '"Milliarden Euro"',
    '"Streik Bahn" Tarif', '"Streik Bahn"~3', 'Streik -"Bahn Tarif"', '"Streik Bahn" OR "Bahn Tarif"',
    "+Bahn Streik", "Pendler OR date:2024-05", "Streik AND (Bahn ODER Flughafen) NICHT Polizei",
    "quote:Streik", 'zitat:"Streik Bahn"', "quote:Gewerk*", "said:Weselsky", "said:Weselsky quote:Tarif",
    "said:Weselsky -person:Weselsky", "said:Niemand OR quote:Pendler", "said:Weselsky date:2025",
]


def documents(count: int, seed: int) -> list[IndexDocument]:
    rng = random.Random(seed)
    docs = []
    for number in range(count):
        published = datetime(2024 + rng.randint(0, 1), rng.randint(1, 12), rng.randint(1, 28), 12, tzinfo=BERLIN)
        docs.append(IndexDocument(
            id=f"doc-{number}", title=" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6))),
            body=" ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 300))),
            source=rng.choice(["dpa", "tagesschau.de", None]), published=published if rng.random() > 0.1 else None,
            kind=rng.choice(["article", "liveblog"]), tags=["Verkehr"] if rng.random() < 0.3 else [],
            entity_ids=["Q-weselsky"] if rng.random() < 0.2 else [],
            quotes=[" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 12))) for _ in range(rng.randint(0, 3))],
            speaker_ids=["Q-weselsky"] if rng.random() < 0.3 else []))
    return docs


def entity_ids_for(kind: str, name: str) -> list[str]:
    return ["Q-weselsky"] if name == "Weselsky" else []


def open_backend(name: str, directory: Path) -> SearchBackend:
    return engine(name).open_backend(directory)


@pytest.fixture(scope="module", params=engine_names())
def filled(request, tmp_path_factory) -> tuple[SearchBackend, dict[str, IndexDocument]]:
    """Several commits, then some documents replaced and some deleted."""
    backend = open_backend(request.param, tmp_path_factory.mktemp(request.param) / "index")
    docs = {doc.id: doc for doc in documents(400, seed=3)}
    values = list(docs.values())
    for start in range(0, 400, 100):
        backend.add(values[start:start + 100])
    replaced = documents(30, seed=4)
    backend.add(replaced)
    docs.update({doc.id: doc for doc in replaced})
    backend.delete(["doc-390", "doc-391", "doc-392"])
    for gone in ("doc-390", "doc-391", "doc-392"):
        del docs[gone]
    yield backend, docs
    backend.close()


@pytest.mark.parametrize("text", QUERIES)
def test_a_query_matches_exactly_what_the_language_says(filled, text: str) -> None:
    backend, docs = filled
    parsed = parse(text, entity_ids_for)
    expanded = backend.expand(parsed)
    result = backend.search(expanded, 10_000, count=True)
    found = {article_id for article_id, _score in result.hits}
    expected = {doc.id for doc in docs.values() if matches(parsed, fields_of(doc))}
    assert found == expected, text
    assert result.total == len(expected)
    if text != "org:Niemand":
        assert expected, f"{text}: the test corpus should have matches"


@pytest.fixture(scope="module", params=engine_names())
def unchanged(request, tmp_path_factory) -> tuple[SearchBackend, dict[str, IndexDocument]]:
    """Several commits, nothing replaced (a replaced document's old version still counts in the
    term statistics of some engines until a merge, which the reference knows nothing of)."""
    backend = open_backend(request.param, tmp_path_factory.mktemp(request.param) / "index")
    docs = {doc.id: doc for doc in documents(400, seed=3)}
    values = list(docs.values())
    for start in range(0, 400, 100):
        backend.add(values[start:start + 100])
    yield backend, docs
    backend.close()


# Dates filter without scoring, and the reference walk has no +word (AndMaybe): those are left out here.
RANKED = [text for text in QUERIES if "date:" not in text and "published:" not in text and "+" not in text]


@pytest.mark.parametrize("text", RANKED)
def test_ranking_equals_the_reference_within_a_tolerance(unchanged, tmp_path_factory, text: str) -> None:
    backend, docs = unchanged
    reference = _reference(tmp_path_factory, docs)
    expanded = backend.expand(parse(text, entity_ids_for))
    ranked = backend.search(expanded, 20).hits
    expected = reference(expanded, 20)
    assert [score for _id, score in ranked] == pytest.approx([score for _id, score in expected], rel=1e-9)
    # The same articles, apart from the order of equal scores.
    assert sorted((-round(score, 6), article_id) for article_id, score in ranked) == sorted(
        (-round(score, 6), article_id) for article_id, score in expected)


_REFERENCES: dict[tuple, object] = {}


def _reference(tmp_path_factory, docs: dict[str, IndexDocument]):
    """Plain Whoosh (its own codec and BM25F scorer) over the same documents, ranked by walking
    every posting through Whoosh's matchers (tests/unit/search_reference.py)."""
    key = tuple(sorted(docs))
    if key not in _REFERENCES:
        import whoosh.index
        from index.search.whoosh.scoring import FastBM25F

        from index.search.whoosh.schema import build_schema, index_fields
        from index.search.whoosh.translate import to_whoosh
        from tests.unit.search_reference import reference_ranking

        directory = tmp_path_factory.mktemp("reference")
        plain = whoosh.index.create_in(str(directory), build_schema())
        with plain.writer() as writer:
            for doc in docs.values():
                writer.add_document(**index_fields(doc))
        searcher = plain.searcher(weighting=FastBM25F())

        def ranked(query, limit: int) -> list[tuple[str, float]]:
            return [(searcher.stored_fields(docnum)["id"], score)
                    for score, docnum in reference_ranking(searcher, to_whoosh(query), limit)]

        _REFERENCES[key] = ranked
    return _REFERENCES[key]


@pytest.mark.parametrize("name", engine_names())
def test_replacing_and_deleting_change_what_is_found(tmp_path: Path, name: str) -> None:
    backend = open_backend(name, tmp_path / "index")
    first = IndexDocument(id="a", title="Streik", body="Die Bahn streikt", source="dpa", published=None,
                          kind="article")
    backend.add([first, IndexDocument(id="b", title="Gipfel", body="Ein Gipfel in Brüssel", source="dpa",
                                      published=None, kind="article")])
    backend.add([IndexDocument(id="a", title="Flughafen", body="Der Flughafen ist offen", source="dpa",
                               published=None, kind="article")])
    assert [hit for hit, _ in backend.search(backend.expand(parse("Flughafen")), 10).hits] == ["a"]
    assert backend.search(backend.expand(parse("Bahn")), 10).hits == []
    backend.delete(["b"])
    assert backend.search(backend.expand(parse("Gipfel")), 10).hits == []
    assert backend.doc_count() == 1 and backend.ids() == {"a"}
    backend.close()


def _add_forever(name: str, directory: str, ready) -> None:
    backend = open_backend(name, Path(directory))
    backend.add(documents(50, seed=1))
    ready.set()
    while True:
        backend.add(documents(300, seed=int(time.time())))


@pytest.mark.parametrize("name", engine_names())
def test_a_writer_killed_mid_commit_leaves_a_searchable_index(tmp_path: Path, name: str) -> None:
    context = multiprocessing.get_context("spawn")
    ready = context.Event()
    writer = context.Process(target=_add_forever, args=(name, str(tmp_path / "index"), ready))
    writer.start()
    assert ready.wait(60)
    time.sleep(random.uniform(0.2, 1.0))
    os.kill(writer.pid, signal.SIGKILL)
    writer.join()
    backend = open_backend(name, tmp_path / "index")
    if not backend.needs_rebuild:  # a damaged index may only be recreated empty, never half-read
        assert backend.doc_count() >= 50
        assert backend.search(backend.expand(parse("Streik")), 5).hits
    backend.add(documents(10, seed=2))
    assert backend.search(backend.expand(parse("Streik OR Bahn")), 5).hits
    backend.close()


@pytest.mark.parametrize("name", engine_names())
def test_readers_search_while_a_writer_commits(tmp_path: Path, name: str) -> None:
    backend = open_backend(name, tmp_path / "index")
    backend.add(documents(100, seed=5))
    errors: list[BaseException] = []
    counts: list[int] = []

    def read() -> None:
        try:
            for _ in range(30):
                result = backend.search(backend.expand(parse("Streik OR Bahn")), 5, count=True)
                counts.append(result.total or 0)
        except BaseException as error:  # noqa: BLE001 - reported below
            errors.append(error)

    readers = [threading.Thread(target=read) for _ in range(3)]
    for thread in readers:
        thread.start()
    for batch in range(3):
        backend.add(documents(100, seed=10 + batch))
    for thread in readers:
        thread.join()
    assert not errors
    assert counts and min(counts) > 0
    backend.close()


FACET_PARTS = {"source": "source:dpa", "site": 'source:"tagesschau.de"', "month": "date:2025-03",
               "range": "published:[2024-02-01 TO 2024-07-31]", "person": "person:Weselsky", "tag": "tag:Verkehr",
               "word": "Tarif", "phrase": '"Streik Bahn"', "prefix": "Gewerk*"}


@pytest.mark.parametrize("text", ["Streik", "Streik OR Flughafen", "Bahn published:[2025-03-01 TO 2025-06-30]",
                                  '"Milliarden Euro"', "date:2024", "org:Niemand"])
def test_counts_within_are_what_the_query_and_each_part_match_together(filled, text: str) -> None:
    backend, docs = filled
    parsed = parse(text, entity_ids_for)
    parts = {key: parse(part, entity_ids_for) for key, part in FACET_PARTS.items()}
    counts = backend.count_within(backend.expand(parsed), parts)
    for key, part in parts.items():
        expected = sum(1 for doc in docs.values() if matches(parsed, fields_of(doc)) and matches(part, fields_of(doc)))
        assert counts[key] == expected, (text, key)
