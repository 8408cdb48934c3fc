"""A library on read-only media or a full disk reads as ever (issue 27.11).

The library is left as a killed import leaves it: committed changes still in ``library.db-wal``,
no ``-shm`` beside it, and entity linking pending. SQLite cannot read that in place without
writing, so the reader reads a copy or, with nowhere to copy to, the database as it was at
its last checkpoint. Real file systems: a read-only bind mount and a small tmpfs filled to the
last byte, mounted in a private mount namespace (``unshare``), so the test needs no root
outside it and nothing stays mounted.
"""

from __future__ import annotations

import json
import os
import shlex
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from tests.reliability.corpus import installed_reader, marker, reader_env, run_reader, write_corpus

FIRST, KILLED = 40, 5
READ_COMMANDS = {
    "search": ["search", marker(FIRST + 2), "--json"],
    "articles": ["articles", "--json"],
    "entities": ["entities", "--json"],
    "bookmarks": ["bookmarks", "list"],
    "doctor": ["doctor", "--json"],
}
APP_SCRIPT = """
import asyncio, sys
from pathlib import Path
from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen

# The test's articles share one text, so they are one copy group: every article its own row here.
MainScreen.collapse_copies = False

async def main():
    app = ReaderApp(Path(sys.argv[1]), import_seeds_when_empty=False)
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(1000):
            await pilot.pause(0.02)
            screen = app.main_screen
            if screen.ready and screen.article_list.article_ids:
                break
        print(len(app.main_screen.article_list.article_ids))
        print(" | ".join(n.message for n in app._notifications))

asyncio.run(main())
"""


@pytest.fixture(scope="module")
def library_with_wal(tmp_path_factory) -> tuple[Path, str]:
    """45 articles, the last 5 written by an import killed before linking; a bookmarked note."""
    root = tmp_path_factory.mktemp("wal")
    data_dir = root / "library"
    write_corpus(root / "first", FIRST)
    write_corpus(root / "second", KILLED, start=FIRST)
    assert run_reader("add", str(root / "first"), data_dir=data_dir).returncode == 0
    listing = json.loads(run_reader("articles", "--json", data_dir=data_dir).stdout)
    bookmarked = listing[0]["id"]
    assert run_reader("bookmarks", "add", bookmarked, "--note", "Wichtig für später", data_dir=data_dir).returncode == 0
    killed = subprocess.run([installed_reader(), "--data-dir", str(data_dir), "add", str(root / "second")],
                            capture_output=True, env={**reader_env(), "READER_DEBUG_KILL_AT": "linking-entities"})
    assert killed.returncode == -signal.SIGKILL
    (data_dir / "library.db-shm").unlink(missing_ok=True)
    assert (data_dir / "library.db-wal").stat().st_size > 0, "the killed import should leave its WAL"
    return data_dir, bookmarked


def run_in_mount_namespace(setup: list[str], commands: dict[str, list[str]], data_dir: str, out: Path,
                           env: dict[str, str] | None = None, results_at: Path | None = None
                           ) -> dict[str, tuple[int, str, str]]:
    """Each command's (exit code, stdout, stderr), run after ``setup`` in a private mount namespace
    and written to ``out`` there (``results_at`` outside)."""
    results_at = results_at or out
    results_at.mkdir(parents=True, exist_ok=True)
    lines = ["set -e", *setup, "set +e"]
    for name, argv in commands.items():
        lines.append(f"{shlex.join(argv)} >{out / name}.out 2>{out / name}.err; echo $? >{out / name}.rc")
    namespace = ["unshare", "--mount"] if os.geteuid() == 0 else ["unshare", "--mount", "--map-root-user"]
    done = subprocess.run([*namespace, "sh", "-c", "\n".join(lines)], capture_output=True, text=True,
                          timeout=600, env={**reader_env(), **(env or {})})
    assert done.returncode == 0, done.stderr
    return {name: (int((results_at / f"{name}.rc").read_text()), (results_at / f"{name}.out").read_text(),
                   (results_at / f"{name}.err").read_text()) for name in commands}


def reader_commands(data_dir: str, extra_folder: Path) -> dict[str, list[str]]:
    commands = {name: [installed_reader(), "--data-dir", data_dir, *argv] for name, argv in READ_COMMANDS.items()}
    commands["add"] = [installed_reader(), "--data-dir", data_dir, "add", str(extra_folder)]
    commands["app"] = [sys.executable, "-c", APP_SCRIPT, data_dir]
    return commands


def assert_everything_readable(results, bookmarked: str, refusal: str, notice: str) -> None:
    for name in READ_COMMANDS:
        code, _, errors = results[name]
        assert code in (0, 1) and "Traceback" not in errors, (name, errors)  # doctor: 1 = problems found
        assert errors.count(notice) == 1, (name, errors)  # said once
    assert len(json.loads(results["articles"][1])) == FIRST + KILLED  # also what only the WAL holds
    assert len(json.loads(results["search"][1])) == 1
    assert any(entity["name"] == "Berlin" for entity in json.loads(results["entities"][1]))
    assert "Wichtig für später" in results["bookmarks"][1]
    assert json.loads(results["doctor"][1])["articles"] == FIRST + KILLED
    code, _, errors = results["add"]
    lines = [line for line in errors.splitlines() if line.strip()]
    assert code == 1 and len(lines) == 1 and refusal in lines[0], errors
    shown, notices = results["app"][1].splitlines()[:2]
    assert int(shown) == FIRST + KILLED, results["app"]
    assert notice in notices


def fill(folder: Path) -> list[str]:
    """Shell lines that fill the file system of ``folder`` to the last byte."""
    return [f"dd if=/dev/zero of={shlex.quote(str(folder / 'filler'))} bs=4096 2>/dev/null || true",
            f"dd if=/dev/zero of={shlex.quote(str(folder / 'last bytes'))} bs=1 2>/dev/null || true"]


@pytest.mark.parametrize("room_elsewhere", [True, False], ids=["temporary folder free", "temporary folder full"])
def test_a_read_only_data_dir_with_a_wal_reads_everything(library_with_wal, tmp_path, room_elsewhere):
    data_dir, bookmarked = library_with_wal
    write_corpus(tmp_path / "more", 3, start=500)
    (tmp_path / "view").mkdir()
    # Without room elsewhere, every temporary folder Python would try is full and the working
    # folder read-only: tmp_path is reached through /mnt, under the full /tmp.
    root = tmp_path if room_elsewhere else Path("/mnt")
    view = root / "view"
    setup = [] if room_elsewhere else [f"mount --bind {shlex.quote(str(tmp_path))} /mnt"]
    setup += [f"mount --bind {shlex.quote(str(data_dir))} {shlex.quote(str(view))}",
              f"mount -o remount,ro,bind {shlex.quote(str(view))}"]
    if not room_elsewhere:
        for folder in (Path("/tmp"), Path("/var/tmp")):
            setup += [f"mount -t tmpfs -o size=1m tmpfs {folder}", *fill(folder)]
    setup.append(f"cd {shlex.quote(str(view))}")
    results = run_in_mount_namespace(setup, reader_commands(str(view), root / "more"), str(view),
                                     root / "out", results_at=tmp_path / "out")
    assert (data_dir / "library.db-wal").stat().st_size > 0  # left as it was
    if room_elsewhere:
        assert_everything_readable(results, bookmarked, refusal="is read-only", notice="is read-only")
        return
    # Nowhere to copy the database to: it reads as of its last checkpoint, and says so.
    for name in READ_COMMANDS:
        code, _, errors = results[name]
        assert code in (0, 1) and "Traceback" not in errors, (name, errors)
        assert "latest changes, in library.db-wal" in errors and errors.count("is read-only") == 1, (name, errors)
    assert FIRST <= len(json.loads(results["articles"][1])) <= FIRST + KILLED
    assert "Wichtig für später" in results["bookmarks"][1]
    assert int(results["app"][1].splitlines()[0]) >= FIRST


def test_a_full_disk_reads_everything(library_with_wal, tmp_path):
    data_dir, bookmarked = library_with_wal
    disk = tmp_path / "small disk"
    disk.mkdir()
    write_corpus(tmp_path / "more", 3, start=500)
    copy = disk / "library"
    setup = [f"mount -t tmpfs -o size=16m tmpfs {shlex.quote(str(disk))}",
             f"cp -a {shlex.quote(str(data_dir))} {shlex.quote(str(copy))}", *fill(disk)]
    results = run_in_mount_namespace(setup, reader_commands(str(copy), tmp_path / "more"), str(copy),
                                     tmp_path / "out")
    assert_everything_readable(results, bookmarked, refusal="disk is full", notice="disk is full")
