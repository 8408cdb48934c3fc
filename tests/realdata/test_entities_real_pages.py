"""Entities on real web pages nobody here wrote (trafilatura's saved pages in ../shared/data,
imported with the installed command, never copied): the kinds of junk seen on them once must
stay gone. A programming language or a month in English text is no place, a name particle
alone is no person, everyday loanwords ("Social Media") are no organisation, an adjective
opening a sentence is no first name, and a law cited by its abbreviation is a law (other)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "cli"))
from test_cli_contract import run, run_json  # noqa: E402

from index.entities.names import NAME_PARTICLES  # noqa: E402

PAGES = Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "real_html"
# Pages that showed the junk: English pages on programming languages, German pages on
# social media, a travel page, and legal pages citing laws.
CHOSEN = ("stackoverflow.com.rust.html", "gregoryszorc.com.python3.html",
          "moritz-meyer.net.vreni.html", "basicthinking.de.tweets.html", "befifty.montauk.html",
          "internet-law.de.pseudonymen.html", "netzpolitik.org.abmahnungen.html",
          "bmjv.de.konsum.html", "rechtambild.de.kochbuch.html")


@pytest.fixture(scope="module")
def entities(tmp_path_factory) -> list[dict]:
    missing = [name for name in CHOSEN if not (PAGES / name).is_file()]
    if missing:
        pytest.fail(f"The real pages are missing from {PAGES.resolve()}: {missing}")
    data_dir = tmp_path_factory.mktemp("library")
    result = run("add", *(str(PAGES / name) for name in CHOSEN), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    found = run_json("entities", data_dir=data_dir)
    assert len(found) > 50
    return found


def named(entities, name: str) -> dict[str, str]:
    return {e["id"]: e["kind"] for e in entities if e["name"] == name}


def test_a_programming_language_or_an_english_month_is_no_place(entities):
    assert [e["name"] for e in entities if e["kind"] == "place" and e["name"] in {"Rust", "May"}] == []
    assert named(entities, "Python") == {"other:python": "other"}


def test_a_name_particle_alone_is_nobody(entities):
    assert [e["name"] for e in entities if e["name"].lower() in NAME_PARTICLES] == []


def test_everyday_loanwords_and_adjectives_are_no_names(entities):
    assert named(entities, "Social Media") == {}
    assert [e["name"] for e in entities if e["kind"] == "person" and e["name"].startswith("Wilder ")] == []


def test_laws_cited_by_abbreviation_are_laws_not_organisations(entities):
    laws = {e["name"]: e["kind"] for e in entities if e["name"] in {"TMG", "BGB", "UWG", "RDG"}}
    assert laws and set(laws.values()) == {"other"}, laws
