"""The article list: newest first, or ranked search results with snippets, loaded a page at a time.

A 100,000-article library never becomes 100,000 options: the screen hands over one page,
and the list asks for the next (`NeedMore`) when the cursor or the scrollbar nears its end.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option, OptionDoesNotExist

from reader.ui.format import list_meta, summary_meta

if TYPE_CHECKING:
    from index.models import ArticleSummary, Hit

# Ask for the next page when the cursor is this close to the last loaded row.
PREFETCH_ROWS = 20
SNIPPET_CHARS = 160


def summary_prompt(summary: ArticleSummary) -> Text:
    """Title and 'source · date', one line each (cut with … when the pane is narrow)."""
    prompt = Text(summary.title, style="bold", no_wrap=True, overflow="ellipsis")
    prompt.append("\n")
    prompt.append(summary_meta(summary), style="dim")
    return prompt


def hit_prompt(hit: Hit) -> Text:
    """Title (matches underlined), date and source, and the snippet with the query's terms in bold."""
    prompt = Text(hit.title, style="bold", no_wrap=True, overflow="ellipsis")
    for span in hit.title_matches:
        prompt.stylize("underline", span.start, span.end)
    prompt.append("\n")
    prompt.append(list_meta(hit.published, hit.source, hit.published_precision), style="dim")
    if hit.snippet.strip():
        snippet = Text(hit.snippet.replace("\n", " "), style="italic")
        for span in hit.snippet_matches:
            snippet.stylize("bold not italic", span.start, span.end)
        if len(snippet) > SNIPPET_CHARS:
            cut = snippet.plain.rfind(" ", 0, SNIPPET_CHARS)
            snippet = snippet[:cut if cut > 0 else SNIPPET_CHARS]
            snippet.append(" …", style="italic")
        prompt.append("\n")
        prompt.append_text(snippet)
    return prompt


class ArticleList(OptionList):
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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.has_more = False
        self._waiting_for_more = False
        self._empty = True

    @property
    def article_ids(self) -> list[str]:
        """The ids of the loaded rows, in order."""
        return [] if self._empty else [option.id for option in self._options if option.id]

    def set_rows(self, prompts: list[tuple[str, Text]], *, has_more: bool, empty_message: str,
                 keep_place: bool = False) -> None:
        """Replace every row (a new search, or back to the full list).

        With `keep_place` (a refresh) the cursor stays on the same article and the list where it
        was scrolled to, so rows arriving above do not move the reader.
        """
        kept_id = self.highlighted_option.id if keep_place and not self._empty and self.highlighted_option else None
        kept_scroll = self.scroll_y
        self.clear_options()
        self.has_more = has_more
        self._waiting_for_more = False
        self._empty = not prompts
        if not prompts:
            self.add_option(Option(Text(empty_message, style="italic"), disabled=True))
            return
        self.add_options(Option(prompt, id=article_id) for article_id, prompt in prompts)
        self.highlighted = 0
        if keep_place:
            if kept_id is not None:
                self.select_article(kept_id)
            self.call_after_refresh(self._restore_scroll, kept_scroll)

    def _restore_scroll(self, scroll_y: float) -> None:
        self.scroll_to(y=scroll_y, animate=False, immediate=True)
        self.scroll_to_highlight()  # only moves if the kept article was pushed out of view

    def append_rows(self, prompts: list[tuple[str, Text]], *, has_more: bool) -> None:
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
        near_bottom = self.max_scroll_y > 0 and self.scroll_y >= self.max_scroll_y - self.size.height
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
