"""Queries have bounded cost: ranges, prefixes and wildcards that match too many words, and
queries that would read too many postings, are refused with one sentence; the rest are answered
as before."""

from __future__ import annotations

import os
from itertools import product
from pathlib import Path
from unittest import mock

import pytest

from index.search import limits as search_limits
from index.errors import QueryError
from index.library import Library
from index.search.backend import IndexDocument
from index.search.whoosh.engine import WhooshBackend
from index.search.limits import MAX_EXPANDED_WORDS, QueryTooCostly
from tests.unit.search_helpers import searched
from tests.reliability.corpus import run_reader

# Made-up words the analyzer keeps as they are (no vowel, so the stemmer takes nothing off):
# "qx" + three letters, 14^3 of them, 40 to an article.
LETTERS = "bcdfgkmpqtvwxz"
WORDS = ["qx" + "".join(letters) for letters in product(LETTERS, repeat=3)][:1200]
PER_DOCUMENT = 40


def _fetch(ids: list[str]) -> dict[str, tuple[str, str]]:
    return {doc_id: ("Meldung", "") for doc_id in ids}


@pytest.fixture(scope="module")
def many_words(tmp_path_factory) -> WhooshBackend:
    index = WhooshBackend.open(tmp_path_factory.mktemp("limits") / "index")
    index.add([IndexDocument(id=f"d{number:02d}", title="Meldung", body=" ".join(WORDS[start:start + PER_DOCUMENT]),
                             source="dpa", published=None, kind="article")
               for number, start in enumerate(range(0, len(WORDS), PER_DOCUMENT))])
    yield index
    index.close()


def found(index: WhooshBackend, text: str) -> set[str]:
    return {hit.id for hit in searched(index, text, 100, fetch=_fetch)}


def documents_with(words) -> set[str]:
    return {f"d{WORDS.index(word) // PER_DOCUMENT:02d}" for word in words}


def refusal(index: WhooshBackend, text: str) -> str:
    with pytest.raises(QueryTooCostly) as refused:
        searched(index, text, 20, fetch=_fetch)
    return str(refused.value)


def test_a_range_over_too_many_words_is_refused_in_one_sentence(many_words: WhooshBackend) -> None:
    assert refusal(many_words, "[qxb TO qxz]") == (
        f"The range [qxb TO qxz] matches too many words (more than {MAX_EXPANDED_WORDS}); narrow it.")
    assert refusal(many_words, "body:{a TO z}").startswith("The range {a TO z} matches too many words")


def test_a_narrow_range_finds_the_articles_with_its_words(many_words: WhooshBackend) -> None:
    for low, high in [("qxbbb", "qxbbz"), ("qxbfb", "qxbkz"), ("qxcmm", "qxdbb")]:
        expected = documents_with(word for word in WORDS if low <= word <= high)
        assert expected
        assert found(many_words, f"[{low} TO {high}]") == expected
    # Ends excluded: no word lies strictly between two neighbours.
    assert found(many_words, "{qxbbb TO qxbbc}") == set()
    assert found(many_words, "[qxbbb TO qxbbc}") == {"d00"}


def test_a_prefix_of_too_many_words_is_refused_and_a_longer_one_answered(many_words: WhooshBackend) -> None:
    assert refusal(many_words, "qx*") == f"The prefix qx* matches too many words (more than {MAX_EXPANDED_WORDS}); narrow it."
    assert found(many_words, "qxb*") == documents_with(word for word in WORDS if word.startswith("qxb"))


def test_parts_that_together_match_too_many_words_are_refused(many_words: WhooshBackend) -> None:
    assert len([word for word in WORDS if word.startswith(("qxb", "qxc", "qxd"))]) > MAX_EXPANDED_WORDS
    assert found(many_words, "qxb* OR qxcb*") == documents_with(word for word in WORDS if word.startswith(("qxb", "qxcb")))
    assert refusal(many_words, "qxb* OR qxc* OR qxd*") == (
        f"The query's ranges, prefixes and wildcards match too many words in all (more than "
        f"{MAX_EXPANDED_WORDS}); narrow them.")
    assert "in all" in refusal(many_words, "[qxbbb TO qxcbb] [qxcbb TO qxdbb] [qxdbb TO qxfbb]")


def test_a_lone_star_is_refused(many_words: WhooshBackend) -> None:
    assert refusal(many_words, "*") == "A * on its own matches every word; put letters before it, e.g. Verteid*."
    assert refusal(many_words, "title:*").startswith("A * on its own")


def test_a_pattern_compared_with_too_many_words_is_refused(many_words: WhooshBackend) -> None:
    with mock.patch.object(search_limits, "MAX_COMPARED_WORDS", 100):
        assert refusal(many_words, "*b").startswith("The pattern *b would be compared with too many words")
        assert refusal(many_words, "qxbb~1/1").startswith("The fuzzy word qxbb~ would be compared")
        assert found(many_words, "qxbb?") == documents_with(word for word in WORDS if len(word) == 5
                                                           and word.startswith("qxbb"))


def test_a_query_reading_too_many_postings_is_refused(many_words: WhooshBackend) -> None:
    with mock.patch.object(search_limits, "MAX_POSTINGS", 10):
        assert refusal(many_words, "Meldung").startswith("The query asks for too many common words at once")
        assert found(many_words, "qxbbb") == {"d00"}


def test_entity_names_with_bytes_that_are_not_utf8_get_a_sentence(seeded_library: Path) -> None:
    for argument in (b"org:M\xfcller", b"person:\xff\xfe", b"place:Kiew\xc3", b"M\xfcller"):
        result = run_reader("search", os.fsdecode(argument), data_dir=seeded_library)
        assert result.returncode == 1
        assert result.stderr.startswith("reader: The query has a character that is not valid text"), result.stderr
        assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1
    with Library.open(seeded_library) as library:
        for text in ("org:\ud800", "person:Merz\udfff", "\ud83d"):
            with pytest.raises(QueryError, match="not valid text"):
                library.search(text)
        assert library.search("org:Bundesregierung OR Merz")


def test_an_unbounded_range_through_the_command_is_refused(seeded_library: Path) -> None:
    result = run_reader("search", "[a TO z]", data_dir=seeded_library)
    assert result.returncode == 1
    assert result.stderr == (f"reader: The range [a TO z] matches too many words (more than {MAX_EXPANDED_WORDS}); "
                             "narrow it.\n")
