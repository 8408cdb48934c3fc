"""Corrections made from the app: written to aliases.toml by entity id, in effect at once.

Made-up names: a singer, a mayor and a town."""

from __future__ import annotations

import shutil
import tomllib
from pathlib import Path

import pytest

from index.entities import CorrectionsError
from index.errors import UnknownEntity
from index.library import Library

ARTICLES = {
    "konzert.txt": "Konzert in Lenthausen\n\nDie Sängerin Tilda Marow trat in Lenthausen auf. "
                   "In Lenthausen jubelten die Fans.\n",
    "besuch.txt": "Besuch\n\nBürgermeisterin Kim Albers besuchte am Montag Lenthausen. "
                  "Albers lobte die Halle.\n",
}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    data_dir = tmp_path_factory.mktemp("template") / "library"
    with Library.open(data_dir) as library:
        assert library.add([folder]).ok
    return data_dir


@pytest.fixture
def library(template, tmp_path):
    data_dir = tmp_path / "library"
    shutil.copytree(template, data_dir)
    with Library.open(data_dir) as opened:
        yield opened


def named(library: Library) -> dict[str, str]:
    """Entity id -> name of every entity the library lists."""
    return {e.id: e.name for e in library.entities()}


def test_the_recogniser_finds_the_made_up_names(library):
    assert {"person:tilda-marow", "person:kim-albers", "place:lenthausen"} <= set(named(library))


def test_a_rename_shows_at_once_and_is_kept_by_id_in_the_aliases_file(library):
    library.correct_entity("place:lenthausen", "rename", "Lenthausen an der Murr")
    assert named(library)["place:lenthausen-an-der-murr"] == "Lenthausen an der Murr"
    assert "place:lenthausen" not in named(library)
    written = tomllib.loads(library.aliases_file.read_text(encoding="utf-8"))
    assert written["rename"] == [{"entity": "place:lenthausen", "name": "Lenthausen an der Murr"}]
    with Library.open(library.data_dir) as again:  # and so it stays
        assert "place:lenthausen-an-der-murr" in named(again)


def test_of_two_entities_with_one_name_only_the_chosen_one_changes(library):
    library.correct_entity("place:lenthausen", "rename", "Tilda Marow")
    same_name = {i for i, n in named(library).items() if n == "Tilda Marow"}
    assert same_name == {"person:tilda-marow", "place:tilda-marow"}
    library.correct_entity("place:tilda-marow", "kind", "org")
    kinds = {e.id: e.kind for e in library.entities() if e.name == "Tilda Marow"}
    assert kinds == {"person:tilda-marow": "person", "org:tilda-marow": "org"}
    library.correct_entity("person:tilda-marow", "suppress")
    assert [i for i, n in named(library).items() if n == "Tilda Marow"] == ["org:tilda-marow"]
    towns = [m for a in library.articles() for m in library.mentions(a.id) if m.text == "Lenthausen"]
    assert towns and {m.entity for m in towns} == {"org:tilda-marow"}


def test_a_merge_moves_every_mention_to_the_other_entity(library):
    library.correct_entity("person:kim-albers", "merge", "person:tilda-marow")
    assert "person:kim-albers" not in named(library)
    merged = library.entity("person:tilda-marow")
    assert merged.articles == 2 and "Kim Albers" in merged.aliases
    assert {m.text for m in library.entity_mentions("person:tilda-marow")} >= {"Albers", "Tilda Marow"}


def test_not_an_entity_hides_it_and_its_mentions(library):
    library.correct_entity("place:lenthausen", "suppress")
    assert "place:lenthausen" not in named(library)
    assert all(m.text != "Lenthausen" for a in library.articles() for m in library.mentions(a.id))


def test_corrections_keep_what_the_user_wrote_by_hand(library):
    library.aliases_file.write_text('# mine\n[[suppress]]\nentity = "Kim Albers"\n', encoding="utf-8")
    library.correct_entity("person:tilda-marow", "rename", 'Tilda "Tia" Marow')
    text = library.aliases_file.read_text(encoding="utf-8")
    assert text.startswith('# mine\n[[suppress]]\nentity = "Kim Albers"\n')
    assert "person:kim-albers" not in named(library)
    assert 'Tilda "Tia" Marow' in named(library).values()


@pytest.mark.parametrize("change, value, message", [
    ("rename", "  ", "Give the new name"),
    ("kind", "animal", "A kind is one of"),
    ("merge", "person:tilda-marow", "another entity"),
])
def test_a_correction_that_cannot_be_made_is_explained_and_not_written(library, change, value, message):
    with pytest.raises(CorrectionsError, match=message):
        library.correct_entity("person:tilda-marow", change, value)
    assert not library.aliases_file.exists()


def test_an_unknown_entity_or_a_broken_file_is_refused(library):
    with pytest.raises(UnknownEntity):
        library.correct_entity("person:nobody-here", "suppress")
    with pytest.raises(UnknownEntity):
        library.correct_entity("person:tilda-marow", "merge", "org:nothing")
    library.aliases_file.write_text("[[merge]\n", encoding="utf-8")
    with pytest.raises(CorrectionsError, match="not valid TOML"):
        library.correct_entity("person:tilda-marow", "suppress")
    assert library.aliases_file.read_text(encoding="utf-8") == "[[merge]\n"
