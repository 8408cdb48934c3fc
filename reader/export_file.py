"""Writing an export file: atomically, and only ever over a regular file.

A temporary file beside the target is written, synced, then renamed over it. A symlink is
written through (its target is replaced, the link stays); a folder, a device, a FIFO or a socket
is refused with one sentence, so `-o /dev/full --force` as root cannot replace the device node.
"""

from __future__ import annotations

import os
import secrets
import stat
from pathlib import Path

from index.errors import ReaderError


class ExportError(ReaderError):
    """The export file cannot be written (exists, missing folder, no permission, disk full)."""


def export_target(path: Path, *, force: bool = False) -> Path:
    """The file an export to `path` writes: the path itself, or the file a symlink points to.

    Only a regular file is replaced (and only with force); a folder, a device, a FIFO or a
    socket gets one sentence (ExportError), as does a missing folder.
    """
    path = Path(path)
    target = Path(os.path.realpath(path))
    mode = _mode(path, target)
    if mode is not None:
        if stat.S_ISDIR(mode):
            raise ExportError(f"{path} is a folder; give a file name for the export, "
                              f"e.g. {path / 'bookmarks.md'}.")
        if not stat.S_ISREG(mode):
            raise ExportError(f"{path} is {_file_kind(mode)}, not a regular file; "
                              "the export is written only to a regular file.")
        if not force:
            raise ExportError(f"{path} already exists; use --force to overwrite it.")
    if not target.parent.is_dir():
        raise ExportError(f"Cannot write {path}: the folder {target.parent} does not exist.")
    return target


def _mode(path: Path, target: Path) -> int | None:
    """The mode of what is at `target`, None when nothing is."""
    try:
        return os.stat(target).st_mode
    except FileNotFoundError:
        return None
    except OSError as exc:  # a symlink loop, a folder we may not enter
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}.") from None


def _file_kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a file"


def write_export(path: Path, text: str, *, force: bool = False) -> None:
    """Write the export atomically: a temporary file beside the target, then a rename over it.

    A symlink is written through (its target is replaced, the link stays); never overwrites
    without force, and never anything but a regular file (see export_target).
    """
    path = Path(path)
    target = export_target(path, force=force)
    directory = target.parent
    temporary = directory / f".{target.name}.{secrets.token_hex(4)}.tmp"
    try:
        descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(descriptor, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        if force:
            # Checked again just before the rename: a device put there meanwhile is not replaced.
            mode = _mode(path, target)
            if mode is not None:
                if not stat.S_ISREG(mode):
                    raise ExportError(f"{path} is {_file_kind(mode)}, not a regular file; "
                                      "the export is written only to a regular file.")
                os.chmod(temporary, stat.S_IMODE(mode))  # the replaced file's permissions stay
            os.replace(temporary, target)
        else:
            _rename_without_overwriting(temporary, target)
        _sync_directory(directory)
    except OSError as exc:
        raise ExportError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    finally:
        if temporary.exists():
            temporary.unlink()


def _rename_without_overwriting(temporary: Path, path: Path) -> None:
    # A hard link fails if the target appeared meanwhile, where a rename would replace it.
    try:
        os.link(temporary, path)
    except FileExistsError:
        raise ExportError(f"{path} already exists; use --force to overwrite it.") from None
    except OSError:  # a file system without hard links: check, then rename
        if path.exists():
            raise ExportError(f"{path} already exists; use --force to overwrite it.") from None
        os.replace(temporary, path)
        return
    temporary.unlink()


def _sync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX); not possible everywhere, and then not needed."""
    try:
        descriptor = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(descriptor)
    except OSError:
        pass
    finally:
        os.close(descriptor)
