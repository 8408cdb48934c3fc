"""Articles added by another process while the app is open: offered automatically or with `r`."""

from __future__ import annotations

import asyncio
from datetime import datetime, timezone
from pathlib import Path

from index.library import Library
from index.models import Article
from reader.ui.screens.help import HelpScreen
from tests.ui.conftest import make_app, type_text, wait_until_listed
from tests.ui.test_app_shell import write_library
from tests.ui.waiting import settle, wait_for


def newer_article(title: str, body: str) -> Article:
    """Dated after every seed, so it is listed first."""
    return Article(title=title, body=body, source="Zweitzeitung",
                   published=datetime(2030, 1, 2, 9, 30, tzinfo=timezone.utc), url=f"https://example.org/{title}")


async def add_from_another_process(data_dir: Path, *articles: Article) -> None:
    """What `reader add` in a second terminal does: its own Library on the same directory."""
    def add() -> None:
        with Library.open(data_dir) as other:
            report = other.add_articles(list(articles))
            assert report.added == len(articles)

    await asyncio.to_thread(add)


async def test_articles_added_elsewhere_appear_in_the_list_and_the_cursor_stays_on_its_article(app, seeded_library):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await pilot.press("j", "j")
        chosen = screen.article_list.highlighted_option.id
        before = screen.article_list.article_ids

        await add_from_another_process(seeded_library, newer_article(
            "Haushaltsstreit im Bundestag", "Der Bundestag streitet über den Haushalt.\n\nDie Opposition widerspricht."))

        await wait_for(pilot, lambda: len(screen.article_list.article_ids) == 6, description="the new article")
        ids = screen.article_list.article_ids
        assert ids[1:] == before  # the new one is newest, listed first; the rest are unchanged
        assert str(screen.article_list.get_option_at_index(0).prompt).startswith("Haushaltsstreit im Bundestag")
        assert screen.article_list.border_title == "Articles (6)"
        assert screen.article_list.highlighted_option.id == chosen


async def test_during_a_search_new_articles_are_offered_and_r_reruns_the_search(app, seeded_library):
    async with app.run_test(size=(120, 40), notifications=True) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await pilot.press("slash")
        await type_text(pilot, "Rutte")
        await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"), description="results")
        results = screen.article_list.article_ids
        await pilot.press("tab")  # from the search input to the list, where r is a key and not a letter
        assert screen.focused is screen.article_list

        await add_from_another_process(seeded_library, newer_article(
            "Rutte besucht Kiew", "NATO-Generalsekretär Rutte sagt der Ukraine weitere Hilfe zu."))

        await wait_for(pilot, lambda: any("press r" in n.message for n in app._notifications),
                       description="the offer to refresh")
        assert screen.article_list.article_ids == results  # results are not reshuffled under the reader

        await pilot.press("r")
        await wait_for(pilot, lambda: len(screen.article_list.article_ids) == len(results) + 1,
                       description="the search run again")
        new_ids = set(screen.article_list.article_ids) - set(results)
        assert [app.library.article(article_id).title for article_id in new_ids] == ["Rutte besucht Kiew"]
        assert screen.search_text == "Rutte"


async def test_r_reloads_the_list_and_is_in_help_and_the_palette(app, seeded_library):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        assert screen.library_watch is not None
        titles = {command.title for command in app.get_system_commands(app.screen)}
        assert "Refresh" in titles
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        assert ("r", "Refresh") in {(key, description) for _, key, description in app.screen.rows}
        await pilot.press("escape")

        screen.library_watch.pause()  # no automatic reload: only r can bring the new article in
        await add_from_another_process(seeded_library, newer_article("Neue Regeln für Radfahrer", "Radwege werden breiter."))
        await pilot.pause(0.1)
        assert len(screen.article_list.article_ids) == 5
        await pilot.press("r")
        await wait_for(pilot, lambda: len(screen.article_list.article_ids) == 6, description="the reloaded list")
        assert str(screen.article_list.get_option_at_index(0).prompt).startswith("Neue Regeln für Radfahrer")


async def test_a_scrolled_list_keeps_its_scroll_position_when_new_articles_arrive(tmp_path: Path):
    write_library(tmp_path / "big", 60)
    app = make_app(tmp_path / "big", tmp_path, page_size=50)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot)
        await pilot.press("pagedown", "pagedown", *"kkkkk")  # the cursor mid-screen, the list scrolled
        await settle(pilot)
        scrolled_to, chosen = screen.article_list.scroll_y, screen.article_list.highlighted_option.id
        assert scrolled_to > 0

        await add_from_another_process(tmp_path / "big", newer_article("Eilmeldung", "Etwas Neues ist passiert."))

        await wait_for(pilot, lambda: screen.article_list.border_title == "Articles (61)", description="the new article")
        await settle(pilot)
        assert screen.article_list.highlighted_option.id == chosen
        assert screen.article_list.scroll_y == scrolled_to
