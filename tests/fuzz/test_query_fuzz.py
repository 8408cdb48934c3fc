"""No query crashes search: it gives hits or a QueryError with one sentence.

The strings mix the query language's syntax (brackets, ranges, field names and their aliases,
quotes, operators, fuzzy and wildcard marks) with any character, control characters and lone
surrogates (what a byte that is not UTF-8 becomes on the command line) included.
"""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.errors import QueryError
from index.library import Library

SYNTAX = ['"', "(", ")", "*", "~", ":", "-", "+", "^", "[", "]", "{", "}", "/", "\\", " ", "AND", "OR", "NOT",
          "title:", "source:", "date:", "person:", "org:", "place:", "TO", "2025-09-04", "..", "Merz", "Paris",
          "Sicherheitsgarantien", "Selenskij~", "Verteid*", "ß", "Ü", "\u200b", "\x00", "'",
          "[a TO z]", "{a TO m}", "[* TO *]", "[Merz TO]", " TO ", "title:[", "source:[a TO z]", "tags:", "tag:",
          "kind:", "ort:", "quelle:", "titel:", "datum:", "published:>", ">=", "<", "~2", "~1/1", "?", "*x", "a*",
          "„", "“", "NICHT ", " ODER ", " UND ", "\ud800", "\udc80", "\udfff", "\x1b[31m", "\x1b]52;c;eA==\x07",
          "\x7f", "\u0085", "\u202e", "\t", "\n", "\r", "\uffff", "\U0001f642"]
# Lone surrogates (a byte that is not UTF-8 on the command line becomes one) offered as often as any
# other character; st.text would leave them out.
SURROGATES = st.sampled_from(["\udc80", "\udcfc", "\ud800", "\udfff"])
ANY_CHARACTER = SURROGATES | st.characters(exclude_categories=())
QUERIES = (st.lists(st.sampled_from(SYNTAX) | ANY_CHARACTER, max_size=12).map("".join)
           | st.lists(ANY_CHARACTER, max_size=80).map("".join))


@pytest.fixture(scope="module")
def library(seeded_library_template, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("query_fuzz") / "library"
    shutil.copytree(seeded_library_template, data_dir)
    with Library.open(data_dir) as opened:
        yield opened


def assert_one_sentence(message: str) -> None:
    assert message.strip() and "\n" not in message.strip() and message.rstrip().endswith("."), message


@settings(max_examples=300, deadline=None)
@given(query=QUERIES, limit=st.integers(min_value=0, max_value=30))
def test_no_query_crashes_search(library, query, limit):
    try:
        hits = library.search(query, limit=limit)
    except QueryError as refused:
        assert_one_sentence(str(refused))
        return
    assert len(hits) <= limit
    for hit in hits:
        body = library.article(hit.id).body
        assert all(0 <= span.start < span.end <= len(body) for span in hit.body_matches)


@settings(max_examples=100, deadline=None)
@given(query=QUERIES)
def test_highlighting_any_query_in_an_article_never_crashes(library, query):
    body = library.article(library.store.all_ids()[0]).body
    try:
        spans = library.match_spans(query, body)
    except QueryError as refused:
        assert_one_sentence(str(refused))
        return
    assert all(0 <= span.start < span.end <= len(body) for span in spans)


FIELDS = st.sampled_from(["", "title:", "titel:", "source:", "quelle:", "tags:", "tag:", "kind:", "published:",
                          "date:", "datum:", "person:", "org:", "place:", "ort:"])
WORD = st.lists(ANY_CHARACTER, min_size=1, max_size=8).map("".join)


@settings(max_examples=150, deadline=None)
@given(field=FIELDS, name=WORD)
def test_any_name_in_any_field_gives_hits_or_a_sentence(library, field, name):
    try:
        library.search(f"{field}{name}")
    except QueryError as refused:
        assert_one_sentence(str(refused))


@settings(max_examples=150, deadline=None)
@given(field=FIELDS, low=WORD | st.just("*"), high=WORD | st.just("*"), brackets=st.sampled_from(["[]", "{}", "[}", "{]"]))
def test_any_range_in_any_field_gives_hits_or_a_sentence(library, field, low, high, brackets):
    try:
        library.search(f"{field}{brackets[0]}{low} TO {high}{brackets[1]}")
    except QueryError as refused:
        assert_one_sentence(str(refused))
