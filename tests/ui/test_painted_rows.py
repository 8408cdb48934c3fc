"""The article list paints its rows itself: the same cells as Textual's own option rendering."""

from __future__ import annotations

import gc
from datetime import datetime

import pytest
from rich.segment import Segment
from textual.app import App, ComposeResult
from textual.strip import Strip
from textual.visual import Visual
from textual.widgets.option_list import Option

from index.models import Hit, Span
from reader.ui.strip_cycles import keep_strips_acyclic
from reader.ui.widgets.article_list import ArticleList, hit_prompt
from reader.ui.widgets.painted_rows import Row

SNIPPET = ("Der Ausschuss hatte am Dienstag lange über die Vorlage beraten, 東京 und Zürich, "
           "am Abend schließlich vertagt, weil Wendelinde Quastorf noch Gutachten verlangte.")
TITLES = [
    ("Vorlage vertagt", "Ausschuss"),
    ("Ein sehr langer Titel über den Ausschuss, der in keine schmale Spalte passt", "Quastorf"),
    ("東京の記事 über den Ausschuss 東京東京東京東京東京東京東京", "東京"),
    ("", "Abend"),
    ("Zu\u0308rich (zerlegt geschrieben) \u2013 Gru\u0308ne fordern \u00bbmehr\u00ab vom Ausschuss\u00ad", "Zürich"),
]


def _hits() -> list[Hit]:
    hits = []
    for number, (title, word) in enumerate(TITLES):
        start = SNIPPET.index(word)
        title_matches = ([Span(start=title.index("Ausschuss"), end=title.index("Ausschuss") + len("Ausschuss"))]
                         if "Ausschuss" in title else [])
        hits.append(Hit(id=f"a{number}", title=title, source="Testblatt", published=datetime(2025, 3, 4, 9, 30),
                        score=1.0, snippet=SNIPPET, snippet_matches=[Span(start=start, end=start + len(word))],
                        title_matches=title_matches))
    return hits


class _ListApp(App):
    CSS = "ArticleList { width: 40; height: 12; text-wrap: nowrap; text-overflow: ellipsis; }"

    def compose(self) -> ComposeResult:
        yield ArticleList(id="articles")


def _cells(strips: list[Strip]) -> list[list[tuple]]:
    """What the terminal shows of each cell: the character, its colours and attributes, and the
    option a click there selects."""
    lines = []
    for strip in strips:
        cells = []
        for segment in strip:
            style = segment.style
            for char in segment.text:
                cells.append((char, style.color, style.bgcolor, style.bold, style.dim, style.italic,
                              style.underline, (style.meta or {}).get("option")))
        lines.append(cells)
    return lines


def _textual_render(article_list: ArticleList, option: Option, index: int, style, width: int) -> list[Strip]:
    """Textual's own rendering of an option (OptionList._get_option_render, at a given width)."""
    visual = article_list._get_visual(option)
    strips = Visual.to_strips(article_list, visual, width, None, style)
    return [strip.extend_cell_length(width, style.rich_style).apply_meta({"option": index}) for strip in strips]


@pytest.mark.parametrize("width", [1, 2, 7, 23, 38, 90])
async def test_rows_are_painted_cell_for_cell_as_textual_paints_them(width: int):
    app = _ListApp()
    async with app.run_test(size=(60, 14)) as pilot:
        article_list = app.query_one(ArticleList)
        article_list.set_rows([(hit.id, hit_prompt(hit)) for hit in _hits()], has_more=False, empty_message="none")
        await pilot.pause()
        styles = [article_list.get_visual_style("option-list--option"),
                  article_list.get_visual_style("option-list--option", "option-list--option-highlighted")]
        for index, option in enumerate(article_list.options):
            row = option.prompt
            assert isinstance(row, Row)
            for style in styles:
                painted = article_list._painter.paint(row.plain, row.spans, style, width, {"option": index})
                assert _cells(painted) == _cells(_textual_render(article_list, option, index, style, width))


async def test_the_painted_list_shows_titles_cut_matches_in_bold_and_the_cursor_row_highlighted():
    app = _ListApp()
    async with app.run_test(size=(60, 14)) as pilot:
        article_list = app.query_one(ArticleList)
        article_list.set_rows([(hit.id, hit_prompt(hit)) for hit in _hits()], has_more=False, empty_message="none")
        await pilot.pause()
        lines = [article_list.render_line(y) for y in range(article_list.size.height)]
        width = article_list.scrollable_content_region.width
        assert all(line.cell_length == width for line in lines)
        assert lines[0].text.startswith("Vorlage vertagt")
        assert lines[3].text.rstrip().endswith("…")  # the long title, cut
        cursor_background = lines[0]._segments[0].style.bgcolor
        assert lines[3]._segments[0].style.bgcolor != cursor_background  # only the first row is highlighted
        bold_in_snippet = [segment.text for segment in lines[2] if segment.style.bold]
        assert "Ausschuss" in "".join(bold_in_snippet)
        # A click on a row's cell selects that row.
        assert {segment.style.meta.get("option") for segment in lines[4]} == {1}


async def test_rows_that_are_not_plain_rows_are_still_painted_by_textual():
    app = _ListApp()
    async with app.run_test(size=(60, 14)) as pilot:
        article_list = app.query_one(ArticleList)
        article_list.set_rows([], has_more=False, empty_message="Nothing matches “Quastorf”.")
        await pilot.pause()
        assert "Nothing matches" in article_list.render_line(0).text
        article_list.set_options([Option("[b]markup[/b] row with a\ttab")])
        await pilot.pause()
        assert "markup row with a" in article_list.render_line(0).text


def test_a_painted_line_is_freed_when_replaced_not_left_to_the_garbage_collector():
    keep_strips_acyclic()  # as the app does when it is imported
    gc.collect()
    gc.disable()
    try:
        for number in range(200):
            strip = Strip([Segment(f"Zeile {number}".ljust(40))], 40)
            assert strip.divide([40]) == [strip]  # a line the compositor paints whole
            del strip
        left_for_the_collector = gc.collect()
    finally:
        gc.enable()
    # Without the fix each line stays in a cycle with its caches: thousands of objects here.
    assert left_for_the_collector < 50
