"""The import's parse-ahead: results in task order, waiting on disk, nothing left behind."""

from __future__ import annotations

import os
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from index import parse_ahead
from index.parse_ahead import ParseAhead


class Pools:
    """Thread pools standing in for process pools, remembering how many ran at once."""

    def __init__(self, threads: int = 2):
        self.threads = threads
        self.started: list[ThreadPoolExecutor] = []

    def __call__(self) -> ThreadPoolExecutor:
        self.started.append(ThreadPoolExecutor(self.threads))
        return self.started[-1]

    def running(self) -> int:
        return sum(not pool._shutdown for pool in self.started)


def slow_when_even(task: int) -> bytes:
    # Later tasks often finish first: the order must still be the tasks' order.
    time.sleep(0.002 if task % 2 == 0 else 0)
    return f"result {task} ".encode() * (task % 7 + 1)


def spool_files(directory: Path) -> list[str]:
    """The spool files are unlinked at once; open descriptors to them show in /proc."""
    names = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target.startswith(str(directory)):
            names.append(target)
    return names


def test_results_come_in_task_order_through_several_spool_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parse_ahead, "SPOOL_FILE_BYTES", 200)  # a new file every few results
    tasks = list(range(300))
    results = list(ParseAhead(Pools(), slow_when_even, tasks, in_pool=8, waiting=50, spool_dir=tmp_path))
    assert results == [slow_when_even(task) for task in tasks]
    assert spool_files(tmp_path) == []
    assert list(tmp_path.iterdir()) == []


def test_the_workers_run_ahead_of_a_slow_reader_up_to_the_limit(tmp_path: Path) -> None:
    started: list[int] = []

    def work(task: int) -> bytes:
        started.append(task)
        return b"x" * 1000

    ahead = iter(ParseAhead(Pools(), work, list(range(100)), in_pool=4, waiting=20, spool_dir=tmp_path))
    assert next(ahead) == b"x" * 1000
    deadline = time.monotonic() + 10
    while len(started) < 24 and time.monotonic() < deadline:
        time.sleep(0.01)
    time.sleep(0.1)
    # 20 results may wait (the one read made room for one more) and 4 more may be running.
    assert 21 <= len(started) <= 25
    assert spool_files(tmp_path), "the waiting results are on disk"
    assert len(list(ahead)) == 99
    assert spool_files(tmp_path) == []


def test_a_reader_that_stops_early_leaves_no_spool_and_no_thread(tmp_path: Path) -> None:
    ahead = iter(ParseAhead(Pools(), slow_when_even, list(range(1000)), in_pool=4, waiting=100, spool_dir=tmp_path))
    for _ in range(10):
        next(ahead)
    ahead.close()
    assert spool_files(tmp_path) == []
    assert not any(thread.name == "reader-parse-ahead" for thread in threading.enumerate())


def test_an_error_in_the_pool_reaches_the_reader_after_the_results_before_it(tmp_path: Path) -> None:
    def work(task: int) -> bytes:
        if task == 5:
            raise RuntimeError("worker died")
        return str(task).encode()

    received = []
    with pytest.raises(RuntimeError, match="worker died"):
        for data in ParseAhead(Pools(), work, list(range(20)), in_pool=4, waiting=10, spool_dir=tmp_path):
            received.append(data)
    assert received == [b"0", b"1", b"2", b"3", b"4"]
    assert spool_files(tmp_path) == []


def test_results_wait_in_memory_when_the_disk_refuses_the_spool(tmp_path: Path) -> None:
    missing = tmp_path / "no such folder"
    results = list(ParseAhead(Pools(), slow_when_even, list(range(50)), in_pool=4, waiting=10, spool_dir=missing))
    assert results == [slow_when_even(task) for task in range(50)]


def test_the_pool_is_replaced_every_so_many_tasks_one_pool_at_a_time(tmp_path: Path) -> None:
    pools = Pools()
    most_at_once = 0

    def work(task: int) -> bytes:
        nonlocal most_at_once
        most_at_once = max(most_at_once, pools.running())
        return str(task).encode()

    results = list(ParseAhead(pools, work, list(range(95)), in_pool=4, waiting=10, tasks_per_pool=10,
                              spool_dir=tmp_path))
    assert results == [str(task).encode() for task in range(95)]
    assert len(pools.started) == 10
    assert most_at_once == 1
    assert pools.running() == 0
