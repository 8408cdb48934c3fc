"""The user's aliases file: merge, rename, change kind, suppress; bad files are explained."""

from __future__ import annotations

import pytest

from index.entities import CorrectionsError, EntityPipeline, EntityRecord
from index.errors import ReaderError

RECORDS = [
    EntityRecord("person:mark-rutte", "person", {"Rutte": 3, "Mark Rutte": 1}, ["NATO-Chef"]),
    EntityRecord("org:rutte-regierung", "org", {"Rutte-Regierung": 1}),
    EntityRecord("person:selenskij", "person", {"Selenskij": 2}),
    EntityRecord("place:spiegel", "place", {"Spiegel": 2}),
    EntityRecord("org:suchbegriff", "org", {"Suchbegriff": 5}),
    EntityRecord("place:paris", "place", {"Paris": 4}),
]


def resolve_with(tmp_path, toml: str):
    path = tmp_path / "aliases.toml"
    path.write_text(toml, encoding="utf-8")
    return EntityPipeline.load(path).resolve(RECORDS)


def test_no_file_means_no_corrections(tmp_path):
    resolved = EntityPipeline.load(tmp_path / "missing.toml").resolve(RECORDS)
    assert resolved["org:suchbegriff"].name == "Suchbegriff"
    assert resolved["org:rutte-regierung"].id == "org:rutte-regierung"


def test_merge_makes_one_entity(tmp_path):
    resolved = resolve_with(tmp_path, '[[merge]]\ninto = "Mark Rutte"\nfrom = ["Rutte-Regierung"]\n')
    merged = resolved["org:rutte-regierung"]
    assert merged.id == "person:mark-rutte" == resolved["person:mark-rutte"].id
    assert "Rutte-Regierung" in merged.aliases


def test_rename_changes_the_name_and_keeps_the_old_one_as_alias(tmp_path):
    resolved = resolve_with(
        tmp_path, '[[rename]]\nentity = "Selenskij"\nname = "Wolodymyr Selenskij"\n')
    entity = resolved["person:selenskij"]
    assert entity.name == "Wolodymyr Selenskij"
    assert entity.id == "person:wolodymyr-selenskij"
    assert "Selenskij" in entity.aliases


def test_kind_change_and_suppression(tmp_path):
    resolved = resolve_with(tmp_path, (
        '[[kind]]\nentity = "place:spiegel"\nkind = "org"\n\n'
        '[[suppress]]\nentities = ["Suchbegriff"]\n'))
    assert resolved["place:spiegel"].kind == "org"
    assert resolved["place:spiegel"].id == "org:spiegel"
    assert resolved["org:suchbegriff"] is None
    assert resolved["place:paris"].name == "Paris"


def test_suppress_by_alias(tmp_path):
    resolved = resolve_with(tmp_path, '[[suppress]]\nentity = "Rutte"\n')
    assert resolved["person:mark-rutte"] is None


def test_bad_toml_names_the_file_and_line(tmp_path):
    with pytest.raises(CorrectionsError) as caught:
        resolve_with(tmp_path, '[[merge]]\ninto = "Mark Rutte"\nfrom = ["a" "b"]\n')
    message = str(caught.value)
    assert "aliases.toml" in message and "line 3" in message
    assert isinstance(caught.value, ReaderError)


@pytest.mark.parametrize("toml, expected", [
    ('[[kind]]\nentity = "Spiegel"\nkind = "animal"\n', "line 1"),
    ('\n[[rename]]\nentity = "Spiegel"\n', "needs name"),
    ('[[merge]]\ninto = "Mark Rutte"\nfrom = ["x"]\n[[bogus]]\nx = 1\n', "unknown section 'bogus'"),
    ('[[suppress]]\nentity = "x"\nwhy = "noise"\n', "unknown key 'why'"),
])
def test_wrong_corrections_are_explained(tmp_path, toml, expected):
    with pytest.raises(CorrectionsError) as caught:
        resolve_with(tmp_path, toml)
    assert expected in str(caught.value)
    assert "aliases.toml" in str(caught.value)
