"""Managing and citing from the app: x removes an article and Ctrl+Z brings it back; an empty
library says how to add articles and offers the samples (i); seeds only on a library's first start;
y copies the passage with its citation; o opens the article's address in the browser."""

from __future__ import annotations

import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from index.library import Library
from index.models import Article
from reader import cli
from reader.ui import launch
from reader.ui.screens.main_library import EMPTY_LIBRARY
from tests.ui.conftest import make_app, wait_until_listed
from tests.ui.waiting import wait_for


async def open_search_result(pilot, screen, query: str) -> None:
    await pilot.press("slash", *query)
    await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"), description="results")
    await pilot.press("enter")
    await wait_for(pilot, lambda: screen.opened is not None, description="the article to open")

SEEDS = Path(__file__).resolve().parents[2] / "seeds"


def assert_named_between_words(message: str, title: str) -> None:
    """The title in the notice is whole, or cut after a word with an ellipsis."""
    named = message.split("“", 1)[1].rsplit("”", 1)[0]
    if named != title:
        assert named.endswith("…") and title.startswith(named[:-1])
        assert not title[len(named) - 1].isalnum(), f"{named!r} cuts a word of {title!r}"


async def test_x_removes_the_highlighted_article_and_ctrl_z_brings_it_back(app):
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await wait_until_listed(pilot, 5)
        listing = screen.article_list
        listing.focus()
        await pilot.press("j")
        doomed, neighbour = listing.article_ids[1], listing.article_ids[2]
        title = app.library.article(doomed).title
        assert len(title) > 60  # long enough to be cut in the notices
        await pilot.press("x")
        await wait_for(pilot, lambda: len(listing.article_ids) == 4, description="the list without it")
        assert doomed not in listing.article_ids and listing.highlighted_option.id == neighbour
        assert app.library.count() == 4 and doomed not in {h.id for h in app.library.search("Paris", limit=50)}
        assert listing.border_title == "Articles (4)"
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: len(listing.article_ids) == 5, description="the article back")
        assert doomed in listing.article_ids and app.library.count() == 5
        assert doomed in {h.id for h in app.library.search("Paris", limit=50)}
        removed, brought_back = (n.message for n in app._notifications)
        assert removed.startswith("Removed “") and brought_back.startswith("Brought back “")
        assert_named_between_words(removed, title)
        assert_named_between_words(brought_back, title)


def pane_lines(screen) -> list[str]:
    pane = screen.entity_pane
    return [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)]


async def test_the_entity_pane_counts_without_the_removed_article_and_again_after_undo(app):
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        screen.article_list.focus()
        await pilot.press("a")  # the library's entities
        await wait_for(pilot, lambda: screen.entity_pane.scope == "library" and screen.entity_pane.entity_names,
                       description="the library's entities")
        before = pane_lines(screen)
        listing = screen.article_list
        library_wide = {e.id: e for e in app.library.entities()}
        doomed = next(article_id for article_id in listing.article_ids
                      if any(library_wide[e.id].articles == 1 for e in app.library.entities(article_id=article_id)))
        only_there = next(library_wide[e.id].name for e in app.library.entities(article_id=doomed)
                          if library_wide[e.id].articles == 1 and library_wide[e.id].name in screen.entity_pane.entity_names)
        listing.highlighted = listing.article_ids.index(doomed)
        await pilot.press("x")
        await wait_for(pilot, lambda: only_there not in screen.entity_pane.entity_names, description="its entity gone")
        assert len(listing.article_ids) == 4 and pane_lines(screen) != before
        await pilot.press("ctrl+z")
        await wait_for(pilot, lambda: pane_lines(screen) == before, description="the counts as they were")
        assert doomed in listing.article_ids


async def test_removing_the_open_article_clears_the_view(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await open_search_result(pilot, screen, "Witkoff")
        opened = screen.opened.article.id
        await pilot.press("x")
        await wait_for(pilot, lambda: opened not in screen.article_list.article_ids, description="the removal")
        assert screen.opened is None and "Ctrl+Z brings it back" in screen.article_view.visible_text


async def test_an_empty_library_says_how_to_add_articles_and_i_imports_the_samples(tmp_path):
    app = make_app(tmp_path / "library", tmp_path, import_seeds_when_empty=False)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        await wait_for(pilot, lambda: screen.ready and EMPTY_LIBRARY.split(".")[0] in screen.article_view.visible_text,
                       description="the empty library's message")
        assert "reader add PATH" in " ".join(screen.article_view.visible_text.split())
        await pilot.press("i")
        await wait_until_listed(pilot, 5)


async def test_seeds_come_only_on_the_first_start(tmp_path):
    data_dir = tmp_path / "library"
    async with make_app(data_dir, tmp_path).run_test(size=(120, 40)) as pilot:
        await wait_until_listed(pilot, 5)
    with Library.open(data_dir) as library:
        from index.removal import remove_articles

        remove_articles(library, library.store.all_ids())
    app = make_app(data_dir, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        await wait_for(pilot, lambda: screen.ready and "The library is empty" in screen.article_view.visible_text,
                       description="the empty library, not the seeds again")
        assert app.library.count() == 0


def test_the_cli_imports_seeds_only_into_the_default_library(tmp_path, monkeypatch):
    calls: list[tuple[Path, bool]] = []
    monkeypatch.setattr(launch, "run_app", lambda data_dir, import_seeds=True: calls.append((data_dir, import_seeds)) or 0)
    monkeypatch.delenv("READER_DATA_DIR", raising=False)
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    assert cli.main([]) == 0
    assert cli.main(["--data-dir", str(tmp_path / "mine")]) == 0
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "env"))
    assert cli.main([]) == 0
    assert calls == [(tmp_path / "xdg" / "reader", True), (tmp_path / "mine", False), (tmp_path / "env", False)]


async def test_y_copies_the_passage_at_the_hit_with_its_citation(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await open_search_result(pilot, screen, "Witkoff")
        await pilot.press("right_square_bracket")
        article, hit = screen.opened.article, screen.place.span
        await pilot.press("y")
        copied = app.clipboard
        passage, _, citation = copied.partition("\n\n— ")
        assert article.body.find(passage) <= hit.start and "Witkoff" in passage
        assert passage == article.body[article.body.find(passage):article.body.find(passage) + len(passage)]
        assert citation.startswith(" ".join(article.title.split()).rstrip(".") + ".")
        assert "2025-09-04" in citation and (article.url or article.path) in citation


async def test_o_opens_the_address_in_the_browser(seeded_library, tmp_path, monkeypatch):
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.py"
    browser.write_text(f"import sys\nopen({str(opened)!r}, 'w').write(sys.argv[1])\n", encoding="utf-8")
    monkeypatch.setenv("BROWSER", f"{sys.executable} {browser} %s")
    with Library.open(seeded_library) as library:
        library.add_articles([Article(title="Gipfel in Paris", body="Macron empfing Starmer in Paris.",
                                      url="https://example.org/gipfel", source="Beispiel",
                                      published=datetime(2025, 9, 6, 9, tzinfo=timezone(timedelta(hours=2))))])
    app = make_app(seeded_library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 6)
        await open_search_result(pilot, screen, "Starmer empfing")
        await pilot.press("o")
        await wait_for(pilot, lambda: opened.exists() and opened.read_text() != "", description="the browser to run")
        assert opened.read_text() == "https://example.org/gipfel"


async def test_bookmarks_of_a_removed_article_still_list_on_the_bookmarks_screen(seeded_library, tmp_path):
    from textual.widgets import DataTable

    from index.removal import remove_articles
    from reader.ui.screens.bookmarks import BookmarksScreen

    with Library.open(seeded_library) as library:
        gone = library.articles()[0]
        library.bookmarks.add(gone.id, note="behalten")
        remove_articles(library, [gone.id])
    app = make_app(seeded_library, tmp_path)
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_until_listed(pilot, 4)
        await pilot.press("B")
        await wait_for(pilot, lambda: isinstance(app.screen, BookmarksScreen) and app.screen.bookmarks,
                       description="the bookmarks screen")
        row = app.screen.query_one(DataTable).get_row_at(0)
        assert "(removed)" in str(row[0]) and "behalten" in str(row[2])
