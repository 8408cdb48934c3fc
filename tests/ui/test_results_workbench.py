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
