"""Posting blocks as arrays (index.search.whoosh.codec) and numpy ranking (index.search.whoosh.vector).

A reader notices these only as speed; what must hold is that nothing else changes: the same
postings as Whoosh's own codec stores, and the same hits in the same order with the same scores
as Whoosh's scorer gives them (checked against a slow reference walk, because Whoosh's
optimised collector itself skips some better hits of AND/OR queries).
"""

from __future__ import annotations

import random
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import whoosh.index
from whoosh.codec.whoosh3 import W3Codec

from index.search.backend import IndexDocument
from index.search.whoosh.schema import build_schema
from index.search.whoosh.engine import WhooshBackend
from index.search.whoosh.codec import BLOCK_LIMIT, ReaderCodec
from index.search.whoosh.dates import split_date_filter
from index.search.parser import parse
from index.search.whoosh.translate import to_whoosh
from index.search.whoosh.postings import term_postings
from index.search.whoosh.vector import ranked_docnums
from tests.unit.search_helpers import searched
from tests.unit.search_reference import reference_ranking

BERLIN = ZoneInfo("Europe/Berlin")
WORDS = ("Streik Bahn Gewerkschaft Tarif Lokführer Verhandlung Flughafen Lufthansa Warnstreik Polizei Unfall "
         "Autobahn Feuerwehr Regierung Haushalt Milliarden Euro Kommission Gipfel Ministerin Wahlkampf "
         "Gewerkschaften Gewerkschafter Verspätung Verspätungen Pendler Stellwerk").split()
QUERIES = [
    "Streik", "Streik Bahn", "Streik OR Flughafen", "Streik -Lufthansa", "Streik NOT Bahn NOT Tarif",
    "(Polizei OR Feuerwehr) Unfall^2", "Gewerk*", "Verspät* Bahn", "Gewerk*^2 OR Polizei", "title:Streik",
    "Lufthanza~", "Pendlr~ OR Stellwerk", "tag:Verkehr Streik", "source:dpa Bahn", "kind:liveblog",
    "person:Weselsky", "person:Weselsky Bahn", "Streik date:2025", "Bahn published:[2025-03-01 TO 2025-06-30]",
    '"Milliarden Euro"', '"Streik Bahn" Tarif', '"Streik Bahn"~3', '"Bahn Streik" OR Pendler',
    'Streik -"Bahn Tarif"', '"Gewerkschaft Tarif Streik"', 'title:"Streik Bahn"',
    '"Streik Bahn" OR "Bahn Tarif"', '("Streik Bahn" OR Pendler) Tarif^2', '"Streik Bahn" "Tarif Pendler"~2',
    'Pendler -"Streik Bahn" -Unfall', '(Pendler NOT "Bahn Streik") OR "Streik Bahn"^3 OR Gewerk*',
]


def _documents(count: int, seed: int) -> list[IndexDocument]:
    rng = random.Random(seed)
    docs = []
    for number in range(count):
        body = " ".join(rng.choice(WORDS) for _ in range(rng.randint(3, 400)))
        title = " ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 6)))
        published = datetime(2024 + rng.randint(0, 1), rng.randint(1, 12), rng.randint(1, 28), tzinfo=BERLIN)
        docs.append(IndexDocument(
            id=f"doc-{number}", title=title, body=body, source=rng.choice(["dpa", "tagesschau.de", None]),
            published=published if rng.random() > 0.1 else None, kind=rng.choice(["article", "liveblog"]),
            tags=["Verkehr"] if rng.random() < 0.3 else [],
            entity_ids=["Q-weselsky"] if rng.random() < 0.2 else [],
        ))
    return docs


@pytest.fixture(scope="module")
def library_index(tmp_path_factory) -> WhooshBackend:
    """Several segments, replaced documents (deletions) and a merge, as a long-used library has."""
    search_index = WhooshBackend.open(tmp_path_factory.mktemp("vector") / "index")
    docs = _documents(900, seed=7)
    for start in range(0, 900, 150):
        search_index.add(docs[start:start + 150])
    search_index.add(_documents(60, seed=8))  # the same ids again: replacements
    return search_index


def _text_query(search_index: WhooshBackend, text: str):
    """The searcher, the query without its date conditions, and the documents those allow (an
    array, as the search passes them; None without dates)."""
    parsed = search_index.expand(parse(text, lambda kind, name: [f"Q-{name.lower()}"]))
    searcher = search_index._current_searcher()
    text_query, date_ranges = split_date_filter(parsed)
    allowed = search_index._publication_dates(searcher).docnums_within(date_ranges) if date_ranges else None
    return searcher, to_whoosh(text_query), allowed


def _as_set(allowed) -> set[int] | None:
    return None if allowed is None else set(allowed.tolist())


def test_the_index_has_segments_and_replaced_documents(library_index: WhooshBackend) -> None:
    reader = library_index._current_searcher().reader()
    assert len(reader.leaf_readers()) > 1
    assert reader.has_deletions()
    assert library_index.doc_count() == 900


@pytest.mark.parametrize("text", QUERIES)
def test_vector_ranking_equals_the_reference_walk(library_index: WhooshBackend, text: str) -> None:
    searcher, text_query, allowed = _text_query(library_index, text)
    ranked = ranked_docnums(searcher, text_query, 25, allowed)
    expected = reference_ranking(searcher, text_query, 25, _as_set(allowed))
    assert ranked is not None
    assert expected, "every test query finds something"
    assert [docnum for _score, docnum in ranked] == [docnum for _score, docnum in expected]
    assert [score for score, _docnum in ranked] == pytest.approx([score for score, _ in expected], rel=1e-12)


PHRASE_QUERIES = [text for text in QUERIES if '"' in text]


@pytest.mark.parametrize("limit", [1, 2, 3])
@pytest.mark.parametrize("text", PHRASE_QUERIES)
def test_a_few_phrase_hits_are_the_reference_walks_best(library_index: WhooshBackend, text: str, limit: int) -> None:
    """With a small limit the candidates are sorted in two parts (the best few, then the rest only
    if the phrase check runs past them): the hits must still be the reference's first ones."""
    searcher, text_query, allowed = _text_query(library_index, text)
    ranked = ranked_docnums(searcher, text_query, limit, allowed)
    expected = reference_ranking(searcher, text_query, limit, _as_set(allowed))
    assert ranked is not None
    assert [docnum for _score, docnum in ranked] == [docnum for _score, docnum in expected]
    assert [score for score, _docnum in ranked] == pytest.approx([score for score, _ in expected], rel=1e-12)


@pytest.mark.parametrize("text", QUERIES)
def test_vector_ranking_finds_what_whoosh_finds(library_index: WhooshBackend, text: str) -> None:
    searcher, text_query, allowed = _text_query(library_index, text)
    everything = ranked_docnums(searcher, text_query, 10_000, allowed)
    whoosh_hits = searcher.search(text_query, limit=None, filter=_as_set(allowed))
    assert {docnum for _score, docnum in everything} == set(whoosh_hits.docs())


def _postings_of(reader, fieldname: str, tbytes: bytes) -> list[tuple]:
    matcher = reader.postings(fieldname, tbytes)
    rows = []
    while matcher.is_active():
        rows.append((matcher.id(), matcher.weight(), matcher.value()))
        matcher.next()
    return rows


def test_array_blocks_hold_the_same_postings_as_whooshs_codec(tmp_path: Path) -> None:
    docs = _documents(700, seed=3)  # long lists span many blocks of 256
    readers = {}
    for name, codec in (("w3", W3Codec()), ("arrays", ReaderCodec())):
        directory = tmp_path / name
        directory.mkdir()
        index = whoosh.index.create_in(str(directory), build_schema())
        for start in range(0, 700, 350):  # two segments, then a merge of both
            writer = index.writer(codec=codec)
            for doc in docs[start:start + 350]:
                writer.add_document(**_fields(doc))
            writer.commit()
        writer = index.writer(codec=codec)
        writer.commit(optimize=True)
        readers[name] = index.reader()
    terms = list(readers["w3"].all_terms())
    assert terms == list(readers["arrays"].all_terms())
    assert len(terms) > 50
    for fieldname, tbytes in terms:
        expected = _postings_of(readers["w3"], fieldname, tbytes)
        assert _postings_of(readers["arrays"], fieldname, tbytes) == expected
        if fieldname == "published":  # numeric terms have no text form
            continue
        postings = term_postings(readers["arrays"], fieldname, tbytes.decode())
        assert postings.ids.tolist() == [row[0] for row in expected]
        assert postings.weights.tolist() == pytest.approx([row[1] for row in expected])
        if fieldname in ("title", "body"):  # what a phrase check reads
            decode = readers["w3"].schema[fieldname].format.decode_positions
            assert [postings.positions(row[0]) for row in expected] == [decode(row[2]) for row in expected]
            # The first block's length bounds, which BM25's skipping relies on, are those of its
            # documents (the writer takes each length from the lengths it holds in memory).
            lengths = [readers["w3"].doc_field_length(row[0], fieldname) for row in expected[:BLOCK_LIMIT]]
            lengths = [length for length in lengths if length is not None]
            first_block = readers["arrays"].postings(fieldname, tbytes)
            if lengths:
                assert (first_block.block_min_length(), first_block.block_max_length()) == (min(lengths), max(lengths))
    for fieldname in ("title", "body"):
        assert [readers["arrays"].doc_field_length(docnum, fieldname) for docnum in range(700)] == \
            [readers["w3"].doc_field_length(docnum, fieldname) for docnum in range(700)]


def _fields(doc: IndexDocument) -> dict:
    from index.search.whoosh.schema import index_fields

    return index_fields(doc)


def test_search_results_are_the_same_with_either_codec(tmp_path: Path, monkeypatch) -> None:
    """An index written by Whoosh's codec (an older library) still searches the same."""
    import index.search.whoosh.engine as search_module

    docs = _documents(300, seed=5)
    hits = {}
    for name, codec in (("w3", W3Codec()), ("arrays", ReaderCodec())):
        monkeypatch.setitem(search_module.WRITER_OPTIONS, "codec", codec)
        search_index = WhooshBackend.open(tmp_path / name)
        search_index.add(docs)
        hits[name] = [(hit.id, round(hit.score, 9)) for hit in searched(
            search_index, "Streik OR Gewerk*", limit=30, fetch=lambda ids: {i: ("t", "b") for i in ids})]
        search_index.close()
    assert hits["w3"] == hits["arrays"]
    assert len(hits["w3"]) == 30


@pytest.mark.parametrize("prefix", ["", "s", "st", "gewerk", "verspat", "zz", "\u00fc"])
def test_terms_with_a_prefix_are_the_terms_whoosh_lists(library_index: WhooshBackend, prefix: str) -> None:
    from index.search.whoosh.terms import terms_with_prefix

    reader = library_index._current_searcher().reader()
    for fieldname in ("title", "body", "entity_ids", "source"):
        expected = sorted({term.decode() for term in reader.expand_prefix(fieldname, prefix)})
        assert terms_with_prefix(reader, fieldname, prefix) == expected, (fieldname, prefix)


# Queries of the parts short_lists ranks (no prefixes, no dates: those it leaves to vector).
SHORT_LIST_QUERIES = [text for text in QUERIES if "*" not in text and "date" not in text and "published" not in text]


@pytest.mark.parametrize("count", [False, True])
@pytest.mark.parametrize("limit", [1, 3, 25])
@pytest.mark.parametrize("text", SHORT_LIST_QUERIES)
def test_short_lists_rank_exactly_as_vector(library_index: WhooshBackend, text: str, limit: int, count: bool) -> None:
    """A process without numpy (`reader search`) ranks in plain Python: the same hits in the same
    order with the same scores (not approximately: the same floats), and the same count."""
    from index.search.backend import Sort
    from index.search.whoosh.ranking import rank
    from index.search.whoosh.short_lists import ranked

    parsed = library_index.expand(parse(text, lambda kind, name: [f"Q-{name.lower()}"]))
    searcher = library_index._current_searcher()
    plain = ranked(searcher, to_whoosh(parsed), limit, count)
    assert plain is not None
    assert plain == rank(searcher, None, parsed, limit, None, Sort.RELEVANCE, count)
    assert plain[0], "every test query finds something"


@pytest.mark.parametrize("text", ["Gewerk*", "Streik date:2025"])
def test_short_lists_leave_prefixes_and_dates_to_vector(library_index: WhooshBackend, text: str) -> None:
    from index.search.whoosh.short_lists import ranked

    parsed = library_index.expand(parse(text, lambda kind, name: [f"Q-{name.lower()}"]))
    assert ranked(library_index._current_searcher(), to_whoosh(parsed), 20, False) is None


def test_long_lists_are_left_to_vector(library_index: WhooshBackend, monkeypatch) -> None:
    from index.search.whoosh import short_lists

    searcher = library_index._current_searcher()
    query = to_whoosh(library_index.expand(parse("Streik", None)))
    assert short_lists.ranked(searcher, query, 20, False) is not None
    monkeypatch.setattr(short_lists, "SHORT_POSTINGS", short_lists.posting_count(searcher, query) - 1)
    assert short_lists.ranked(searcher, query, 20, False) is None


def test_posting_lists_read_without_numpy_equal_the_arrays(library_index: WhooshBackend) -> None:
    from index.search.whoosh.codec import posting_arrays, posting_lists

    reader = library_index._current_searcher().reader()
    checked = 0
    for segment, _offset in reader.leaf_readers():
        terms = segment._terms
        for fieldname, text in (("body", "streik"), ("title", "bahn"), ("body", "gewerkschaft")):
            terminfo = terms.term_info(fieldname, text.encode())
            if terminfo.is_inlined():
                continue
            offset, length = terminfo.extent()
            raw = terms._postfile.get(offset, length[0] if isinstance(length, tuple) else length)
            arrays, lists = posting_arrays(raw), posting_lists(raw)
            assert list(lists.ids) == arrays.ids.tolist()
            assert list(lists.weights) == arrays.weights.tolist()  # the same floats, not approximately
            assert (lists.block_positions, lists.block_starts) == (arrays.block_positions, arrays.block_starts)
            checked += 1
    assert checked >= 3
