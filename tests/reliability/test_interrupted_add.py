"""Ctrl+C, SIGTERM and a closed terminal (SIGHUP) during `reader add` keep what was imported.

A real `reader add` of one JSON Lines file is interrupted at several moments (watched through the
store's article count); each time it says how many articles it kept, the library is consistent
(`reader doctor` says healthy, search finds the kept articles), and the next run goes on from
there until every article is in, each exactly once.
"""

from __future__ import annotations

import os
import re
import signal
import sqlite3
import subprocess
import time
from pathlib import Path

from index.library import Library
from tests.reliability.corpus import (assert_index_agrees_with_store, installed_reader, jsonl_records, marker,
                                      reader_env, run_reader, write_jsonl)

# Short articles import at a few hundred a second: enough that three interruptions leave work.
ARTICLES = 4000
KEPT = re.compile(r"reader: interrupted; kept (\d+) articles?, run the same command again to continue\.")


def stored_count(data_dir: Path) -> int:
    try:
        with sqlite3.connect(f"file:{data_dir / 'library.db'}?mode=ro", uri=True, timeout=5) as db:
            return db.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:  # not created yet
        return 0


def start_add(data_dir: Path, source: Path) -> subprocess.Popen:
    # A session of its own, like a terminal's foreground job: a signal can go to the whole group.
    return subprocess.Popen([installed_reader(), "--data-dir", str(data_dir), "add", str(source)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=reader_env(),
                            start_new_session=True)


def children_of(pid: int) -> list[int]:
    """The processes whose parent is ``pid`` (from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry.name))
    return found


def running(pid: int) -> bool:
    try:
        return (Path("/proc") / str(pid) / "stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def wait_until(condition, process: subprocess.Popen, timeout: float = 240) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert process.poll() is None, f"the import ended before the moment to interrupt it: {process.stderr.read()}"
        assert time.monotonic() < deadline, "the moment to interrupt the import never came"
        time.sleep(0.05)


def interrupt(process: subprocess.Popen, signum: int, *, whole_group: bool) -> tuple[int, str]:
    if whole_group:  # what the terminal does on Ctrl+C or when it closes: the workers get it too
        os.killpg(process.pid, signum)
    else:  # what `kill PID` does
        process.send_signal(signum)
    _, stderr = process.communicate(timeout=240)
    return process.returncode, stderr


def assert_consistent(data_dir: Path, stored: int) -> None:
    doctor = run_reader("doctor", data_dir=data_dir)
    assert doctor.returncode == 0 and "healthy" in doctor.stdout, doctor.stdout + doctor.stderr
    with Library.open(data_dir) as library:
        assert library.count() == stored
        assert_index_agrees_with_store(library)
        for article_id in library.store.all_ids()[:: max(1, stored // 5)]:
            word = next(w for w in library.article(article_id).body.split() if w.startswith("Kennwort")).rstrip(",.")
            assert [hit.id for hit in library.search(word)] == [article_id]


def test_interrupted_imports_keep_their_articles_and_a_rerun_continues(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "artikel.jsonl", jsonl_records(ARTICLES))
    data_dir = tmp_path / "library"
    stored = 0
    # (signal, sent to the whole process group?, articles this run stores before it)
    for signum, whole_group, wanted in [(signal.SIGINT, True, 20), (signal.SIGTERM, False, 60),
                                        (signal.SIGHUP, True, 30)]:
        process = start_add(data_dir, source)
        wait_until(lambda: stored_count(data_dir) >= stored + wanted, process)
        at_signal = stored_count(data_dir)
        returncode, stderr = interrupt(process, signum, whole_group=whole_group)

        assert returncode == 128 + signum, stderr
        assert "Traceback" not in stderr and "Error" not in stderr, stderr
        kept = KEPT.search(stderr)
        assert kept, stderr
        # Every article stored before the signal is kept, and the run says so.
        assert int(kept.group(1)) >= at_signal - stored
        stored += int(kept.group(1))
        assert stored < ARTICLES, "the import should have been interrupted before its end"
        assert_consistent(data_dir, stored)

    result = run_reader("add", str(source), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    # The articles kept by the interrupted runs are recognised, not imported again.
    assert f"{ARTICLES - stored} added, 0 updated, {stored} unchanged" in result.stderr
    with Library.open(data_dir) as library:
        assert library.count() == ARTICLES
        assert len({article.title for article in library.articles()}) == ARTICLES
        assert_index_agrees_with_store(library)
        for number in range(0, ARTICLES, 41):
            assert len(library.search(marker(number))) == 1, marker(number)


def test_ctrl_c_while_the_workers_start_keeps_a_library_that_a_rerun_fills(tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "artikel.jsonl", jsonl_records(60))
    data_dir = tmp_path / "library"
    process = start_add(data_dir, source)
    wait_until(lambda: len(children_of(process.pid)) >= 2, process)  # the pool's processes are starting
    workers = children_of(process.pid)
    returncode, stderr = interrupt(process, signal.SIGINT, whole_group=True)

    assert returncode == 130, stderr
    assert "Traceback" not in stderr, stderr
    kept = KEPT.search(stderr)
    assert kept, stderr
    assert_consistent(data_dir, int(kept.group(1)))
    deadline = time.monotonic() + 10
    while any(running(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not [pid for pid in workers if running(pid)], "worker processes outlived the import"

    result = run_reader("add", str(source), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    with Library.open(data_dir) as library:
        assert library.count() == 60
        assert_index_agrees_with_store(library)
