"""The app with copy groups and stories (Pilot): one row per group, the header's "also in",
c for the word diff, C to show every copy, S for the stories."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from index.library import Library
from index.models import Article
from reader.ui.screens.copies import CopyDiffScreen, StoriesScreen
from tests.stories.conftest import START, copy_of
from tests.stories.test_stories import QUAKE_SZ, QUAKE_ZEIT
from tests.ui.conftest import make_app, wait_until_listed, wait_until_open
from tests.ui.waiting import wait_for


@pytest.fixture
def copies_library(tmp_path: Path, texts) -> tuple[Path, dict[str, Article]]:
    text = texts["Wirtschaft"][4]
    made = {
        "dpa": Article(title="Das Original", body="Berlin (dpa) – " + text, source="dpa", published=START),
        "Spiegel": Article(title="Spiegel-Fassung", body=copy_of(text, 11, texts)[1], source="Spiegel",
                           published=START + timedelta(hours=2)),
        "Zeit": Article(title="Zeit-Fassung", body=copy_of(text, 12, texts)[1], source="Zeit",
                        published=START + timedelta(hours=3)),
        "taz": Article(title="Etwas ganz anderes", body=texts["Wirtschaft"][5], source="taz",
                       published=START + timedelta(hours=1)),
        "Zeit-quake": Article(title=QUAKE_ZEIT[0], body=QUAKE_ZEIT[1], source="Zeit",
                              published=START + timedelta(hours=4)),
        "SZ-quake": Article(title=QUAKE_SZ[0], body=QUAKE_SZ[1], source="SZ", published=START + timedelta(hours=6)),
    }
    data_dir = tmp_path / "lib"
    with Library.open(data_dir) as library:
        library.add_articles(list(made.values()))
    return data_dir, made


async def test_copies_are_one_row_and_the_header_names_the_other_outlets(copies_library, tmp_path):
    data_dir, made = copies_library
    app = make_app(data_dir, tmp_path, import_seeds_when_empty=False)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await wait_until_listed(pilot, 4)  # six articles, the three copies one row
        ids = screen.article_list.article_ids
        assert made["Zeit"].id in ids  # the newest of the group stands for it
        assert made["Spiegel"].id not in ids and made["dpa"].id not in ids
        row = next(o for o in screen.article_list._options if o.id == made["Zeit"].id)
        assert "+2 copies" in row.prompt.plain

        screen.article_list.select_article(made["Zeit"].id)
        screen.article_list.action_select()
        await wait_until_open(pilot, screen)
        header = " ".join(screen.article_view.visible_text.split())
        credited = "/".join(app.library.agencies(made["Zeit"].id)) or "dpa"  # the copy's own credit first
        assert f"also in: dpa, Spiegel ({credited} copy) · first: dpa, 2025-03-01 08:00" in header

        await pilot.press("c")
        await wait_for(pilot, lambda: isinstance(app.screen, CopyDiffScreen), description="the word diff")
        diff = app.screen
        assert diff.copies[0].source == "dpa"
        assert "words removed" in diff.shown_text
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.screen is screen, description="back to the article")

        screen.article_list.focus()
        await pilot.press("C")  # every copy its own row
        await wait_until_listed(pilot, 6)
        await pilot.press("C")
        await wait_until_listed(pilot, 4)


async def test_search_results_are_collapsed_by_copy_group(copies_library, tmp_path):
    data_dir, made = copies_library
    with Library.open(data_dir) as library:
        words = [w for w in made["dpa"].body.split() if len(w) > 7 and w.isalpha()][:1]
        hits = library.search(words[0])
    assert len({h.id for h in hits} & {made[s].id for s in ("dpa", "Spiegel", "Zeit")}) >= 2
    app = make_app(data_dir, tmp_path, import_seeds_when_empty=False)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await wait_until_listed(pilot)
        await pilot.press("slash", *words[0], "enter")
        await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"),
                       description="the results")
        shown = set(screen.article_list.article_ids) & {made[s].id for s in ("dpa", "Spiegel", "Zeit")}
        assert len(shown) == 1


async def test_the_stories_view_lists_a_story_and_enter_opens_it(copies_library, tmp_path):
    data_dir, made = copies_library
    app = make_app(data_dir, tmp_path, import_seeds_when_empty=False)
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await wait_until_listed(pilot)
        await pilot.press("S")
        await wait_for(pilot, lambda: isinstance(app.screen, StoriesScreen), description="the stories")
        titles = [s.title for s in app.screen.stories]
        assert QUAKE_ZEIT[0] in titles
        quake = titles.index(QUAKE_ZEIT[0])
        app.screen.query_one("#stories").highlighted = quake
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.screen is screen and screen.opened is not None
                       and screen.opened.article.id == made["Zeit-quake"].id, description="the story's first article")
        assert set(screen.article_list.article_ids) == {made["Zeit-quake"].id, made["SZ-quake"].id}
