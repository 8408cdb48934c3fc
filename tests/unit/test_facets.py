"""Facets of a query: sources, months or weeks, and entities, each a condition that narrows the
query to exactly as many articles as it says."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import facets as facets_module
from index.library import Library
from tests.research_library import write_research_library

QUERIES = ["Impfstoff", "Spahn", "Impfstoff date:2020-04", "Hausärzte OR Kinder", "Impfstoff -Spahn"]


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    data_dir = write_research_library(tmp_path_factory.mktemp("facets") / "library")
    with Library.open(data_dir) as opened:
        yield opened


def every_facet(found):
    return found.sources + found.dates + found.entities + found.agencies + found.speakers


@pytest.mark.parametrize("query", QUERIES)
def test_each_facet_narrows_the_query_to_as_many_articles_as_it_counts(library: Library, query: str):
    found = library.facets(query)
    assert found.total == library.find(query, 0, count=True).total
    assert found.sources and found.dates
    for facet in every_facet(found):
        narrowed = library.find(f"{query} {facet.condition}", 0, count=True).total
        assert narrowed == facet.count, facet


def test_sources_months_and_entities_of_the_results(library: Library):
    found = library.facets("Impfstoff")
    assert found.total == 8
    assert [(f.label, f.count) for f in found.sources] == [("Spiegel", 3), ("tagesschau", 3),
                                                           ("Süddeutsche Zeitung", 2)]
    assert found.date_unit == "month"
    assert [(f.condition, f.count) for f in found.dates] == [("date:2020-03", 3), ("date:2020-04", 3),
                                                             ("date:2020-05", 2)]
    people = [f for f in found.entities if f.kind == "person"]
    assert people[0].condition == 'person:"Jens Spahn"' and people[0].count >= 3
    places = {f.label for f in found.entities if f.kind == "place"}
    assert {"Bayern", "Hamburg"} <= places


def test_agencies_credited_and_people_quoted_in_the_results(library: Library):
    found = library.facets("Impfstoff")
    assert [(f.condition, f.count) for f in found.agencies] == [('agency:"dpa"', 2), ('agency:"AFP"', 1)]
    assert [(f.condition, f.count) for f in found.speakers] == [('said:"Jens Spahn"', 2)]
    assert not library.facets("Länder").agencies


def test_results_within_a_month_or_two_are_counted_by_week(library: Library):
    found = library.facets("Impfstoff date:2020-04")
    assert found.date_unit == "week"
    assert sum(f.count for f in found.dates) == found.total == 3
    assert all(f.condition.startswith("date:[") for f in found.dates)


def test_counting_entities_from_the_index_agrees_with_counting_their_mentions(library: Library, monkeypatch):
    """Large result sets take the index's way (candidates by library size), small ones the store's
(entities from the mentions, speakers from the quotes)."""
    for query in QUERIES:
        small = library.facets(query)
        monkeypatch.setattr(facets_module, "SMALL_RESULTS", 0)
        monkeypatch.setattr(facets_module, "CANDIDATE_CHUNK", 3)  # the stopping rule, not one pass
        large = library.facets(query)
        monkeypatch.undo()
        for from_store, from_index in ((small.entities, large.entities), (small.speakers, large.speakers)):
            assert [(f.condition, f.count) for f in from_index] == [(f.condition, f.count) for f in from_store]


def test_a_query_without_matches_has_no_facets(library: Library):
    found = library.facets("Nichtsdergleichen")
    assert found.total == 0 and not every_facet(found)


def test_names_with_quotes_still_make_one_condition(tmp_path: Path):
    from index.facets import quoted

    assert quoted('Der "Spiegel"') == '"Der Spiegel"'


def test_a_source_the_query_language_cannot_name_is_left_out(tmp_path: Path):
    from datetime import datetime, timezone

    from index.models import Article

    with Library.open(tmp_path / "library") as library:
        library.add_articles([
            Article(title="Ein Bericht", body="Ein Bericht über den Haushalt.", source="—",
                    published=datetime(2024, 1, 1, tzinfo=timezone.utc)),
            Article(title="Noch ein Bericht", body="Noch ein Bericht über den Haushalt.", source="Spiegel",
                    published=datetime(2024, 1, 2, tzinfo=timezone.utc))])
        found = library.facets("Haushalt")
    assert found.total == 2 and [f.condition for f in found.sources] == ['source:"Spiegel"']
