"""Correcting entities from the entity pane: filter as you type, rename, merge, change kind and
"not an entity", each written to aliases.toml by id and shown at once without re-import."""

from __future__ import annotations

import tomllib

from reader.ui.screens.entity_correction import CorrectEntity
from reader.ui.screens.main import MainScreen
from tests.ui.conftest import type_text, wait_until_listed
from tests.ui.waiting import wait_for


async def library_pane(pilot, screen: MainScreen):
    """The entity pane, focused, listing the whole library."""
    pane = screen.entity_pane
    await pilot.press("a")
    await wait_for(pilot, lambda: pane.scope == "library" and len(pane.entity_names) > 5,
                   description="the library's entities")
    while screen.focused is not pane:
        await pilot.press("tab")
    return pane


async def filter_to(pilot, pane, text: str) -> None:
    await pilot.press("f")
    await type_text(pilot, text)
    await pilot.press("enter")  # ends the typing and chooses the first match
    await wait_for(pilot, lambda: not pane.filtering, description="the filter to close")


async def correct(pilot, screen: MainScreen, keys: list[str]) -> None:
    """E on the highlighted entity, then the keys of the correction; waits for the relinking."""
    aliases = screen.library.aliases_file
    before = aliases.read_text(encoding="utf-8") if aliases.exists() else ""
    await pilot.press("E")
    await wait_for(pilot, lambda: isinstance(pilot.app.screen, CorrectEntity),
                   description="the correction dialog")
    await pilot.press(*keys)
    await wait_for(pilot, lambda: pilot.app.screen is screen and aliases.exists()
                   and aliases.read_text(encoding="utf-8") != before,
                   description="the correction to be written")


def written(screen: MainScreen) -> dict:
    return tomllib.loads(screen.library.aliases_file.read_text(encoding="utf-8"))


def pane_kinds(pane) -> dict[str, str]:
    return {e.name: e.kind for e in pane._shown}


async def test_the_pane_filters_as_you_type_by_name_or_alias_under_kind_headings(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        pane = await library_pane(pilot, screen)
        everything = list(pane.entity_names)
        await pilot.press("f")
        await type_text(pilot, "selensk")  # an alias of Wolodymyr Selenskyj
        assert pane.entity_names == ["Wolodymyr Selenskyj"]
        assert "filter: selensk" in str(pane.border_subtitle)
        headings = [str(pane.get_option_at_index(i).prompt) for i in range(pane.option_count)
                    if pane.get_option_at_index(i).disabled]
        assert headings == ["People (1)"]
        await pilot.press("backspace", "backspace", "backspace", "backspace", "backspace")
        assert "Wolodymyr Selenskyj" in pane.entity_names and len(pane.entity_names) > 1
        await pilot.press("escape")
        assert pane.entity_names == everything and not pane.border_subtitle


async def test_rename_from_the_pane_shows_the_new_name_at_once(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        pane = await library_pane(pilot, screen)
        await filter_to(pilot, pane, "mark rutte")
        assert pane.highlighted_entity.id == "person:mark-rutte"
        await correct(pilot, screen, ["r", "ctrl+u", *"Mark Rutte (Nato)", "enter"])
        await pilot.press("escape")  # the filter
        await wait_for(pilot, lambda: "Mark Rutte (Nato)" in pane.entity_names,
                       description="the new name in the pane")
        assert "Mark Rutte" not in pane.entity_names
        assert written(screen)["rename"] == [{"entity": "person:mark-rutte", "name": "Mark Rutte (Nato)"}]


async def test_merge_into_another_entity_picked_by_typing(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        pane = await library_pane(pilot, screen)
        articles_before = screen.library.entity("person:wolodymyr-selenskyj").articles
        await filter_to(pilot, pane, "rutte")
        rutte = pane.highlighted_entity
        await correct(pilot, screen, ["m", *"selensk", "enter"])
        assert written(screen)["merge"] == [{"into": "person:wolodymyr-selenskyj", "from": [rutte.id]}]
        await pilot.press("escape")
        await wait_for(pilot, lambda: rutte.name not in pane.entity_names,
                       description="the merged entity to leave the pane")
        merged = screen.library.entity("person:wolodymyr-selenskyj")
        assert rutte.name in merged.aliases and merged.articles > articles_before


async def test_change_kind_moves_the_entity_under_its_new_heading(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        pane = await library_pane(pilot, screen)
        await filter_to(pilot, pane, "mark rutte")
        await pilot.press("E")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CorrectEntity),
                       description="the correction dialog")
        dialog = pilot.app.screen
        await pilot.press("k")
        while dialog.choices.highlighted_option.id != "place":
            await pilot.press("down")
        await pilot.press("enter")
        await wait_for(pilot, lambda: "aliases.toml" in screen.status, description="the kind change")
        await pilot.press("escape")
        await wait_for(pilot, lambda: pane_kinds(pane).get("Mark Rutte") == "place",
                       description="Mark Rutte under Places")
        assert written(screen)["kind"] == [{"entity": "person:mark-rutte", "kind": "place"}]


async def test_not_an_entity_removes_it_from_the_pane_and_the_open_article(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        screen.article_list.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.opened is not None and screen.opened.entities,
                       description="the first article and its entities")
        pane = screen.entity_pane
        while screen.focused is not pane:
            await pilot.press("tab")
        gone = pane.highlighted_entity
        assert any(m.entity == gone.id for m in screen.opened.mentions)
        await correct(pilot, screen, ["x"])
        await wait_for(pilot, lambda: screen.opened.entities is not None
                       and gone.name not in pane.entity_names
                       and all(m.entity != gone.id for m in screen.opened.mentions),
                       description="the entity to leave the pane and the article")
        assert written(screen)["suppress"] == [{"entity": gone.id}]


async def test_esc_in_the_dialog_changes_nothing(app):
    async with app.run_test(size=(160, 45)) as pilot:
        screen = await wait_until_listed(pilot, 5)
        await library_pane(pilot, screen)
        await pilot.press("E")
        await wait_for(pilot, lambda: isinstance(pilot.app.screen, CorrectEntity),
                       description="the correction dialog")
        await pilot.press("r", "escape")
        await wait_for(pilot, lambda: pilot.app.screen is screen, description="the dialog to close")
        assert not screen.library.aliases_file.exists()
