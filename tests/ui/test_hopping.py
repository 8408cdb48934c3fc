"""Choosing an entity, hopping between its mentions across articles, and the mentions screen."""

from __future__ import annotations

from textual.widgets import DataTable

from index.models import Entity, Span
from reader.ui.screens.main import MainScreen
from reader.ui.screens.mentions import MentionsScreen
from tests.ui.conftest import wait_until_listed, wait_until_open
from tests.ui.waiting import wait_for


def entity_in_several_articles(screen: MainScreen) -> Entity:
    """The most mentioned entity of the open article that other articles mention too."""
    library = screen.library
    for entity in screen.opened.entities:
        if library.entity(entity.id).articles >= 2:
            return entity
    raise AssertionError("the seeds should share an entity between articles")


async def open_first_article(pilot, screen: MainScreen) -> None:
    screen.article_list.focus()
    await pilot.press("enter")
    await wait_until_open(pilot, screen)


async def choose_entity(pilot, screen: MainScreen, entity: Entity) -> None:
    """Tab to the entity pane, move down to the entity, press Enter."""
    pane = screen.entity_pane
    while screen.focused is not pane:
        await pilot.press("tab")
    for _ in range(pane.option_count):
        if pane.highlighted_entity is not None and pane.highlighted_entity.id == entity.id:
            break
        await pilot.press("j")
    assert pane.highlighted_entity.id == entity.id
    await pilot.press("enter")
    await wait_for(pilot, lambda: screen.trail is not None and screen.trail.entity.id == entity.id,
                   description=f"{entity.name} to become the hop target")


async def test_enter_on_an_entity_makes_it_the_hop_target_and_emphasises_its_mentions(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await open_first_article(pilot, screen)
        entity = entity_in_several_articles(screen)
        await choose_entity(pilot, screen, entity)
        assert screen.article_view.highlights.target_entity == entity.id
        first = [m for m in screen.opened.mentions if m.entity == entity.id][0]
        assert screen.article_view.highlights.current == Span(start=first.start, end=first.end)
        assert screen.status.startswith(f"{entity.name} ")
        assert "▶" in str(screen.entity_pane.get_option(entity.id).prompt)


async def test_n_and_N_walk_the_mentions_across_articles_and_say_where_they_are(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await open_first_article(pilot, screen)
        entity = entity_in_several_articles(screen)
        await choose_entity(pilot, screen, entity)
        all_mentions = app.library.entity_mentions(entity.id)
        articles = list(dict.fromkeys(m.article for m in all_mentions))
        first_article = screen.opened.article.id
        position = screen.trail.position
        for _ in range(len(all_mentions)):  # n wraps from the last mention to the first
            await pilot.press("n")
            position = (position + 1) % len(all_mentions)
            expected = all_mentions[position]
            await wait_for(pilot, lambda: screen.article_view.article.id == expected.article
                           and screen.place is not None and screen.place.span.start == expected.start,
                           description=f"mention {position + 1}")
            if expected.article != first_article:
                break
        crossed = all_mentions[position]
        assert crossed.article != first_article
        assert screen.article_view.article.id == crossed.article
        assert screen.article_view.highlights.current == Span(start=crossed.start, end=crossed.end)
        number = articles.index(crossed.article) + 1
        assert screen.status.startswith(
            f"{entity.name} {position + 1}/{len(all_mentions)} · article {number}/{len(articles)}")
        await pilot.press("N")
        previous = all_mentions[(position - 1) % len(all_mentions)]
        await wait_for(pilot, lambda: screen.article_view.article.id == previous.article,
                       description="N to go back into the previous article")
        assert screen.article_view.highlights.current == Span(start=previous.start, end=previous.end)


async def test_n_without_a_hop_target_says_how_to_choose_one(app):
    async with app.run_test(size=(160, 45), notifications=True) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await open_first_article(pilot, screen)
        await pilot.press("n")
        assert screen.trail is None
        assert [n.message for n in app._notifications] == [
            "Choose an entity first: Tab to the entity pane and press Enter on a name."]


async def test_n_at_80_columns_says_how_to_show_the_hidden_entity_pane(app):
    async with app.run_test(size=(80, 24), notifications=True) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await open_first_article(pilot, screen)
        assert not screen.entity_pane.display  # no room for it
        await pilot.press("m")
        assert [n.message for n in app._notifications] == [
            "Choose an entity first: F3 shows the entity pane; Tab to it and press Enter on a name."]
        await pilot.press("f3")
        assert screen.entity_pane.display


async def test_the_mentions_screen_lists_every_mention_in_context_and_enter_jumps_to_one(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await open_first_article(pilot, screen)
        entity = entity_in_several_articles(screen)
        await choose_entity(pilot, screen, entity)
        await pilot.press("m")
        await wait_for(pilot, lambda: isinstance(app.screen, MentionsScreen), description="the mentions screen")
        mentions = app.library.entity_mentions(entity.id)
        table = app.screen.query_one(DataTable)
        assert table.row_count == len(mentions)
        first_row = [str(cell) for cell in table.get_row_at(0)]
        assert mentions[0].text in first_row[3]
        target = len(mentions) - 1
        while table.cursor_row < target:
            await pilot.press("j")
        await pilot.press("enter")
        chosen = mentions[target]
        await wait_for(pilot, lambda: app.screen is screen and screen.article_view.article.id == chosen.article
                       and screen.place is not None and screen.place.span.start == chosen.start,
                       description="the jump to the chosen mention")
        assert screen.trail.position == target
        assert screen.status.startswith(f"{entity.name} {target + 1}/{len(mentions)}")


async def test_the_entity_pane_toggles_to_the_whole_library(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await open_first_article(pilot, screen)
        in_article = set(screen.entity_pane.entity_names)
        await pilot.press("a")
        await wait_for(pilot, lambda: screen.entity_pane.scope == "library" and screen.entity_pane.entity_names,
                       description="the corpus-wide entity list")
        everywhere = set(screen.entity_pane.entity_names)
        assert in_article < everywhere
        assert screen.entity_pane.border_title == "Entities · all articles"
        await pilot.press("a")
        assert set(screen.entity_pane.entity_names) == in_article


async def test_a_hidden_entity_pane_lists_the_open_articles_entities_when_shown(app):
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await open_first_article(pilot, screen)
        assert not screen.entity_pane.display
        await pilot.press("f3")
        expected = [e.name for e in app.library.entities(article_id=screen.opened.article.id)]
        await wait_for(pilot, lambda: screen.entity_pane.entity_names != [], description="the entities")
        assert sorted(screen.entity_pane.entity_names) == sorted(expected)


async def test_a_long_mentions_list_is_filled_as_the_cursor_moves_down(app, monkeypatch):
    from reader.ui.screens import mentions as mentions_module

    monkeypatch.setattr(mentions_module, "PAGE_ROWS", 9)
    async with app.run_test(size=(160, 45)) as pilot:
        await wait_until_listed(pilot, 5)
        entity = app.library.entities()[0]
        mentions = app.library.entity_mentions(entity.id)
        assert len(mentions) > 9
        await app.push_screen(MentionsScreen(entity, mentions))
        table = app.screen.query_one(DataTable)
        assert table.row_count == 9
        for _ in range(len(mentions)):
            await pilot.press("j")
        assert table.row_count == len(mentions) and table.cursor_row == len(mentions) - 1
