"""The five seed articles: every person, organisation and place is found wherever it is
mentioned, and its spellings are linked to one entity."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from index.entities import EntityPipeline

SEEDS = sorted((Path(__file__).parents[2] / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def pipeline() -> EntityPipeline:
    return EntityPipeline.load()


@pytest.fixture(scope="module")
def extracted(pipeline):
    return {path.name: (path.read_text(encoding="utf-8"),
                        pipeline.extract(path.read_text(encoding="utf-8"))) for path in SEEDS}


def ids_of(extracted, surface: str) -> set[str]:
    """Entity ids of every mention spelled `surface` in any seed."""
    return {m.entity for _, mentions in extracted.values() for m in mentions if m.text == surface}


def test_offsets_point_at_the_mention_text(extracted):
    for text, mentions in extracted.values():
        assert mentions
        for m in mentions:
            assert text[m.start:m.end] == m.text


@pytest.mark.parametrize("spellings", [
    ["Rutte", "Mark Rutte"],
    ["Selenskyj", "Selenskij", "Wolodymyr Selenskyj", "Wolodymyr Selenskij"],
    ["Kiew", "Kyjiw", "Kyjiws"],
    ["Macron", "Emmanuel Macron"],
    ["Merz", "Friedrich Merz"],
    ["Russland", "Russlands"],
    ["NATO", "Nato"],
    ["von der Leyen", "Ursula von der Leyen", "von der Leyens"],
    ["Sacharowa", "Maria Sacharowa"],
    ["Witkoff", "Steve Witkoff"],
    ["Starmer", "Keir Starmer"],
    ["Trump", "Donald Trump"],
    ["Putin", "Wladimir Putin"],
    ["USA", "Vereinigten Staaten"],
    ["dpa", "Deutschen Presse-Agentur"],
])
def test_spellings_of_one_entity_link_to_one_id(extracted, spellings):
    ids = set()
    for surface in spellings:
        found = ids_of(extracted, surface)
        assert found, f"{surface!r} is not recognised in the seeds"
        ids |= found
    assert len(ids) == 1, f"{spellings} link to {ids}"


@pytest.mark.parametrize("place", ["Paris", "Berlin", "Moskau", "Washington", "Wladiwostok",
                                   "Donezk", "Odessa", "Ukraine", "Deutschland", "Alaska"])
def test_places_are_places(extracted, place):
    kinds = {m.kind for _, ms in extracted.values() for m in ms if m.text == place}
    assert kinds == {"place"}


@pytest.mark.parametrize("name, kind", [
    ("Bundesregierung", "org"), ("Kreml", "org"), ("Spiegel", "org"), ("AFP", "org"),
    ("Reuters", "org"), ("CBS", "org"), ("Deutschlandfunk", "org"), ("Koalition der Willigen", "org"),
    ("Jean-Noël Barrot", "person"), ("Pedro Sanchez", "person"), ("Ed Arnold", "person"),
])
def test_organisations_and_people_in_the_news_are_found(extracted, name, kind):
    kinds = {m.kind for _, ms in extracted.values() for m in ms if m.text == name}
    assert kinds == {kind}


# Names a reader hops between; each occurrence in an article body must be a mention.
HOP_NAMES = ["Rutte", "Macron", "Merz", "Selenskyj", "Selenskij", "Sacharowa", "Witkoff",
             "Starmer", "Trump", "Putin", "Leyen", "Kiew", "Kyjiw", "Russland", "Ukraine",
             "Paris", "Berlin", "Moskau", "Washington", "Wladiwostok", "Donezk", "Odessa",
             "USA", "NATO", "Nato", "AFP", "Spiegel", "Bundesregierung", "Kreml", "Costa",
             "Barrot", "Sanchez", "Reuters", "Deutschland", "Frankreich", "Prag", "London"]


def test_every_occurrence_of_a_name_is_a_mention(extracted):
    missing = []
    for seed, (text, mentions) in extracted.items():
        covered = set()
        for m in mentions:
            covered.update(range(m.start, m.end))
        # Seed 003's article ends where its tag line and teasers of other articles begin;
        # seed 000's photo credit is furniture too.
        body_end = text.find("Politics / ") if "Politics / " in text else len(text)
        credit = re.search(r"\([^()]*/Pool[^()]*\)", text)
        for name in HOP_NAMES:
            for found in re.finditer(r"\b" + re.escape(name) + r"\b", text[:body_end]):
                if credit and credit.start() <= found.start() < credit.end():
                    continue
                if found.start() not in covered:
                    missing.append((seed, name, found.start()))
    assert not missing


def test_role_prefixes_are_not_part_of_the_name(extracted):
    text, mentions = extracted["004_10b6f245adb1feb2.txt"]
    rutte = [m for m in mentions if m.entity == "person:mark-rutte"]
    assert {m.text for m in rutte} == {"Rutte", "Mark Rutte"}
    assert "NATO-Chef" in {m.role for m in rutte}
    putin = [m for m in mentions if m.text == "Wladimir Putin"]
    assert putin and putin[0].role == "Kremlchef"
    assert not any(m.text.startswith(("NATO-Chef", "Kremlchef", "US-Präsident")) for m in mentions)


def test_hyphenated_compounds_are_partial_mentions(extracted):
    text, mentions = extracted["001_dc0d09b4cc2bf6e8.txt"]
    partial = [m for m in mentions if m.partial]
    nato_truppen = [m for m in partial if text[m.start:m.start + 12] == "Nato-Truppen"]
    assert nato_truppen and nato_truppen[0].text == "Nato" and nato_truppen[0].entity == "org:nato"
    whole = [m for m in mentions if m.text == "Nato" and not m.partial]
    assert whole and whole[0].entity == "org:nato"


def test_page_furniture_is_not_an_entity(extracted):
    text, mentions = extracted["003_54bbe92d562b7f31.txt"]
    tag_line = text.index("Politics / Ukraine")
    assert not [m for m in mentions if tag_line <= m.start < text.index("\n", tag_line)]
    text, mentions = extracted["000_b460ae49fb08d34d.txt"]
    credit = text.index("(Ludovic Marin")
    assert not [m for m in mentions if credit <= m.start < text.index(")", credit)]
    assert "Ludovic Marin" not in {m.text for m in mentions}


def test_agency_credits_link_to_the_agency(extracted):
    assert ids_of(extracted, "dpa") == {"org:dpa"}
    assert ids_of(extracted, "rtr") == {"org:reuters"}
    assert ids_of(extracted, "afp") == {"org:afp"} == ids_of(extracted, "AFP")


def test_adjectives_and_derived_words_are_not_entities(extracted):
    surfaces = {m.text for _, ms in extracted.values() for m in ms}
    assert not surfaces & {"Berliner", "Pariser", "russische", "ukrainischen", "europäischen"}
