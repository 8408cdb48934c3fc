"""kill -9 at each step after an article is stored, injected (READER_DEBUG_KILL_AT), not timed:
the next command finishes the work, and a reader never does a live writer's work."""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import subprocess
from pathlib import Path

import pytest

from tests.reliability.corpus import installed_reader, reader_env, run_reader, write_corpus

FIRST, SECOND = 20, 45  # the second import is large enough for the worker pool (index.importer)
EVERY_ARTICLE = "Stichwort"  # every article of write_corpus has this word


def found_by_search(data_dir: Path) -> int:
    result = run_reader("search", EVERY_ARTICLE, "--limit", "1000", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return len(json.loads(result.stdout))


def entities_listed(data_dir: Path) -> list[dict]:
    result = run_reader("entities", "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def env_with(**debug: str) -> dict[str, str]:
    return {**reader_env(), **debug}


@pytest.fixture(scope="module")
def folders(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("articles")
    write_corpus(root / "first", FIRST, start=0)
    write_corpus(root / "second", SECOND, start=FIRST)
    return root / "first", root / "second"


@pytest.fixture(scope="module")
def clean_library(folders, tmp_path_factory) -> Path:
    """Both folders imported without a fault (tests change copies of it: see copy_of)."""
    data_dir = tmp_path_factory.mktemp("clean") / "library"
    assert run_reader("add", *map(str, folders), data_dir=data_dir).returncode == 0
    return data_dir


@pytest.fixture(scope="module")
def clean_entities(clean_library) -> list[dict]:
    """The entities of both folders imported without a fault."""
    return entities_listed(clean_library)


@pytest.fixture(scope="module")
def first_library(folders, tmp_path_factory) -> Path:
    """The first folder imported (tests change copies of it: see copy_of)."""
    data_dir = tmp_path_factory.mktemp("first") / "library"
    assert run_reader("add", str(folders[0]), data_dir=data_dir).returncode == 0
    return data_dir


def copy_of(library: Path, tmp_path: Path) -> Path:
    data_dir = tmp_path / "library"
    shutil.copytree(library, data_dir)
    return data_dir


def killed_add(data_dir: Path, folder: Path, step: str) -> None:
    result = subprocess.run([installed_reader(), "--data-dir", str(data_dir), "add", str(folder)],
                            capture_output=True, text=True, timeout=300, env=env_with(READER_DEBUG_KILL_AT=step))
    assert result.returncode == -signal.SIGKILL, f"not killed at {step}: {result.stderr}"


@pytest.fixture(scope="module")
def killed_at(folders, first_library, tmp_path_factory):
    """killed_at(step): the first library, with an import of the second folder killed at ``step``;
    made once per step (tests change copies of it: see copy_of)."""
    made: dict[str, Path] = {}

    def killed(step: str) -> Path:
        if step not in made:
            made[step] = copy_of(first_library, tmp_path_factory.mktemp(f"killed-{step}"))
            killed_add(made[step], folders[1], step)
        return made[step]

    return killed


def stored_articles(data_dir: Path) -> int:
    """Counted in the database file itself: opening the library would finish its work."""
    with sqlite3.connect(data_dir / "library.db") as db:
        return db.execute("SELECT count(*) FROM articles").fetchone()[0]


@pytest.mark.parametrize(("step", "next_command"), [
    ("articles-stored", "search"), ("articles-indexed", "search"),
    ("linking-entities", "search"), ("linking-entities", "add"),
])
def test_a_kill_after_storing_articles_is_finished_by_the_next_command(folders, killed_at, clean_entities,
                                                                       tmp_path, step, next_command):
    first, second = folders
    data_dir = copy_of(killed_at(step), tmp_path)
    stored = stored_articles(data_dir)
    assert stored > FIRST  # the kill came after some of the second folder was stored
    if next_command == "add":  # the same folders again: nothing new, and yet everything finished
        again = run_reader("add", str(first), str(second), data_dir=data_dir)
        assert again.returncode == 0, again.stderr
        assert f"0 added, 0 updated, {FIRST + SECOND} unchanged" in again.stderr
    assert found_by_search(data_dir) == stored  # every stored article, also those the kill left unindexed
    if stored < FIRST + SECOND:  # killed before the import stored all: a re-run stores the rest
        assert run_reader("add", str(second), data_dir=data_dir).returncode == 0
    assert entities_listed(data_dir) == clean_entities  # linked as after a clean import
    doctor = run_reader("doctor", data_dir=data_dir)
    assert doctor.returncode == 0 and "healthy" in doctor.stdout, doctor.stdout


@pytest.mark.parametrize("step", ["reindex-marked", "reindex-cleared"])
def test_a_kill_during_reindex_never_leaves_search_empty(clean_library, clean_entities, tmp_path, step):
    data_dir = copy_of(clean_library, tmp_path)
    result = subprocess.run([installed_reader(), "--data-dir", str(data_dir), "reindex"], capture_output=True,
                            text=True, timeout=300, env=env_with(READER_DEBUG_KILL_AT=step))
    assert result.returncode == -signal.SIGKILL, result.stderr
    assert found_by_search(data_dir) == FIRST + SECOND
    assert entities_listed(data_dir) == clean_entities


def test_a_search_during_an_import_neither_waits_for_it_nor_does_its_work(folders, first_library, tmp_path):
    second = folders[1]
    data_dir = copy_of(first_library, tmp_path)
    # The import stops itself (SIGSTOP) with its batch stored and not yet indexed: a live writer
    # in the middle of its work, for as long as the test needs.
    writer = subprocess.Popen([installed_reader(), "--data-dir", str(data_dir), "add", str(second)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env=env_with(READER_DEBUG_STOP_AT="articles-stored"))
    try:
        _, status = os.waitpid(writer.pid, os.WUNTRACED)
        assert os.WIFSTOPPED(status), "the import should have stopped at its step"
        search = run_reader("search", EVERY_ARTICLE, "--limit", "1000", "--json", data_dir=data_dir, timeout=120)
        assert search.returncode == 0, search.stderr
        assert stored_articles(data_dir) > FIRST  # the import has stored some of its articles
        assert len(json.loads(search.stdout)) == FIRST  # and their indexing was left to the import
        assert "Another reader process is writing to the library" in search.stderr
        listing = run_reader("articles", "--json", data_dir=data_dir, timeout=120)
        assert len(json.loads(listing.stdout)) == stored_articles(data_dir)  # stored, and listed
    finally:
        writer.send_signal(signal.SIGCONT)
    _, errors = writer.communicate(timeout=300)
    assert writer.returncode == 0, errors
    assert found_by_search(data_dir) == FIRST + SECOND
