"""A collection without dates or sources: its rows do not spend a line saying so."""

from __future__ import annotations

from datetime import datetime

from textual.app import App, ComposeResult

from index.models import ArticleSummary, Hit
from reader.ui.widgets.article_list import ArticleList, hit_prompt, summary_prompt


class _ListApp(App):
    CSS = "ArticleList { width: 50; height: 12; text-wrap: nowrap; text-overflow: ellipsis; }"

    def compose(self) -> ComposeResult:
        yield ArticleList(id="articles")


def test_rows_show_only_what_is_known() -> None:
    nothing = ArticleSummary(id="a", title="Brücke gesperrt")
    assert summary_prompt(nothing).plain == "Brücke gesperrt"
    source_only = ArticleSummary(id="b", title="Brücke gesperrt", source="rheinblick.de")
    assert summary_prompt(source_only).plain == "Brücke gesperrt\nrheinblick.de"
    dated = ArticleSummary(id="c", title="Brücke gesperrt", published=datetime(2020, 3, 15), published_precision="day")
    assert summary_prompt(dated).plain == "Brücke gesperrt\n2020-03-15"
    hit = Hit(id="d", title="Brücke gesperrt", score=1.0, snippet="Die Brücke bleibt gesperrt.")
    assert hit_prompt(hit).plain == "Brücke gesperrt\nDie Brücke bleibt gesperrt."


async def test_a_list_of_undated_articles_without_sources_has_one_line_per_row() -> None:
    app = _ListApp()
    rows = [(f"a{n}", summary_prompt(ArticleSummary(id=f"a{n}", title=f"Artikel {n}"))) for n in range(5)]
    async with app.run_test(size=(60, 14)) as pilot:
        article_list = app.query_one(ArticleList)
        article_list.set_rows(rows, has_more=False, empty_message="none")
        await pilot.pause()
        assert article_list.virtual_size.height == 5
        painted = [article_list.render_line(y).text.strip() for y in range(5)]
    assert painted == [f"Artikel {n}" for n in range(5)]
    assert not any("undated" in line or "unknown" in line for line in painted)
