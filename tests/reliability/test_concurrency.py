"""Two processes at once: a second writer waits and says so; an open library sees another's import."""

from __future__ import annotations

import subprocess
import threading
from pathlib import Path

import whoosh.index

from index.library import Library
from index.store import Store
from tests.reliability.corpus import (article_ids_from_cli, assert_index_agrees_with_store, installed_reader,
                                      marker, reader_env, run_reader, write_corpus)

WAIT_LIMIT_SECONDS = 120


def start_add(data_dir: Path, *folders: Path) -> subprocess.Popen:
    return subprocess.Popen([installed_reader(), "--data-dir", str(data_dir), "add", *map(str, folders)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=reader_env())


def read_until(process: subprocess.Popen, wanted: str) -> str:
    """stderr lines of ``process`` until one contains ``wanted`` (or the process ends)."""
    seen = []
    timer = threading.Timer(WAIT_LIMIT_SECONDS, process.kill)  # a hung test fails instead of hanging
    timer.start()
    try:
        for line in process.stderr:
            seen.append(line)
            if wanted in line:
                break
    finally:
        timer.cancel()
    return "".join(seen)


def test_two_adds_at_once_both_finish_with_every_article_once(tmp_path: Path) -> None:
    write_corpus(tmp_path / "first", 250, start=0)
    write_corpus(tmp_path / "second", 250, start=250)
    data_dir = tmp_path / "library"
    # Overlapping imports: both take the shared folder, each one its own.
    write_corpus(tmp_path / "shared", 100, start=500)
    one = start_add(data_dir, tmp_path / "shared", tmp_path / "first")
    two = start_add(data_dir, tmp_path / "second", tmp_path / "shared")
    _, errors_one = one.communicate(timeout=300)
    _, errors_two = two.communicate(timeout=300)
    for code, errors in ((one.returncode, errors_one), (two.returncode, errors_two)):
        assert code == 0, errors
        assert "LockError" not in errors and "Traceback" not in errors and "busy" not in errors
    with Library.open(data_dir) as library:
        assert library.count() == 600
        assert_index_agrees_with_store(library)
        for number in (0, 249, 250, 499, 500, 599):
            assert len(library.search(marker(number))) == 1


def test_an_add_waits_for_another_process_writing_the_store_and_says_so(tmp_path: Path) -> None:
    write_corpus(tmp_path / "articles", 30)
    data_dir = tmp_path / "library"
    Library.open(data_dir).close()
    other_writer = Store(data_dir / "library.db")  # another process's long write, held open
    with other_writer.transaction():
        process = start_add(data_dir, tmp_path / "articles")
        said = read_until(process, "Waiting for another reader process")
        assert "Waiting for another reader process to finish writing" in said
        assert process.poll() is None, "the add should wait, not give up"
    other_writer.close()
    _, rest = process.communicate(timeout=WAIT_LIMIT_SECONDS)
    assert process.returncode == 0, said + rest
    assert "30 added" in rest
    assert len(article_ids_from_cli(data_dir)) == 30


def test_an_add_waits_for_another_process_writing_the_index_and_says_so(tmp_path: Path) -> None:
    write_corpus(tmp_path / "articles", 30)
    data_dir = tmp_path / "library"
    Library.open(data_dir).close()
    held = whoosh.index.open_dir(str(data_dir / "index")).writer()  # holds the index's write lock
    try:
        process = start_add(data_dir, tmp_path / "articles")
        said = read_until(process, "Waiting for another reader process")
        assert "finish writing to the search index" in said
        assert process.poll() is None
    finally:
        held.cancel()
    _, rest = process.communicate(timeout=WAIT_LIMIT_SECONDS)
    assert process.returncode == 0, said + rest
    with Library.open(data_dir) as library:
        assert library.count() == 30
        assert_index_agrees_with_store(library)


def test_an_open_library_sees_articles_another_process_imports(tmp_path: Path) -> None:
    write_corpus(tmp_path / "before", 20, start=0)
    write_corpus(tmp_path / "after", 20, start=20)
    data_dir = tmp_path / "library"
    assert run_reader("add", str(tmp_path / "before"), data_dir=data_dir).returncode == 0
    with Library.open(data_dir) as app_library:  # as the app holds it
        assert app_library.count() == 20
        assert app_library.search(marker(3))
        result = run_reader("add", str(tmp_path / "after"), data_dir=data_dir)
        assert result.returncode == 0, result.stderr
        assert "Traceback" not in result.stderr
        # The same open library offers the new articles: in the list and in search.
        assert app_library.count() == 40
        assert [h.id for h in app_library.search(marker(25))] == [
            a.id for a in app_library.articles() if marker(25) in app_library.article(a.id).body]
        assert_index_agrees_with_store(app_library)


def test_a_library_being_created_by_another_process_opens_once_that_process_lets_go(tmp_path: Path) -> None:
    """Two imports started at once on a new library: while one holds the new file to itself
    (longer than SQLite's own busy timeout), the other waits for it instead of failing."""
    import sqlite3

    data_dir = tmp_path / "library"
    data_dir.mkdir()
    other = sqlite3.connect(data_dir / "library.db", isolation_level=None, check_same_thread=False)
    other.execute("BEGIN EXCLUSIVE")
    other.execute("CREATE TABLE being_created (x)")
    released = threading.Timer(3.0, lambda: other.execute("COMMIT"))
    released.start()
    try:
        with Library.open(data_dir) as library:
            assert library.count() == 0
            assert not library.store.read_only
    finally:
        released.join()
        other.close()
