"""`reader quotes`, `reader entity`, `show --json` quotes and `extract --quotes` through the
installed command, on a small library of articles written here."""

from __future__ import annotations

import json
import sqlite3
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
from test_cli_contract import run, run_json  # noqa: E402

LONG_TITLE = "Rutte in Berlin: Der Nato-Generalsekretär trifft den Kanzler und verspricht der Ostflanke Unterstützung"
ARTICLES = [
    {"title": "Gipfel in Brüssel", "source": "Tagesblatt", "published": "2026-03-02T09:00:00+00:00",
     "body": "Die Nato berät über die Ostflanke. „Wir stehen zusammen“, sagte Nato-Generalsekretär Mark Rutte "
             "am Montag in Brüssel. Es sei nicht an Russland, darüber zu entscheiden, so Rutte."},
    {"title": LONG_TITLE, "source": "Abendpost", "published": "2026-03-05T09:00:00+00:00",
     "body": "Mark Rutte traf Friedrich Merz im Kanzleramt. Merz sagte, Deutschland werde mehr Soldaten schicken. "
             "»Das ist unsere Pflicht«, erklärte Rutte danach."},
]
FIELDS = {"article", "start", "end", "text", "kind", "speaker", "speaker_text", "cue"}


@pytest.fixture(scope="module")
def library(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("quotes_news")
    (folder / "news.jsonl").write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES),
                                       encoding="utf-8")
    data_dir = tmp_path_factory.mktemp("quotes_library")
    result = run("add", str(folder / "news.jsonl"), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return data_dir


def test_quotes_of_an_entity_newest_first_with_the_promised_fields(library) -> None:
    quotes = run_json("quotes", "Rutte", data_dir=library)
    assert [q["text"] for q in quotes] == ["Das ist unsere Pflicht", "Wir stehen zusammen",
                                           "Es sei nicht an Russland, darüber zu entscheiden"]
    assert all(FIELDS <= set(q) and q["speaker"] == quotes[0]["speaker"] for q in quotes)
    assert [q["kind"] for q in quotes] == ["direct", "direct", "indirect"]
    assert quotes[0]["cue"] == "erklärte" and quotes[2]["cue"] == "so"


def test_quotes_name_a_long_title_cut_between_words(library) -> None:
    result = run("quotes", "Rutte", data_dir=library)
    assert result.returncode == 0, result.stderr
    printed = " ".join(result.stdout.split())
    assert "Abendpost · Rutte in Berlin: Der Nato-Generalsekretär trifft den Kanzler und… · " in printed
    assert "versp" not in printed


def test_quotes_without_an_entity_lists_everyone(library) -> None:
    quotes = run_json("quotes", data_dir=library)
    speakers = {q["speaker_text"] for q in quotes}
    assert "Merz" in speakers and len(quotes) == 4


def test_show_json_has_the_articles_quotes_with_offsets_into_the_body(library) -> None:
    rutte = run_json("quotes", "Mark Rutte", data_dir=library)[0]
    article = run_json("show", rutte["article"], data_dir=library)
    assert [article["body"][q["start"]:q["end"]] for q in article["quotes"]] == [q["text"] for q in article["quotes"]]
    assert "Das ist unsere Pflicht" in [q["text"] for q in article["quotes"]]


def test_extract_with_quotes_prints_mentions_and_quotes(library, tmp_path) -> None:
    text = tmp_path / "text.txt"
    text.write_text("„Wir bleiben hart“, sagte Ursula von der Leyen in Straßburg.", encoding="utf-8")
    both = run_json("extract", str(text), "--quotes", data_dir=library)
    assert set(both) == {"mentions", "quotes"}
    assert both["quotes"][0]["text"] == "Wir bleiben hart"
    speaker = both["quotes"][0]["speaker"]
    assert speaker in {m["entity"] for m in both["mentions"]}
    assert isinstance(run_json("extract", str(text), data_dir=library), list)  # unchanged without --quotes


def test_entity_profile_has_every_field(library) -> None:
    profile = run_json("entity", "Rutte", data_dir=library)
    assert {"id", "name", "kind", "aliases", "roles", "articles", "mentions", "first_seen", "last_seen",
            "timeline", "appears_with", "sources", "quotes"} <= set(profile)
    assert profile["name"] == "Mark Rutte" and profile["articles"] == 2
    assert profile["timeline"] == [{"date": "2026-03-02", "articles": 1}, {"date": "2026-03-05", "articles": 1}]
    assert {s["source"] for s in profile["sources"]} == {"Tagesblatt", "Abendpost"}
    assert "Friedrich Merz" in {e["name"] for e in profile["appears_with"]}
    assert profile["quotes"][0]["text"] == "Das ist unsere Pflicht"


def titles(query: str, data_dir: Path) -> set[str]:
    return {hit["title"] for hit in run_json("search", query, data_dir=data_dir)}


def test_said_finds_the_articles_quoting_an_entity_by_any_of_its_names(library) -> None:
    assert titles("said:Rutte", library) == {"Gipfel in Brüssel", LONG_TITLE}
    assert titles('said:"Mark Rutte"', library) == titles("said:Rutte", library)
    # Merz is mentioned in one article and quoted there; mentioned is not enough for Merz's quotes.
    assert titles("said:Merz", library) == {LONG_TITLE}
    assert titles("said:Merz", library) == titles("person:Merz", library)
    assert titles("said:Brüssel", library) == set()  # named, never quoted


def test_quote_finds_words_inside_quotes_only_analysed_like_the_body(library) -> None:
    assert titles("quote:Pflicht", library) == {LONG_TITLE}
    assert titles("zitat:Russlands", library) == {"Gipfel in Brüssel"}  # stemmed: Russland
    assert titles("quote:Soldaten", library) == {LONG_TITLE}  # indirect speech counts
    assert titles("quote:Kanzleramt", library) == set()  # in the body, outside any quote
    assert titles("Kanzleramt", library) == {LONG_TITLE}


def test_quote_and_said_combine_with_the_rest_of_the_language(library) -> None:
    assert titles("said:Rutte AND quote:zusammen", library) == {"Gipfel in Brüssel"}
    assert titles("said:Rutte NOT source:Abendpost", library) == {"Gipfel in Brüssel"}
    assert titles("said:Rutte date:2026-03-05", library) == {LONG_TITLE}
    assert titles("said:Merz OR quote:Russland", library) == {"Gipfel in Brüssel", LONG_TITLE}
    assert titles('quote:"unsere Pflicht" Kanzleramt', library) == {LONG_TITLE}


def test_an_unknown_entity_is_a_sentence_not_a_traceback(library) -> None:
    result = run("quotes", "Niemand Bekanntes", data_dir=library)
    assert result.returncode != 0 and "Traceback" not in result.stderr and "Niemand Bekanntes" in result.stderr


def test_a_library_from_before_quotes_gets_them_on_reindex(library, tmp_path) -> None:
    with sqlite3.connect(library / "library.db") as db:
        db.execute("DELETE FROM quotes")
        db.execute("DELETE FROM quote_state")
    assert run_json("quotes", data_dir=library) == []
    assert run("reindex", data_dir=library).returncode == 0
    assert len(run_json("quotes", data_dir=library)) == 4
    assert titles("said:Rutte", library) == {"Gipfel in Brüssel", LONG_TITLE}
