"""kill -9 of `reader add` at several moments: the library opens, searches, and a re-run completes it."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

from index.library import Library
from tests.reliability.corpus import (assert_index_agrees_with_store, installed_reader, marker, reader_env,
                                      run_reader, write_corpus)

# Each round brings new articles, so every kill lands in an import with work to do;
# the delays spread the kills over parsing, entity recognition, the store commit and the index commit.
ROUNDS = [(0.6, 120), (1.2, 120), (1.8, 120), (2.4, 120), (3.0, 120), (3.6, 120), (4.5, 120)]


def start_add(data_dir: Path, folder: Path) -> subprocess.Popen:
    return subprocess.Popen([installed_reader(), "--data-dir", str(data_dir), "add", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=reader_env())


def test_kill_9_at_several_points_leaves_a_library_that_a_rerun_completes(tmp_path: Path) -> None:
    source, data_dir = tmp_path / "articles", tmp_path / "library"
    written = 0
    killed_while_running = 0
    for delay, count in ROUNDS:
        write_corpus(source / f"round_{written:05d}", count, start=written)
        written += count
        process = start_add(data_dir, source)
        time.sleep(delay)
        if process.poll() is None:
            killed_while_running += 1
            process.send_signal(signal.SIGKILL)
        process.communicate(timeout=120)

        # After every kill the library opens (repairing what the kill left) and searches.
        with Library.open(data_dir) as library:
            assert_index_agrees_with_store(library)
            stored = library.count()
            assert stored <= written
            if stored:
                some_id = library.store.all_ids()[0]
                body = library.article(some_id).body
                word = next(w for w in body.split() if w.startswith("Kennwort")).rstrip(",.")
                assert [hit.id for hit in library.search(word)] == [some_id]
    assert killed_while_running >= 4, "the kills should land while imports are running"

    result = run_reader("add", str(source), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr

    with Library.open(data_dir) as library:
        assert library.count() == written  # every article exactly once
        assert len({a.title for a in library.articles()}) == written
        assert_index_agrees_with_store(library)
        for number in range(0, written, 37):
            hits = library.search(marker(number))
            assert len(hits) == 1, marker(number)
            assert marker(number) in library.article(hits[0].id).body
