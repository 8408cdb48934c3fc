"""Entities on real news nobody here wrote or curated: the 1,028 articles of 10kGNAD's test split
(DER STANDARD, 2015-2016, read at run time from ../shared/data; never copied) imported with the
installed command (once for this folder's tests: see conftest.py). Among the 100 entities the
most articles mention there must be no sentence word glued to a name, no name in two kinds, no
surname apart from its full name, and the everyday words Essen and Union must not pose as the
city or the German parties."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from test_cli_contract import run_json  # noqa: E402

from index.entities.hygiene import FUNCTION_WORDS  # noqa: E402
from index.entities.names import NAME_PARTICLES  # noqa: E402

TOP = 100
DETERMINERS = {"das", "dem", "des", "ein", "einem", "zum", "beim", "vom", "im", "ihrem", "seinem",
               "gutes", "gute", "guten", "kein", "jedes", "unser", "mein"}


@pytest.fixture(scope="module")
def library(gnad_library) -> Path:
    result, data_dir = gnad_library
    assert result.returncode == 0, result.stderr
    return data_dir


@pytest.fixture(scope="module")
def top(library) -> list[dict]:
    entities = run_json("entities", data_dir=library)
    assert len(entities) > 1000
    return sorted(entities, key=lambda e: (-e["articles"], e["id"]))[:TOP]


def test_no_sentence_word_or_preposition_is_glued_to_a_name(top):
    glued = [e["name"] for e in top if e["name"].split()[0].lower() in FUNCTION_WORDS
             or e["name"].split()[0] in {"von", "zu", "nach", "Von", "Zu", "Nach"}]
    assert glued == []
    lower_inside = [e["name"] for e in top if any(
        w[:1].islower() and w not in NAME_PARTICLES and w not in {"am", "und", "für"}
        for w in e["name"].split()[1:])]
    assert lower_inside == []


def test_one_name_one_kind_and_one_id(library, top):
    kinds: dict[str, set[str]] = {}
    for entity in run_json("entities", data_dir=library):
        kinds.setdefault(entity["name"], set()).add(entity["kind"])
    assert [e["name"] for e in top if len(kinds[e["name"]]) > 1] == []
    people = [e["name"] for e in top if e["kind"] == "person"]
    surname_apart = [p for p in people if any(q != p and q.endswith(" " + p) for q in people)]
    assert surname_apart == []


def _word_before(library, mention) -> str:
    body = run_json("show", mention["article"], data_dir=library)["body"]
    before = body[:mention["start"]].split()
    return before[-1].lower() if before else ""


def _mentions(library, entity_id: str) -> list[dict]:
    known = {e["id"] for e in run_json("entities", data_dir=library)}
    return run_json("mentions", entity_id, data_dir=library) if entity_id in known else []


def test_essen_the_meal_is_no_city(library):
    for mention in _mentions(library, "place:essen"):
        assert _word_before(library, mention) not in DETERMINERS, mention["context"]


def test_union_is_the_german_parties_only_where_they_are_named(library):
    for mention in _mentions(library, "org:cdu-csu"):
        if mention["text"] == "Union":
            body = run_json("show", mention["article"], data_dir=library)["body"]
            assert "CDU" in body or "CSU" in body, mention["context"]
