"""The app and feeds, driven with Pilot: R refreshes in a worker, unread rows are bold, u filters
to unread, the count of what is new since the last visit, and the config's refresh interval."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.feeds import Subscriptions, refresh_feeds
from index.feeds.read_state import read_ids
from index.library import Library
from reader.ui.app import ReaderApp
from tests.feeds.conftest import TEST_SETTINGS
from tests.feeds.server import Item, long_text, rss, static
from tests.ui.conftest import wait_until_listed
from tests.ui.waiting import wait_for

FAST_CONFIG = "[http]\ntimeout_seconds = 0.5\nretries = 0\n"


@pytest.fixture
def config(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "config.toml"
    path.write_text(FAST_CONFIG)
    monkeypatch.setenv("READER_CONFIG", str(path))
    return path


def serve_news(server, count: int) -> None:
    server.routes["/news.xml"] = static(rss("Lokalnachrichten", [
        Item(f"Lokal {n}: Neue Radwege", server.url(f"/l/{n}"), content=long_text(150, f"Radstadt{n}"))
        for n in range(count)]))


def subscribe_without_fetching(data_dir: Path, url: str) -> None:
    with Library.open(data_dir) as library:
        Subscriptions(library.store).add(url)


def row_titles(screen) -> list[str]:
    return [option.prompt.plain.split("\n")[0] for option in screen.article_list._options if option.id]


def is_bold(screen, article_id: str) -> bool:
    prompt = screen.article_list.get_option(article_id).prompt
    return any(span.start == 0 and span.style == "bold" for span in prompt.spans)


async def test_refresh_key_brings_new_articles_into_the_open_list(seeded_library: Path, tmp_path, server, config):
    serve_news(server, 3)
    subscribe_without_fetching(seeded_library, server.url("/news.xml"))
    app = ReaderApp(seeded_library, export_path=tmp_path / "b.md")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await pilot.press("R")
        await wait_for(pilot, lambda: len(screen.article_list.article_ids) == 8, description="the feed's articles")
        assert "Feeds refreshed: 3 new, 0 updated." in str(screen.feeds_line.content)
        assert screen.feeds_line.display
        assert {"Lokal 0: Neue Radwege", "Lokal 2: Neue Radwege"} <= set(row_titles(screen))


async def test_opened_articles_lose_their_bold_and_u_shows_only_unread(seeded_library: Path, tmp_path, config):
    app = ReaderApp(seeded_library, export_path=tmp_path / "b.md")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await wait_for(pilot, lambda: screen.read_ids is not None, description="the read state")
        first = screen.article_list.article_ids[0]
        assert all(is_bold(screen, article_id) for article_id in screen.article_list.article_ids)
        screen.article_list.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: not is_bold(screen, first), description="the opened row to lose its bold")
        await pilot.press("u")
        await wait_for(pilot, lambda: len(screen.article_list.article_ids) == 4, description="only unread rows")
        assert first not in screen.article_list.article_ids
        assert screen.article_list.border_title == "Articles (4)"
        await pilot.press("u")
        await wait_for(pilot, lambda: len(screen.article_list.article_ids) == 5, description="every row again")
    with Library.open(seeded_library) as library:
        assert read_ids(library.store) == {first}


async def test_a_second_visit_counts_what_came_in_between(seeded_library: Path, tmp_path, server, config):
    first_visit = ReaderApp(seeded_library, export_path=tmp_path / "b.md")
    async with first_visit.run_test(size=(140, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await wait_for(pilot, lambda: screen.read_ids is not None, description="the visit to begin")
        assert not screen.feeds_line.display  # a first visit has nothing to compare with
    serve_news(server, 4)
    with Library.open(seeded_library) as library:  # `reader refresh` from a timer, while the app is closed
        Subscriptions(library.store).add(server.url("/news.xml"))
        refresh_feeds(library, settings=TEST_SETTINGS)

    second_visit = ReaderApp(seeded_library, export_path=tmp_path / "b.md")
    async with second_visit.run_test(size=(140, 40)) as pilot:
        screen = await wait_until_listed(pilot, 9)
        await wait_for(pilot, lambda: screen.feeds_line.display, description="the count of new articles")
        assert str(screen.feeds_line.content).startswith("4 new articles since your last visit.")


async def test_the_config_s_interval_refreshes_while_the_app_is_open(seeded_library: Path, tmp_path, server, config):
    config.write_text("refresh_minutes = 0.01\n" + FAST_CONFIG)  # every 0.6 s
    serve_news(server, 2)
    subscribe_without_fetching(seeded_library, server.url("/news.xml"))
    app = ReaderApp(seeded_library, export_path=tmp_path / "b.md")
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await wait_until_listed(pilot)
        await wait_for(pilot, lambda: len(screen.article_list.article_ids) == 7,
                       description="the scheduled refresh to add the feed's articles")
        assert len(server.hits("/news.xml")) >= 1
