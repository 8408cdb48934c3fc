"""Finding the files to import in folders, and reading a file with limits before reading it whole.

Whatever a folder holds that cannot be imported (a name that is not UTF-8, a named pipe, a device,
a folder that cannot be opened) is reported through ``on_skip`` with a sentence, never silently
and never by failing the whole walk.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from ..errors import IngestError
from .detect import SUFFIX_FORMATS

# A file read whole (every format but JSON Lines and CSV, which are read item by item) may be this
# large: a feed of 50,000 items is ~150 MB; more is a mistake (a disk image, a log).
MAX_WHOLE_FILE_BYTES = 256 * 1024 * 1024

# on_skip(path, sentence): something in a folder that is not imported
OnSkip = Callable[[str, str], None]

_KINDS = ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device"),
          (stat.S_ISSOCK, "a socket"))


def printable_name(path: Path | str) -> str:
    """A path as text that can be stored and printed: bytes that are not UTF-8 shown as \\xNN."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def _not_regular(mode: int) -> str | None:
    return next((kind for test, kind in _KINDS if test(mode)), None)


def _wanted(name: str) -> bool:
    suffix = os.path.splitext(name)[1].lower()
    return suffix in SUFFIX_FORMATS or suffix == ""


def _walk(folder: Path, seen: set[Path], on_skip: OnSkip | None) -> Iterator[Path]:
    try:
        real = folder.resolve()
        if real in seen:  # a symlink loop
            return
        seen.add(real)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except (OSError, RuntimeError) as error:
        if on_skip is not None:
            reason = getattr(error, "strerror", None) or error
            name = printable_name(folder)
            on_skip(name, f"{name} is a folder that cannot be read ({reason}).")
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():
                yield from _walk(path, seen, on_skip)
                continue
            if not _wanted(entry.name):
                continue
            if entry.is_file():
                if printable_name(path) != str(path):
                    _skip(on_skip, path, "has a name that is not valid UTF-8; rename it to import it.")
                else:
                    yield path
            elif entry.is_symlink() and not os.path.exists(path):
                _skip(on_skip, path, "is a symbolic link to nothing.")
            else:
                kind = _not_regular(entry.stat().st_mode)
                if kind:
                    _skip(on_skip, path, f"is {kind}, not a file.")
        except OSError as error:
            _skip(on_skip, path, f"cannot be read ({error.strerror or error}).")


def _skip(on_skip: OnSkip | None, path: Path, sentence: str) -> None:
    if on_skip is not None:
        name = printable_name(path)
        on_skip(name, f"{name} {sentence}")


def iter_source_files(paths: Iterable[Path], on_skip: OnSkip | None = None) -> Iterator[Path]:
    """Expand folders recursively (sorted, skip hidden files/dirs); files named explicitly are
    always yielded. In folders, yield files with a supported suffix or no suffix."""
    seen: set[Path] = set()
    for path in paths:
        path = Path(path).expanduser()
        try:
            is_folder = path.is_dir()
        except OSError:  # a symlink loop, a name too long: reading the file says why
            is_folder = False
        if is_folder:
            yield from _walk(path, seen, on_skip)
        else:
            yield path


def open_regular(path: Path) -> tuple[int, str]:
    """A descriptor open for reading a regular file, and its resolved path; a sentence (IngestError)
    for anything else. Never blocks on a named pipe, never reads a device."""
    name = printable_name(path)
    try:
        resolved = path.expanduser().resolve(strict=True)
        mode = os.stat(resolved).st_mode
        if stat.S_ISDIR(mode):
            raise IngestError(f"{name} is a folder, not a file.")
        if (kind := _not_regular(mode)) is not None:
            raise IngestError(f"{name} is {kind}, not a file.")
        descriptor = os.open(resolved, os.O_RDONLY | os.O_NONBLOCK)
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):  # replaced since the stat
            os.close(descriptor)
            raise IngestError(f"{name} is not a regular file.")
        os.set_blocking(descriptor, True)
    except FileNotFoundError:
        if os.path.islink(path):
            raise IngestError(f"{name} is a symbolic link to nothing.") from None
        raise IngestError(f"{name} does not exist.") from None
    except RuntimeError:  # Python < 3.13: resolve() of a symlink loop
        raise IngestError(f"{name} is a symbolic link that leads back to itself.") from None
    except PermissionError:
        raise IngestError(f"{name} cannot be read: permission denied.") from None
    except OSError as error:
        if error.errno == errno.ELOOP:
            raise IngestError(f"{name} is a symbolic link that leads back to itself.") from None
        raise IngestError(f"{name} cannot be read: {error.strerror or error}.") from None
    return descriptor, printable_name(resolved)


def read_limited(path: Path, limit: int = MAX_WHOLE_FILE_BYTES) -> tuple[bytes, str]:
    """A regular file's bytes (at most ``limit``) and its resolved path."""
    descriptor, resolved = open_regular(path)
    try:
        with os.fdopen(descriptor, "rb") as file:
            data = file.read(limit + 1)
    except OSError as error:
        raise IngestError(f"{printable_name(path)} cannot be read: {error.strerror or error}.") from None
    if len(data) > limit:
        raise IngestError(f"{printable_name(path)} is larger than {limit // 2**20} MB, too large to read "
                          f"as one document (JSON Lines and CSV files can be of any size).")
    return data, resolved
