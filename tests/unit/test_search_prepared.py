"""Postings prepared by import workers make the same index as text the writer analyses itself."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import whoosh.index
from whoosh import fields

from index.search.whoosh.analyzers import GermanAnalyzer
from index.search.backend import IndexDocument
from index.search.whoosh.schema import build_schema, reference_schema
from index.search.whoosh.engine import WhooshBackend
from index.search.whoosh.prepared import prepare, same_fields
from tests.unit.search_helpers import searched
from tests.unit.test_search import _seed_documents

QUERIES = ["Verteidigung", "Macron Merz", '"Koalition der Willigen"', "Selenskij~", "Ukraine-Krieg",
           "title:Paris", "Sicherheits*", "Kanzler OR Präsident"]


def with_prepared(doc: IndexDocument) -> IndexDocument:
    return dataclasses.replace(doc, prepared=prepare(reference_schema(), doc.title, doc.body))


def every_posting(directory: Path) -> list:
    ix = whoosh.index.open_dir(str(directory))
    with ix.reader() as reader:
        return sorted((name, term, docnum, weight, value)
                      for name, term, docnum, weight, value in reader.iter_postings() if name in ("title", "body"))


def test_prepared_postings_make_the_same_index_and_the_same_answers(tmp_path: Path) -> None:
    documents = _seed_documents()
    analysed, prepared = WhooshBackend.open(tmp_path / "analysed"), WhooshBackend.open(tmp_path / "prepared")
    analysed.add(documents)
    prepared.add([with_prepared(doc) for doc in documents])

    postings = every_posting(tmp_path / "prepared")
    assert len(postings) > 1000
    assert postings == every_posting(tmp_path / "analysed")
    for query in QUERIES:
        expected = [(hit.id, round(hit.score, 6), hit.snippet) for hit in searched(analysed, query, fetch=_texts(documents))]
        assert expected, query
        assert [(hit.id, round(hit.score, 6), hit.snippet)
                for hit in searched(prepared, query, fetch=_texts(documents))] == expected, query


def test_the_index_on_disk_keeps_its_plain_schema(tmp_path: Path) -> None:
    index = WhooshBackend.open(tmp_path / "index")
    index.add([with_prepared(doc) for doc in _seed_documents()])
    reopened = whoosh.index.open_dir(str(tmp_path / "index"))
    assert type(reopened.schema["body"]) is fields.TEXT
    assert type(reopened.schema["title"]) is fields.TEXT


def test_an_index_with_other_fields_analyses_the_text_itself(tmp_path: Path) -> None:
    other = build_schema()
    other.remove("body")
    other.add("body", fields.TEXT(analyzer=GermanAnalyzer(compounds=False), phrase=True))
    assert not same_fields(other, reference_schema())
    assert same_fields(build_schema(), reference_schema())


def _texts(documents: list[IndexDocument]):
    texts = {doc.id: (doc.title, doc.body) for doc in documents}
    return lambda ids: {i: texts[i] for i in ids if i in texts}
