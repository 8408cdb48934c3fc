"""Names that are also everyday words (Essen, Bund, Union, Bach, Who) name their entity only
with evidence in the article."""

from __future__ import annotations

import pytest

from index.entities import EntityPipeline


@pytest.fixture(scope="module")
def pipeline() -> EntityPipeline:
    return EntityPipeline.load()


def entities(pipeline, text):
    return [(m.text, m.entity) for m in pipeline.extract(text) if not m.partial]


@pytest.mark.parametrize("text", [
    "Das Essen war gut. Nach dem Essen gingen wir heim.",
    "Bund und Länder einigten sich. Der Bund zahlt die Hälfte.",
    "Die Union will das nicht, sagte er.",
    "In der Not hilft oft ein Bach. Die Kirchen sind voll.",
    "Who cares, sagte der Direktor.",
])
def test_the_everyday_word_is_no_entity(pipeline, text):
    assert entities(pipeline, text) == []


def test_the_town_with_a_place_preposition_or_beside_other_places(pipeline):
    assert entities(pipeline, "In Essen regnete es den ganzen Tag.") == [("Essen", "place:essen")]
    found = entities(pipeline, "Dortmund, Essen und Bochum klagen gemeinsam.")
    assert ("Essen", "place:essen") in found


def test_the_town_and_the_meal_in_one_article(pipeline):
    found = entities(pipeline, "In Essen regnete es. Essen ist eine Stadt im Ruhrgebiet. "
                               "Das Essen dort ist gut.")
    assert found == [("Essen", "place:essen"), ("Essen", "place:essen")]


def test_the_full_name_in_the_article_is_evidence(pipeline):
    found = entities(pipeline, "Der Bund für Umwelt und Naturschutz Deutschland klagt. "
                               "Der BUND kritisiert das Gesetz.")
    assert {entity for _, entity in found} == {"org:bund-fuer-umwelt-und-naturschutz-deutschland"}


def test_union_is_the_eu_when_the_article_names_the_eu(pipeline):
    found = entities(pipeline, "Die Europäische Union berät. Die Union will mehr Geld.")
    assert found == [("Europäische Union", "org:europaeische-union"),
                     ("Union", "org:europaeische-union")]


def test_union_is_the_parties_when_the_article_names_one_of_them(pipeline):
    found = entities(pipeline, "Die CDU tagt in Berlin. Die Union will mehr Geld.")
    assert ("Union", "org:cdu-csu") in found


def test_an_acronym_in_ordinary_case_is_not_the_organisation(pipeline):
    found = entities(pipeline, "Die WHO warnt. Who is Tedros, fragte sie.")
    assert [text for text, _ in found if text.lower() == "who"] == ["WHO"]


def test_a_surname_that_is_a_word_goes_with_the_full_name_in_the_article(pipeline):
    found = entities(pipeline, "Johann Sebastian Bach komponierte viel. Bach war ein Genie.")
    assert {entity for _, entity in found} == {"person:johann-sebastian-bach"}


@pytest.mark.parametrize("text, town", [
    ("A40 Essen Richtung Dortmund zwischen Kreuz Quendelbach und Zellhausen 2 km Stau", "Essen"),
    ("A72 Zwickau Richtung Hof zwischen Quendelbach und Zellhausen", "Hof"),
    ("A3 Quendelbach Richtung Essen: 4 km stockender Verkehr", "Essen"),
])
def test_a_town_of_a_traffic_report_on_a_road_or_in_a_direction(pipeline, text, town):
    assert (town, "place") in [(m.text, m.kind) for m in pipeline.extract(text) if not m.partial]


def test_the_meal_before_a_direction_stays_a_meal(pipeline):
    assert [m.text for m in pipeline.extract("Nach dem Essen Richtung Bett.")] == []
