"""Help, quit, the command palette, panes on small terminals, and paging through a large list."""

from __future__ import annotations

import threading
from concurrent.futures import Future
from datetime import datetime, timedelta, timezone
from pathlib import Path

from textual.command import CommandList, CommandPalette

from index.library import Library
from index.listing import DATABASE_NAME, first_page
from index.models import Article
from reader.ui.screens.bookmarks import BookmarksScreen
from reader.ui.screens.help import HelpScreen
from tests.ui.conftest import make_app, type_text, wait_until_listed
from tests.ui.waiting import wait_for, wait_for_first_rows


async def test_question_mark_shows_every_key_and_escape_closes_it(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        keys = {description: key for _, key, description in app.screen.rows}
        assert keys["Next mention"] == "n" and keys["Search"] == "/"
        for description in ("Search", "Next hit", "Next mention", "Mentions", "Bookmark", "Bookmarks", "Export",
                            "Quit"):
            assert description in keys
        await pilot.press("escape")
        assert app.screen is screen


async def test_q_quits(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until_listed(pilot, 5)
        await pilot.press("q")
        await pilot.pause()
        assert app.return_code == 0
        assert not app.is_running


async def test_every_reading_action_is_in_the_command_palette(app):
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until_listed(pilot, 5)
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Search", "Next hit", "Next mention", "Mentions", "Bookmark", "Bookmarks", "Export",
                "Help"} <= titles
        await pilot.press("ctrl+p")
        await type_text(pilot, "Bookmarks")
        await wait_for(pilot, lambda: isinstance(app.screen, CommandPalette)
                       and app.screen.query_one(CommandList).option_count > 0, description="palette matches")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen), description="the bookmarks screen")


async def test_a_small_terminal_hides_the_entity_pane_until_asked_and_adapts_on_resize(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        assert screen.article_list.display and not screen.entity_pane.display
        await pilot.press("f3")
        assert screen.entity_pane.display
        await pilot.press("f3")
        assert not screen.entity_pane.display
        await pilot.press("f2")
        assert not screen.article_list.display
        await pilot.press("f2")
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert screen.article_list.display
        assert not screen.entity_pane.display  # the reader hid it; a wider terminal does not overrule that


async def test_a_wide_terminal_shows_all_three_panes(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        assert screen.article_list.display and screen.article_view.display and screen.entity_pane.display
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert not screen.entity_pane.display


def write_library(data_dir: Path, count: int) -> None:
    start = datetime(2024, 1, 1, 8, 0, tzinfo=timezone.utc)
    articles = [
        Article(title=f"Bericht Nummer {i}", body=f"Absatz {i} über den Haushalt.\n\nZweiter Absatz {i}.",
                source="Testzeitung", published=start + timedelta(hours=i), url=f"https://example.org/{i}")
        for i in range(count)
    ]
    with Library.open(data_dir) as library:
        library.add_articles(articles)


async def test_a_long_list_is_loaded_a_page_at_a_time_as_the_reader_moves_down(tmp_path: Path):
    write_library(tmp_path / "big", 130)
    app = make_app(tmp_path / "big", tmp_path, page_size=50)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 50)
        assert screen.article_list.border_title == "Articles (130)"
        assert screen.article_list.option_count == 50
        assert str(screen.article_list.get_option_at_index(0).prompt).startswith("Bericht Nummer 129")
        await pilot.press("end")
        await wait_for(pilot, lambda: screen.article_list.option_count == 100, description="the second page")
        await pilot.press("end")
        await wait_for(pilot, lambda: screen.article_list.option_count == 130, description="the last page")
        assert not screen.article_list.has_more
        assert str(screen.article_list.get_option_at_index(129).prompt).startswith("Bericht Nummer 0")


async def test_search_results_come_a_page_at_a_time_and_the_next_only_when_needed(tmp_path: Path):
    from reader.ui.screens.main_work import SEARCH_PAGE

    write_library(tmp_path / "big", 130)  # every article mentions the Haushalt
    app = make_app(tmp_path / "big", tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot)
        await pilot.press("slash", *"Haushalt")
        await wait_for(pilot, lambda: len(screen.article_list.article_ids) == SEARCH_PAGE
                       and screen.article_list.border_title == "Results (130) · by relevance",
                       description="the first page, and how many match in all")
        await pilot.pause(0.3)
        assert len(screen.article_list.article_ids) == SEARCH_PAGE, "a search asks for one page while typing"
        screen.article_list.focus()
        await pilot.press("end")
        await wait_for(pilot, lambda: len(screen.article_list.article_ids) == 2 * SEARCH_PAGE,
                       description="the second page")


async def test_a_library_that_cannot_be_opened_is_explained_not_a_crash(tmp_path: Path):
    not_a_folder = tmp_path / "library"
    not_a_folder.write_text("this is a file, not a library", encoding="utf-8")
    app = make_app(not_a_folder, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        await wait_for(pilot, lambda: "could not be opened" in " ".join(screen.article_view.visible_text.split()),
                       description="the explanation")
        assert app.library_failed and app.is_running
        await pilot.press("q")
    assert app.return_code == 0


async def test_the_newest_articles_show_before_the_library_has_opened(seeded_library, tmp_path, monkeypatch):
    opening = threading.Event()
    real_open = Library.open.__func__

    def slow_open(cls, *args, **kwargs):
        opening.wait(30)  # the search index and recogniser loading on a large library
        return real_open(cls, *args, **kwargs)

    monkeypatch.setattr(Library, "open", classmethod(slow_open))
    newest: Future = Future()
    newest.set_result(first_page(seeded_library / DATABASE_NAME, 200))
    app = make_app(seeded_library, tmp_path, first_page=newest)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        await wait_for_first_rows(pilot)
        assert not screen.ready
        assert screen.article_list.article_ids == [row.id for row in newest.result()[0]]
        assert screen.article_list.border_title == "Articles (5)"
        first_id = screen.article_list.article_ids[0]
        await pilot.press("enter")  # chosen before the library is open: opened once it is
        opening.set()
        await wait_for(pilot, lambda: screen.opened is not None, description="the chosen article to open")
        assert screen.opened.article.id == first_id
