"""Decoded posting lists kept between searches (index.search.whoosh.postings_cache).

A reader notices the cache only as speed. What must hold: the hits are the same with and without
it, an article replaced or added after a search is found (or not) as it is now, and the memory it
takes stays within its budget.
"""

from __future__ import annotations

import gc
import random

import pytest

from index.search.whoosh import postings as search_postings
from index.search.backend import IndexDocument
from index.search.whoosh.engine import WhooshBackend
from index.search.whoosh.postings_cache import PostingsCache
from tests.unit.search_helpers import searched

FILLER = "Regierung Haushalt Kommission Gipfel Ministerin Pendler Stellwerk Polizei Autobahn".split()


class _Reader:
    """Stands for a segment reader: the cache only needs an object that can be collected."""


def test_the_least_recently_used_list_goes_first_past_the_budget() -> None:
    cache: PostingsCache[str] = PostingsCache(budget_bytes=100)
    reader = _Reader()
    cache.put(reader, "body", "streik", "A", 40)
    cache.put(reader, "body", "bahn", "B", 40)
    assert cache.get(reader, "body", "streik") == "A"  # now the most recently used
    cache.put(reader, "body", "tarif", "C", 40)
    assert cache.get(reader, "body", "bahn") is None
    assert cache.get(reader, "body", "streik") == "A"
    assert cache.get(reader, "body", "tarif") == "C"
    assert cache.size_bytes == 80


def test_a_list_larger_than_the_whole_budget_is_not_kept() -> None:
    cache: PostingsCache[str] = PostingsCache(budget_bytes=100)
    reader = _Reader()
    cache.put(reader, "body", "streik", "A", 60)
    cache.put(reader, "body", "euro", "huge", 101)
    assert cache.get(reader, "body", "euro") is None
    assert cache.get(reader, "body", "streik") == "A"
    assert cache.size_bytes == 60


def test_the_lists_of_a_closed_reader_are_dropped() -> None:
    cache: PostingsCache[str] = PostingsCache(budget_bytes=1000)
    kept, closed = _Reader(), _Reader()
    cache.put(kept, "body", "streik", "A", 10)
    cache.put(closed, "body", "streik", "B", 20)
    del closed
    gc.collect()
    assert cache.get(kept, "body", "streik") == "A"
    assert len(cache) == 1
    assert cache.size_bytes == 10


def _document(number: int, body: str) -> IndexDocument:
    return IndexDocument(id=f"doc-{number}", title=f"Meldung {number}", body=body, source="dpa", published=None,
                         kind="article", tags=[], entity_ids=[])


def _body(rng: random.Random, with_strike: bool) -> str:
    words = [rng.choice(FILLER) for _ in range(rng.randint(20, 80))]
    if with_strike:
        for _ in range(rng.randint(1, 4)):
            words.insert(rng.randrange(len(words)), "Streik")
        words.insert(rng.randrange(len(words)), "Millionen Euro")
    return " ".join(words)


@pytest.fixture
def common_word_index(tmp_path, monkeypatch):
    """300 articles in two segments, "Streik" in most of them; every list is long enough to keep."""
    monkeypatch.setattr(search_postings, "MIN_POSTINGS", 1)
    monkeypatch.setattr(search_postings, "CACHE", PostingsCache())
    rng = random.Random(3)
    texts = {number: _body(rng, with_strike=rng.random() < 0.8) for number in range(300)}
    search_index = WhooshBackend.open(tmp_path / "index")
    search_index.add(_document(number, texts[number]) for number in range(150))
    search_index.add(_document(number, texts[number]) for number in range(150, 300))
    yield search_index, texts
    search_index.close()


def _found(search_index: WhooshBackend, texts: dict[int, str], query: str) -> list[tuple[str, float, str]]:
    def fetch(ids):
        return {i: (f"Meldung {i}", texts[int(i.split("-")[1])]) for i in ids}

    return [(hit.id, hit.score, hit.snippet) for hit in searched(search_index, query, 1000, fetch=fetch)]


def _with_word(texts: dict[int, str], word: str) -> set[str]:
    return {f"doc-{number}" for number, text in texts.items() if word in text.split()}


@pytest.mark.parametrize("query", ["Streik", '"Millionen Euro"', "Streik Polizei"])
def test_a_repeated_search_finds_the_same_hits_as_without_the_cache(common_word_index, query: str) -> None:
    search_index, texts = common_word_index
    first = _found(search_index, texts, query)
    assert len(search_postings.CACHE) > 0, "the words' lists are kept"
    second = _found(search_index, texts, query)
    search_postings.CACHE.clear()
    uncached = _found(search_index, texts, query)
    assert first == second == uncached
    assert first


def test_an_article_replaced_or_added_after_a_search_is_found_as_it_is_now(common_word_index) -> None:
    search_index, texts = common_word_index
    before = {hit for hit, _score, _snippet in _found(search_index, texts, "Streik")}
    assert before == _with_word(texts, "Streik")
    struck = sorted(before)[0]
    texts[int(struck.split("-")[1])] = "Die Kommission tagt ohne Zwischenfall."
    texts[300] = "Streik Streik Streik am Flughafen"
    search_index.add([_document(int(struck.split("-")[1]), texts[int(struck.split("-")[1])]),
                      _document(300, texts[300])])
    after = _found(search_index, texts, "Streik")
    assert {hit for hit, _score, _snippet in after} == _with_word(texts, "Streik")
    assert struck not in {hit for hit, _score, _snippet in after}
    assert after[0][0] == "doc-300"
