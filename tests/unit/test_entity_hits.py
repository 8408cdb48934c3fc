"""Entity queries behave like words: the mentions of the entity are the hits (highlighted, in the
snippet), and articles naming it often and in the title rank above passing mentions."""

from __future__ import annotations

import pytest

from index.library import Library
from tests.research_library import write_research_library

SPAHN = 'person:"Jens Spahn"'


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    data_dir = write_research_library(tmp_path_factory.mktemp("entity-hits") / "library")
    with Library.open(data_dir) as opened:
        yield opened


def spahn_mentions(library: Library, article_id: str) -> list[tuple[int, int]]:
    spahn = library.entity("Jens Spahn").id
    return [(m.start, m.end) for m in library.mentions(article_id) if m.entity == spahn]


def test_articles_naming_the_entity_often_and_in_the_title_rank_first(library: Library):
    hits = library.search(SPAHN)
    counts = [len(spahn_mentions(library, hit.id)) for hit in hits]
    assert len(hits) >= 4
    assert all("Spahn" in hit.title for hit in hits[:2]) and not any("Spahn" in hit.title for hit in hits[2:])
    assert min(counts[:2]) > max(counts[2:]) == 1


def test_the_mentions_are_the_hits_and_the_snippet_shows_one(library: Library):
    for hit in library.search(SPAHN):
        mentions = spahn_mentions(library, hit.id)
        assert [(span.start, span.end) for span in hit.body_matches] == mentions
        assert hit.snippet_matches and all("Spahn" in hit.snippet[s.start:s.end] for s in hit.snippet_matches)
    long_one = next(hit for hit in library.search(SPAHN) if hit.title.startswith("Pflegekräfte"))
    assert long_one.snippet.startswith("…") and "Jens Spahn" in long_one.snippet


def test_an_opened_article_has_the_mentions_among_its_hits(library: Library):
    hit = library.search(f"Impfstoff {SPAHN}")[0]
    body = library.article(hit.id).body
    spans = [(s.start, s.end) for s in library.match_spans(f"Impfstoff {SPAHN}", body, hit.id)]
    words = [(s.start, s.end) for s in library.match_spans("Impfstoff", body, hit.id)]
    assert spans == sorted(set(words) | set(spahn_mentions(library, hit.id)))
    assert library.match_spans(SPAHN, body) == []  # without the article, no mentions to know of
    excluded = library.search(f"Impfstoff -{SPAHN}")
    assert excluded and all(not spahn_mentions(library, h.id) for h in excluded)
    for h in excluded:
        assert all("Spahn" not in h.snippet[s.start:s.end] for s in h.snippet_matches)


def test_a_title_naming_the_entity_is_highlighted_too(library: Library):
    hits = library.search(SPAHN)
    titled = [hit for hit in hits if "Spahn" in hit.title]
    assert titled and all([hit.title[s.start:s.end] for s in hit.title_matches] == ["Spahn"] for hit in titled)
    assert all(not hit.title_matches for hit in hits if "Spahn" not in hit.title)
