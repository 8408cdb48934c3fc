"""The installed `reader` in tmux: R refreshes the feeds and the new articles appear in the list."""

from __future__ import annotations

import shlex
from pathlib import Path

import pytest

from tests.e2e.test_reader_in_tmux import Terminal, installed_reader, terminal  # noqa: F401 - the fixture
from tests.feeds.server import Item, long_text, rss, static
from tests.feeds.test_app_feeds import subscribe_without_fetching

pytestmark = pytest.mark.e2e


def test_refresh_in_the_app_shows_the_new_articles(terminal: Terminal, seeded_library: Path, tmp_path: Path,
                                                   server):
    server.routes["/news.xml"] = static(rss("Lokalnachrichten", [
        Item(f"Lokal {n}: Neue Radwege", server.url(f"/l/{n}"), content=long_text(150, f"Radstadt{n}"))
        for n in range(3)]))
    subscribe_without_fetching(seeded_library, server.url("/news.xml"))
    config = tmp_path / "config.toml"
    config.write_text("[http]\ntimeout_seconds = 2\n")
    terminal.start(f"env READER_CONFIG={shlex.quote(str(config))} TERM=xterm-256color "
                   f"{shlex.quote(installed_reader())} --data-dir {shlex.quote(str(seeded_library))}")
    terminal.wait_for_text("Articles (5)")

    # R before the library has opened only says so ("The library is still opening."): press until it refreshes.
    for _attempt in range(20):
        terminal.keys("R")
        try:
            terminal.wait_for(lambda s: "Refreshing the feeds" in s or "Feeds refreshed" in s, "a refresh", seconds=3)
            break
        except AssertionError:
            continue
    shown = terminal.wait_for_text("Feeds refreshed: 3 new, 0 updated.")
    shown = terminal.wait_for_text("Articles (8)")
    assert "Lokal 2: Neue Radwege" in shown and "Lokal 0: Neue Radwege" in shown
    assert len(server.hits("/news.xml")) == 1
    terminal.keys("q")
    terminal.wait_for(lambda _: not terminal.running, "reader to quit", seconds=20)
