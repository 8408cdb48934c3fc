"""The stories view and the word diff of copies at 80×24 and 200×50 (SVG snapshots; review them
before --snapshot-update), their footers keeping every word they show."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot

from reader.ui.screens.copies import CopyDiffScreen, StoriesScreen
from tests.stories.test_copies_in_app import copies_library  # noqa: F401 - a fixture
from tests.ui.conftest import make_app, wait_until_listed, wait_until_open
from tests.ui.test_every_size import cut_keys
from tests.ui.test_snapshots import quiet
from tests.ui.waiting import wait_for

SIZES = [(80, 24), (200, 50)]


async def stories(pilot: Pilot, made) -> None:
    await wait_until_listed(pilot)
    await pilot.press("S")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, StoriesScreen), description="the stories")


async def copy_diff(pilot: Pilot, made) -> None:
    screen = await wait_until_listed(pilot)
    screen.article_list.select_article(made["Zeit"].id)
    screen.article_list.action_select()
    await wait_until_open(pilot, screen)
    await pilot.press("c")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CopyDiffScreen), description="the word diff")


SCREENS = {"stories": stories, "copy_diff": copy_diff}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", sorted(SCREENS))
def test_screen(snap_compare, copies_library, tmp_path, name: str, size):  # noqa: F811
    data_dir, made = copies_library

    async def run_before(pilot: Pilot) -> None:
        await SCREENS[name](pilot, made)
        await quiet(pilot)
        assert size != (80, 24) or cut_keys(pilot.app) == []

    app = make_app(data_dir, tmp_path, import_seeds_when_empty=False)
    assert snap_compare(app, terminal_size=size, run_before=run_before)
