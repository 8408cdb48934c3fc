"""Version mismatches, a lost or broken search index, a read-only data dir and a full disk:
one clear line each, and nothing lost."""

from __future__ import annotations

import errno
import os
import resource
import sqlite3
import stat
import subprocess
from contextlib import contextmanager
from pathlib import Path

import pytest

from index.errors import LibraryError
from index.library import Library
from tests.reliability.corpus import (assert_index_agrees_with_store, installed_reader, marker, reader_env,
                                      run_reader, write_corpus)


def one_clean_line(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    return lines[0]


@pytest.fixture
def library_with_bookmark(tmp_path: Path) -> tuple[Path, Path, str]:
    """A library of 40 articles, one of them bookmarked with a note."""
    source, data_dir = tmp_path / "articles", tmp_path / "library"
    write_corpus(source, 40)
    assert run_reader("add", str(source), data_dir=data_dir).returncode == 0
    with Library.open(data_dir) as library:
        article_id = library.search(marker(7))[0].id
        library.bookmarks.add(article_id, note="Wichtig für später")
    return source, data_dir, article_id


def assert_nothing_lost(data_dir: Path, bookmarked: str, kept_since: int = 0) -> None:
    """The 40 articles and the bookmark, searchable; ``kept_since``: at most that many more (an
    import stopped midway keeps the articles it stored)."""
    with Library.open(data_dir) as library:
        assert 40 <= library.count() <= 40 + kept_since
        assert_index_agrees_with_store(library)
        assert [h.id for h in library.search(marker(7))] == [bookmarked]
        assert [b.note for b in library.bookmarks.for_article(bookmarked)] == ["Wichtig für später"]


def test_a_library_from_a_newer_store_version_is_refused_in_one_line_and_left_alone(library_with_bookmark):
    _, data_dir, bookmarked = library_with_bookmark
    with sqlite3.connect(data_dir / "library.db") as db:
        db.execute("UPDATE meta SET value = '99' WHERE key = 'store_version'")
    line = one_clean_line(run_reader("articles", data_dir=data_dir))
    assert "newer version of reader" in line and "Upgrade" in line
    with sqlite3.connect(data_dir / "library.db") as db:
        db.execute("UPDATE meta SET value = '1' WHERE key = 'store_version'")
    assert_nothing_lost(data_dir, bookmarked)


@pytest.mark.parametrize("damage", ["index of another version", "index deleted", "index corrupted"])
def test_a_lost_or_broken_search_index_is_rebuilt_from_the_store(library_with_bookmark, damage):
    _, data_dir, bookmarked = library_with_bookmark
    index_dir = data_dir / "index"
    if damage == "index of another version":
        (index_dir / "reader-schema-version").write_text("0\n")
    elif damage == "index deleted":
        for path in index_dir.iterdir():
            path.unlink()
        index_dir.rmdir()
    else:
        for path in index_dir.iterdir():
            if path.suffix in (".toc", ".trm", ".pst", ".col"):
                path.write_bytes(b"\x00garbage" * 100)
    result = run_reader("search", marker(7), "--json", data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert bookmarked in result.stdout
    assert "rebuilding it from the library" in result.stderr
    assert_nothing_lost(data_dir, bookmarked)


@contextmanager
def read_only(folder: Path):
    """``folder`` as a process without write permission sees it: a read-only view of it."""
    if os.geteuid() != 0:
        modes = {path: path.stat().st_mode for path in [folder, *folder.rglob("*")]}
        for path, mode in modes.items():
            path.chmod(mode & ~(stat.S_IWUSR | stat.S_IWGRP | stat.S_IWOTH))
        try:
            yield folder
        finally:
            for path, mode in sorted(modes.items(), key=lambda item: len(item[0].parts)):
                path.chmod(mode)
        return
    # root ignores permissions: a read-only bind mount is what a read-only folder looks like to it
    view = folder.with_name(folder.name + "-read-only")
    view.mkdir()
    subprocess.run(["mount", "--bind", str(folder), str(view)], check=True)
    try:
        subprocess.run(["mount", "-o", "remount,bind,ro", str(view)], check=True)
        yield view
    finally:
        subprocess.run(["umount", str(view)], check=True)


def test_a_read_only_data_dir_can_be_read_but_not_changed(library_with_bookmark, tmp_path):
    source, data_dir, bookmarked = library_with_bookmark
    write_corpus(tmp_path / "more", 5, start=100)
    with read_only(data_dir) as view:
        with pytest.raises(OSError) as refused:
            (view / "probe").write_text("x")
        assert refused.value.errno in (errno.EROFS, errno.EACCES)
        search = run_reader("search", marker(7), "--json", data_dir=view)
        assert search.returncode == 0, search.stderr
        assert bookmarked in search.stdout
        listing = run_reader("articles", "--json", data_dir=view)
        assert listing.returncode == 0 and listing.stdout.count('"id"') == 40
        shown = run_reader("show", bookmarked, "--json", data_dir=view)
        assert shown.returncode == 0 and marker(7) in shown.stdout
        for writing in (["add", str(tmp_path / "more")], ["reindex"]):
            assert "read-only" in one_clean_line(run_reader(*writing, data_dir=view))
    assert_nothing_lost(data_dir, bookmarked)


def test_a_full_disk_stops_the_import_with_one_line_and_a_rerun_finishes_it(library_with_bookmark, tmp_path):
    _, data_dir, bookmarked = library_with_bookmark
    write_corpus(tmp_path / "more", 300, start=1000)
    # Files may not grow past their size now plus a little: the disk fills up during the import.
    limit = os.path.getsize(data_dir / "library.db") + 32 * 1024

    def small_disk() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    full = subprocess.run([installed_reader(), "--data-dir", str(data_dir), "add", str(tmp_path / "more")],
                          capture_output=True, text=True, env=reader_env(), preexec_fn=small_disk, timeout=300)
    assert "disk is full" in one_clean_line(full)
    assert_nothing_lost(data_dir, bookmarked, kept_since=300)  # and what was stored before the disk filled

    again = run_reader("add", str(tmp_path / "more"), data_dir=data_dir)
    assert again.returncode == 0, again.stderr
    with Library.open(data_dir) as library:
        assert library.count() == 340
        assert_index_agrees_with_store(library)
        assert len(library.search(marker(1299))) == 1


def test_a_full_disk_while_writing_the_index_keeps_the_articles_for_the_next_open(tmp_path, monkeypatch):
    write_corpus(tmp_path / "articles", 20)
    data_dir = tmp_path / "library"
    from whoosh.filedb import structfile

    def disk_full(self, *args):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    with Library.open(data_dir) as library:
        with monkeypatch.context() as patch:
            patch.setattr(structfile.StructFile, "write", disk_full)
            with pytest.raises(LibraryError, match="disk is full"):
                library.add([tmp_path / "articles"])
        assert library.count() == 20  # the store kept them; the index did not
        # Space again, this library still open (as in the app): another command writes at once,
        # not after waiting for this process's failed writer to let go of the index.
        write_corpus(tmp_path / "more", 1, start=100)
        more = run_reader("add", str(tmp_path / "more"), data_dir=data_dir, timeout=60)
        assert more.returncode == 0 and "Waiting" not in more.stderr, more.stderr
    with Library.open(data_dir) as library:  # what the index lost was indexed by the next open
        assert library.count() == 21
        assert_index_agrees_with_store(library)
        assert len(library.search(marker(5))) == 1
