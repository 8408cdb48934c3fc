"""The app as the tests drive it: a private library, no cursor blink, waits on what the screen shows."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from reader.ui.app import ReaderApp
from reader.ui.screens.main import MainScreen
from tests.ui.waiting import wait_for


def no_cursor_blink(app: ReaderApp) -> None:
    """A blinking cursor makes screenshots depend on timing."""
    for screen in app.screen_stack:
        for widget in screen.query(Input):
            widget.cursor_blink = False
        for widget in screen.query(TextArea):
            widget.cursor_blink = False


def make_app(data_dir: Path, tmp_path: Path, **options) -> ReaderApp:
    options.setdefault("export_path", tmp_path / "bookmarks.md")
    return ReaderApp(data_dir, **options)


@pytest.fixture
def app(seeded_library: Path, tmp_path: Path) -> ReaderApp:
    """The app on a private copy of the seeded library."""
    return make_app(seeded_library, tmp_path)


async def wait_until_listed(pilot: Pilot, count: int | None = None) -> MainScreen:
    """The main screen once the library is open and the article list is filled."""
    app = pilot.app
    screen = app.main_screen
    no_cursor_blink(app)
    await wait_for(pilot, lambda: screen.ready and bool(screen.article_list.article_ids)
                   and (count is None or len(screen.article_list.article_ids) == count),
                   description="the article list to fill")
    return screen


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*text)


async def wait_until_open(pilot: Pilot, screen: MainScreen) -> None:
    """The article is shown and, when the entity pane is visible, its entities are listed."""
    await wait_for(pilot, lambda: screen.opened is not None
                   and (screen.opened.entities is not None or not screen.entity_pane.display),
                   description="the article (and its entities) to open")
