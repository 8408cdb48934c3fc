"""The CLI contract, through the installed `reader` command, as scripts use it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SEEDS = ROOT / "seeds"


def installed_reader() -> str:
    beside_python = Path(sys.executable).parent / "reader"
    if beside_python.exists():
        return str(beside_python)
    found = shutil.which("reader")
    assert found, "the reader command is not installed (pip install '.[test]')"
    return found


def run(*args: str, data_dir: Path, env_dir: bool = False, cwd: Path | None = None,
        stdin: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "READER_DATA_DIR"}
    argv = [installed_reader()]
    if env_dir:
        env["READER_DATA_DIR"] = str(data_dir)
    else:
        argv += ["--data-dir", str(data_dir)]
    return subprocess.run(argv + list(args), capture_output=True, text=True, env=env, cwd=cwd or data_dir.parent,
                          input=stdin, timeout=300)


def run_json(*args: str, data_dir: Path):
    result = run(*args, "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def assert_one_clean_line(result: subprocess.CompletedProcess) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr


@pytest.fixture(scope="module")
def seeded(tmp_path_factory) -> Path:
    data_dir = tmp_path_factory.mktemp("library")
    result = run("add", str(SEEDS), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "5 added" in result.stderr
    return data_dir


def test_articles_json_lists_the_seeds_newest_first(seeded):
    articles = run_json("articles", data_dir=seeded)
    assert len(articles) == 5
    for article in articles:
        assert set(article) >= {"id", "title", "source", "published", "kind", "path"}
        assert article["path"].endswith(".txt")
        published = datetime.fromisoformat(article["published"])
        assert published.tzinfo is not None
    dates = [datetime.fromisoformat(a["published"]) for a in articles]
    assert dates == sorted(dates, reverse=True)
    kinds = {Path(a["path"]).name: a["kind"] for a in articles}
    assert kinds["004_10b6f245adb1feb2.txt"] == "liveblog"


def test_adding_the_same_articles_again_does_not_duplicate(seeded):
    result = run("add", str(SEEDS), data_dir=seeded)
    assert result.returncode == 0, result.stderr
    assert "0 added" in result.stderr and "5 unchanged" in result.stderr
    assert len(run_json("articles", data_dir=seeded)) == 5


def test_a_changed_file_updates_its_article(tmp_path):
    data_dir = tmp_path / "lib"
    article = tmp_path / "meldung.txt"
    article.write_text("Merz reist nach Paris\n\nDer Bundeskanzler trifft Macron im Élysée-Palast.\n", encoding="utf-8")
    assert run("add", str(article), data_dir=data_dir).returncode == 0
    [before] = run_json("articles", data_dir=data_dir)
    article.write_text("Merz reist nach Paris\n\nDer Bundeskanzler trifft Macron und Starmer.\n", encoding="utf-8")
    result = run("add", str(article), data_dir=data_dir)
    assert "1 updated" in result.stderr
    [after] = run_json("articles", data_dir=data_dir)
    assert after["id"] == before["id"]
    shown = run_json("show", after["id"], data_dir=data_dir)
    assert "Starmer" in shown["body"]
    assert run_json("search", "Starmer", data_dir=data_dir)[0]["id"] == after["id"]
    assert run_json("search", "Élysée", data_dir=data_dir) == []


def test_show_json_has_the_contract_fields(seeded):
    articles = run_json("articles", data_dir=seeded)
    eulerpool = next(a for a in articles if a["source"] == "Eulerpool News")
    shown = run_json("show", eulerpool["id"], data_dir=seeded)
    assert set(shown) >= {"id", "title", "source", "published", "body", "mentions"}
    assert shown["title"] == "Sicherheitsgarantien für die Ukraine: Pariser Konferenz mit Macron und Starmer"
    assert shown["body"].rstrip().endswith("da die Ukraine ein souveräner Staat sei.")
    assert isinstance(shown["mentions"], list)


def test_show_accepts_a_unique_id_prefix(seeded):
    article = run_json("articles", data_dir=seeded)[0]
    assert run_json("show", article["id"][:8], data_dir=seeded)["id"] == article["id"]


def test_unknown_id_is_one_clear_line(seeded):
    result = run("show", "doesnotexist", data_dir=seeded)
    assert_one_clean_line(result)
    assert "doesnotexist" in result.stderr


def test_search_json_is_ranked_with_snippets(seeded):
    hits = run_json("search", "Verteidigung", data_dir=seeded)
    assert hits, "compound parts must be searchable"
    for hit in hits:
        assert set(hit) >= {"id", "title", "source", "published", "score", "snippet"}
    scores = [h["score"] for h in hits]
    assert scores == sorted(scores, reverse=True)
    assert any("verteidigung" in h["snippet"].lower() for h in hits)


def test_search_limit(seeded):
    assert len(run_json("search", "Ukraine", "--limit", "2", data_dir=seeded)) == 2


def test_search_folds_sharp_s_and_umlauts(seeded):
    hits = run_json("search", "Aussenamtssprecherin", data_dir=seeded)
    assert len(hits) >= 2
    assert all("Außenamtssprecherin" in run_json("show", h["id"], data_dir=seeded)["body"] for h in hits)


def test_search_fuzzy_finds_a_transliteration(seeded):
    hits = run_json("search", "Selenskij~", data_dir=seeded)
    bodies = [run_json("show", h["id"], data_dir=seeded)["body"] for h in hits]
    assert any("Selenskyj" in body for body in bodies)


def test_malformed_query_is_one_clear_line(seeded):
    result = run("search", '"Koalition der Willigen', data_dir=seeded)
    assert_one_clean_line(result)


def test_readable_output_without_json(seeded):
    listing = run("articles", data_dir=seeded)
    assert listing.returncode == 0
    assert "Eulerpool News" in listing.stdout
    # On a narrow terminal every title and whole id is still shown.
    narrow = subprocess.run([installed_reader(), "--data-dir", str(seeded), "articles"], capture_output=True,
                            text=True, env={**os.environ, "COLUMNS": "60"})
    assert "Auch US-Sondergesandter Witkoff bei Paris-Gipfel" in narrow.stdout
    assert all(a["id"] in narrow.stdout for a in run_json("articles", data_dir=seeded))
    found = run("search", "Schützenpanzer", data_dir=seeded)
    assert found.returncode == 0 and "Schützenpanzer" in found.stdout
    # Articles that give only a day show no made-up time.
    assert "2025-09-04 00:00" not in found.stdout and "2025-09-04" in found.stdout


def test_reindex_rebuilds_and_search_still_works(seeded):
    result = run("reindex", data_dir=seeded)
    assert result.returncode == 0, result.stderr
    assert "5" in result.stderr
    assert run_json("search", "Schützenpanzer", data_dir=seeded)


def test_a_deleted_index_is_rebuilt_from_the_store(tmp_path):
    data_dir = tmp_path / "lib"
    assert run("add", str(SEEDS), data_dir=data_dir).returncode == 0
    shutil.rmtree(data_dir / "index")
    hits = run_json("search", "Witkoff", data_dir=data_dir)
    assert len(hits) >= 3


def test_one_bad_file_is_reported_and_the_rest_imported(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEEDS / "000_b460ae49fb08d34d.txt", folder / "good.txt")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02binary\xff\xfe\x00")
    (folder / "empty.txt").write_bytes(b"")
    result = run("add", str(folder), data_dir=tmp_path / "lib")
    assert result.returncode != 0
    assert "broken.txt" in result.stderr and "empty.txt" in result.stderr
    assert "Traceback" not in result.stderr
    assert len(run_json("articles", data_dir=tmp_path / "lib")) == 1


def test_a_bad_file_deep_in_folders_is_named_on_one_unbroken_line(tmp_path):
    """A log of an import is grepped for file names: long paths are never folded."""
    folder = tmp_path / "in" / ("Nachrichtenarchiv_2025_" * 4) / ("Agenturmeldungen_Wirtschaft_" * 4)
    folder.mkdir(parents=True)
    bad = folder / "kaputte_meldung_mit_langem_namen.txt"
    bad.write_bytes(b"\x00\x01\x02binary\xff\xfe\x00")
    result = run("add", str(tmp_path / "in"), data_dir=tmp_path / "lib")
    assert result.returncode == 1
    (line,) = [line for line in result.stderr.splitlines() if "kaputte_meldung" in line]
    assert str(bad) in line and "skipped" in line


def test_missing_path_is_reported(tmp_path):
    result = run("add", str(tmp_path / "nowhere"), data_dir=tmp_path / "lib")
    assert result.returncode != 0 and "nowhere" in result.stderr and "Traceback" not in result.stderr


def test_data_dir_from_environment_and_after_the_subcommand(tmp_path):
    data_dir = tmp_path / "envlib"
    assert run("add", str(SEEDS / "001_dc0d09b4cc2bf6e8.txt"), data_dir=data_dir, env_dir=True).returncode == 0
    assert (data_dir / "library.db").exists()
    after = subprocess.run([installed_reader(), "articles", "--json", "--data-dir", str(data_dir)],
                           capture_output=True, text=True)
    assert len(json.loads(after.stdout)) == 1


def test_bad_arguments_are_one_line(tmp_path):
    result = run("search", "Paris", "--limit", "zero", data_dir=tmp_path)
    assert result.returncode == 2
    assert len(result.stderr.strip().splitlines()) == 1
    assert run("frobnicate", data_dir=tmp_path).returncode == 2


def test_installed_package_carries_the_seeds(tmp_path):
    """A non-editable install finds the seeds from any directory."""
    code = "from reader.paths import seeds_dir; print(seeds_dir())"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=tmp_path,
                            env={k: v for k, v in os.environ.items() if k != "PYTHONPATH"})
    assert result.returncode == 0, result.stderr
    seeds = Path(result.stdout.strip())
    assert sorted(p.name for p in seeds.glob("*.txt")) == sorted(p.name for p in SEEDS.glob("*.txt"))
    for packaged in seeds.glob("*.txt"):
        assert packaged.read_bytes() == (SEEDS / packaged.name).read_bytes()
