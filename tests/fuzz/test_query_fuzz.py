"""No query crashes search: it gives hits or a QueryError with one sentence."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.errors import QueryError
from index.library import Library

SYNTAX = ['"', "(", ")", "*", "~", ":", "-", "+", "^", "[", "]", "{", "}", "/", "\\", " ", "AND", "OR", "NOT",
          "title:", "source:", "date:", "person:", "org:", "place:", "TO", "2025-09-04", "..", "Merz", "Paris",
          "Sicherheitsgarantien", "Selenskij~", "Verteid*", "ß", "Ü", "\u200b", "\x00", "'"]
QUERIES = st.lists(st.sampled_from(SYNTAX) | st.text(max_size=6), max_size=12).map("".join) | st.text(max_size=80)


@pytest.fixture(scope="module")
def library(seeded_library_template, tmp_path_factory):
    data_dir = tmp_path_factory.mktemp("query_fuzz") / "library"
    shutil.copytree(seeded_library_template, data_dir)
    with Library.open(data_dir) as opened:
        yield opened


@settings(max_examples=300, deadline=None)
@given(query=QUERIES, limit=st.integers(min_value=0, max_value=30))
def test_no_query_crashes_search(library, query, limit):
    try:
        hits = library.search(query, limit=limit)
    except QueryError as refused:
        assert str(refused).strip() and "\n" not in str(refused).strip()
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
    except QueryError:
        return
    assert all(0 <= span.start < span.end <= len(body) for span in spans)
