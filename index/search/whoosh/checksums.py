"""Checksums of the search index's files, so that a damaged file is found instead of read.

The index is derived data (the store is the system of record): a damaged file is never mended
in place, the index is rebuilt. What is recorded, and when:

- a segment's files, when the last of them is finished (:func:`record_segment`, called as the
  segment's field writer closes): ``MAIN_<segment>.sums`` beside them, naming each file with its
  size and CRC-32. Whoosh deletes it with the segment's other files (it matches their pattern).
- the table of contents of each commit (:func:`record_toc`, after the commit): ``reader-toc.sums``.

What is checked (:func:`index_damage`): on every open, cheaply, that each file of each segment
of the current commit is there with its size, and the CRC of the table of contents and of the
small columns that are read whole (field lengths, publication times), which would otherwise
change rankings and dates without an error; in ``doctor`` and whenever reading the index fails
to decode, the CRC of every file.
"""

from __future__ import annotations

import json
import logging
import os
import pickle
import re
import struct
import zlib
from pathlib import Path

from index.errors import DAMAGED_MESSAGE, IndexDamaged, LibraryError  # noqa: F401 - re-exported

log = logging.getLogger(__name__)

SEGMENT_SUMS_EXT = ".sums"
TOC_SUMS_FILE = "reader-toc.sums"
_TOC_NAME = re.compile(r"^_MAIN_([0-9]+)\.toc$")
_READ_SIZE = 1 << 20
# Read whole by every search that ranks or filters by date: checked on every open (they are
# small, a few bytes per article).
_CHECKED_ON_OPEN = ("_len.col", ".published.col")
# How often the check starts again when another process commits meanwhile (its old files go).
_ATTEMPTS = 3

# What decoding damaged index bytes raises: zlib, struct, pickle, numpy and Whoosh's own checks
# (unpickled garbage fails in any way). Only counted as damage when the checksums confirm it.
DECODE_ERRORS = (zlib.error, struct.error, pickle.UnpicklingError, EOFError, ValueError, IndexError, KeyError,
                 OverflowError, TypeError, AttributeError, MemoryError)


def file_crc(path: Path) -> int:
    crc = 0
    with open(path, "rb") as handle:
        while chunk := handle.read(_READ_SIZE):
            crc = zlib.crc32(chunk, crc)
    return crc


def _describe(folder: Path, names: list[str]) -> dict[str, list[int]]:
    return {name: [(folder / name).stat().st_size, file_crc(folder / name)] for name in sorted(names)}


def _write_atomically(path: Path, content: dict) -> None:
    temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    temporary.write_text(json.dumps(content), encoding="ascii")
    os.replace(temporary, path)


def record_segment(storage, segment) -> None:
    """Write the sums of a segment whose files are all finished (on disk storage only)."""
    from whoosh.filedb.filestore import FileStorage

    if not isinstance(storage, FileStorage):  # an index in memory (tests)
        return
    folder = storage.folder
    names = [name for name in segment.list_files(storage) if not name.endswith(SEGMENT_SUMS_EXT)]
    _write_atomically(Path(folder) / segment.make_filename(SEGMENT_SUMS_EXT), _describe(Path(folder), names))


def latest_toc(folder: Path) -> str | None:
    """The file name of the newest table of contents (the current commit), if any."""
    found = [(int(match.group(1)), name) for name in os.listdir(folder) if (match := _TOC_NAME.match(name))]
    return max(found)[1] if found else None


def record_toc(folder: Path) -> None:
    """Write the sums of the current table of contents (after a commit). Another process may
    have committed since; its sums are then the ones that count, and these check nothing."""
    name = latest_toc(folder)
    if name is None:
        return
    try:
        _write_atomically(folder / TOC_SUMS_FILE, _describe(folder, [name]))
    except FileNotFoundError:  # replaced by a newer commit meanwhile
        pass


def index_damage(folder: Path, thorough: bool) -> list[str]:
    """What is wrong with the index's files, one phrase each (empty if nothing is).

    ``thorough``: the CRC of every file, not only of the table of contents and small columns.
    A segment without sums (written before they were kept) gets them now, where the folder can
    be written.
    """
    folder = Path(folder)
    damage: list[str] = []
    for _attempt in range(_ATTEMPTS):
        toc = latest_toc(folder)
        if toc is None:
            return ["the table of contents is missing"]
        damage = _commit_damage(folder, toc, thorough)
        if not damage or latest_toc(folder) == toc:
            return damage
    return damage


def _commit_damage(folder: Path, toc: str, thorough: bool) -> list[str]:
    damage = _sums_damage(folder, _recorded(folder / TOC_SUMS_FILE, toc), check_all=True)
    if damage:
        return damage
    try:
        segments = _segment_names(folder, toc)
    except Exception as error:  # noqa: BLE001 - unpickling damaged bytes can raise anything
        return [f"the table of contents {toc} cannot be read ({type(error).__name__})"]
    for segment in segments:
        sums_path = folder / (segment + SEGMENT_SUMS_EXT)
        recorded = _recorded(sums_path)
        if recorded is None:
            if sums_path.exists():
                damage.append(f"the checksums {sums_path.name} cannot be read")
            else:
                _record_missing(folder, segment)
            continue
        damage.extend(_sums_damage(folder, recorded, check_all=thorough))
    return damage


def _recorded(path: Path, only: str | None = None) -> dict[str, list[int]] | None:
    """The sums in ``path`` (None if missing or unreadable); with ``only``, just that file's."""
    try:
        recorded = json.loads(path.read_text(encoding="ascii"))
    except (OSError, ValueError):
        return None
    if not isinstance(recorded, dict) or not all(
            isinstance(value, list) and len(value) == 2 and all(isinstance(number, int) for number in value)
            for value in recorded.values()):
        return None
    if only is not None:
        return {only: recorded[only]} if only in recorded else {}
    return recorded


def _sums_damage(folder: Path, recorded: dict[str, list[int]] | None, check_all: bool) -> list[str]:
    damage = []
    for name, (size, crc) in (recorded or {}).items():
        path = folder / name
        try:
            actual_size = path.stat().st_size
            if actual_size != size:
                damage.append(f"{name} has {actual_size:,} bytes instead of {size:,}")
            elif (check_all or name.endswith(_CHECKED_ON_OPEN)) and file_crc(path) != crc:
                damage.append(f"{name} has changed since it was written")
        except FileNotFoundError:
            damage.append(f"{name} is missing")
        except OSError as error:
            damage.append(f"{name} cannot be read ({error.strerror})")
    return damage


def _segment_names(folder: Path, toc: str) -> list[str]:
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    named = _TOC_NAME.match(toc)
    assert named is not None, toc  # the caller found it by this pattern
    generation = int(named.group(1))
    return [segment.segment_id() for segment in TOC.read(FileStorage(str(folder)), "MAIN", gen=generation).segments]


def _record_missing(folder: Path, segment: str) -> None:
    names = [name for name in os.listdir(folder) if name.startswith(segment + ".")]
    try:
        _write_atomically(folder / (segment + SEGMENT_SUMS_EXT), _describe(folder, names))
    except OSError:  # read-only: the segment stays unchecked
        log.info("Could not record the checksums of segment %s", segment)
