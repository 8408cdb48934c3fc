"""The benchmark corpus generator: deterministic, realistic, and importable by the reader.

The generator reads ../shared/data at run time; these tests give it a small stand-in folder in the
same formats (GermEval TSV, SmartData gzip JSON, the gazetteers) holding the seeds' real German
sentences, so they run anywhere and fast.
"""

from __future__ import annotations

import gzip
import json
import re
from datetime import datetime
from pathlib import Path

import pytest

from bench.corpus import SOURCES, CorpusBuilder, main, read_manifest, write_corpus
from bench.sentences import MissingData, load_sources
from index.library import Library

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
PEOPLE = ["Macron", "Selenskyj", "Rutte", "Witkoff", "Starmer"]
CITIES = ["Paris", "Berlin", "Kiew", "Moskau"]


def _seed_sentences() -> list[str]:
    text = " ".join(path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt")))
    return [s for s in re.split(r"(?<=[.!?])\s+(?=[A-ZÄÖÜ])", " ".join(text.split())) if 40 <= len(s) <= 300]


def _germeval_tsv(sentences: list[str]) -> str:
    blocks = []
    for number, sentence in enumerate(sentences):
        rows = [f"#\thttp://example.org/{number}\t[2025-09-04]"]
        for index, token in enumerate(re.findall(r"\w+(?:-\w+)*|[^\w\s]", sentence), start=1):
            tag = "B-PER" if token in PEOPLE else "B-LOC" if token in CITIES else "O"
            rows.append(f"{index}\t{token}\t{tag}\tO")
        blocks.append("\n".join(rows))
    return "\n\n".join(blocks) + "\n"


def _smartdata(text: str) -> str:
    mentions = [{"type": "person" if name in PEOPLE else "location-city", "span": {"start": m.start(), "end": m.end()}}
                for name in PEOPLE + CITIES for m in re.finditer(rf"\b{name}\b", text)]
    return json.dumps({"text": {"string": text}, "conceptMentions": {"array": mentions}}, ensure_ascii=False, indent=1)


@pytest.fixture(scope="module")
def shared_data(tmp_path_factory) -> Path:
    """A folder shaped like ../shared/data, filled with the seeds' sentences."""
    root = tmp_path_factory.mktemp("shared-data")
    sentences = _seed_sentences()
    (root / "germeval2014").mkdir()
    (root / "germeval2014" / "NER-de-dev.tsv").write_text(_germeval_tsv(sentences[::2]), encoding="utf-8")
    headline = "Sicherheitsgarantien für die Ukraine: Treffen in Paris\n"
    for folder, name, part in (("v1_20180119", "train.json.gz", sentences[1::2]), ("v3_20200302", "dev.json.gz", sentences[::3])):
        (root / "smartdata" / folder).mkdir(parents=True)
        documents = [_smartdata(headline + " ".join(part[i:i + 6])) for i in range(0, len(part), 6)]
        (root / "smartdata" / folder / name).write_bytes(gzip.compress("\n".join(documents).encode()))
    gazetteers = root / "gazetteers_de"
    (gazetteers / "ler").mkdir(parents=True)
    (gazetteers / "ler" / "personennamen.list").write_text("Becker\nSchmidt\nWagner\nHoffmann\n", encoding="utf-8")
    (gazetteers / "geonames").mkdir()
    places = [{"name": "Leipzig", "population": 600000}, {"name": "Bad Kissingen", "population": 22000}]
    (gazetteers / "geonames" / "dach_places_cities500.derived.jsonl").write_text(
        "".join(json.dumps(p) + "\n" for p in places), encoding="utf-8")
    (gazetteers / "prenames_germany" / "raw").mkdir(parents=True)
    (gazetteers / "prenames_germany" / "raw" / "Vornamen_Koeln_2017.csv").write_text(
        "vorname,anzahl,geschlecht\nAnna,30,w\nJonas,25,m\nMia,20,w\n", encoding="utf-8")
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_seed_writes_the_same_corpus_and_another_seed_a_different_one(shared_data, tmp_path):
    write_corpus(tmp_path / "a", 8, seed=3, data_dir=shared_data)
    write_corpus(tmp_path / "b", 8, seed=3, data_dir=shared_data)
    write_corpus(tmp_path / "c", 8, seed=4, data_dir=shared_data)

    first, again, other = _files(tmp_path / "a"), _files(tmp_path / "b"), _files(tmp_path / "c")
    assert first == again
    assert first.keys() == other.keys()
    assert first != other
    assert read_manifest(tmp_path / "a")["n"] == 8


def test_article_i_does_not_depend_on_the_corpus_size(shared_data):
    builder = CorpusBuilder.from_data(shared_data, seed=1)
    early = builder.article(5)
    builder.article(900)
    assert CorpusBuilder.from_data(shared_data, seed=1).article(5) == early


def test_articles_look_like_news(shared_data):
    builder = CorpusBuilder.from_data(shared_data, seed=1)
    articles = [builder.article(i) for i in range(20)]

    for article in articles:
        assert 2500 <= len(article.body.encode()) <= 10_000
        assert article.title and "\n" not in article.title
        assert article.published.tzinfo is not None
        assert datetime(2022, 1, 1).year <= article.published.year <= 2025
        assert article.source in {name for name, _, _ in SOURCES}
        assert len(article.paragraphs) >= 3
        assert "\ue000" not in article.body + article.title  # no entity markers leak out
    assert len({a.published.date() for a in articles}) > 10
    # Some names in the sentences were swapped for names from the gazetteers.
    assert any(name in a.body for a in articles for name in ("Becker", "Schmidt", "Wagner", "Hoffmann", "Leipzig"))


@pytest.mark.parametrize("fmt", ["txt", "md", "jsonl"])
def test_the_reader_imports_what_the_generator_writes(shared_data, tmp_path, fmt):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 5, seed=2, fmt=fmt, data_dir=shared_data)
    builder = CorpusBuilder.from_data(shared_data, seed=2)
    generated = [builder.article(i) for i in range(5)]

    with Library.open(tmp_path / "library") as library:
        report = library.add([corpus])
        stored = [library.article(s.id) for s in library.articles()]

    assert report.added == 5 and not report.failed
    assert {(a.title, a.source, a.published) for a in stored} == {(g.title, g.source, g.published) for g in generated}
    by_title = {a.title: a for a in stored}
    for article in generated:
        body = by_title[article.title].body
        assert article.paragraphs[-1][:60] in body
        assert len(body) >= 0.9 * len(article.body)


def test_a_public_figure_written_into_the_corpus_is_found_with_person_query(shared_data, tmp_path):
    corpus = tmp_path / "corpus"
    write_corpus(corpus, 6, seed=1, data_dir=shared_data)
    with Library.open(tmp_path / "library") as library:
        library.add([corpus])
        hits = library.search("person:Merz")
        with_merz = [s.id for s in library.articles() if "Friedrich Merz" in library.article(s.id).body]

    assert with_merz
    assert set(with_merz) <= {hit.id for hit in hits}


def test_missing_data_is_reported_with_the_paths(tmp_path):
    with pytest.raises(MissingData, match="NER-de-dev.tsv"):
        load_sources(tmp_path / "nowhere")


def test_the_command_refuses_a_folder_that_is_not_a_corpus(shared_data, tmp_path, capsys):
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")

    assert main([str(tmp_path), "--n", "2", "--data", str(shared_data)]) == 1
    assert "not a generated corpus" in capsys.readouterr().err
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"
