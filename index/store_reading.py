"""Opening the library's database for reading only, where nothing may be written beside it.

SQLite reads a WAL database through a shared-memory file (``-shm``) beside it. On read-only
media or a full disk that file cannot be created, and a plain read-only open fails. Then the
database is read from a copy in the temporary folder (with its ``-wal``, so nothing committed
is left out) or, where not even that can be written, as an immutable file without the ``-wal``.
"""

from __future__ import annotations

import logging
import shutil
import sqlite3
import tempfile
from pathlib import Path

log = logging.getLogger(__name__)

UNREAD_WAL_MESSAGE = ("The latest changes, in {wal}, cannot be read without writing to a disk and are not "
                      "shown.")


def _connect(target: str) -> sqlite3.Connection:
    db = sqlite3.connect(target, uri=True, check_same_thread=False, isolation_level=None)
    try:
        db.execute("SELECT count(*) FROM sqlite_master").fetchone()  # opening is lazy: fail here
    except sqlite3.Error:
        db.close()
        raise
    return db


def _copied_elsewhere(path: Path, wal: Path) -> Path | None:
    """A temporary folder with copies of the database and its -wal, or None if there is no room."""
    try:
        folder = Path(tempfile.mkdtemp(prefix="reader-read-only-"))
    except OSError as error:  # no temporary folder can be written to
        log.warning("cannot copy %s to read it (%s)", path, error)
        return None
    try:
        shutil.copyfile(path, folder / path.name)
        shutil.copyfile(wal, folder / wal.name)
    except OSError as error:
        log.warning("cannot copy %s to read it (%s)", path, error)
        shutil.rmtree(folder, ignore_errors=True)
        return None
    return folder


def open_read_only(path: Path) -> tuple[sqlite3.Connection, str | None, Path | None]:
    """(connection, what the user should know or None, a temporary folder to delete after closing)."""
    uri = path.resolve().as_uri()
    try:
        return _connect(f"{uri}?mode=ro"), None, None
    except sqlite3.OperationalError as error:
        log.info("cannot open %s read-only in place (%s)", path, error)
    wal = Path(f"{path}-wal")
    unread = wal.exists() and wal.stat().st_size > 0
    if unread:
        folder = _copied_elsewhere(path, wal)
        if folder is not None:
            try:
                log.info("reading %s from a copy in %s", path, folder)
                return _connect(f"{(folder / path.name).as_uri()}?mode=ro"), None, folder
            except sqlite3.Error as error:
                log.warning("cannot read the copy of %s (%s)", path, error)
                shutil.rmtree(folder, ignore_errors=True)
    db = _connect(f"{uri}?mode=ro&immutable=1")
    if unread:
        log.warning("%s cannot be read without writing; its changes are not shown", wal)
    return db, UNREAD_WAL_MESSAGE.format(wal=wal.name) if unread else None, None
