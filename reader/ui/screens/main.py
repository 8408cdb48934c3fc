"""The reading screen: article list, the open article, its entities; search, hits and hops."""

from __future__ import annotations

import threading
from typing import TYPE_CHECKING

from textual import events, getters, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widgets import Header, Label, ProgressBar, Static

from reader.ui.format import plural, shown
from reader.ui.hops import HopTrail
from reader.ui.messages import (
    ArticleLoaded,
    ArticlesPage,
    ImportFinished,
    ImportProgress,
    LibraryFailed,
    LibraryOpened,
    Notice,
    OpenedArticle,
    Place,
    ResultsCounted,
    SearchResults,
)
from reader.ui.passages import passage_around, quote_at
from reader.ui.reading import Reading
from reader.ui.screens.main_cite import CiteActions
from reader.ui.screens.main_copies import CopyActions
from reader.ui.screens.main_entities import EntityActions
from reader.ui.screens.main_facets import FacetActions
from reader.ui.screens.main_feeds import FeedActions
from reader.ui.screens.main_library import EMPTY_LIBRARY, LibraryEdits
from reader.ui.screens.main_quotes import QuoteActions
from reader.ui.screens.main_refresh import LibraryWatch
from reader.ui.screens.main_work import PAGE_SIZE, SEARCH_PAGE, LibraryWork
from reader.ui.widgets.article_list import ArticleList, hit_prompt, summary_prompt
from reader.ui.widgets.article_view import ArticleView
from reader.ui.widgets.entity_pane import EntityPane
from reader.ui.widgets.search_bar import SearchBar
from reader.ui.widgets.whole_keys_footer import WholeKeysFooter

if TYPE_CHECKING:
    from index.library import Library

NO_ARTICLES = "No articles yet. Add some with: reader add PATH"
SELECT_AN_ARTICLE = "Select an article and press Enter. / searches, ? shows every key."
# Below these widths a pane is hidden unless the reader asked for it (F2 / F3).
LIST_MIN_WIDTH = 70
ENTITIES_MIN_WIDTH = 110
# The article keeps at least this many columns: a side pane gives way rather than squeeze it.
ARTICLE_MIN_WIDTH = 60
ENTITIES_WIDTH = 32  # as app.tcss sets #entities
# The orders s cycles through (index.search.backend.Sort's values) and how the results header says them.
SORTS = ("relevance", "newest", "oldest")
SORT_LABELS = {"relevance": "by relevance", "newest": "newest first", "oldest": "oldest first"}
MIN_ENTITIES_WIDTH = 20


def _list_width(width: int) -> int:
    """The list's width as app.tcss sets it: 34%, at least 26, at most 60 columns."""
    return min(60, max(26, width * 34 // 100))


class MainScreen(CopyActions, EntityActions, FacetActions, QuoteActions, LibraryEdits, CiteActions, LibraryWatch,
                 FeedActions, LibraryWork, Screen):
    search_bar = getters.query_one(SearchBar)
    article_list = getters.query_one(ArticleList)
    article_view = getters.query_one(ArticleView)
    entity_pane = getters.query_one(EntityPane)
    import_box = getters.query_one("#import", Vertical)
    status_line = getters.query_one("#status", Static)

    BINDINGS = [
        # Help and Quit first, so a new reader finds them in the footer of an 80-column terminal.
        Binding("question_mark", "app.help", "Help"),
        Binding("q", "app.quit", "Quit"),
        # Priority: handled as the key arrives, so the keys typed right after it go to the input.
        Binding("slash", "focus_search", "Search", priority=True),
        Binding("escape", "clear_search", "Clear search", show=False),
        Binding("s", "cycle_sort", "Sort results", show=False),
        Binding("F", "facets", "Narrow by source, date, agency, entity, speaker", show=False),
        Binding("right_square_bracket", "next_hit", "Next hit"),
        Binding("left_square_bracket", "previous_hit", "Prev hit", show=False),
        Binding("n", "next_mention", "Next mention"),
        Binding("N", "previous_mention", "Prev mention", show=False),
        Binding("m", "mentions", "Mentions"),
        Binding("Q", "quotes", "Quotes of entity", show=False),
        Binding("p", "profile", "Entity profile", show=False),
        Binding("b", "bookmark", "Bookmark"),
        Binding("B", "bookmarks", "Bookmarks"),
        Binding("r", "refresh", "Refresh", show=False),
        Binding("R", "refresh_feeds", "Refresh feeds", show=False),
        Binding("u", "toggle_unread", "Unread only", show=False),
        Binding("a", "toggle_entity_scope", "Entities: article/results/all", show=False),
        Binding("tab", "cycle_panes(1)", "Next pane", show=False, priority=True),
        Binding("shift+tab", "cycle_panes(-1)", "Previous pane", show=False, priority=True),
        Binding("f2", "toggle_list", "List", show=False),
        Binding("f3", "toggle_entities", "Entities", show=False),
        Binding("c", "copy_diff", "Copy diff", show=False),
        Binding("S", "stories", "Stories", show=False),
        Binding("C", "toggle_copies", "Collapse copies", show=False),
        Binding("y", "copy_citation", "Copy with citation", show=False),
        Binding("o", "open_url", "Open in browser", show=False),
        Binding("x", "remove_article", "Remove article", show=False),
        Binding("ctrl+z", "undo_remove", "Undo remove", show=False),
        Binding("i", "import_samples", "Import samples", show=False),
    ]

    def __init__(self, page_size: int = PAGE_SIZE) -> None:
        super().__init__()
        self.page_size = page_size
        self.ready = False
        self._chosen_while_opening: str | None = None
        self.search_slot = threading.Lock()
        self.reading = Reading()
        self.entity_scope = "article"
        self.sort = "relevance"
        self._counted: tuple[str, str, int | None] = ("", "", None)  # query, sort, how many match
        self._listed: tuple[str, str] | None = None  # the query and sort whose results the list shows
        self._open_when_listed: tuple[str, str] | None = None  # Enter came before these results
        self._show_list: bool | None = None  # None: decided by the width
        self._show_entities: bool | None = None
        self._pane_asked_last: str | None = None  # "list" or "entities": which gives way when both do not fit

    # --- layout -------------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield Header()
        yield SearchBar(id="search")
        with Horizontal(id="panes"):
            yield ArticleList(id="articles")
            with Vertical(id="reading"):
                # Filled by the first import progress: most launches never import, and building
                # the bar and its label would delay every first frame.
                yield Vertical(id="import")
                yield ArticleView(id="article")
                yield Static("", id="status")
            yield EntityPane(id="entities")
        yield Static("", id="feeds-line")
        yield WholeKeysFooter(compact=True)

    @property
    def library(self) -> "Library":
        return self.app.library

    @property
    def search_text(self) -> str:
        return self.search_bar.value

    @property
    def status(self) -> str:
        return str(self.status_line.content)

    def on_mount(self) -> None:
        self.import_box.display = False
        self.feeds_line.display = False
        self.article_list.border_title = "Articles"
        self.article_view.border_title = "Article"
        self.article_view.show_message("Opening the library…")
        self.entity_pane.show_entities([], "article", "Open an article to see who and what it mentions.")
        self.article_list.set_rows([], has_more=False, empty_message="Loading…")
        self.article_list.focus()
        self._apply_layout()

    def on_resize(self) -> None:
        self._apply_layout()

    @on(events.DescendantFocus)
    @on(events.DescendantBlur)
    def _focus_moved(self) -> None:
        self._apply_layout()  # a narrow entity pane widens while focused

    def _apply_layout(self) -> None:
        width = self.size.width
        show_list = self._show_list if self._show_list is not None else width >= LIST_MIN_WIDTH
        show_entities = self._show_entities if self._show_entities is not None else width >= ENTITIES_MIN_WIDTH
        article_width = width - _list_width(width) - ENTITIES_WIDTH
        if show_list and show_entities and article_width < ARTICLE_MIN_WIDTH and self._pane_asked_last is not None:
            # A side pane asked for (a, F2, F3) would squeeze the article: the other gives way.
            if self._pane_asked_last == "list":
                show_entities = False
            else:
                show_list = False
        self.article_list.display = show_list
        if not show_list and self.focused is self.article_list:
            self.article_view.focus()
        appearing = show_entities and not self.entity_pane.display
        # Beside the article alone, the pane narrows (to MIN_ENTITIES_WIDTH) before the article does;
        # too narrow to read names then, it takes half the screen while the user is in it.
        room = width - (_list_width(width) if show_list else 0)
        pane_width = max(MIN_ENTITIES_WIDTH, min(ENTITIES_WIDTH, room - ARTICLE_MIN_WIDTH))
        if pane_width < ENTITIES_WIDTH and self.focused is self.entity_pane:
            pane_width = max(ENTITIES_WIDTH, room // 2)
        self.entity_pane.styles.width = pane_width
        self.entity_pane.show_names_only(pane_width < ENTITIES_WIDTH)
        self.entity_pane.display = show_entities
        if appearing and self.entity_scope == "article" and self.opened is not None and self.opened.entities is None:
            self._show_article_entities()

    def set_status(self, text: str) -> None:
        self.status_line.update(shown(text))  # holds entity names: plain text, not markup

    # --- the library arriving -------------------------------------------------------

    @on(ImportProgress)
    def show_import_progress(self, event: ImportProgress) -> None:
        self.import_box.display = True
        if not self.import_box.children:
            self.import_box.mount(Label("", id="import-label"), ProgressBar(id="import-progress", show_eta=False))
        self.query_one(ProgressBar).update(total=event.total, progress=event.done)
        self.query_one("#import-label", Label).update(
            f"Importing the bundled articles… {event.done}/{event.total}")

    @on(ImportFinished)
    def import_finished(self, event: ImportFinished) -> None:
        self.import_box.display = False
        self.notify(event.summary, title="Import")
        for problem in event.problems[:5]:
            self.notify(problem, severity="warning")

    @on(LibraryOpened)
    def library_opened(self) -> None:
        self.ready = True
        self.article_view.show_message(SELECT_AN_ARTICLE)
        self.load_page(0, self.page_size, refresh=bool(self.article_list.article_ids))
        if self._chosen_while_opening is not None:
            self._open(self._chosen_while_opening)
            self._chosen_while_opening = None
        self.start_watching()
        if self.search_text.strip():  # typed while the library was opening
            self.run_search(self.search_text, SEARCH_PAGE)

    @on(LibraryFailed)
    def library_failed(self, event: LibraryFailed) -> None:
        self.article_view.show_message(f"The library could not be opened: {event.reason}")
        self.article_list.set_rows([], has_more=False, empty_message="No library.")
        self.notify(event.reason, title="Cannot open the library", severity="error", timeout=30)

    @on(Notice)
    def show_notice(self, event: Notice) -> None:
        self.notify(event.text, severity=event.severity)  # type: ignore[arg-type]

    # --- the article list -------------------------------------------------------------

    @on(ArticlesPage)
    def show_page(self, event: ArticlesPage) -> None:
        if event.preview:
            self.call_after_refresh(self.app.open_library)
        if self.search_text.strip():
            return  # a search took over the list while this page loaded
        if event.preview and self.ready:
            return  # the library opened first: its own page is on the way
        rows = self.copy_rows(event.rows, event.copy_groups, summary_prompt, first_page=event.offset == 0)
        has_more = event.offset + len(event.rows) < event.total
        if event.offset == 0:
            was_empty = not self.article_list.article_ids
            empty = EMPTY_LIBRARY if event.total == 0 else NO_ARTICLES
            self.article_list.set_rows(rows, has_more=has_more, empty_message=empty, keep_place=event.refreshed)
            if not rows:
                self.article_view.show_message(empty)
            elif was_empty and self.opened is None:  # the first articles arrived from elsewhere
                self.article_view.show_message(SELECT_AN_ARTICLE)
        else:
            self.article_list.append_rows(rows, has_more=has_more)
        self.article_list.border_title = f"Articles ({event.total:,})"
        self.sub_title = plural(event.total, "article")

    @on(ArticleList.NeedMore)
    def load_more(self, event: ArticleList.NeedMore) -> None:
        if not self.ready:
            return  # the first page came before the library; the rest follows when it opens
        query = self.search_text.strip()
        if query:
            self.run_search(self.search_text, event.loaded + SEARCH_PAGE)
        else:
            self.load_page(event.loaded, self.page_size)

    @on(SearchBar.Changed)
    def search_changed(self, event: SearchBar.Changed) -> None:
        if not self.ready:
            return
        self._offered_refresh = False  # what comes next is read fresh from the library
        if event.query.strip():
            self.run_search(event.query, SEARCH_PAGE, typing=True)
        else:
            self._listed = None
            self.search_bar.show_error(None)
            self.load_page(0, self.page_size)
            if self.entity_scope == "results":  # no results to list the entities of
                self.entity_scope = "article"
                self._show_article_entities()

    @on(SearchResults)
    def show_results(self, event: SearchResults) -> None:
        if event.query != self.search_text or event.sort != self.sort:
            return
        if event.error:
            self._open_when_listed = None
            self.search_bar.show_error(event.error)
            return
        self.search_bar.show_error(None)
        appending = event.limit > SEARCH_PAGE and bool(self.article_list.article_ids) and not event.refreshed
        rows = self.copy_rows(event.hits, event.copy_groups, hit_prompt, first_page=not appending)
        has_more = len(event.hits) >= event.limit
        if event.limit > SEARCH_PAGE and self.article_list.article_ids and not event.refreshed:
            self.article_list.append_rows(rows, has_more=has_more)
        else:
            self.article_list.set_rows(rows, has_more=has_more, keep_place=event.refreshed,
                                       empty_message=f"Nothing matches “{event.query}”. Esc shows every article.")
        if self.entity_scope == "results" and not appending:
            self.show_result_entities()
        if event.total is not None:
            self._counted = (event.query, event.sort, event.total)
        self._title_results(event.query, event.sort, len(event.hits))
        self._listed = (event.query, event.sort)
        if self._open_when_listed == self._listed:
            self._open_when_listed = None
            if self.article_list.article_ids:
                self.article_list.action_select()

    @on(ResultsCounted)
    def results_counted(self, event: ResultsCounted) -> None:
        if event.query == self.search_text and event.sort == self.sort:
            self._counted = (event.query, event.sort, event.total)
            self._title_results(event.query, event.sort, len(self.article_list.article_ids))

    def _title_results(self, query: str, sort: str, listed: int) -> None:
        """"Results (1,234) · newest first"; "(20+)" until counted."""
        counted = self._counted[2] if self._counted[:2] == (query, sort) else None
        count = f"{counted:,}" if counted is not None else f"{listed:,}+"
        self.article_list.border_title = f"Results ({count}) · {SORT_LABELS[sort]}"

    def action_cycle_sort(self) -> None:
        self.sort = SORTS[(SORTS.index(self.sort) + 1) % len(SORTS)]
        if self.ready and self.search_text.strip():
            self.run_search(self.search_text, SEARCH_PAGE)
        else:
            self.notify(f"Search results will be listed {SORT_LABELS[self.sort]}.")

    @on(SearchBar.Submitted)
    def search_submitted(self) -> None:
        self.article_list.focus()
        query = (self.search_text, self.sort)
        if self.search_text.strip() and self._listed != query:
            self._open_when_listed = query  # the list still shows the last query's results
        elif self.article_list.article_ids:
            self.article_list.action_select()

    def action_focus_search(self) -> None:
        search_input = self.search_bar.input
        if self.focused is search_input:
            search_input.insert_text_at_cursor("/")  # a / inside a query is just a character
            return
        self.set_focus(search_input)

    def action_clear_search(self) -> None:
        if not self.search_text and not self.search_bar.error:
            if self.focused is not self.article_list and self.article_list.display:
                self.set_focus(self.article_list)
            return
        self.search_bar.clear()  # the Changed message reloads the full list
        self.set_focus(self.article_list)
        if self.opened is not None and self.opened.hits:
            self.reading.forget_hits()
            self._repaint()

    # --- the open article ------------------------------------------------------------

    @property
    def opened(self) -> OpenedArticle | None:
        return self.reading.opened

    @property
    def place(self) -> Place | None:
        return self.reading.place

    @property
    def trail(self) -> HopTrail | None:
        return self.reading.trail

    @on(ArticleList.Chosen)
    def article_chosen(self, event: ArticleList.Chosen) -> None:
        if not self.ready:
            self._chosen_while_opening = event.article_id  # opened as soon as the library is
            self.article_view.show_message("Opening the library… the article follows in a moment.")
            return
        self._open(event.article_id)
        self.set_focus(self.article_view)

    def _open(self, article_id: str, place: Place | None = None) -> None:
        self.open_article(article_id, self.search_text, place, self._article_entities_shown)

    @property
    def _article_entities_shown(self) -> bool:
        return self.entity_scope == "article" and self.entity_pane.display

    @on(ArticleLoaded)
    def article_loaded(self, event: ArticleLoaded) -> None:
        opened = event.opened
        self.reading.article_opened(opened)
        self.article_view.border_title = opened.article.source or "Article"
        self.article_view.show(opened.article, self.reading.highlights(), also_in=opened.also_in)
        self.article_list.select_article(opened.article.id)
        if self.entity_scope == "article":
            self.entity_pane.show_entities([], "article", "Finding who and what it mentions…")
        self.set_status(self.reading.status())

    def _repaint(self) -> None:
        self.article_view.set_highlights(self.reading.highlights())
        self.set_status(self.reading.status())

    def action_next_hit(self) -> None:
        self._step_hit(forward=True)

    def action_previous_hit(self) -> None:
        self._step_hit(forward=False)

    def _step_hit(self, forward: bool) -> None:
        problem = self.reading.step_hit(forward, self.article_view.first_visible_offset())
        if problem:
            self.notify(problem)
        else:
            self._repaint()

    # --- bookmarks ---------------------------------------------------------------------

    def action_bookmark(self) -> None:
        if self.opened is None:
            self.notify("Open an article first, then press b to bookmark it.")
            return
        article = self.opened.article
        quote = quote_at(self.opened.quotes, self.place.span) if self.place is not None else None
        if quote is not None:  # the quote the place is in, with who said it
            self.add_quote_bookmark(article.id, quote)
            return
        passage = passage_around(article.body, self.place.span) if self.place is not None else None
        self.add_bookmark(article.id, article.title, passage)

    def action_bookmarks(self) -> None:
        from reader.ui.screens.bookmarks import BookmarksScreen

        def jump(target) -> None:
            if target is not None:
                from index.models import Span  # the library's code loads after the first screen

                place = Place(Span(start=target.start, end=target.end), "bookmark") if target.start is not None else None
                self._open(target.article, place)
                self.article_view.focus()

        self.app.push_screen(BookmarksScreen(self.library), jump)

    # --- panes ---------------------------------------------------------------------

    def action_cycle_panes(self, step: int) -> None:
        panes = [w for w in (self.article_list, self.article_view, self.entity_pane) if w.display]
        if not panes:
            return
        focused = self.focused
        index = panes.index(focused) if focused in panes else -1 if step > 0 else 0
        self.set_focus(panes[(index + step) % len(panes)])

    def action_toggle_list(self) -> None:
        self._show_list = not self.article_list.display
        self._pane_asked_last = "list" if self._show_list else None
        self._apply_layout()
        if not self.article_list.display and self.focused is self.article_list:
            self.article_view.focus()

    def action_toggle_entities(self) -> None:
        self._show_entities = not self.entity_pane.display
        self._pane_asked_last = "entities" if self._show_entities else None
        self._apply_layout()
        if not self.entity_pane.display and self.focused is self.entity_pane:
            self.article_view.focus()
        self.focus_entities_if_narrow()

    def focus_entities_if_narrow(self) -> None:
        """Asked for beside an article that leaves it too few columns to read names, the entity
        pane takes the focus, and with it half the screen (see _apply_layout)."""
        if self.entity_pane.display and self.entity_pane.styles.width.value < ENTITIES_WIDTH:
            self.entity_pane.focus()
