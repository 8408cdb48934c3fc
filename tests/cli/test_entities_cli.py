"""The entities contract through the installed command: entities, mentions, show, extract, search."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from test_cli_contract import SEEDS, assert_one_clean_line, run, run_json


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("library")
    assert run("add", str(SEEDS), data_dir=data_dir).returncode == 0
    return data_dir


def by_name(entities: list[dict]) -> dict[str, dict]:
    return {e["name"]: e for e in entities}


def test_entities_json_fields_and_counts(seeded):
    entities = run_json("entities", data_dir=seeded)
    for entity in entities:
        assert set(entity) >= {"id", "name", "kind", "aliases", "articles", "mentions"}
        assert entity["kind"] in {"person", "org", "place", "other"}
        assert 1 <= entity["articles"] <= entity["mentions"]
    named = by_name(entities)
    rutte = named["Mark Rutte"]
    assert rutte["kind"] == "person" and rutte["articles"] == 3 and "Rutte" in rutte["aliases"]
    assert named["Wolodymyr Selenskyj"]["articles"] == 4
    assert {"Selenskij", "Selenskyj"} <= set(named["Wolodymyr Selenskyj"]["aliases"])


def test_entities_filtered_by_kind_and_article(seeded):
    people = run_json("entities", "--kind", "person", data_dir=seeded)
    assert people and all(e["kind"] == "person" for e in people)
    assert "Emmanuel Macron" in by_name(people)
    articles = run_json("articles", data_dir=seeded)
    deutschlandfunk = next(a for a in articles if a["source"] == "Deutschlandfunk")
    in_article = by_name(run_json("entities", "--article", deutschlandfunk["id"], data_dir=seeded))
    assert {"Mark Rutte", "Friedrich Merz", "Maria Sacharowa", "Ursula von der Leyen"} <= set(in_article)
    assert "Emmanuel Macron" not in in_article
    assert in_article["Mark Rutte"]["mentions"] == 2


def test_mentions_by_name_alias_or_id_with_context(seeded):
    by_alias = run_json("mentions", "Rutte", data_dir=seeded)
    assert by_alias == run_json("mentions", "person:mark-rutte", data_dir=seeded)
    assert len({m["article"] for m in by_alias}) == 3
    for mention in by_alias:
        assert set(mention) >= {"article", "start", "end", "text", "context"}
        body = run_json("show", mention["article"], data_dir=seeded)["body"]
        assert body[mention["start"]:mention["end"]] == mention["text"]
        assert mention["text"] in mention["context"]


def test_variants_are_one_entity(seeded):
    kyjiw = run_json("mentions", "Kiew", data_dir=seeded)
    assert {m["text"] for m in kyjiw} >= {"Kiew", "Kyjiw", "Kyjiws"}
    russland = {m["text"] for m in run_json("mentions", "Russland", data_dir=seeded)}
    assert {"Russland", "Russlands"} <= russland


def test_unknown_entity_is_one_line(seeded):
    result = run("mentions", "Niemandvonbedeutung", data_dir=seeded)
    assert_one_clean_line(result)


def test_show_includes_mentions_with_offsets(seeded):
    articles = run_json("articles", data_dir=seeded)
    liveblog = next(a for a in articles if a["kind"] == "liveblog")
    shown = run_json("show", liveblog["id"], data_dir=seeded)
    assert shown["mentions"]
    for mention in shown["mentions"]:
        assert set(mention) >= {"entity", "kind", "start", "end", "text"}
        assert shown["body"][mention["start"]:mention["end"]] == mention["text"]
    rutte = [m for m in shown["mentions"] if m["entity"] == "person:mark-rutte"]
    assert [m["text"] for m in rutte][:2] == ["Rutte", "Mark Rutte"]


def test_search_by_entity_under_any_alias(seeded):
    merz = {h["id"] for h in run_json("search", "person:Merz", data_dir=seeded)}
    friedrich = {h["id"] for h in run_json("search", 'person:"Friedrich Merz"', data_dir=seeded)}
    assert len(merz) == 3 and merz == friedrich
    kiew = {h["id"] for h in run_json("search", "place:Kiew", data_dir=seeded)}
    kyjiw = {h["id"] for h in run_json("search", "place:Kyjiw", data_dir=seeded)}
    assert kiew == kyjiw and len(kiew) >= 4
    assert run_json("search", "org:NATO", data_dir=seeded)
    assert run_json("search", "person:Niemandvonbedeutung", data_dir=seeded) == []


def test_extract_from_stdin_and_file(seeded, tmp_path):
    text = "Bundeskanzler Friedrich Merz telefonierte mit Macron.\n\nDanach reiste Merz nach Kyjiw."
    from_stdin = json.loads(run("extract", "--json", data_dir=seeded, stdin=text).stdout)
    for mention in from_stdin:
        assert set(mention) >= {"start", "end", "text", "kind", "entity"}
        assert text[mention["start"]:mention["end"]] == mention["text"]
    found = {(m["text"], m["entity"]) for m in from_stdin}
    assert ("Friedrich Merz", "person:friedrich-merz") in found
    assert ("Merz", "person:friedrich-merz") in found
    assert any(m["text"] == "Macron" and m["kind"] == "person" for m in from_stdin)
    assert ("Kyjiw", "place:kyjiw") in found
    file = tmp_path / "text.txt"
    file.write_text(text, encoding="utf-8")
    assert json.loads(run("extract", str(file), "--json", data_dir=seeded).stdout) == from_stdin


def test_corrections_take_effect_on_next_open_without_reimport(tmp_path):
    data_dir = tmp_path / "lib"
    assert run("add", str(SEEDS), data_dir=data_dir).returncode == 0
    (data_dir / "aliases.toml").write_text(
        '[[rename]]\nentity = "Mark Rutte"\nname = "Mark Rutte (NATO)"\n\n'
        '[[suppress]]\nentity = "Koalition der Willigen"\n\n'
        '[[kind]]\nentity = "Spiegel"\nkind = "org"\n', encoding="utf-8")
    named = by_name(run_json("entities", data_dir=data_dir))
    assert "Mark Rutte (NATO)" in named and "Mark Rutte" not in named
    assert "Koalition der Willigen" not in named
    assert named["Spiegel"]["kind"] == "org"
    assert len(run_json("mentions", "Rutte", data_dir=data_dir)) == named["Mark Rutte (NATO)"]["mentions"]
    extracted = json.loads(run("extract", "--json", data_dir=data_dir,
                               stdin="Die Koalition der Willigen tagte. Rutte sprach.").stdout)
    assert [m["text"] for m in extracted] == ["Rutte"]
    assert extracted[0]["entity"] == next(e["id"] for e in named.values() if e["name"] == "Mark Rutte (NATO)")


def test_a_bad_aliases_file_is_one_clear_line(tmp_path):
    data_dir = tmp_path / "lib"
    assert run("add", str(SEEDS / "000_b460ae49fb08d34d.txt"), data_dir=data_dir).returncode == 0
    (data_dir / "aliases.toml").write_text("[[merge]\ninto = ", encoding="utf-8")
    result = run("entities", data_dir=data_dir)
    assert_one_clean_line(result)
    assert "aliases.toml" in result.stderr


def test_eval_entities_reports_per_kind(tmp_path):
    annotated = tmp_path / "gold.tsv"
    annotated.write_text(
        "#\tquelle\t[2025-09-04]\n1\tBundeskanzler\tO\tO\n2\tFriedrich\tB-PER\tO\n3\tMerz\tI-PER\tO\n"
        "4\treist\tO\tO\n5\tnach\tO\tO\n6\tParis\tB-LOC\tO\n7\t.\tO\tO\n\n", encoding="utf-8")
    report = run_json("eval-entities", str(annotated), data_dir=tmp_path / "lib")
    text = json.dumps(report)
    assert "person" in text and "place" in text
    shutil.rmtree(tmp_path / "lib", ignore_errors=True)
