"""Research over results in the app: s sorts them (the header says how), the header counts every
match."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.research_library import write_research_library
from tests.ui.conftest import make_app, wait_until_listed
from tests.ui.waiting import wait_for


@pytest.fixture(scope="module")
def research_template(tmp_path_factory) -> Path:
    return write_research_library(tmp_path_factory.mktemp("research") / "library")


@pytest.fixture
def research_app(research_template: Path, tmp_path: Path):
    import shutil

    data_dir = tmp_path / "library"
    shutil.copytree(research_template, data_dir)
    return make_app(data_dir, tmp_path)


def listed_dates(screen) -> list:
    library = screen.app.library
    return [library.article(article_id).published for article_id in screen.article_list.article_ids]


async def search(pilot, screen, query: str) -> None:
    await pilot.press("slash", *query)
    await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"), description="results")
    screen.article_list.focus()


async def test_s_sorts_the_results_newest_then_oldest_then_by_relevance(research_app):
    async with research_app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot)
        await search(pilot, screen, "Impfstoff")
        assert screen.article_list.border_title == "Results (8) · by relevance"
        by_relevance = list(screen.article_list.article_ids)
        await pilot.press("s")
        await wait_for(pilot, lambda: screen.article_list.border_title == "Results (8) · newest first",
                       description="the newest first")
        newest = listed_dates(screen)
        assert newest == sorted(newest, reverse=True) and len(newest) == 8
        await pilot.press("s")
        await wait_for(pilot, lambda: screen.article_list.border_title == "Results (8) · oldest first",
                       description="the oldest first")
        assert listed_dates(screen) == newest[::-1]
        await pilot.press("s")
        await wait_for(pilot, lambda: screen.article_list.border_title == "Results (8) · by relevance",
                       description="back to relevance")
        assert list(screen.article_list.article_ids) == by_relevance


async def test_the_sort_stays_for_the_next_query(research_app):
    async with research_app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot)
        screen.article_list.focus()
        await pilot.press("s")  # before any search: remembered
        await search(pilot, screen, "Spahn")
        await wait_for(pilot, lambda: screen.article_list.border_title.endswith("newest first"),
                       description="the results newest first")
        dates = listed_dates(screen)
        assert dates == sorted(dates, reverse=True) and len(dates) >= 3


async def test_f_lists_facets_and_choosing_one_adds_its_condition_to_the_query(research_app):
    from reader.ui.screens.facets import FacetsScreen

    async with research_app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot)
        await search(pilot, screen, "Impfstoff")
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, FacetsScreen), description="the facets")
        facets = pilot.app.screen
        assert 'source:"Spiegel"' in facets.conditions and "date:2020-04" in facets.conditions
        assert 'person:"Jens Spahn"' in facets.conditions
        while facets.conditions[int(facets.query_one("#facets").highlighted_option.id.split("-")[1])] \
                != "date:2020-04":
            await pilot.press("j")
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.article_list.border_title == "Results (3) · by relevance",
                       description="the narrowed results")
        assert screen.search_text == "Impfstoff date:2020-04"
        assert all(date.month == 4 for date in listed_dates(screen))


async def test_the_entity_pane_lists_the_entities_of_the_results_and_enter_narrows_to_one(research_app):
    async with research_app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot)
        await search(pilot, screen, "Impfstoff")
        await pilot.press("a")
        pane = screen.entity_pane
        await wait_for(pilot, lambda: pane.border_title == "Entities · these results" and "Jens Spahn" in pane.entity_names,
                       description="the entities of the results")
        spahn = next(entity for entity in pane._shown if entity.name == "Jens Spahn")
        narrowed = app_count(screen, 'Impfstoff person:"Jens Spahn"')
        assert spahn.mentions == narrowed  # its count is the results that mention it
        pane.focus()
        pane.highlighted = pane.get_option_index(spahn.id)
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.article_list.border_title == f"Results ({narrowed}) · by relevance",
                       description="the narrowed results")
        assert screen.search_text == 'Impfstoff person:"Jens Spahn"'
        await wait_for(pilot, lambda: pane.border_title == "Entities · these results"
                       and pane.entity_names[:1] == ["Jens Spahn"], description="the entities of the new results")
        await pilot.press("a")
        await wait_for(pilot, lambda: pane.border_title == "Entities · all articles", description="all articles")


def app_count(screen, query: str) -> int:
    return screen.app.library.find(query, 0, count=True).total


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_facets_screen(snap_compare, research_template: Path, tmp_path: Path, size):
    import shutil

    from reader.ui.screens.facets import FacetsScreen
    from tests.ui.test_snapshots import quiet

    shutil.copytree(research_template, tmp_path / "library")

    async def run_before(pilot) -> None:
        screen = await wait_until_listed(pilot)
        await search(pilot, screen, "Impfstoff")
        await pilot.press("F")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, FacetsScreen), description="the facets")
        await quiet(pilot)

    assert snap_compare(make_app(tmp_path / "library", tmp_path), terminal_size=size, run_before=run_before)


async def test_after_person_search_the_mentions_are_the_hits_of_the_article(research_app):
    async with research_app.run_test(size=(120, 40)) as pilot:
        screen = await wait_until_listed(pilot)
        await search(pilot, screen, 'person:"Jens Spahn"')
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.opened is not None, description="the best result")
        article = screen.opened.article
        spahn = screen.app.library.entity("Jens Spahn").id
        mentions = [(m.start, m.end) for m in screen.app.library.mentions(article.id) if m.entity == spahn]
        assert [(s.start, s.end) for s in screen.opened.hits] == mentions and len(mentions) >= 3
        await pilot.press("right_square_bracket")
        assert "hit 1/" in screen.status
        assert article.body[screen.place.span.start:screen.place.span.end] in {"Jens Spahn", "Spahn"}
        await pilot.press("right_square_bracket")
        assert "hit 2/" in screen.status and (screen.place.span.start, screen.place.span.end) == mentions[1]


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_results_newest_first_with_their_entities(snap_compare, research_template: Path, tmp_path: Path, size):
    import shutil

    from tests.ui.test_snapshots import quiet

    shutil.copytree(research_template, tmp_path / "library")

    async def run_before(pilot) -> None:
        screen = await wait_until_listed(pilot)
        await search(pilot, screen, "Impfstoff")
        await pilot.press("s", "a")
        pane = screen.entity_pane
        await wait_for(pilot, lambda: screen.article_list.border_title == "Results (8) · newest first"
                       and pane.border_title == "Entities · these results" and "Jens Spahn" in pane.entity_names,
                       description="the sorted results and their entities")
        await quiet(pilot)

    assert snap_compare(make_app(tmp_path / "library", tmp_path), terminal_size=size, run_before=run_before)
