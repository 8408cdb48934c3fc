"""Every screen at 80×24 and 200×50: panes give way instead of squeezing the article, the
mentions screen keeps the mention and both contexts, the bookmarks table keeps every column.
Checked on what the screen holds, and as SVG snapshots (review them before --snapshot-update)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widgets import DataTable

from index.library import Library
from reader.ui.screens.bookmarks import BookmarksScreen
from reader.ui.screens.main import ARTICLE_MIN_WIDTH
from reader.ui.screens.mentions import MentionsScreen
from tests.ui.conftest import make_app, wait_until_listed, wait_until_open
from tests.ui.test_hopping import choose_entity, entity_in_several_articles
from tests.ui.test_snapshots import quiet
from tests.ui.waiting import wait_for

SIZES = [(80, 24), (200, 50)]


def columns_fit(table: DataTable, width: int) -> bool:
    """Every column starts and ends inside the screen (cell padding included)."""
    return sum(column.get_render_width(table) for column in table.columns.values()) <= width


async def open_first_article(pilot: Pilot):
    screen = await wait_until_listed(pilot, 5)
    await pilot.press("enter")
    await wait_until_open(pilot, screen)
    return screen


def pane_text(pane) -> str:
    """What the entity pane shows on the screen, line by line."""
    return "\n".join(strip.text for strip in pane.render_lines(Region(0, 0, *pane.outer_size)))


async def test_at_80_columns_the_entity_pane_takes_the_lists_place_and_is_wide_enough_to_read(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_first_article(pilot)
        await pilot.press("a")
        pane = screen.entity_pane
        await wait_for(pilot, lambda: pane.display and pane.entity_names, description="the entity pane")
        await pilot.pause()
        # Asked for, it has the focus and half the screen: the names read whole.
        assert not screen.article_list.display and screen.focused is pane and pane.outer_size.width >= 40
        shown = pane_text(pane)
        assert [name for name in pane.entity_names[:12] if len(name) <= 24 and name not in shown] == []
        await pilot.press("tab")  # back to reading: the article has its columns again, the pane stays
        await pilot.pause()
        assert screen.focused is screen.article_view and pane.display
        assert screen.article_view.outer_size.width >= ARTICLE_MIN_WIDTH
        # Narrow again, the pane shows names without their counts: the shorter ones still read whole.
        shown = pane_text(pane)
        assert [name for name in pane.entity_names[:12] if len(name) <= 14 and name not in shown] == []
        assert "Donald Trump" in shown and not re.search(r"│\s+\d+ \w", shown)
        await pilot.press("shift+tab")  # into the pane again: readable again
        await pilot.pause()
        assert screen.focused is pane and "Emmanuel Macron" in pane_text(pane)
        await pilot.press("f2")  # the list back: now the entity pane gives way
        await pilot.pause()
        assert screen.article_list.display and not pane.display


async def test_at_200_columns_list_article_and_entities_stand_side_by_side_whatever_has_the_focus(app):
    async with app.run_test(size=(200, 50)) as pilot:
        screen = await open_first_article(pilot)
        await pilot.press("a")
        pane = screen.entity_pane
        await wait_for(pilot, lambda: pane.display and pane.entity_names, description="the entity pane")
        widths = []
        for _ in range(3):
            await pilot.press("tab")
            await pilot.pause()
            widths.append((screen.article_list.outer_size.width, screen.article_view.outer_size.width,
                           pane.outer_size.width))
        assert len(set(widths)) == 1 and widths[0][1] >= 100
        assert "Emmanuel Macron" in pane_text(pane)


@pytest.mark.parametrize("size", SIZES)
def test_reading_with_entities(snap_compare, seeded_library: Path, tmp_path: Path, size):
    async def run_before(pilot: Pilot) -> None:
        await open_first_article(pilot)
        await pilot.press("a")
        await wait_for(pilot, lambda: pilot.app.main_screen.entity_pane.display, description="entities")
        await quiet(pilot)

    assert snap_compare(make_app(seeded_library, tmp_path), terminal_size=size, run_before=run_before)


async def mentions_screen(pilot: Pilot) -> MentionsScreen:
    screen = await open_first_article(pilot)
    if not screen.entity_pane.display:  # 80 columns: the article's entities on F3
        await pilot.press("f3")
        await wait_for(pilot, lambda: screen.opened.entities is not None, description="the article's entities")
    await choose_entity(pilot, screen, entity_in_several_articles(screen))
    await pilot.press("m")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, MentionsScreen), description="mentions")
    return pilot.app.screen


@pytest.mark.parametrize("size", SIZES)
async def test_mentions_keep_the_mention_and_both_contexts(app, size):
    async with app.run_test(size=size) as pilot:
        mentions = await mentions_screen(pilot)
        table = mentions.query_one(DataTable)
        assert columns_fit(table, size[0])
        left, keyword, right = (table.get_row_at(0)[i] for i in (2, 3, 4))
        assert str(keyword) and str(left).strip() and str(right).strip()


@pytest.mark.parametrize("size", SIZES)
def test_mentions_screen(snap_compare, seeded_library: Path, tmp_path: Path, size):
    async def run_before(pilot: Pilot) -> None:
        await mentions_screen(pilot)
        await quiet(pilot)

    assert snap_compare(make_app(seeded_library, tmp_path), terminal_size=size, run_before=run_before)


def bookmark_some(data_dir: Path) -> None:
    with Library.open(data_dir) as library:
        first = library.articles()[0].id
        library.bookmarks.add(first, quote="Sicherheitsgarantien", note="Kernbegriff der ganzen Debatte",
                              tags=["Ukraine", "Koalition der Willigen"])
        library.bookmarks.add(first, note="später ganz lesen", tags=["lesen"])


async def bookmarks_screen(pilot: Pilot) -> BookmarksScreen:
    await wait_until_listed(pilot, 5)
    await pilot.press("B")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, BookmarksScreen) and pilot.app.screen.bookmarks,
                   description="the bookmarks")
    return pilot.app.screen


@pytest.mark.parametrize("size", SIZES)
async def test_bookmarks_table_keeps_every_column(seeded_library, tmp_path, size):
    bookmark_some(seeded_library)
    async with make_app(seeded_library, tmp_path).run_test(size=size) as pilot:
        table = (await bookmarks_screen(pilot)).query_one(DataTable)
        assert columns_fit(table, size[0])
        assert "Ukraine" in str(table.get_row_at(0)[3]) or "lesen" in str(table.get_row_at(0)[3])


@pytest.mark.parametrize("size", SIZES)
def test_bookmarks_screen(snap_compare, seeded_library: Path, tmp_path: Path, size):
    bookmark_some(seeded_library)

    async def run_before(pilot: Pilot) -> None:
        await bookmarks_screen(pilot)
        await quiet(pilot)

    assert snap_compare(make_app(seeded_library, tmp_path), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES)
def test_empty_library(snap_compare, tmp_path: Path, size):
    async def run_before(pilot: Pilot) -> None:
        screen = pilot.app.main_screen
        await wait_for(pilot, lambda: screen.ready and "The library is empty" in screen.article_view.visible_text,
                       description="the empty library")
        await quiet(pilot)

    app = make_app(tmp_path / "empty", tmp_path, import_seeds_when_empty=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_help_at_200x50(snap_compare, seeded_library: Path, tmp_path: Path):
    async def run_before(pilot: Pilot) -> None:
        await wait_until_listed(pilot, 5)
        await pilot.press("question_mark")
        await quiet(pilot)

    assert snap_compare(make_app(seeded_library, tmp_path), terminal_size=(200, 50), run_before=run_before)
