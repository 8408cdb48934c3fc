"""What a search hit's row in the article list shows: its snippet line keeps the match in view."""

from __future__ import annotations

from datetime import datetime

from textual.app import App, ComposeResult

from index.models import Hit, Span
from reader.ui.widgets.article_list import ArticleList, hit_prompt

LEAD_IN = ("Der Ausschuss hatte am Dienstag lange über die Vorlage beraten und am Abend "
           "schließlich vertagt, weil noch Gutachten fehlten. Erst danach erklärte ")
SNIPPET = LEAD_IN + "Wendelinde Quastorf, die Sitzung werde im Frühjahr fortgesetzt."


def _hit(snippet: str, word: str) -> Hit:
    start = snippet.index(word)
    return Hit(id="a1", title="Vorlage vertagt", source="Testblatt", published=datetime(2025, 3, 4, 12, 0),
               score=1.0, snippet=snippet, snippet_matches=[Span(start=start, end=start + len(word))])


def test_a_match_deep_in_the_snippet_is_on_the_rows_snippet_line():
    prompt = hit_prompt(_hit(SNIPPET, "Quastorf"))
    title, meta, snippet_line = prompt.plain.split("\n")
    assert title == "Vorlage vertagt"
    assert "Testblatt" in meta
    # The line starts a word or two before the match, marked as cut, so a narrow pane shows it.
    assert snippet_line.startswith("… ")
    assert snippet_line.index("Quastorf") < 30
    bold = [prompt.plain[span.start:span.end] for span in prompt.spans if "bold" in str(span.style)
            and span.start >= len(title) + len(meta) + 2]
    assert "Quastorf" in bold


def test_a_match_at_the_start_keeps_the_snippet_from_its_beginning():
    prompt = hit_prompt(_hit(SNIPPET, "Ausschuss"))
    snippet_line = prompt.plain.split("\n")[2]
    assert snippet_line.startswith("Der Ausschuss")
    assert snippet_line.endswith(" …")  # cut at a space, the rest marked as left out


class _ListApp(App):
    CSS = "ArticleList { width: 40; height: 12; text-wrap: nowrap; text-overflow: ellipsis; }"

    def compose(self) -> ComposeResult:
        yield ArticleList(id="articles")


async def test_the_match_is_painted_in_a_narrow_list_pane():
    app = _ListApp()
    async with app.run_test(size=(60, 14)) as pilot:
        article_list = app.query_one(ArticleList)
        article_list.set_rows([("a1", hit_prompt(_hit(SNIPPET, "Quastorf")))], has_more=False, empty_message="none")
        await pilot.pause()
        painted = "\n".join(strip.text for strip in (article_list.render_line(y) for y in range(3)))
    assert "Quastorf" in painted


async def test_rows_stay_three_lines_however_long_their_title_in_a_narrow_pane():
    app = _ListApp()
    long_title = "Vorlage " * 30
    hits = [_hit(SNIPPET, "Quastorf").model_copy(update={"id": f"a{n}", "title": long_title}) for n in range(4)]
    async with app.run_test(size=(60, 14)) as pilot:
        article_list = app.query_one(ArticleList)
        article_list.set_rows([(hit.id, hit_prompt(hit)) for hit in hits], has_more=False, empty_message="none")
        await pilot.pause()
        # Title, date and snippet line per row, each cut with an ellipsis rather than wrapped.
        assert article_list.virtual_size.height == 4 * 3
        first_line = article_list.render_line(0).text
    assert first_line.rstrip().endswith("…")


def _painted_styles(article_list: ArticleList, word: str) -> list[str]:
    """The styles of the cells painted for `word` (a snippet's matches are upright in an italic line)."""
    styles = []
    for y in range(article_list.size.height):
        for segment in article_list.render_line(y):
            if word in segment.text:
                styles.append(str(segment.style))
    return styles


async def test_a_key_that_finds_the_same_rows_keeps_them_and_moves_the_cursor_back_to_the_first():
    app = _ListApp()
    rows = [(f"a{n}", hit_prompt(_hit(SNIPPET, "Quastorf").model_copy(update={"id": f"a{n}"}))) for n in range(3)]
    async with app.run_test(size=(60, 14)) as pilot:
        article_list = app.query_one(ArticleList)
        article_list.set_rows(rows, has_more=False, empty_message="none")
        await pilot.pause()
        first_option = article_list.get_option_at_index(0)
        article_list.highlighted = 2
        await pilot.pause()
        article_list.set_rows(list(rows), has_more=False, empty_message="none")
        await pilot.pause()
        assert article_list.highlighted == 0
        assert article_list.get_option_at_index(0) is first_option  # not rebuilt, not repainted
        assert article_list.article_ids == ["a0", "a1", "a2"]


async def test_the_same_rows_with_another_word_matched_are_repainted():
    app = _ListApp()
    short = "Die Sitzung werde im Frühjahr fortgesetzt."
    async with app.run_test(size=(60, 14)) as pilot:
        article_list = app.query_one(ArticleList)
        article_list.set_rows([("a1", hit_prompt(_hit(short, "Sitzung")))], has_more=False, empty_message="none")
        await pilot.pause()
        assert any("not italic" in style for style in _painted_styles(article_list, "Sitzung"))
        # Same article, same text: only the match differs (the next key matched another word).
        again = hit_prompt(_hit(short, "werde"))
        assert again.plain == article_list.get_option_at_index(0).prompt.plain
        article_list.set_rows([("a1", again)], has_more=False, empty_message="none")
        await pilot.pause()
        assert any("not italic" in style for style in _painted_styles(article_list, "werde"))
        assert not any("not italic" in style for style in _painted_styles(article_list, "Sitzung"))
