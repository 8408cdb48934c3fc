"""Fuzzy (``word~``) and prefix (``word*``) queries: which index terms they expand to.

The terms are read straight from each segment's term file and remembered per segment, so what
must hold is what a reader sees: a misspelt word finds the articles with the right spelling,
every matching term of every segment is found once, and words added by a later import are
found too (the remembered terms of old segments never hide new ones).
"""

from __future__ import annotations

import threading

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import index as whoosh_index
from whoosh import query
from whoosh.filedb.filestore import RamStorage

from index.search.whoosh import terms as search_terms
from index.search.backend import IndexDocument
from index.search.whoosh.schema import build_schema
from index.search.whoosh.engine import WRITER_OPTIONS, WhooshBackend
from index.search.limits import MAX_EXPANDED_WORDS
from index.search import query as q
from index.search.parser import parse
from index.search.whoosh.expand import within_edit_distance
from tests.unit.search_helpers import searched
from index.search.whoosh.expand import expand_multiterms
from index.search.whoosh.terms import terms_with_prefix
from index.search.whoosh.sized_cache import SizedCache

FILLER = ("Streik Bahn Gewerkschaft Tarif Flughafen Polizei Unfall Regierung Haushalt Kommission "
          "Verspätung Verspätungen Pendler Stellwerk Selbstständige Sender Senat Seenot").split()


def _doc(doc_id: str, body: str, title: str = "Meldung") -> IndexDocument:
    return IndexDocument(id=doc_id, title=title, body=body, source="dpa", published=None, kind="article")


def _fetch(ids: list[str]) -> dict[str, tuple[str, str]]:
    return {doc_id: ("t", "b") for doc_id in ids}


def found(search_index: WhooshBackend, text: str) -> set[str]:
    return {hit.id for hit in searched(search_index, text, 100, fetch=_fetch)}


def osa_distance(first: str, second: str) -> int:
    """The textbook optimal-string-alignment distance, the full table with no shortcut."""
    table = [[0] * (len(second) + 1) for _ in range(len(first) + 1)]
    for i in range(len(first) + 1):
        table[i][0] = i
    for j in range(len(second) + 1):
        table[0][j] = j
    for i in range(1, len(first) + 1):
        for j in range(1, len(second) + 1):
            cost = first[i - 1] != second[j - 1]
            table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and first[i - 1] == second[j - 2] and first[i - 2] == second[j - 1]:
                table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
    return table[-1][-1]


def expanded_terms(search_index: WhooshBackend, text: str, fieldname: str = "body") -> list[str]:
    """The terms of ``fieldname`` a one-word query expands to, in the order they are searched."""
    expanded = search_index.expand(parse(text))
    return [leaf.text for leaf in q.walk(expanded) if isinstance(leaf, q.Term) and leaf.field == fieldname]


def fuzzy_terms(reader, fieldname: str, text: str, maxdist: int, prefixlength: int) -> list[str]:
    """The terms a fuzzy query expands to, in the order they are searched."""
    fuzzy = q.Fuzzy(fieldname, text, maxdist, prefixlength)
    return [leaf.text for leaf in q.walk(expand_multiterms(fuzzy, reader)) if isinstance(leaf, q.Term)]


def reference_fuzzy_terms(reader, fieldname: str, text: str, maxdist: int, prefixlength: int) -> list[str]:
    """Every term of the field (Whoosh's own lexicon) within ``maxdist`` edits, sorted."""
    lexicon = {term.decode("utf-8") for term in reader.lexicon(fieldname)}
    return sorted(term for term in lexicon
                  if term.startswith(text[:prefixlength]) and osa_distance(term, text) <= maxdist)


@pytest.fixture
def segmented(tmp_path) -> WhooshBackend:
    """Five commits, so five segments: the words to find are spread over all of them."""
    search_index = WhooshBackend.open(tmp_path / "index")
    spellings = ["Lufthansa", "Lufthamsa", "Luftansa", "Selenskyj", "Selenskij", "Київ", "Lufthansas"]
    for commit in range(5):
        docs = []
        for number in range(4):
            filler = " ".join(FILLER[(commit * 4 + number + k) % len(FILLER)] for k in range(6))
            spelling = spellings[(commit * 4 + number) % len(spellings)]
            docs.append(_doc(f"c{commit}-{number}", f"{filler} {spelling} Seehofer{commit}"))
        search_index.add(docs)
    assert len(search_index._current_searcher().reader().leaf_readers()) == 5
    yield search_index
    search_index.close()


@pytest.fixture(autouse=True)
def _nothing_remembered():
    search_terms.forget_cached_terms()  # each test reads the term files itself at least once
    yield


def test_a_misspelt_word_finds_the_articles_spelt_right(segmented: WhooshBackend) -> None:
    assert found(segmented, "Lufthanza") == set()
    lufthansa = found(segmented, "Lufthansa")
    assert lufthansa
    assert found(segmented, "Lufthanza~") == lufthansa
    # Two edits also reach the other misspellings ("Lufthamsa", "Luftansa", "Lufthansas").
    assert found(segmented, "Lufthanza~2") == found(segmented, "Lufthansa OR Lufthamsa OR Luftansa OR Lufthansas")
    assert found(segmented, "Selenskij~") == found(segmented, "Selenskyj OR Selenskij")


def test_letters_swapped_count_as_one_edit(segmented: WhooshBackend) -> None:
    assert found(segmented, "Lufthnasa~") >= found(segmented, "Lufthansa")
    assert "lufthansa" in expanded_terms(segmented, "Lufthnasa~")


def test_distance_two_reaches_two_edits_and_no_further(segmented: WhooshBackend) -> None:
    assert "lufthansa" not in expanded_terms(segmented, "Lufthanzza~")
    assert "lufthansa" in expanded_terms(segmented, "Lufthanzza~2")
    assert "lufthansa" not in expanded_terms(segmented, "Lufthanzzza~2")
    assert found(segmented, "Lufthanzza~2") >= found(segmented, "Lufthansa")


def test_letters_beyond_latin_are_counted_as_letters_not_bytes(segmented: WhooshBackend) -> None:
    # "Києв" and "Київ" (folded: "киів") are one letter apart but four bytes longer than letters.
    assert found(segmented, "Києв~") == found(segmented, "Київ")
    assert found(segmented, "Київ")


@pytest.mark.parametrize(("text", "maxdist", "prefixlength"), [
    ("lufthanza", 1, 2), ("lufthanza", 2, 2), ("selenski", 2, 2), ("selenskij", 1, 0),
    ("seehofer", 1, 2), ("киев", 1, 2), ("sendr", 1, 1), ("streiks", 2, 1), ("tarf", 2, 0),
])
def test_fuzzy_terms_over_several_segments_are_every_term_within_reach_once(
        segmented: WhooshBackend, text: str, maxdist: int, prefixlength: int) -> None:
    reader = segmented._current_searcher().reader()
    expected = reference_fuzzy_terms(reader, "body", text, maxdist, prefixlength)
    assert expected
    assert fuzzy_terms(reader, "body", text, maxdist, prefixlength) == expected[:MAX_EXPANDED_WORDS]
    # A second time, from what was remembered.
    assert fuzzy_terms(reader, "body", text, maxdist, prefixlength) == expected[:MAX_EXPANDED_WORDS]


@pytest.mark.parametrize("prefix", ["", "s", "se", "seehofer", "lufth", "ки", "zz", "\uffff"])
def test_prefix_terms_over_several_segments_are_whooshs_own(segmented: WhooshBackend, prefix: str) -> None:
    reader = segmented._current_searcher().reader()
    for fieldname in ("title", "body", "source", "id"):
        expected = sorted({term.decode("utf-8") for term in reader.expand_prefix(fieldname, prefix)})
        assert terms_with_prefix(reader, fieldname, prefix) == expected, fieldname
        assert terms_with_prefix(reader, fieldname, prefix) == expected, fieldname
    assert terms_with_prefix(reader, "no such field", prefix) == []


@pytest.mark.parametrize("pattern", ["sel?nsk?j", "lufth*", "*hansa", "?ufthans?", "se*er?", "к*", "[ls]uft*"])
def test_wildcards_over_several_segments_match_the_terms_whoosh_matches(segmented: WhooshBackend, pattern: str) -> None:
    reader = segmented._current_searcher().reader()
    wildcard = query.Wildcard("body", pattern)
    expected = [term.decode("utf-8") for term in wildcard._btexts(reader)]
    assert expected
    expanded = expand_multiterms(q.Wildcard("body", pattern), reader)
    assert [leaf.text for leaf in q.walk(expanded) if isinstance(leaf, q.Term)] == expected


def test_a_wildcard_finds_the_articles_it_matches(segmented: WhooshBackend) -> None:
    assert found(segmented, "Sel?nsk?j") == found(segmented, "Selenskyj OR Selenskij")
    assert found(segmented, "*hansa") == found(segmented, "Lufthansa")


def test_words_of_a_later_import_are_found(segmented: WhooshBackend) -> None:
    assert found(segmented, "Lufthanza~") and found(segmented, "Verspät*")
    segmented.add([_doc("later", "Die Lufthanka meldet einen Verspätungsrekord", title="Lufthanka")])
    assert "later" in found(segmented, "Lufthanza~")
    assert "later" in found(segmented, "Verspät*")
    assert "later" in found(segmented, "Lufthan?a")
    assert "verspatungsrekord" in terms_with_prefix(segmented._current_searcher().reader(), "body", "verspat")
    assert "lufthanka" in expanded_terms(segmented, "title:Lufthanza~", "title")
    # A sixth commit merges the small segments into a new one: still every word, once.
    segmented.add([_doc("merged", "Lufthansa")])
    assert {"later", "merged"} <= found(segmented, "Lufthanza~")
    reader = segmented._current_searcher().reader()
    assert len(reader.leaf_readers()) < 5
    assert expanded_terms(segmented, "Lufthanza~") == reference_fuzzy_terms(reader, "body", "lufthanza", 1, 2)


def test_deleted_articles_are_not_found_by_fuzzy_queries(segmented: WhooshBackend) -> None:
    with_typo = found(segmented, "Lufthamsa")
    assert with_typo and with_typo <= found(segmented, "Lufthanza~2")
    segmented.delete(with_typo)
    assert found(segmented, "Lufthanza~2")
    assert not found(segmented, "Lufthanza~2") & with_typo


def test_an_empty_index_finds_nothing_for_fuzzy_and_prefix_queries(tmp_path) -> None:
    search_index = WhooshBackend.open(tmp_path / "index")
    assert found(search_index, "Lufthanza~") == found(search_index, "Luft*") == set()
    search_index.close()


def test_an_index_without_files_expands_the_same(segmented: WhooshBackend) -> None:
    """An index in memory (its term file has no file descriptor, and nothing is remembered)."""
    in_memory = whoosh_index.FileIndex.create(RamStorage(), build_schema())
    writer = in_memory.writer(**WRITER_OPTIONS)
    for number, word in enumerate(["Lufthansa", "Lufthamsa", "Selenskyj", "Київ", "Lufthansas"]):
        writer.add_document(id=f"m{number}", title="Meldung", body=f"Streik {word}")
    writer.commit()
    with in_memory.searcher() as searcher:
        reader = searcher.reader()
        for prefix in ("", "lu", "ки", "s"):
            expected = sorted({term.decode("utf-8") for term in reader.expand_prefix("body", prefix)})
            assert terms_with_prefix(reader, "body", prefix) == expected
        assert fuzzy_terms(reader, "body", "lufthanza", 1, 2) == ["lufthansa"]
        expected = reference_fuzzy_terms(reader, "body", "lufthanza", 2, 2)
        assert fuzzy_terms(reader, "body", "lufthanza", 2, 2) == expected
        assert {"lufthamsa", "lufthansa", "lufthansas"} <= set(expected)


def test_searches_from_several_threads_expand_alike(segmented: WhooshBackend) -> None:
    reader = segmented._current_searcher().reader()
    expected = {prefix: sorted({term.decode() for term in reader.expand_prefix("body", prefix)})
                for prefix in ("s", "se", "lu", "st", "ve", "ки")}
    results: list[bool] = []

    def search() -> None:
        for _ in range(20):
            search_terms.forget_cached_terms()
            results.extend(terms_with_prefix(reader, "body", prefix) == terms for prefix, terms in expected.items())

    threads = [threading.Thread(target=search) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 4 * 20 * len(expected) and all(results)


def test_remembered_terms_stay_within_their_memory_budget(segmented: WhooshBackend, monkeypatch) -> None:
    budget = SizedCache(max_bytes=4_000, max_entry_bytes=2_000)
    monkeypatch.setattr(search_terms, "_RUNS", budget)
    reader = segmented._current_searcher().reader()
    prefixes = ["s", "se", "st", "lu", "ve", "ge", "ta", "pe", "un", "po", "fl", "ha", "ko", "re", "be"]
    for _ in range(2):
        for prefix in prefixes:
            expected = sorted({term.decode() for term in reader.expand_prefix("body", prefix)})
            assert terms_with_prefix(reader, "body", prefix) == expected
            assert 0 < budget.size_bytes <= 4_000
    assert sum(size for _run, size in budget._entries.values()) == budget.size_bytes


@settings(max_examples=300, deadline=None)
@given(st.text("abcäß", max_size=7), st.text("abcäß", max_size=7), st.integers(0, 3))
def test_edit_distance_is_the_optimal_string_alignment_distance(first: str, second: str, limit: int) -> None:
    assert within_edit_distance(first, second, limit) == (osa_distance(first, second) <= limit)
