"""`reader entities` for people lists what --json lists; an ambiguous id prefix says so."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from reader.cli import main


def run(capsys, data_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_human_entities_list_every_entity_with_its_counts_in_order(capsys, seeded_library):
    entities = json.loads(run(capsys, seeded_library, "entities", "--json")[1])
    code, out, _ = run(capsys, seeded_library, "entities")
    lines = out.splitlines()
    assert code == 0 and lines[0] == f"{len(entities)} entities"
    assert lines[1].split() == ["kind", "name", "articles", "mentions", "aliases"]
    rows = lines[2:]
    assert len(rows) == len(entities)
    for entity, row in zip(entities, rows):
        assert row.startswith(f"{entity['kind']:<6} {entity['name']}")
        name_end = row.index(entity["name"]) + len(entity["name"])
        assert row[name_end:].split()[:2] == [str(entity["articles"]), str(entity["mentions"])]


def test_an_ambiguous_id_prefix_says_how_many_articles_share_it(capsys, seeded_library):
    ids = [a["id"] for a in json.loads(run(capsys, seeded_library, "articles", "--json")[1])]
    prefix = next(i[:1] for i in ids if sum(j.startswith(i[:1]) for j in ids) > 1)
    sharing = sum(j.startswith(prefix) for j in ids)
    code, _, err = run(capsys, seeded_library, "show", prefix)
    assert code == 1 and err.strip() == f"reader: {sharing} articles start with {prefix}; type more of the id."
    unique = next(i for i in ids if i.startswith(prefix))[:12]
    assert run(capsys, seeded_library, "show", unique, "--json")[0] == 0


@pytest.mark.parametrize("argv", [["--version"], ["--data-dir", "/nonexistent/x", "--version"]])
def test_version_is_answered(argv):
    result = subprocess.run([sys.executable, "-m", "reader.cli", *argv], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("reader ")


def test_sorting_by_date_lists_the_undated_matches_last_and_best_first(capsys, tmp_path):
    # 10kGNAD has no dates: --sort newest must not list its matches in import order
    news = [{"title": f"Meldung {count}", "text": "Die Bahn fährt. " + "Streik in Wien. " * count + "Ende."}
            for count in (1, 2, 3)]  # imported least relevant first
    news.append({"title": "Datiert", "text": "Ein Streik in Graz.", "date": "2024-05-01"})
    source = tmp_path / "news.jsonl"
    source.write_text("".join(json.dumps(item, ensure_ascii=False) + "\n" for item in news), encoding="utf-8")
    data_dir = tmp_path / "library"
    assert run(capsys, data_dir, "add", str(source))[0] == 0
    for order in ("newest", "oldest"):
        code, out, err = run(capsys, data_dir, "search", "Streik", "--sort", order, "--json")
        assert code == 0, err
        assert [hit["title"] for hit in json.loads(out)] == ["Datiert", "Meldung 3", "Meldung 2", "Meldung 1"]


@pytest.fixture(scope="module")
def research_library(tmp_path_factory) -> Path:
    from tests.research_library import write_research_library

    return write_research_library(tmp_path_factory.mktemp("research") / "library")


def _published(capsys, data_dir: Path, *argv: str) -> list[str]:
    code, out, err = run(capsys, data_dir, "search", *argv, "--json")
    assert code == 0, err
    return [hit["published"] for hit in json.loads(out)]


def test_search_sorts_by_relevance_newest_or_oldest(capsys, research_library):
    newest = _published(capsys, research_library, "Impfstoff", "--sort", "newest")
    oldest = _published(capsys, research_library, "Impfstoff", "--sort", "oldest")
    assert len(newest) == 8 and newest == sorted(newest, reverse=True)
    assert oldest == newest[::-1]
    by_relevance = _published(capsys, research_library, "Impfstoff")
    assert sorted(by_relevance) == sorted(newest) and by_relevance != newest and by_relevance != oldest
    # The newest three are the newest of all, not the best three re-sorted.
    assert _published(capsys, research_library, "Impfstoff", "--sort", "newest", "--limit", "3") == newest[:3]


def test_count_prints_how_many_articles_match_beyond_the_limit(capsys, research_library):
    code, out, _ = run(capsys, research_library, "search", "Impfstoff", "--count")
    assert code == 0 and out == "8\n"
    assert run(capsys, research_library, "search", "Spahn", "--count")[1] == f"{len(_published(capsys, research_library, 'Spahn'))}\n"
    code, out, _ = run(capsys, research_library, "search", "Impfstoff", "--limit", "2", "--sort", "oldest")
    assert out.splitlines()[0] == "2 of 8 articles, oldest first"
    assert run(capsys, research_library, "search", "Nichtsdergleichen", "--count")[1] == "0\n"


@pytest.mark.parametrize("query", ["Spahn -Bundestag", '"Jens Spahn"'])
def test_the_readable_hits_are_the_json_hits(research_library, query):
    """The installed command (a process of its own, as a user runs it) lists the same articles in
    the same order with the same scores, readable or as JSON."""
    from tests.cli.test_cli_contract import installed_reader

    def search(*argv: str) -> str:
        result = subprocess.run([installed_reader(), "--data-dir", str(research_library), "search", query, *argv],
                                capture_output=True, text=True, timeout=60)
        assert result.returncode == 0, result.stderr
        return result.stdout

    hits = json.loads(search("--json"))
    lines = search().splitlines()
    listed = [line.rsplit(maxsplit=1)[1] for line in lines if re.match(r" ?\d+\. ", line)]
    scores = [line.rsplit("score ", 1)[1] for line in lines if " · score " in line or line.startswith("    score ")]
    assert hits and listed == [hit["id"] for hit in hits]
    assert scores == [f"{hit['score']:.2f}" for hit in hits]
    assert lines[0] == f"{len(hits)} article{'s' if len(hits) != 1 else ''}, best first"  # all of them: fewer than 20


def test_facets_list_conditions_that_narrow_the_query(capsys, research_library):
    code, out, _ = run(capsys, research_library, "search", "Impfstoff", "--facets", "--json")
    found = json.loads(out)
    assert code == 0 and found["total"] == 8 and len(found["hits"]) == 8
    facets = found["facets"]
    assert {f["condition"]: f["count"] for f in facets["sources"]} == {
        'source:"Spiegel"': 3, 'source:"tagesschau"': 3, 'source:"Süddeutsche Zeitung"': 2}
    assert facets["date_unit"] == "month" and [f["label"] for f in facets["dates"]] == ["2020-03", "2020-04", "2020-05"]
    spahn = next(f for f in facets["entities"] if f["condition"] == 'person:"Jens Spahn"')
    narrowed = run(capsys, research_library, "search", f"Impfstoff {spahn['condition']}", "--count")[1]
    assert narrowed == f"{spahn['count']}\n"
    code, out, _ = run(capsys, research_library, "search", "Impfstoff", "--facets", "--limit", "1")
    lines = out.splitlines()
    assert {"Sources", "Months", "Agencies", "People", "Quoted"} <= set(lines)
    assert '  3  source:"Spiegel"' in lines and '  2  date:2020-05' in lines
    assert '  2  agency:"dpa"' in lines and '  2  said:"Jens Spahn"' in lines
