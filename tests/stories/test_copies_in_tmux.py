"""The installed `reader` in tmux: agency copy imported by `reader add` is one row with "+2 copies",
its header names the other outlets, c shows the word diff, S the stories."""

from __future__ import annotations

import shlex
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_reader_in_tmux import Terminal, installed_reader, terminal  # noqa: F401 - the fixture
from tests.stories.conftest import copy_of, write_md
from tests.stories.test_stories import QUAKE_SZ, QUAKE_ZEIT

pytestmark = pytest.mark.e2e


def test_copies_diff_and_stories_in_a_real_terminal(terminal: Terminal, tmp_path: Path, texts):  # noqa: F811
    folder = tmp_path / "in"
    text = texts["Kultur"][6]
    write_md(folder, "dpa", "Die Meldung der Agentur", "Berlin (dpa) – " + text, "dpa", 0)
    write_md(folder, "spiegel", "Spiegel druckt nach", copy_of(text, 21, texts)[1], "Spiegel", 2)
    write_md(folder, "zeit", "Zeit druckt nach", copy_of(text, 22, texts)[1], "Zeit", 3)
    write_md(folder, "quake-zeit", *QUAKE_ZEIT, "Zeit", 4)
    write_md(folder, "quake-sz", *QUAKE_SZ, "SZ", 6)
    data_dir = tmp_path / "library"
    added = subprocess.run([installed_reader(), "--data-dir", str(data_dir), "add", str(folder)],
                           capture_output=True, text=True, timeout=300)
    assert added.returncode == 0, added.stderr

    terminal.start(f"env TERM=xterm-256color {shlex.quote(installed_reader())} --data-dir {shlex.quote(str(data_dir))}")
    terminal.wait_for_text("+2 copies")
    # The list is newest first: the SZ and Zeit quake reports, then the copy group's row.
    terminal.keys("Down", "Down", "Enter")
    shown = terminal.wait_for(lambda s: "also in:" in s, "the header's copies line")
    assert "dpa, Spiegel" in shown and "first: dpa" in shown
    terminal.keys("c")
    terminal.wait_for_text("words removed")
    terminal.keys("Escape")
    terminal.wait_for_text("also in:")
    terminal.keys("S")
    terminal.wait_for_text(QUAKE_ZEIT[0])
    terminal.wait_for_text("2 articles")
    terminal.keys("Escape")
    terminal.wait_for_text("also in:")  # back on the reading screen (an Escape and q at once read as alt+q)
    terminal.keys("q")
    terminal.wait_for(lambda s: not terminal.running or "$" in s, "the app to quit", seconds=20)
