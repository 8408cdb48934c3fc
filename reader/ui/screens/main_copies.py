"""The main screen's copy groups and stories: one row per copy group, c for a word diff against
a copy, S for the stories, C to show or collapse copies.

A mixin of MainScreen (which provides the panes, `library`, `opened`, the workers and `_open`);
its handlers are named on_* like EntityActions'.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Callable

from textual import work
from textual.content import Content
from textual.message import Message

from reader.ui.copy_rows import collapse, copies_label

if TYPE_CHECKING:
    from index.models import Article
    from index.stories.story_clusters import Story
    from reader.ui.screens.main import MainScreen


class CopyDiffLoaded(Message):
    def __init__(self, article: Article, copies: list[Article]) -> None:
        super().__init__()
        self.article = article
        self.copies = copies


class StoriesLoaded(Message):
    def __init__(self, stories: list[Story], why_none: str = "") -> None:
        super().__init__()
        self.stories = stories
        self.why_none = why_none


class CopyActions:
    collapse_copies = True  # search results and the list show one row per copy group
    _groups_shown: set[int]

    def copy_rows(self: MainScreen, items: list, groups: dict[str, tuple[int, int]],
                  prompt: Callable[[object], Content], first_page: bool) -> list[tuple[str, Content]]:
        """(id, prompt) rows: with collapsing on, one per copy group, marked "+N copies"."""
        if first_page or not hasattr(self, "_groups_shown"):
            self._groups_shown = set()
        by_id = {item.id: item for item in items}
        if not self.collapse_copies:
            return [(item.id, prompt(item)) for item in items]
        rows = []
        for article_id, hidden in collapse([item.id for item in items], groups, self._groups_shown):
            row = prompt(by_id[article_id])
            if hidden:
                row = Content.assemble(row, (f"  {copies_label(hidden)}", "bold $accent"))
            rows.append((article_id, row))
        return rows

    def action_toggle_copies(self: MainScreen) -> None:
        self.collapse_copies = not self.collapse_copies
        self.notify("Copies collapsed: one row per copy group." if self.collapse_copies
                    else "Copies shown: every article its own row.")
        if self.search_text.strip():
            self.run_search(self.search_text, max(len(self.article_list.article_ids), 1), refresh=True)
        else:
            self.load_page(0, self.page_size)

    # --- c: the word diff against a copy ---------------------------------------------

    def action_copy_diff(self: MainScreen) -> None:
        if self.opened is None:
            self.notify("Open an article first, then press c to compare it with its copies.")
            return
        self.load_copy_diff(self.opened.article.id)

    @work(thread=True, exclusive=True, group="copy-diff")
    def load_copy_diff(self: MainScreen, article_id: str) -> None:
        with self.reporting_errors("compare the article with its copies"):
            copy_ids = [copy_id for copy_id, _ in self.library.copies(article_id)]
            found = self.library.store.get_many(copy_ids)
            self.post_message(CopyDiffLoaded(self.library.article(article_id),
                                             [found[i] for i in copy_ids if i in found]))

    def on_copy_diff_loaded(self: MainScreen, event: CopyDiffLoaded) -> None:
        if not event.copies:
            self.notify("This article has no copies in the library.")
            return
        from reader.ui.screens.copies import CopyDiffScreen

        self.app.push_screen(CopyDiffScreen(event.article, event.copies))

    # --- S: stories -------------------------------------------------------------------

    def action_stories(self: MainScreen) -> None:
        self.load_stories()

    @work(thread=True, exclusive=True, group="stories")
    def load_stories(self: MainScreen) -> None:
        with self.reporting_errors("list the stories"):
            stories = self.library.stories()
            self.post_message(StoriesLoaded(stories, "" if stories else self.library.why_no_stories()))

    def on_stories_loaded(self: MainScreen, event: StoriesLoaded) -> None:
        from reader.ui.screens.copies import StoriesScreen
        from reader.ui.widgets.article_list import summary_prompt

        def open_story(story: Story | None) -> None:
            if story is None:
                return
            from index.models import ArticleSummary

            summaries = [ArticleSummary(id=a.id, title=a.title, source=a.source, published=a.published)
                         for a in reversed(story.articles)]
            self.article_list.set_rows([(s.id, summary_prompt(s)) for s in summaries], has_more=False,
                                       empty_message="")
            self.article_list.border_title = f"Story ({len(summaries)})"
            self._open(story.articles[0].id)

        self.app.push_screen(StoriesScreen(event.stories, event.why_none), open_story)
