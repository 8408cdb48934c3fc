"""The article list: newest first, or ranked search results with snippets, loaded a page at a time.

A 100,000-article library never becomes 100,000 options: the screen hands over one page,
and the list asks for the next (`NeedMore`) when the cursor or the scrollbar nears its end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.binding import Binding
from textual.content import Content, Span as ContentSpan
from textual.geometry import Size
from textual.message import Message
from textual.reactive import Reactive
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.terminal import visible
from reader.ui.format import list_meta, summary_meta
from reader.ui.widgets.painted_rows import PaintedRowList, Row

if TYPE_CHECKING:
    from index.models import ArticleSummary, Hit

# Ask for the next page when the cursor is this close to the last loaded row, or when less than
# half a screen is left below the view (a first page of 20 search hits must not ask at once).
PREFETCH_ROWS = 8
# The list pane is at most 60 columns wide: a longer snippet line would only be cut.
SNIPPET_CHARS = 64
# Words of context kept before a snippet's first match, in characters.
SNIPPET_LEAD = 12


def summary_prompt(summary: ArticleSummary) -> Content:
    """Title and 'date · source', one line each (cut with … when the pane is narrow); no second
    line when neither is known."""
    meta = summary_meta(summary)
    return Row.of(Content.assemble((visible(summary.title), "bold"), *(("\n", (meta, "dim")) if meta else ())))


def hit_prompt(hit: Hit) -> Content:
    """Title (matches underlined), date and source, and a line of the snippet from just before
    its first match, with the query's terms in bold.

    Built as Textual Content, not Rich Text: the list renders it without converting it, and the
    snippet line is cut to what the widest pane can show, so each keystroke's rows cost little.
    """
    title = Content(visible(hit.title), [ContentSpan(span.start, span.end, "underline") for span in hit.title_matches])
    meta = list_meta(hit.published, hit.source, hit.published_precision)
    parts: list = [title.stylize_before("bold"), *(("\n", (meta, "dim")) if meta else ())]
    snippet = visible(hit.snippet.replace("\n", " "))
    if snippet.strip():
        start, end = snippet_line(snippet, [(span.start, span.end) for span in hit.snippet_matches])
        spans = [ContentSpan(max(a, start) - start, min(b, end) - start, "bold not italic")
                 for a, b in ((span.start, span.end) for span in hit.snippet_matches) if a < end and b > start]
        line = Content(snippet[start:end], spans).stylize_before("italic")
        parts += ["\n", ("… " if start else "", "italic"), line, (" …" if end < len(snippet) else "", "italic")]
    return Row.of(Content.assemble(*parts))


def snippet_line(snippet: str, matches: list[tuple[int, int]]) -> tuple[int, int]:
    """The part of a snippet shown on its one line: from a word or two before its first match
    (so the match is on screen in a narrow pane), at most SNIPPET_CHARS long, cut at spaces."""
    start = 0
    if matches and matches[0][0] > SNIPPET_LEAD:
        space = snippet.rfind(" ", 0, matches[0][0] - SNIPPET_LEAD)
        start = space + 1 if space != -1 else 0
    end = len(snippet)
    if end - start > SNIPPET_CHARS:
        space = snippet.rfind(" ", start, start + SNIPPET_CHARS)
        end = space if space > start else start + SNIPPET_CHARS
    return start, end


class ArticleList(PaintedRowList):
    """Rows are articles; the option id is the article id."""

    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
    ]

    class Chosen(Message):
        """The reader pressed Enter on an article."""

        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    class NeedMore(Message):
        """The reader is near the end of what is loaded and there is more."""

        def __init__(self, loaded: int) -> None:
            super().__init__()
            self.loaded = loaded

    # The list's size is set by the screen, not by its rows: a new page of rows changes what it
    # scrolls over, which needs a repaint, not a layout of the whole screen (Widget's default).
    virtual_size = Reactive(Size(0, 0), layout=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.has_more = False
        self._waiting_for_more = False
        self._empty = True

    @property
    def article_ids(self) -> list[str]:
        """The ids of the loaded rows, in order."""
        return [] if self._empty else [option.id for option in self._options if option.id]

    def set_rows(self, prompts: list[tuple[str, Content]], *, has_more: bool, empty_message: str,
                 keep_place: bool = False) -> None:
        """Replace every row (a new search, or back to the full list).

        With `keep_place` (a refresh) the cursor stays on the same article and the list where it
        was scrolled to, so rows arriving above do not move the reader.
        """
        if prompts and not keep_place and has_more == self.has_more and self._showing(prompts):
            # The next key often finds the same rows (typing on inside a word that matches
            # nothing new): keep them, painted, with the cursor back on the first.
            self._waiting_for_more = False
            self.highlighted = 0
            self.scroll_to(y=0, animate=False, immediate=True)
            return
        kept_id = self.highlighted_option.id if keep_place and not self._empty and self.highlighted_option else None
        kept_scroll = self.scroll_y
        self.has_more = has_more
        self._waiting_for_more = False
        self._empty = not prompts
        # Replaced in one step, never emptied in between: an empty list would hide the scrollbar
        # and showing it again lays the whole screen out, twice per search.
        if not prompts:
            self.set_options([Option(Content.styled(empty_message, "italic"), disabled=True)])
            return
        self.set_options(Option(prompt, id=article_id) for article_id, prompt in prompts)
        self.highlighted = 0
        if keep_place:
            if kept_id is not None:
                self.select_article(kept_id)
            self.call_after_refresh(self._restore_scroll, kept_scroll)

    def _showing(self, prompts: list[tuple[str, Content]]) -> bool:
        """Whether these are the rows shown, matches and styles included (Content's own equality
        compares the text only)."""
        if self._empty or len(prompts) != self.option_count:
            return False
        return all(option.id == article_id and option.prompt.plain == prompt.plain
                   and option.prompt.spans == prompt.spans
                   for option, (article_id, prompt) in zip(self._options, prompts))

    def _restore_scroll(self, scroll_y: float) -> None:
        self.scroll_to(y=scroll_y, animate=False, immediate=True)
        self.scroll_to_highlight()  # only moves if the kept article was pushed out of view

    def append_rows(self, prompts: list[tuple[str, Content]], *, has_more: bool) -> None:
        known = set(self.article_ids)
        self.add_options(Option(p, id=i) for i, p in prompts if i not in known)
        self.has_more = has_more
        self._waiting_for_more = False

    def select_article(self, article_id: str) -> None:
        """Move the cursor to an article if it is loaded (after a hop into it)."""
        if self._empty:
            return
        try:
            self.highlighted = self.get_option_index(article_id)
        except OptionDoesNotExist:  # not loaded yet (beyond the current page): leave the cursor
            pass

    def _maybe_need_more(self) -> None:
        if self._empty or not self.has_more or self._waiting_for_more:
            return
        near_cursor = self.highlighted is not None and self.highlighted >= self.option_count - PREFETCH_ROWS
        near_bottom = self.max_scroll_y > 0 and self.scroll_y >= self.max_scroll_y - self.size.height // 2
        if near_cursor or near_bottom:
            self._waiting_for_more = True
            self.post_message(self.NeedMore(self.option_count))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        self._maybe_need_more()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.post_message(self.Chosen(event.option.id))

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._maybe_need_more()
