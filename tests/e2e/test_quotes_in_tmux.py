"""Quotes through the installed `reader` in a real terminal: import, then in the app make a
speaker the hop target, list their quotes (Q), jump to one, and open their profile (p)."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.e2e.test_reader_in_tmux import Terminal, installed_reader, terminal  # noqa: F401 - the fixture

pytestmark = pytest.mark.e2e

ARTICLES = [
    {"title": "Gipfel in Brüssel", "source": "Tagesblatt", "published": "2026-03-02T09:00:00+00:00",
     "body": "Die Nato berät über die Ostflanke. „Wir stehen zusammen“, sagte Nato-Generalsekretär Mark Rutte "
             "am Montag in Brüssel."},
    {"title": "Rutte in Berlin", "source": "Abendpost", "published": "2026-03-05T09:00:00+00:00",
     "body": "Mark Rutte traf Friedrich Merz im Kanzleramt. »Das ist unsere Pflicht«, erklärte Rutte danach."},
]


def test_a_reader_follows_a_speaker_through_quotes_and_profile(terminal: Terminal, tmp_path: Path):  # noqa: F811
    news = tmp_path / "news.jsonl"
    news.write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES), encoding="utf-8")
    data_dir = tmp_path / "library"
    added = subprocess.run([installed_reader(), "--data-dir", str(data_dir), "add", str(news)],
                           capture_output=True, text=True, timeout=300)
    assert added.returncode == 0, added.stderr

    terminal.start(f"env TERM=xterm-256color {shlex.quote(installed_reader())} --data-dir {shlex.quote(str(data_dir))}")
    terminal.wait_for_text("Articles (2)")
    terminal.keys("/")
    terminal.type("Pflicht")
    terminal.wait_for_text("Results (1)")
    terminal.keys("Enter")  # opens Rutte in Berlin, the reading pane takes the keys
    terminal.wait_for_text("erklärte Rutte danach")
    terminal.wait_for_text("People (2)")  # the entity pane is filled
    terminal.keys("Tab")
    terminal.keys("Enter")  # its first entity, Mark Rutte, becomes the hop target
    terminal.wait_for(lambda shown: re.search(r"Mark Rutte \d+/\d+ · article", shown), "the hop status")

    terminal.keys("Q")
    terminal.wait_for_text("Mark Rutte · 2 quotes in 2 articles")
    terminal.keys("j", "Enter")  # the older quote, in the other article
    terminal.wait_for_text("Wir stehen zusammen")
    shown = terminal.wait_for_text("Gipfel in Brüssel")
    assert "Quotes" not in shown.splitlines()[0]

    terminal.keys("p")
    shown = terminal.wait_for_text("Appears with")
    terminal.wait_for_text("Tagesblatt")
    assert "Friedrich Merz" in terminal.screen()
    terminal.keys("Escape")
    terminal.wait_for_text("Results (1)")  # back on the reading screen (Escape and q at once would be Alt+q)
    terminal.keys("q")
    terminal.wait_for(lambda _: not terminal.running, "reader to quit", seconds=20)
