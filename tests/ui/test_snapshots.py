"""SVG snapshots of the layout at 80×24 and 160×45 (review them before --snapshot-update)."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot

from reader.ui.screens.mentions import MentionsScreen
from tests.ui.conftest import make_app, no_cursor_blink, type_text, wait_until_listed, wait_until_open
from tests.ui.test_hopping import choose_entity, entity_in_several_articles
from tests.ui.waiting import wait_for


async def quiet(pilot: Pilot) -> None:
    """No toasts or blinking cursor in a picture."""
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    pilot.app.clear_notifications()
    no_cursor_blink(pilot.app)
    await pilot.pause()


async def open_result(pilot: Pilot, query: str) -> None:
    screen = await wait_until_listed(pilot, 5)
    await pilot.press("slash")
    await type_text(pilot, query)
    await wait_for(pilot, lambda: screen.article_list.border_title.startswith("Results"), description="results")
    await pilot.press("enter")
    await wait_until_open(pilot, screen)


def test_an_open_article_at_80x24(snap_compare, seeded_library: Path, tmp_path: Path):
    async def run_before(pilot: Pilot) -> None:
        screen = await wait_until_listed(pilot, 5)
        await pilot.press("enter")
        await wait_until_open(pilot, screen)
        await quiet(pilot)

    assert snap_compare(make_app(seeded_library, tmp_path), terminal_size=(80, 24), run_before=run_before)


def test_search_hit_and_hop_target_at_160x45(snap_compare, seeded_library: Path, tmp_path: Path):
    async def run_before(pilot: Pilot) -> None:
        await open_result(pilot, "Macron")
        screen = pilot.app.main_screen
        await choose_entity(pilot, screen, entity_in_several_articles(screen))
        await pilot.press("right_square_bracket")
        await quiet(pilot)

    assert snap_compare(make_app(seeded_library, tmp_path), terminal_size=(160, 45), run_before=run_before)


def test_help_at_80x24(snap_compare, seeded_library: Path, tmp_path: Path):
    async def run_before(pilot: Pilot) -> None:
        await wait_until_listed(pilot, 5)
        await pilot.press("question_mark")
        await quiet(pilot)

    assert snap_compare(make_app(seeded_library, tmp_path), terminal_size=(80, 24), run_before=run_before)


def test_mentions_screen_at_160x45(snap_compare, seeded_library: Path, tmp_path: Path):
    async def run_before(pilot: Pilot) -> None:
        screen = await wait_until_listed(pilot, 5)
        await pilot.press("enter")
        await wait_until_open(pilot, screen)
        await choose_entity(pilot, screen, entity_in_several_articles(screen))
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, MentionsScreen), description="mentions")
        await quiet(pilot)

    assert snap_compare(make_app(seeded_library, tmp_path), terminal_size=(160, 45), run_before=run_before)
