"""Quotes in the app: marked in the body, a said:/quote: search makes them the article's hits,
Q lists an entity's quotes (Enter jumps, b bookmarks), p opens its profile (timeline, appears
with, sources, quotes; Enter hops to another entity)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.widgets import DataTable, OptionList, Sparkline, Static

from index.library import Library
from reader.ui.screens.entity_profile import EntityProfileScreen
from reader.ui.screens.quotes import QuotesScreen
from tests.ui.conftest import make_app, type_text, wait_until_listed, wait_until_open
from tests.ui.test_hopping import choose_entity
from tests.ui.waiting import wait_for

ARTICLES = [
    {"title": "Gipfel in Brüssel", "source": "Tagesblatt", "published": "2026-03-02T09:00:00+00:00",
     "body": "Die Nato berät über die Ostflanke. „Wir stehen zusammen“, sagte Nato-Generalsekretär Mark Rutte "
             "am Montag in Brüssel. Es sei nicht an Russland, darüber zu entscheiden, so Rutte."},
    {"title": "Rutte in Berlin", "source": "Abendpost", "published": "2026-03-05T09:00:00+00:00",
     "body": "Mark Rutte traf Friedrich Merz im Kanzleramt. Merz sagte, Deutschland werde mehr Soldaten schicken. "
             "»Das ist unsere Pflicht«, erklärte Rutte danach."},
]


@pytest.fixture(scope="module")
def quote_library(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("quote_news")
    (folder / "news.jsonl").write_text("".join(json.dumps(a, ensure_ascii=False) + "\n" for a in ARTICLES),
                                       encoding="utf-8")
    data_dir = tmp_path_factory.mktemp("quote_library")
    with Library.open(data_dir) as library:
        library.add([folder / "news.jsonl"])
    return data_dir


@pytest.fixture
def app(quote_library: Path, tmp_path: Path):
    return make_app(quote_library, tmp_path)


async def open_article(pilot, screen, title: str) -> None:
    screen.article_list.focus()
    for _ in range(len(screen.article_list.article_ids)):
        await pilot.press("enter")
        await wait_until_open(pilot, screen)
        if screen.opened.article.title == title:
            return
        await pilot.press("j")
    raise AssertionError(f"{title} is not in the list")


async def rutte_as_target(pilot, screen) -> None:
    await open_article(pilot, screen, "Rutte in Berlin")
    rutte = next(e for e in screen.opened.entities if e.name == "Mark Rutte")
    await choose_entity(pilot, screen, rutte)


async def test_quotes_are_marked_in_the_article_body(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 2)
        await open_article(pilot, screen, "Rutte in Berlin")
        body = screen.opened.article.body
        marked = [body[q.start:q.end] for q in screen.article_view.highlights.quotes]
        assert "Das ist unsere Pflicht" in marked
        assert "Deutschland werde mehr Soldaten schicken" in marked


async def saved_bookmark(pilot, app, quote: str):
    """The bookmark of this quote, once saved (the library is shared by this module's tests)."""
    def find():
        return next((b for b in app.library.bookmarks.list() if b.quote == quote), None)

    await wait_for(pilot, lambda: find() is not None, description="the bookmark to be saved")
    return find()


async def search_and_open(pilot, screen, query: str, title: str) -> None:
    await pilot.press("slash")
    await type_text(pilot, query)
    await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"), description="results")
    await pilot.press("enter")
    await open_article(pilot, screen, title)


async def test_a_said_search_makes_the_speakers_quotes_the_hits_to_step_through(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 2)
        await search_and_open(pilot, screen, "said:Rutte", "Gipfel in Brüssel")
        body = screen.opened.article.body
        hits = [body[h.start:h.end] for h in screen.article_view.highlights.hits]
        assert hits == ["Wir stehen zusammen", "Es sei nicht an Russland, darüber zu entscheiden"]
        screen.article_view.focus()
        await pilot.press("right_square_bracket", "right_square_bracket")
        current = screen.article_view.highlights.current
        assert body[current.start:current.end] == "Es sei nicht an Russland, darüber zu entscheiden"
        assert "hit 2/2" in screen.status


async def test_b_on_a_quote_hit_bookmarks_the_quote_with_its_speaker(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 2)
        await search_and_open(pilot, screen, "said:Rutte", "Gipfel in Brüssel")
        screen.article_view.focus()
        await pilot.press("right_square_bracket", "right_square_bracket", "b")
        bookmark = await saved_bookmark(pilot, app, "Es sei nicht an Russland, darüber zu entscheiden")
        assert bookmark.note == "Mark Rutte, as “Rutte” (indirect quote)"


async def test_a_quote_search_hits_the_quotes_holding_the_word_and_other_words_stay_hits(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 2)
        await search_and_open(pilot, screen, "quote:Pflicht Kanzleramt", "Rutte in Berlin")
        body = screen.opened.article.body
        assert [body[h.start:h.end] for h in screen.article_view.highlights.hits] == [
            "Kanzleramt", "Das ist unsere Pflicht"]


async def test_Q_lists_the_targets_quotes_newest_first_and_enter_jumps_there(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 2)
        await rutte_as_target(pilot, screen)
        await pilot.press("Q")
        await wait_for(pilot, lambda: isinstance(app.screen, QuotesScreen) and app.screen.quotes,
                       description="the quotes screen to fill")
        quotes = app.screen.quotes
        assert [q["text"] for q in quotes][:2] == ["Das ist unsere Pflicht", "Wir stehen zusammen"]
        assert app.screen.query_one(DataTable).row_count == 3
        await pilot.press("j", "enter")
        await wait_for(pilot, lambda: screen.opened is not None and screen.opened.article.title == "Gipfel in Brüssel"
                       and screen.place is not None, description="the jump to the quote")
        assert screen.opened.article.body[screen.place.span.start:screen.place.span.end] == "Wir stehen zusammen"


async def test_b_on_a_quote_bookmarks_it_as_a_passage_with_its_speaker(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 2)
        await rutte_as_target(pilot, screen)
        await pilot.press("Q")
        await wait_for(pilot, lambda: isinstance(app.screen, QuotesScreen) and app.screen.quotes,
                       description="the quotes screen to fill")
        await pilot.press("b")
        bookmark = await saved_bookmark(pilot, app, "Das ist unsere Pflicht")
        assert "Mark Rutte" in bookmark.note


async def test_p_opens_the_profile_and_enter_on_a_companion_makes_it_the_hop_target(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 2)
        await rutte_as_target(pilot, screen)
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, EntityProfileScreen) and app.screen.profile,
                       description="the profile to load")
        profile_screen = app.screen
        assert list(profile_screen.query_one(Sparkline).data) == [1, 0, 0, 1]  # 2 March, nothing, 5 March
        assert "Tagesblatt" in str(profile_screen.query_one("#profile-sources", Static).render())
        assert "Das ist unsere Pflicht" in str(profile_screen.query_one("#profile-quotes", Static).render())
        companions = profile_screen.query_one("#profile-with", OptionList)
        names = [str(companions.get_option_at_index(i).prompt) for i in range(companions.option_count)]
        merz = next(i for i, name in enumerate(names) if name.startswith("Friedrich Merz"))
        companions.highlighted = merz
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.trail is not None and screen.trail.entity.name == "Friedrich Merz",
                       description="Merz to become the hop target")


def one_article_library(tmp_path_factory, article: dict) -> Path:
    folder = tmp_path_factory.mktemp("news")
    (folder / "news.jsonl").write_text(json.dumps(article, ensure_ascii=False) + "\n", encoding="utf-8")
    data_dir = tmp_path_factory.mktemp("library")
    with Library.open(data_dir) as library:
        library.add([folder / "news.jsonl"])
    return data_dir


async def test_the_profile_of_an_entity_in_undated_articles_shows_no_chart(tmp_path_factory, tmp_path):
    # 10kGNAD's articles have no dates: an empty timeline must not be drawn as a full bar
    undated = {k: v for k, v in ARTICLES[1].items() if k != "published"}
    app = make_app(one_article_library(tmp_path_factory, undated), tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 1)
        await rutte_as_target(pilot, screen)
        await pilot.press("p")
        await wait_for(pilot, lambda: isinstance(app.screen, EntityProfileScreen) and app.screen.profile,
                       description="the profile to load")
        profile_screen = app.screen
        await pilot.pause()
        assert not profile_screen.query_one(Sparkline).display
        label = str(profile_screen.query_one("#profile-timeline-label").render())
        assert label == "No dated articles: Mark Rutte has no timeline."
        assert "Das ist unsere Pflicht" in str(profile_screen.query_one("#profile-quotes", Static).render())


async def test_a_long_quote_fits_a_small_screen_cut_between_words(tmp_path_factory, tmp_path):
    pledge = ("Wir werden die Ostflanke der Allianz mit zusätzlichen Soldaten, Flugzeugen und Schiffen "
              "dauerhaft und für alle sichtbar verstärken")
    article = ARTICLES[1] | {"body": f"Mark Rutte traf Friedrich Merz im Kanzleramt. „{pledge}“, erklärte Rutte danach."}
    app = make_app(one_article_library(tmp_path_factory, article), tmp_path)
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 1)
        await rutte_as_target(pilot, screen)
        await pilot.resize_terminal(80, 24)
        await pilot.press("Q")
        await wait_for(pilot, lambda: isinstance(app.screen, QuotesScreen) and app.screen.quotes,
                       description="the quotes screen to fill")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        shown_quote = str(table.get_cell_at((0, 3)))
        assert shown_quote.endswith("…") and pledge.startswith(shown_quote[:-1])
        assert shown_quote[:-1].split()[-1] in pledge.replace(",", "").split()  # a whole word before the ellipsis
        assert table.virtual_size.width <= 80  # nothing cut off at the right edge
