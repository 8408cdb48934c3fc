"""A damaged search index file is found, said in one sentence and rebuilt from the library.

Every kind of file a real index holds is damaged in turn (bytes flipped in three places, or cut
to half its length), then the installed command is run as a user would: ``search``, ``doctor``,
``doctor --fix``. Nothing may crash, the damage must be reported (by the search, which rebuilds,
or by ``doctor``), the search's answers must be right, and afterwards every article is found
again and none is lost.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from index.library import Library
from tests.reliability.corpus import assert_index_agrees_with_store, marker, run_reader, write_corpus

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
CORPUS_SIZE = 40

# Every file of the index by kind, as a real library holds them (the seeds bring dates, sources
# and tags, so every column exists). A new kind of file makes the census test fail until it is
# damaged here too.
FILE_KINDS = {
    "table of contents": r"_MAIN_\d+\.toc",
    "terms": r"MAIN_\w+\.trm",
    "postings": r"MAIN_\w+\.pst",
    "stored fields": r"MAIN_\w+\._stored\.col",
    "body lengths": r"MAIN_\w+\._body_len\.col",
    "other lengths": r"MAIN_\w+\._(title|source|tags|kind|entity_ids|quotes|speakers)_len\.col",
    "publication times": r"MAIN_\w+\.published\.col",
    "segment checksums": r"MAIN_\w+\.sums",
    "commit checksums": r"reader-toc\.sums",
    "schema version": r"reader-schema-version",
}
LOCK_FILES = {"MAIN_WRITELOCK", "OPEN.lock"}  # empty: only their locks matter
# Checksums and the version only describe the index: damaging them must not lose anything,
# but the index's data is intact, so there is nothing to report.
DESCRIPTIONS = {"segment checksums", "commit checksums", "schema version"}


def flip_bytes(path: Path) -> None:
    data = bytearray(path.read_bytes())
    for where in (len(data) // 4, len(data) // 2, 3 * len(data) // 4):
        for position in range(where, min(where + 16, len(data))):
            data[position] ^= 0xFF
    path.write_bytes(bytes(data))


def truncate(path: Path) -> None:
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])


DAMAGES = {"flipped": flip_bytes, "truncated": truncate}


@pytest.fixture(scope="module")
def template(tmp_path_factory) -> tuple[Path, dict[str, str]]:
    """A library of the seeds and CORPUS_SIZE numbered articles, and {article id: its word}."""
    folder = tmp_path_factory.mktemp("damaged_index")
    write_corpus(folder / "articles", CORPUS_SIZE)
    data_dir = folder / "library"
    added = run_reader("add", str(SEEDS), str(folder / "articles"), data_dir=data_dir)
    assert added.returncode == 0, added.stderr
    with Library.open(data_dir) as library:
        words = {article.id: marker(int(Path(article.path).stem.split("_")[1]))
                 for article in library.store.iter_articles(library.store.all_ids())
                 if Path(article.path).stem.startswith("artikel_")}
    assert len(words) == CORPUS_SIZE
    return data_dir, words


def kind_of(name: str) -> str | None:
    kinds = [kind for kind, pattern in FILE_KINDS.items() if re.fullmatch(pattern, name)]
    assert len(kinds) <= 1, f"{name} is of several kinds: {kinds}"
    return kinds[0] if kinds else None


def test_every_kind_of_index_file_is_damaged_by_these_tests(template) -> None:
    data_dir, _words = template
    names = {path.name for path in (data_dir / "index").iterdir()}
    unknown = sorted(name for name in names - LOCK_FILES if kind_of(name) is None)
    assert not unknown, f"files of a kind these tests never damage: {unknown}"
    assert {kind_of(name) for name in names - LOCK_FILES} == set(FILE_KINDS)


def searched_ids(data_dir: Path) -> tuple[set[str], str]:
    """The ids `reader search` finds for every numbered article's word, and what it said."""
    result = run_reader("search", "--json", "--limit", "500", "Kennwort*", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert_one_sentence_at_most(result.stderr)
    return {hit["id"] for hit in json.loads(result.stdout)}, result.stderr


def assert_one_sentence_at_most(said: str) -> None:
    assert "Traceback" not in said and "unexpected error" not in said, said
    assert len(said.strip().splitlines()) <= 1, said


@pytest.mark.parametrize("damage", sorted(DAMAGES))
@pytest.mark.parametrize("kind", sorted(FILE_KINDS))
def test_a_damaged_index_file_is_found_reported_and_rebuilt(template, tmp_path: Path, kind: str, damage: str) -> None:
    source, words = template
    data_dir = tmp_path / "library"
    shutil.copytree(source, data_dir)
    victim = sorted(path for path in (data_dir / "index").iterdir() if kind_of(path.name) == kind)[0]
    DAMAGES[damage](victim)

    found, said_by_search = searched_ids(data_dir)
    assert found == set(words), "the search gave wrong answers from a damaged index"

    checked = run_reader("doctor", data_dir=data_dir)
    assert_one_sentence_at_most(checked.stderr)
    if checked.returncode:
        assert "The search index is damaged" in checked.stdout and "reader doctor --fix" in checked.stdout
    else:
        assert "healthy" in checked.stdout
    if kind not in DESCRIPTIONS:
        assert "damaged" in said_by_search + checked.stdout, "the damage was never reported"

    fixed = run_reader("doctor", "--fix", data_dir=data_dir)
    assert fixed.returncode == 0, fixed.stdout + fixed.stderr
    assert "healthy" in fixed.stdout
    with Library.open(data_dir) as library:
        assert_index_agrees_with_store(library)
        assert library.count() == len(words) + len(list(SEEDS.iterdir()))
        for article_id, word in words.items():
            assert [hit.id for hit in library.search(word)] == [article_id]


def test_doctor_reports_damaged_postings_and_fix_rebuilds_them(template, tmp_path: Path) -> None:
    """Damage that opening the index cannot see (inside the postings) is found by doctor."""
    source, words = template
    data_dir = tmp_path / "library"
    shutil.copytree(source, data_dir)
    flip_bytes(next((data_dir / "index").glob("*.pst")))

    checked = run_reader("doctor", "--json", data_dir=data_dir)
    assert checked.returncode == 1
    problems = json.loads(checked.stdout)["problems"]
    assert [(problem["code"], problem["fixable"]) for problem in problems] == [("index-damaged", True)]
    assert ".pst has changed since it was written" in problems[0]["message"]

    fixed = run_reader("doctor", "--fix", data_dir=data_dir)
    assert fixed.returncode == 0
    assert f"Rebuilt the search index from the library ({len(words) + len(list(SEEDS.iterdir()))} articles)" in (
        fixed.stdout.replace("\n", " "))
    assert searched_ids(data_dir) == (set(words), "")


def test_a_search_that_reads_damaged_stored_fields_rebuilds_and_answers(template, tmp_path: Path) -> None:
    source, words = template
    data_dir = tmp_path / "library"
    shutil.copytree(source, data_dir)
    flip_bytes(next((data_dir / "index").glob("*._stored.col")))

    found, said = searched_ids(data_dir)
    assert found == set(words)
    assert said.strip() == "The search index is damaged; rebuilding it from the library…"
    assert run_reader("doctor", data_dir=data_dir).returncode == 0
