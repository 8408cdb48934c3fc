"""The screens the other size tests leave out, at 80×24 and 200×50: an entity's profile, its
quotes, the bookmark note, entity correction and export dialogs (SVG snapshots; review them before
--snapshot-update). At 80×24 no footer cuts a key's words, over a dialog either."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets._footer import FooterKey

from reader.ui.screens.bookmarks import BookmarksScreen
from reader.ui.screens.dialogs import EditBookmark, PathPrompt
from reader.ui.screens.entity_correction import CorrectEntity
from reader.ui.screens.entity_profile import EntityProfileScreen
from reader.ui.screens.help import HelpScreen
from reader.ui.screens.quotes import QuotesScreen
from reader.ui.widgets.whole_keys_footer import WholeKeysFooter
from tests.ui.conftest import make_app
from tests.ui.test_hopping import choose_entity, entity_in_several_articles
from tests.ui.test_snapshots import quiet
from tests.ui.test_terminal_sizes import mentions_screen, open_first_article
from tests.ui.waiting import wait_for

SIZES = [(80, 24), (200, 50)]


async def hop_target(pilot: Pilot):
    screen = await open_first_article(pilot)
    if not screen.entity_pane.display:  # 80 columns: the article's entities on F3
        await pilot.press("f3")
        await wait_for(pilot, lambda: screen.opened.entities is not None, description="the article's entities")
    await choose_entity(pilot, screen, entity_in_several_articles(screen))
    return screen


async def profile(pilot: Pilot) -> None:
    await hop_target(pilot)
    await pilot.press("p")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, EntityProfileScreen) and pilot.app.screen.profile,
                   description="the profile")


async def quotes(pilot: Pilot) -> None:
    await hop_target(pilot)
    await pilot.press("Q")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, QuotesScreen), description="the quotes")


async def bookmark_note(pilot: Pilot) -> None:
    screen = await open_first_article(pilot)
    pilot.app.library.bookmarks.add(screen.opened.article.id)  # not with b: its toast would be in the picture
    await pilot.press("B")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, BookmarksScreen), description="the bookmarks")
    await pilot.press("n")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, EditBookmark), description="the note dialog")


async def correction(pilot: Pilot) -> None:
    screen = await hop_target(pilot)
    screen.entity_pane.focus()
    await pilot.press("E")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CorrectEntity), description="the correction dialog")


async def help_screen(pilot: Pilot) -> None:
    await open_first_article(pilot)
    await pilot.press("question_mark")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, HelpScreen), description="the help")


async def export_path(pilot: Pilot) -> None:
    await open_first_article(pilot)
    await pilot.press("e")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, PathPrompt), description="the export dialog")


SCREENS = {"profile": profile, "quotes": quotes, "bookmark_note": bookmark_note, "correction": correction,
           "export_path": export_path}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", sorted(SCREENS))
def test_screen(snap_compare, seeded_library: Path, tmp_path: Path, name: str, size):
    async def run_before(pilot: Pilot) -> None:
        await SCREENS[name](pilot)
        await quiet(pilot)

    # A relative export path: the dialog shows it, and the picture must not hold tmp_path.
    app = make_app(seeded_library, tmp_path, export_path=Path("bookmarks.md"))
    assert snap_compare(app, terminal_size=size, run_before=run_before)


def cut_keys(app) -> list[str]:
    """The keys of the footer in view that reach past its end (or under the palette key)."""
    screen = next(s for s in reversed(app.screen_stack) if s.query(WholeKeysFooter))
    footer = screen.query_one(WholeKeysFooter)
    palette = [key for key in footer.query(FooterKey) if key.has_class("-command-palette") and key.display]
    limit = palette[0].region.x if palette else footer.region.right
    return [key.description for key in footer.query(FooterKey)
            if key.display and not key.has_class("-command-palette") and key.region.right > limit]


@pytest.mark.parametrize("opening", [profile, quotes, bookmark_note, correction, export_path, help_screen,
                                     mentions_screen])
async def test_no_footer_cuts_a_word_at_80x24(seeded_library: Path, tmp_path: Path, opening):
    app = make_app(seeded_library, tmp_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await opening(pilot)
        await pilot.pause(0.2)
        assert cut_keys(app) == []
