"""`reader add` of a large JSON Lines file in a real terminal (tmux): the progress counts articles,
Ctrl+C keeps what was imported and says so, and closing the terminal keeps it too."""

from __future__ import annotations

import re
import shlex
import time
from pathlib import Path

import pytest

from index.library import Library
from tests.e2e.test_reader_in_tmux import Terminal, installed_reader, terminal  # noqa: F401 - the fixture
from tests.reliability.corpus import assert_index_agrees_with_store, jsonl_records, run_reader, write_jsonl

pytestmark = pytest.mark.e2e

# The import is stopped at 50 articles (it keeps a few hundred): the rerun still adds more than
# an IMPORT_BATCH (1000, index.library_writing), so it commits the search index more than once.
ARTICLES = 1500
PROGRESS = re.compile(r"Importing.*?(\d+)/(\d+)")
KEPT = re.compile(r"reader: interrupted; kept (\d+) articles, run the same command again to continue\.")


def start_import(terminal: Terminal, data_dir: Path, source: Path) -> None:
    command = f"{shlex.quote(installed_reader())} --data-dir {shlex.quote(str(data_dir))} add {shlex.quote(str(source))}"
    # The pane stays after the import ends, so its last words and exit status stay on the screen.
    terminal.tmux("new-session", "-d", "-s", "reader", "-x", str(terminal.width), "-y", str(terminal.height),
                  f"env -u COLUMNS -u LINES {command}", ";", "set-option", "-t", "reader", "remain-on-exit", "on")


def progress(shown: str) -> tuple[int, int] | None:
    found = PROGRESS.search(shown)
    return (int(found.group(1)), int(found.group(2))) if found else None


def wait_for_progress(terminal: Terminal, at_least: int) -> tuple[int, int]:
    shown = terminal.wait_for(lambda s: (p := progress(s)) is not None and p[0] >= at_least,
                              f"the progress to pass {at_least} articles", seconds=240)
    return progress(shown)


def importing_processes(data_dir: Path) -> list[int]:
    """Processes whose command line names the library (the import)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and str(data_dir).encode() in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except OSError:
            continue
    return found


def test_ctrl_c_in_the_terminal_keeps_the_articles_and_says_how_many(terminal: Terminal, tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "sammlung.jsonl", jsonl_records(ARTICLES))
    data_dir = tmp_path / "library"
    start_import(terminal, data_dir, source)

    done, total = wait_for_progress(terminal, 50)
    assert total >= ARTICLES - 1  # the bar counts the file's articles, not its one file
    terminal.keys("C-c")
    shown = terminal.wait_for_text("Pane is dead", seconds=240)

    assert "status 130" in shown, shown
    kept = int(KEPT.search(shown.replace("\n", " ")).group(1)) if KEPT.search(shown.replace("\n", " ")) else None
    assert kept is not None and 0 < kept < ARTICLES, shown
    assert "Traceback" not in shown
    with Library.open(data_dir) as library:
        assert library.count() == kept
        assert_index_agrees_with_store(library)


def test_closing_the_terminal_keeps_a_consistent_library_that_a_rerun_completes(terminal: Terminal,
                                                                                tmp_path: Path) -> None:
    source = write_jsonl(tmp_path / "sammlung.jsonl", jsonl_records(ARTICLES))
    data_dir = tmp_path / "library"
    start_import(terminal, data_dir, source)
    wait_for_progress(terminal, 50)

    terminal.tmux("kill-server")  # the terminal goes away: SIGHUP
    deadline = time.monotonic() + 240
    while importing_processes(data_dir) and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not importing_processes(data_dir), "the import went on after its terminal closed"

    with Library.open(data_dir) as library:
        kept = library.count()
        assert 0 < kept < ARTICLES
        assert_index_agrees_with_store(library)
    result = run_reader("add", str(source), data_dir=data_dir)
    assert result.returncode == 0, result.stderr
    assert f"{ARTICLES - kept} added, 0 updated, {kept} unchanged" in result.stderr
