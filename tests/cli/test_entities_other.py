"""The fourth kind, `other` (diseases and viruses, drugs, events, laws), through the installed
command: listed with --kind other, searched with other:, never a place or a person."""

from __future__ import annotations

from pathlib import Path

import pytest

from test_cli_contract import run, run_json

ARTICLES = {
    "remdesivir.txt": "Neue Studie zu Remdesivir\n\nDas Mittel Remdesivir hilft gegen Covid-19, "
                      "sagen Forscher in Hamburg. Corona bleibt trotzdem gefährlich.\n",
    "schulen.txt": "Schulen geschlossen\n\nWegen Corona schließen die Schulen in Bremen. Das "
                   "Coronavirus breitet sich weiter aus, sagte der Bürgermeister.\n",
    "wahl.txt": "Wahl in Bremen\n\nDie Bremer wählen am Sonntag ein neues Parlament. Die SPD "
                "liegt vorn.\n",
}


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("articles")
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    data_dir = tmp_path_factory.mktemp("library")
    assert run("add", str(folder), data_dir=data_dir).returncode == 0
    return data_dir


def test_diseases_and_drugs_are_listed_as_other(library):
    others = {e["name"]: e for e in run_json("entities", "--kind", "other", data_dir=library)}
    assert others["Covid-19"]["articles"] == 2 and "Corona" in others["Covid-19"]["aliases"]
    assert others["Remdesivir"]["articles"] == 1
    assert all(e["kind"] == "other" for e in others.values())
    everything = run_json("entities", data_dir=library)
    assert not [e for e in everything if e["kind"] != "other"
                and {"Corona", "Covid-19", "Remdesivir"} & {e["name"], *e["aliases"]}]


def test_other_queries_find_every_spelling(library):
    corona = {h["title"] for h in run_json("search", "other:Corona", data_dir=library)}
    covid = {h["title"] for h in run_json("search", "other:Covid-19", data_dir=library)}
    assert corona == covid == {"Neue Studie zu Remdesivir", "Schulen geschlossen"}
    assert {h["title"] for h in run_json("search", "other:Remdesivir", data_dir=library)} \
        == {"Neue Studie zu Remdesivir"}
    assert run_json("search", "place:Corona", data_dir=library) == []
