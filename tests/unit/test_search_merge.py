"""Segments merged by copying posting blocks hold what Whoosh's own merge would write."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import whoosh.index
from whoosh.writing import MERGE_SMALL

from index.search.backend import IndexDocument
from index.search.whoosh.engine import WhooshBackend
from tests.unit.search_helpers import searched
from tests.reliability.corpus import PEOPLE, PLACES, TOPICS, VERBS

BERLIN = ZoneInfo("Europe/Berlin")
QUERIES = ["Merz", "Sicherheitsgarantien Berlin", '"Pläne zur Luftverteidigung"', "Verteid*", "Pistorus~",
           "source:dpa", "tags:ukraine", "date:2025-03", "Macron OR Meloni -Paris", "title:Rom"]


def documents(count: int, start: int) -> list[IndexDocument]:
    rng = random.Random(start)
    docs = []
    for number in range(start, start + count):
        topic, person, place = rng.choice(TOPICS), rng.choice(PEOPLE), rng.choice(PLACES)
        sentences = [f"{rng.choice(PEOPLE)} {rng.choice(VERBS)} in {rng.choice(PLACES)} die Pläne zur {rng.choice(TOPICS)}."
                     for _ in range(rng.randint(2, 12))]
        docs.append(IndexDocument(
            id=f"doc{number:05d}", title=f"{topic}: {person} in {place}", body=" ".join(sentences),
            source=rng.choice(["dpa", "Reuters", None]), kind="article", tags=rng.sample(["Ukraine", "EU", "Wirtschaft"], 2),
            published=None if number % 9 == 0 else datetime(2025, 1, 1, 9, tzinfo=BERLIN) + timedelta(days=number % 200),
            entity_ids=[f"Q-{person.split()[-1].lower()}"]))
    return docs


def build(directory: Path, batches: list[list[IndexDocument]]) -> WhooshBackend:
    index = WhooshBackend.open(directory)
    for batch in batches:
        index.add(batch)
    return index


def every_posting(directory: Path) -> list:
    ix = whoosh.index.open_dir(str(directory))
    with ix.searcher() as searcher:
        ids = {docnum: fields["id"] for docnum, fields in searcher.reader().iter_docs()}
        return sorted((name, term, ids[docnum], weight, value)
                      for name, term, docnum, weight, value in searcher.reader().iter_postings())


def term_statistics(directory: Path) -> dict:
    ix = whoosh.index.open_dir(str(directory))
    with ix.reader() as reader:
        infos = ((term, reader.term_info(*term)) for term in reader.all_terms())
        return {term: (round(info.weight(), 3), info.doc_frequency(), info.min_length(), info.max_length(),
                       info.max_weight()) for term, info in infos}


@pytest.fixture(scope="module")
def batches() -> list[list[IndexDocument]]:
    # Small commits, so that merges happen at the fifth, and big enough lists for several blocks.
    sizes = [40, 60, 50, 400, 30, 45, 55, 35, 300, 25, 20, 30]
    starts = [sum(sizes[:i]) for i in range(len(sizes))]
    return [documents(size, start) for size, start in zip(sizes, starts)]


def test_block_copy_merges_write_the_index_whoosh_would(tmp_path: Path, batches, monkeypatch: pytest.MonkeyPatch) -> None:
    copied = build(tmp_path / "copied", batches)
    segments = whoosh.index.open_dir(str(tmp_path / "copied"))._segments()
    assert len(segments) < len(batches), "the commits merged segments"

    original_write = WhooshBackend._write
    monkeypatch.setattr(WhooshBackend, "_write", lambda self, work, **options: original_write(
        self, work, **{"mergetype": MERGE_SMALL, **options}))
    whooshed = build(tmp_path / "whoosh", batches)
    # Whoosh merges into the commit's own new segment; the copy is a segment beside it.
    assert len(whoosh.index.open_dir(str(tmp_path / "whoosh"))._segments()) < len(batches)

    postings = every_posting(tmp_path / "copied")
    assert len(postings) > 20_000
    assert postings == every_posting(tmp_path / "whoosh")
    assert term_statistics(tmp_path / "copied") == term_statistics(tmp_path / "whoosh")
    texts = {doc.id: (doc.title, doc.body) for batch in batches for doc in batch}
    fetch = lambda ids: {i: texts[i] for i in ids}  # noqa: E731
    everything = sum(len(batch) for batch in batches)
    for query in QUERIES:
        # Every hit, ordered without the document numbers that break ties (the segments differ).
        expected = sorted((-round(hit.score, 5), hit.id, hit.published) for hit in searched(whooshed, query, everything, fetch=fetch))
        assert expected, query
        assert sorted((-round(hit.score, 5), hit.id, hit.published)
                      for hit in searched(copied, query, everything, fetch=fetch)) == expected, query


def test_a_merge_keeps_replaced_articles_replaced(tmp_path: Path, batches) -> None:
    index = build(tmp_path / "index", batches[:3])
    changed = [IndexDocument(id=doc.id, title=doc.title, body="Ganz neuer Text über Wasserstoff.", source=None,
                             published=None, kind="article") for doc in batches[0][:5]]
    index.add(changed)  # deletions in the first segment: it merges Whoosh's way
    for batch in batches[3:]:
        index.add(batch)
    texts = {doc.id: (doc.title, doc.body) for batch in batches for doc in batch}
    texts.update({doc.id: (doc.title, doc.body) for doc in changed})
    fetch = lambda ids: {i: texts[i] for i in ids}  # noqa: E731
    assert sorted(hit.id for hit in searched(index, "Wasserstoff", 50, fetch=fetch)) == [doc.id for doc in changed]
    assert index.doc_count() == sum(len(batch) for batch in batches)
    ix = whoosh.index.open_dir(str(tmp_path / "index"))
    assert len(ix._segments()) < len(batches)


def test_small_segments_merge_into_one_after_an_import(tmp_path: Path, batches) -> None:
    index = build(tmp_path / "index", batches)
    before = every_posting(tmp_path / "index")
    sizes = sorted(segment.doc_count_all() for segment in whoosh.index.open_dir(str(tmp_path / "index"))._segments())
    assert sum(size < 350 for size in sizes) >= 2
    index.optimise(below=350)
    after = sorted(segment.doc_count_all() for segment in whoosh.index.open_dir(str(tmp_path / "index"))._segments())
    assert after == sorted([size for size in sizes if size >= 350] + [sum(size for size in sizes if size < 350)])
    assert every_posting(tmp_path / "index") == before
    texts = {doc.id: (doc.title, doc.body) for batch in batches for doc in batch}
    hits = searched(index, "Merz", 5000, fetch=lambda ids: {i: texts[i] for i in ids})
    assert len(hits) == sum("Merz" in doc.title + doc.body for batch in batches for doc in batch)
