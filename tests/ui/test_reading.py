"""Start, list, search as you type, open, step through hits: what a reader sees on the screen."""

from __future__ import annotations

from pathlib import Path

from textual import events

from reader.ui.messages import ImportProgress
from tests.ui.conftest import make_app, type_text, wait_until_listed
from tests.ui.waiting import settle, wait_for


async def test_the_list_shows_the_library_newest_first_with_its_count(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        expected = [summary.id for summary in app.library.articles()]
        assert screen.article_list.article_ids == expected
        assert screen.article_list.border_title == "Articles (5)"
        assert "Select an article" in screen.article_view.visible_text


async def test_an_empty_library_imports_the_bundled_articles_with_visible_progress(tmp_path: Path):
    app = make_app(tmp_path / "new-library", tmp_path)
    progress: list[ImportProgress] = []

    def record(message) -> None:
        if isinstance(message, ImportProgress):
            progress.append(message)

    async with app.run_test(size=(120, 40), message_hook=record) as pilot:
        screen = await wait_until_listed(pilot, 5)
        assert progress and progress[-1].done == progress[-1].total
        assert not screen.query_one("#import").display  # the progress bar goes once the import is done
        assert app.library.count() == 5


async def test_an_empty_library_without_seeds_says_how_to_add_articles(tmp_path: Path):
    (tmp_path / "no-seeds").mkdir()
    app = make_app(tmp_path / "new-library", tmp_path, seeds_dir=tmp_path / "no-seeds")
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.main_screen
        await wait_for(pilot, lambda: "reader add PATH" in " ".join(screen.article_view.visible_text.split()),
                       description="the empty-library hint")
        assert screen.article_list.article_ids == []


async def test_typing_searches_as_you_type_and_ranks_matching_articles(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await pilot.press("slash")
        assert screen.focused is screen.search_bar.input
        await type_text(pilot, "Rutte")
        await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"),
                       description="search results")
        hits = app.library.search("Rutte", limit=200)
        assert 0 < len(hits) < 5
        assert screen.article_list.article_ids == [hit.id for hit in hits]
        # Each row: the date as precise as the article gives it, and the query's word in bold in the snippet.
        assert {hit.published_precision for hit in hits} >= {"day", "minute"}
        for hit in hits:
            prompt = screen.article_list.get_option(hit.id).prompt
            shown_date = prompt.plain.split("\n")[1].split(" · ")[0]
            day_only = hit.published_precision == "day"  # shown without a made-up "00:00"
            assert shown_date == hit.published.strftime("%Y-%m-%d" if day_only else "%Y-%m-%d %H:%M")
            bold = {prompt.plain[span.start:span.end] for span in prompt.spans if str(span.style) == "bold not italic"}
            assert bold == {"Rutte"}


async def test_keys_typed_straight_after_slash_land_in_the_search_input(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        # Queued all at once, as a fast typist's keys reach the app before it has handled the first.
        for key, character in [("slash", "/"), ("R", "R"), ("u", "u"), ("t", "t"), ("t", "t"), ("e", "e")]:
            app.post_message(events.Key(key, character))
        await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"),
                       description="search results")
        assert screen.search_text == "Rutte"
        await pilot.press("slash")
        assert screen.search_text == "Rutte/"  # inside the input, / is a character


async def test_results_of_a_query_the_reader_has_typed_past_are_dropped(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await pilot.press("slash")
        await type_text(pilot, "Rutte")
        await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"),
                       description="search results")
        rutte = screen.article_list.article_ids
        macron = [hit.id for hit in app.library.search("Macron", limit=200)]
        assert macron != rutte
        screen.run_search("Macron", 200)  # a slow search for what the input said before
        await settle(pilot)
        assert screen.article_list.article_ids == rutte


async def test_escape_clears_the_search_and_shows_every_article_again(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await pilot.press("slash")
        await type_text(pilot, "Rutte")
        await wait_for(pilot, lambda: len(screen.article_list.article_ids) < 5, description="search results")
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(screen.article_list.article_ids) == 5, description="the full list")
        assert screen.search_text == ""
        assert screen.article_list.border_title == "Articles (5)"
        assert screen.focused is screen.article_list


async def test_enter_opens_the_best_result_with_its_hits_highlighted(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await pilot.press("slash")
        await type_text(pilot, "Macron")
        await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"),
                       description="search results")
        best = screen.article_list.article_ids[0]
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.opened is not None, description="the article to open")
        article = screen.article_view.article
        assert article.id == best
        assert article.title in " ".join(screen.article_view.visible_text.split())  # wrapped
        hits = screen.article_view.highlights.hits
        assert hits and all(article.body[h.start:h.end].casefold().startswith("macron") for h in hits)
        assert screen.focused is screen.article_view


async def test_enter_typed_before_the_results_come_opens_the_best_result_once_they_do(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        newest = screen.article_list.article_ids[0]
        best = app.library.search("Rutte", limit=1)[0].id
        assert best != newest
        await pilot.press("slash")
        with screen.search_slot:  # the search is slow, as on a large library: Enter comes first
            await type_text(pilot, "Rutte")
            await pilot.press("enter")
            await pilot.pause(0.2)  # the worker waits for the slot: settle() would wait for ever
            assert screen.opened is None  # not the newest article of the list still shown
        await wait_for(pilot, lambda: screen.opened is not None, description="the best result to open")
        assert screen.article_view.article.id == best
        assert screen.article_view.highlights.hits


async def test_next_and_previous_hit_move_the_current_highlight(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await pilot.press("slash")
        await type_text(pilot, "Ukraine")
        await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"),
                       description="search results")
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.opened is not None, description="the article to open")
        hits = screen.opened.hits
        assert len(hits) >= 2
        await pilot.press("right_square_bracket")
        assert screen.article_view.highlights.current == hits[0]
        assert f"hit 1/{len(hits)}" in screen.status
        await pilot.press("right_square_bracket")
        assert screen.article_view.highlights.current == hits[1]
        await pilot.press("left_square_bracket")
        assert screen.article_view.highlights.current == hits[0]
        assert f"hit 1/{len(hits)}" in screen.status


async def test_the_current_hit_is_scrolled_into_view(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await pilot.press("slash")
        await type_text(pilot, "Ukraine")
        await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"),
                       description="search results")
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.opened is not None, description="the article to open")
        view = screen.article_view
        last = screen.opened.hits[-1]
        await pilot.press("left_square_bracket")  # from the top, back around to the last hit
        assert view.highlights.current == last
        line = view.line_of_offset(last.start)
        assert view.scroll_y <= line < view.scroll_y + view.scrollable_content_region.height


async def test_a_bad_query_explains_itself_under_the_input(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        list_region = screen.article_list.region
        await pilot.press("slash")
        await type_text(pilot, "(Rutte")
        await wait_for(pilot, lambda: "parenthesis" in screen.search_bar.error,
                       description="an error under the input")
        await pilot.pause()
        error_line = screen.search_bar.query_one("#search-error")
        assert error_line.display
        # Drawn on the line under the input, over the panes' top edge: the panes do not move.
        assert error_line.region.y == screen.search_bar.input.region.bottom
        assert screen.get_widget_at(2, error_line.region.y)[0] is error_line  # on top, seen
        assert screen.article_list.region == list_region
        assert len(screen.article_list.article_ids) == 5  # the list is left as it was
        await type_text(pilot, ")")
        await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"),
                       description="results once the query is fixed")
        assert not screen.search_bar.error


async def test_entity_queries_work_as_on_the_command_line(app):
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await pilot.press("slash")
        await type_text(pilot, "person:Rutte")
        await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"),
                       description="search results")
        expected = [hit.id for hit in app.library.search("person:Rutte", limit=200)]
        assert expected and screen.article_list.article_ids == expected


async def test_j_and_k_move_through_the_list_and_scroll_the_article(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        assert screen.article_list.highlighted == 0
        await pilot.press("j", "j", "down")
        assert screen.article_list.highlighted == 3
        await pilot.press("k", "up")
        assert screen.article_list.highlighted == 1
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.opened is not None, description="the article to open")
        assert screen.opened.article.id == screen.article_list.article_ids[1]
        view = screen.article_view
        assert view.scroll_y == 0
        await pilot.press("j", "j", "j")
        assert view.scroll_y == 3
        await pilot.press("k")
        assert view.scroll_y == 2
