"""kill -9 of `reader add` at several moments: the library opens, searches, and a re-run completes it."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

from index.library import Library
from tests.reliability.corpus import (assert_index_agrees_with_store, installed_reader, marker, reader_env,
                                      run_reader, write_corpus)

# Each round brings new articles, so every kill lands in an import with work to do. The kills
# are spread over parsing, entity recognition, the store commit and the index commit: at these
# fractions of the time an uninterrupted import of one round takes on this machine (fixed delays
# missed once the import got faster).
ROUND_SIZE = 120
KILL_AT = [0.1, 0.25, 0.4, 0.55, 0.7, 0.85, 0.95]


def seconds_for_one_round(tmp_path: Path) -> float:
    folder = tmp_path / "calibration"
    write_corpus(folder, ROUND_SIZE, start=100_000)
    started = time.monotonic()
    result = run_reader("add", str(folder), data_dir=tmp_path / "calibration-library")
    assert result.returncode == 0, result.stderr
    return time.monotonic() - started


def start_add(data_dir: Path, folder: Path) -> subprocess.Popen:
    return subprocess.Popen([installed_reader(), "--data-dir", str(data_dir), "add", str(folder)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=reader_env())


def test_kill_9_at_several_points_leaves_a_library_that_a_rerun_completes(tmp_path: Path) -> None:
    source, data_dir = tmp_path / "articles", tmp_path / "library"
    written = 0
    killed_while_running = 0
    one_round = seconds_for_one_round(tmp_path)
    for fraction in KILL_AT:
        write_corpus(source / f"round_{written:05d}", ROUND_SIZE, start=written)
        written += ROUND_SIZE
        process = start_add(data_dir, source)
        time.sleep(fraction * one_round)
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
