"""The installed `reader` command in a real terminal (tmux), driven by keys as a person would."""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index.library import Library

pytestmark = pytest.mark.e2e

TIMEOUT = 60.0


def installed_reader() -> str:
    """The console script pip installed next to this Python (or on PATH)."""
    beside = Path(sys.executable).parent / "reader"
    if beside.exists():
        return str(beside)
    found = shutil.which("reader")
    assert found, "the reader command is not installed: pip install . first"
    return found


class Terminal:
    """One tmux session on a private server, running one command."""

    def __init__(self, socket: str, width: int = 120, height: int = 40) -> None:
        self.socket = socket
        self.width = width
        self.height = height

    def tmux(self, *args: str, check: bool = True) -> subprocess.CompletedProcess:
        return subprocess.run(["tmux", "-f", "/dev/null", "-L", self.socket, *args],
                              capture_output=True, text=True, check=check)

    def start(self, command: str) -> None:
        # pytest exports COLUMNS, which would make the app ignore the real terminal size.
        self.tmux("new-session", "-d", "-s", "reader", "-x", str(self.width), "-y", str(self.height),
                  f"env -u COLUMNS -u LINES {command}")

    def screen(self) -> str:
        result = self.tmux("capture-pane", "-p", "-t", "reader", check=False)
        return result.stdout

    def keys(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "reader", *keys)

    def type(self, text: str) -> None:
        self.tmux("send-keys", "-t", "reader", "-l", text)

    @property
    def running(self) -> bool:
        return self.tmux("has-session", "-t", "reader", check=False).returncode == 0

    def wait_for(self, condition: Callable[[str], object], description: str, seconds: float = TIMEOUT) -> str:
        """Poll the screen until `condition(screen)` holds; fail showing the last screen."""
        deadline = time.monotonic() + seconds
        while True:
            shown = self.screen()
            if condition(shown):
                return shown
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {description}; the screen showed:\n{shown}")
            time.sleep(0.1)

    def wait_for_text(self, text: str, seconds: float = TIMEOUT) -> str:
        return self.wait_for(lambda shown: text in shown, repr(text), seconds)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    assert shutil.which("tmux"), "tmux is needed for the end-to-end tests"
    term = Terminal(socket=f"reader-e2e-{tmp_path.name}")
    yield term
    term.tmux("kill-server", check=False)


HOP_STATUS = re.compile(r"([^\s│][^│\n]*?) (\d+)/(\d+) · article (\d+)/(\d+)")


def test_a_new_user_searches_hops_bookmarks_and_quits(terminal: Terminal, tmp_path: Path):
    # The default library (no --data-dir, no READER_DATA_DIR), kept in tmp_path: only it gets the seeds.
    data_home = tmp_path / "xdg-data"
    data_dir = data_home / "reader"
    command = (f"env -u READER_DATA_DIR XDG_DATA_HOME={shlex.quote(str(data_home))} TERM=xterm-256color "
               f"{shlex.quote(installed_reader())}")
    terminal.start(command)

    # An empty library fills itself with the bundled articles.
    terminal.wait_for_text("Articles (5)")

    # Search as you type, open the best result, step to the first hit.
    terminal.keys("/")
    terminal.type("Rutte")
    terminal.wait_for(lambda s: re.search(r"Results \(\d+\)", s), "search results")
    terminal.keys("Enter")
    terminal.wait_for(lambda s: re.search(r"\d+ hits? · \] next", s), "the hits of the open article")
    terminal.keys("]")
    terminal.wait_for(lambda s: re.search(r"hit 1/\d+", s), "the first hit")

    # Make the first entity of the article the hop target, then hop with n until another article opens.
    terminal.keys("Tab")
    terminal.keys("Enter")
    shown = terminal.wait_for(HOP_STATUS.search, "the hop status")
    name, position, total, first_article, articles = HOP_STATUS.search(shown).groups()
    position, article = int(position), int(first_article)
    while article == int(first_article) and int(articles) > 1:
        terminal.keys("n")
        expected = position % int(total) + 1
        shown = terminal.wait_for(
            lambda s: (found := HOP_STATUS.search(s)) and int(found.group(2)) == expected, f"mention {expected}")
        found = HOP_STATUS.search(shown)
        position, article = int(found.group(2)), int(found.group(4))
    assert found_name(shown) == name

    # Bookmark the passage at the current mention and see it on the bookmarks screen.
    terminal.keys("b")
    terminal.wait_for_text("Bookmarked the passage")
    terminal.keys("B")
    terminal.wait_for_text("1 bookmark ·")
    terminal.keys("Escape")
    terminal.wait_for(HOP_STATUS.search, "the reading screen again")

    terminal.keys("q")
    terminal.wait_for(lambda _: not terminal.running, "reader to quit", seconds=20)

    with Library.open(data_dir) as library:
        saved = library.bookmarks.list()
    assert len(saved) == 1 and saved[0].start is not None and saved[0].quote


def found_name(shown: str) -> str:
    return HOP_STATUS.search(shown).group(1)
