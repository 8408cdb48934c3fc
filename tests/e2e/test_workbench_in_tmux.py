"""The research workbench through the installed `reader` in tmux, as a person uses it: sort the
results, narrow them by a facet, copy a passage with its citation (OSC 52, which tmux keeps as a paste buffer), bookmark it, remove the
article and undo, remove it for good, then export the bookmarks to an Obsidian vault."""

from __future__ import annotations

import re
import shlex
import subprocess
from pathlib import Path

import yaml

from tests.e2e.test_reader_in_tmux import Terminal, installed_reader, terminal  # noqa: F401 - the fixture

SEEDS = Path(__file__).resolve().parents[2] / "seeds"
WITKOFF = "Auch US-Sondergesandter Witkoff bei Paris-Gipfel"


def reader(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([installed_reader(), "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=120)


def open_only_result(terminal: Terminal, query: str) -> None:
    terminal.keys("/")
    terminal.type(query)
    terminal.wait_for(lambda s: re.search(r"Results \(1\)", s), f"one result for {query}")
    terminal.keys("Enter")
    terminal.wait_for(lambda s: re.search(r"\d+ hits? · \] next", s), "the open article")


def test_cite_bookmark_remove_undo_and_export_a_vault(terminal: Terminal, tmp_path: Path):  # noqa: F811
    data_dir = tmp_path / "library"
    assert reader(data_dir, "add", str(SEEDS)).returncode == 0
    terminal.start(f"env TERM=xterm-256color {shlex.quote(installed_reader())} --data-dir {shlex.quote(str(data_dir))}")
    terminal.tmux("set", "-g", "set-clipboard", "on")
    terminal.wait_for_text("Articles (5)")

    terminal.keys("/")
    terminal.type("Ukraine")
    terminal.wait_for_text("Results (5) · by relevance")
    terminal.keys("Enter")  # the best result opens; the keys go to the screen again
    terminal.wait_for(lambda s: re.search(r"\d+ hits? · \] next", s), "the open article")
    terminal.keys("s")
    terminal.wait_for_text("Results (5) · newest first")
    terminal.keys("F")
    terminal.wait_for_text("Narrow “Ukraine”")
    terminal.keys("Enter")  # the first facet: the source with the most results
    terminal.wait_for_text('Ukraine source:"Deutschlandfunk"')
    terminal.wait_for_text("Results (1) · newest first")
    terminal.keys("Escape")
    terminal.wait_for_text("Articles (5)")

    open_only_result(terminal, "Witkoff Paris-Gipfel")
    terminal.keys("]")
    terminal.wait_for(lambda s: re.search(r"hit 1/\d+", s), "the first hit")

    terminal.keys("y")
    terminal.wait_for_text("with its citation")
    copied = terminal.tmux("show-buffer").stdout
    passage, _, citation = copied.partition("\n\n— ")
    assert "Witkoff" in passage and citation.startswith(WITKOFF + ".")

    terminal.keys("b")
    terminal.wait_for(lambda s: re.search(r"Bookmarked the (passage|quote)", s), "the passage bookmarked")  # a hit in a quote: the quote

    terminal.keys("x")
    terminal.wait_for_text("Ctrl+Z brings it back")
    terminal.keys("Escape")
    terminal.wait_for_text("Articles (4)")
    terminal.keys("C-z")
    terminal.wait_for_text("Articles (5)")
    terminal.wait_for_text("Brought back")

    open_only_result(terminal, "Witkoff Paris-Gipfel")
    terminal.keys("x")
    terminal.keys("Escape")
    terminal.wait_for_text("Articles (4)")  # the notice of the first removal may still show
    terminal.keys("q")
    terminal.wait_for(lambda _: not terminal.running, "reader to quit", seconds=20)

    assert WITKOFF not in reader(data_dir, "articles").stdout
    exported = reader(data_dir, "bookmarks", "export", "--vault", str(tmp_path / "vault"))
    assert exported.returncode == 0, exported.stderr
    note = (tmp_path / "vault" / f"{WITKOFF}.md").read_text(encoding="utf-8")
    front, _, body = note[4:].partition("\n---\n")
    assert yaml.safe_load(front)["title"] == WITKOFF
    assert "> [!quote]" in body and re.search(r"\n\n\^bm-1\n", body) and "Removed from the library" in body
