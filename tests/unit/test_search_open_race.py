"""Processes that open a missing search index at the same moment all get one working index."""

import multiprocessing
from pathlib import Path

from index.search.whoosh.engine import WhooshBackend

PROCESSES = 8
_start = None


def _wait_at(barrier) -> None:
    global _start
    _start = barrier


def _open_and_count(directory: str) -> str:
    _start.wait()  # every process opens at the same instant
    try:
        index = WhooshBackend.open(Path(directory))
    except Exception as error:  # noqa: BLE001 - the test reports what went wrong in which process
        return f"{type(error).__name__}: {error}"
    try:
        return str(index.doc_count())
    finally:
        index.close()


def test_simultaneous_opens_of_a_missing_index_do_not_collide(tmp_path):
    context = multiprocessing.get_context("fork")
    for attempt in range(6):
        directory = tmp_path / f"index-{attempt}"
        barrier = context.Barrier(PROCESSES)
        with context.Pool(PROCESSES, initializer=_wait_at, initargs=(barrier,)) as pool:
            results = pool.map(_open_and_count, [str(directory)] * PROCESSES, chunksize=1)
        assert results == ["0"] * PROCESSES
        assert WhooshBackend.open(directory).needs_rebuild is False
