"""b, B and e: bookmarks end up in the store, can be edited, deleted, restored and exported."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable

from reader.ui.screens.bookmarks import BookmarksScreen
from reader.ui.screens.dialogs import Confirm, EditBookmark, PathPrompt
from tests.ui.conftest import type_text, wait_until_listed
from tests.ui.waiting import wait_for


async def open_search_result(pilot, screen, query: str) -> None:
    await pilot.press("slash")
    await type_text(pilot, query)
    await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"), description="results")
    await pilot.press("enter")
    await wait_for(pilot, lambda: screen.opened is not None, description="the article to open")


async def test_b_bookmarks_the_article_or_the_sentence_at_the_current_hit(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await open_search_result(pilot, screen, "Rutte")
        article = screen.opened.article
        store = app.library.bookmarks
        await pilot.press("b")
        await wait_for(pilot, lambda: store.count() == 1, description="the article bookmark")
        whole = store.list()[0]
        assert (whole.article, whole.start, whole.quote) == (article.id, None, None)
        await pilot.press("right_square_bracket")
        hit = screen.place.span
        await pilot.press("b")
        await wait_for(pilot, lambda: store.count() == 2, description="the passage bookmark")
        passage = [b for b in store.list() if b.start is not None][0]
        assert passage.start <= hit.start < hit.end <= passage.end
        assert "Rutte" in passage.quote and passage.quote == article.body[passage.start:passage.end]


async def test_the_bookmarks_screen_edits_deletes_restores_and_opens(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await open_search_result(pilot, screen, "Rutte")
        article = screen.opened.article
        store = app.library.bookmarks
        await pilot.press("b")
        await wait_for(pilot, lambda: store.count() == 1, description="a bookmark")
        screen.article_list.focus()
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.bookmarks,
                       description="the bookmarks screen")
        table = app.screen.query_one(DataTable)
        shown_title = str(table.get_row_at(0)[0])  # cut to the column's width
        assert table.row_count == 1 and article.title.startswith(shown_title.removesuffix("…"))

        await pilot.press("n")
        await wait_for(pilot, lambda: isinstance(app.screen, EditBookmark), description="the note editor")
        await type_text(pilot, "Rutte in Prag")
        await pilot.press("tab")
        await type_text(pilot, "nato, zitat")
        await pilot.press("enter")
        await wait_for(pilot, lambda: store.list()[0].note == "Rutte in Prag", description="the saved note")
        assert store.list()[0].tags == ["nato", "zitat"]
        await wait_for(pilot, lambda: "Rutte in Prag" in str(table.get_row_at(0)[2]), description="the new note")

        original = store.list()[0]
        await pilot.press("d")
        await wait_for(pilot, lambda: store.count() == 0, description="the deletion")
        await wait_for(pilot, lambda: table.row_count == 0, description="the empty list")
        await pilot.press("u")
        await wait_for(pilot, lambda: store.count() == 1, description="undo")
        assert store.list()[0].id == original.id and store.list()[0].note == "Rutte in Prag"

        await wait_for(pilot, lambda: table.row_count == 1, description="the restored row")
        before = screen.opened
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.opened is not before,
                       description="the bookmarked article to open again")
        assert screen.opened.article.id == article.id


async def test_e_exports_bookmarks_to_the_path_asked_for_and_asks_before_replacing(app, tmp_path: Path):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await open_search_result(pilot, screen, "Rutte")
        title = screen.opened.article.title
        await pilot.press("right_square_bracket", "b")
        await wait_for(pilot, lambda: app.library.bookmarks.count() == 1, description="a bookmark")
        target = tmp_path / "bookmarks.md"

        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, PathPrompt), description="the path prompt")
        await pilot.press("enter")
        await wait_for(pilot, lambda: target.exists(), description="the export file")
        assert title in target.read_text(encoding="utf-8")
        assert "Rutte" in target.read_text(encoding="utf-8")

        target.write_text("an older export", encoding="utf-8")
        await pilot.press("e")
        await wait_for(pilot, lambda: isinstance(app.screen, PathPrompt), description="the path prompt")
        await pilot.press("enter")
        await wait_for(pilot, lambda: isinstance(app.screen, Confirm), description="the overwrite question")
        assert target.read_text(encoding="utf-8") == "an older export"
        await pilot.press("y")
        await wait_for(pilot, lambda: title in target.read_text(encoding="utf-8"), description="the replaced export")
