"""Hostile data in the installed app, in a real terminal (#27.1, 27.2): opening an article whose URL
and file name hold escape sequences, and editing a note that holds them, neither sets tmux's
clipboard (OSC 52) nor the pane title (OSC 2), nor resets or clears the screen."""

from __future__ import annotations

import json
import shlex
import subprocess
from pathlib import Path

import pytest
from test_reader_in_tmux import Terminal, installed_reader, terminal  # noqa: F401 (a fixture)

pytestmark = pytest.mark.e2e

OSC_52 = "\x1b]52;c;aGk=\x07"
OSC_2 = "\x1b]2;pwned\x07"
OSC_8 = "\x1b]8;;http:evil.example\x1b\\click\x1b]8;;\x1b\\"
HOSTILE = OSC_52 + OSC_2 + OSC_8 + "\x1b[2J" + "\x1bc"


def reader(data_dir: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([installed_reader(), "--data-dir", str(data_dir), *args],
                          capture_output=True, text=True, timeout=300)


def untouched(term: Terminal, title: str) -> None:
    """No OSC 2 reached tmux (the pane title), no OSC 52 (a paste buffer)."""
    assert term.tmux("display", "-p", "-t", "reader", "#{pane_title}").stdout.strip() == title
    assert term.tmux("list-buffers").stdout == ""


def test_opening_a_hostile_article_and_note_leaves_title_and_clipboard_alone(terminal, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    record = {"title": "Gipfel in Paris", "body": "Friedrich Merz traf Emmanuel Macron in Paris.",
              "url": "https://example.org/gipfel" + HOSTILE, "date": "2025-09-02T06:30:00+02:00"}
    (folder / "feed.jsonl").write_text(json.dumps(record) + "\n", encoding="utf-8")
    (folder / f"bericht {HOSTILE}.txt").write_text(
        "Bericht aus Hamburg\n\nOlaf Scholz sprach in Hamburg über die Wirtschaft.\n", encoding="utf-8")
    data_dir = tmp_path / "library"
    assert reader(data_dir, "add", str(folder)).returncode == 0
    articles = {a["title"]: a["id"] for a in json.loads(reader(data_dir, "articles", "--json").stdout)}
    added = reader(data_dir, "bookmarks", "add", articles["Gipfel in Paris"], "--note", "Notiz " + HOSTILE,
                   "--tag", "t" + OSC_2)
    assert added.returncode == 0, added.stderr

    # tmux passes OSC 52 on to its buffers when set-clipboard is on: a leak would show as a buffer.
    command = (f"env READER_DATA_DIR={shlex.quote(str(data_dir))} TERM=xterm-256color "
               f"{shlex.quote(installed_reader())}")
    terminal.start(command)
    terminal.tmux("set", "-g", "set-clipboard", "on")  # before the app has drawn anything
    terminal.wait_for_text("Articles (2)")
    title = terminal.tmux("display", "-p", "-t", "reader", "#{pane_title}").stdout.strip()
    assert title != "pwned"

    # The article with the URL (newest first), then the one shown by its file name.
    terminal.keys("Enter")
    shown = terminal.wait_for_text("https://example.org/gipfel␛]52;c;aGk=␇")
    assert "Friedrich Merz traf" in shown  # the screen was neither cleared nor reset
    untouched(terminal, title)
    terminal.keys("Down", "Enter")  # the list keeps the focus
    terminal.wait_for(lambda s: "Olaf Scholz sprach" in s and "bericht" in s and "␛]52;c;aGk=␇" in s,
                      "the file name with its sequences made visible")
    untouched(terminal, title)

    # The bookmark's note, in the list and in the note editor.
    terminal.keys("B")
    terminal.wait_for_text("1 bookmark ·")
    shown = terminal.wait_for_text("Notiz ␛]52;c;aGk=")
    untouched(terminal, title)
    terminal.keys("n")
    shown = terminal.wait_for_text("Ctrl+S or Enter in tags to save")
    assert "Notiz ␛]52;c;aGk=␇␛]2;pwned␇" in shown and "t␛]2;pwned␇" in shown
    untouched(terminal, title)
    # Saving without an edit keeps the note exactly as it came.
    terminal.keys("C-s")
    terminal.wait_for_text("Saved.")
    terminal.keys("Escape")
    terminal.wait_for_text("Articles (2)")
    terminal.keys("q")
    terminal.wait_for(lambda _: not terminal.running, "reader to quit", seconds=20)
    [bookmark] = json.loads(reader(data_dir, "bookmarks", "list", "--json").stdout)
    assert (bookmark["note"], bookmark["tags"]) == ("Notiz " + HOSTILE, ["t" + OSC_2])
