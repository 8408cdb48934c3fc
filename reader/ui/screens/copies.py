"""A word diff between an article and one of its copies, and the list of stories."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from index.stories.word_diff import ADDED, REMOVED, changed_words, word_diff
from reader.terminal import visible
from reader.ui.format import short_date
from reader.ui.widgets.whole_keys_footer import WholeKeysFooter

if TYPE_CHECKING:
    from index.models import Article
    from index.stories.story_clusters import Story


def diff_text(first: Article, second: Article) -> Text:
    """The second article against the first: removed words struck out in red, added ones green."""
    pieces = word_diff(first.body, second.body)
    removed, added = changed_words(pieces)
    text = Text()
    text.append(visible(f"{first.source or 'unknown source'} → {second.source or 'unknown source'}: "
                        f"{removed} words removed, {added} added\n\n"), style="bold")
    for piece in pieces:
        style = "red strike" if piece.kind == REMOVED else "green underline" if piece.kind == ADDED else ""
        text.append(visible(piece.text), style=style)
    return text


class CopyDiffScreen(Screen[None]):
    """The open article against its copies, one at a time (c shows the next copy)."""

    BINDINGS = [
        Binding("escape", "close", "Back"),
        Binding("c", "next_copy", "Next copy"),
    ]

    def __init__(self, article: Article, copies: list[Article]) -> None:
        super().__init__()
        self.article = article
        self.copies = copies
        self.position = 0

    def compose(self) -> ComposeResult:
        self.sub_title = "word diff"
        yield Header()
        with VerticalScroll(id="copy-diff"):
            yield Static(id="copy-diff-text")
        yield WholeKeysFooter(compact=True)

    def on_mount(self) -> None:
        self._show()

    def _show(self) -> None:
        copy = self.copies[self.position]
        self.title = visible(f"{self.article.title} — copy {self.position + 1} of {len(self.copies)}")
        self.query_one("#copy-diff-text", Static).update(diff_text(self.article, copy))

    @property
    def shown_text(self) -> str:
        return diff_text(self.article, self.copies[self.position]).plain

    def action_next_copy(self) -> None:
        self.position = (self.position + 1) % len(self.copies)
        self._show()

    def action_close(self) -> None:
        self.dismiss(None)


def story_prompt(story: Story) -> Text:
    text = Text(visible(story.title), style="bold")
    text.append(f"  {len(story.articles)} articles\n", style="cyan")
    text.append(visible(f"{short_date(story.first)} – {short_date(story.last)} · "), style="dim")
    # A small timeline: the outlets in the order they reported.
    text.append(visible(" → ".join(dict.fromkeys(a.source or "?" for a in story.articles))), style="dim")
    return text


class StoriesScreen(Screen["Story | None"]):
    """Stories newest first; Enter opens one (dismisses with it)."""

    BINDINGS = [Binding("escape", "close", "Back")]

    def __init__(self, stories: list[Story], why_none: str = "") -> None:
        super().__init__()
        self.stories = stories
        self.why_none = why_none or "No stories yet: no two articles tell the same event."

    def compose(self) -> ComposeResult:
        self.sub_title = "stories"
        yield Header()
        if self.stories:
            yield OptionList(*(Option(story_prompt(s), id=str(i)) for i, s in enumerate(self.stories)), id="stories")
        else:
            yield Static(self.why_none, id="stories-empty")
        yield WholeKeysFooter(compact=True)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(self.stories[int(event.option.id)])

    def action_close(self) -> None:
        self.dismiss(None)
