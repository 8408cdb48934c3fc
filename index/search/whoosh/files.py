"""The search index's folder as files: what a failed write means to the user, and the lock that
makes deciding to create an index and creating it one step between processes."""

from __future__ import annotations

import errno
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from index.errors import LibraryError


def write_error(error: OSError, directory: Path) -> LibraryError:
    if error.errno in (errno.ENOSPC, errno.EFBIG, errno.EDQUOT):
        return LibraryError(f"Cannot write the search index in {directory}: the disk is full or a size limit was "
                            "reached. The library keeps the articles; free some space and run the command again.")
    if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        return LibraryError(f"The search index in {directory} is read-only: it can be searched, not changed.")
    return LibraryError(f"Cannot write the search index in {directory}: {error.strerror or error}.")


OPEN_LOCK_FILE = "OPEN.lock"


@contextmanager
def exclusive(lock_path: Path) -> Iterator[None]:
    """An advisory lock between processes (where the platform has one)."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: opening races stay possible there
        yield
        return
    try:
        handle = open(lock_path, "a+b")
    except OSError:  # a read-only library: nothing will be created anyway
        yield
        return
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)
