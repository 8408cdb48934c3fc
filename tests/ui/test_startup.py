"""What `reader` shows first: the newest articles in the very first frame, however the head start
read from SQLite turns out; and which command lines open the app."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from pathlib import Path

import pytest

from index.library import Library
from index.listing import DATABASE_NAME, first_page
from reader import cli
from reader.ui import launch
from reader.ui.widgets.article_list import ArticleList
from tests.ui.conftest import make_app, wait_until_listed
from tests.ui.waiting import wait_for, wait_for_first_rows


@pytest.fixture
def held_library(monkeypatch):
    """Opening the library waits until the test lets it go, as on a large library."""
    opening = threading.Event()
    real_open = Library.open.__func__

    def slow_open(cls, *args, **kwargs):
        opening.wait(30)
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Library, "open", classmethod(slow_open))
    yield opening
    opening.set()


@pytest.fixture
def painted_lists(monkeypatch) -> list[tuple[list[str], str]]:
    """Each time the article list is painted: the article ids it holds and its border title."""
    paints: list[tuple[list[str], str]] = []
    real_render_lines = ArticleList.render_lines

    def render_lines(self, crop):
        paints.append((self.article_ids, str(self.border_title)))
        return real_render_lines(self, crop)

    monkeypatch.setattr(ArticleList, "render_lines", render_lines)
    return paints


async def test_the_first_frame_lists_the_newest_articles_read_before_the_app_started(
        seeded_library, tmp_path, held_library, painted_lists):
    newest: Future = Future()
    newest.set_result(first_page(seeded_library / DATABASE_NAME, 60))
    newest_ids = [row.id for row in newest.result()[0]]
    app = make_app(seeded_library, tmp_path, first_page=newest)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(pilot, lambda: bool(painted_lists), description="the list's first paint")
        # No "Loading…" frame before the rows: the first paint already holds them.
        assert painted_lists[0] == (newest_ids, "Articles (5)")
        held_library.set()
        screen = await wait_until_listed(pilot, 5)
        assert screen.article_list.article_ids == newest_ids


async def test_newest_articles_read_after_the_app_started_still_show_before_the_library_opens(
        seeded_library, tmp_path, held_library):
    newest: Future = Future()
    app = make_app(seeded_library, tmp_path, first_page=newest)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        assert not newest.done()
        newest.set_result(first_page(seeded_library / DATABASE_NAME, 60))
        await wait_for_first_rows(pilot)
        assert not screen.ready
        assert screen.article_list.article_ids == [row.id for row in newest.result()[0]]
        assert screen.article_list.border_title == "Articles (5)"
        held_library.set()  # else the app's closing waits for the held open to time out
        await wait_until_listed(pilot, 5)


async def test_without_a_head_start_the_library_fills_the_list(seeded_library, tmp_path):
    nothing: Future = Future()
    nothing.set_result(None)  # e.g. the database was locked or of another schema
    app = make_app(seeded_library, tmp_path, first_page=nothing)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        assert screen.article_list.border_title == "Articles (5)"


@pytest.mark.parametrize("arguments", [
    ["--data-dir", "{dir}"],
    ["--data-dir={dir}"],
    ["--data", "{dir}"],  # an abbreviation, as argparse has always accepted
])
def test_these_command_lines_open_the_app_on_the_given_folder(arguments, tmp_path, monkeypatch):
    opened: list[Path] = []
    monkeypatch.setattr(launch, "run_app", lambda data_dir, **_: opened.append(data_dir) or 0)
    folder = tmp_path / "my library"
    assert cli.main([argument.format(dir=folder) for argument in arguments]) == 0
    assert opened == [folder]


def test_reader_alone_opens_the_app_on_the_folder_from_the_environment(tmp_path, monkeypatch):
    opened: list[Path] = []
    monkeypatch.setattr(launch, "run_app", lambda data_dir, **_: opened.append(data_dir) or 0)
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "from env"))
    assert cli.main([]) == 0
    assert opened == [tmp_path / "from env"]
