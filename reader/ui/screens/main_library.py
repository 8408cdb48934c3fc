"""Managing the library from the app: `x` removes an article, Ctrl+Z brings it back, and an empty
library offers the bundled samples (`i`).

A mixin of MainScreen. The removal and the undo run in thread workers (index.removal) and post
a message; the list then reloads with the cursor on the neighbouring article.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from reader.terminal import shortened
from reader.ui.format import plural

if TYPE_CHECKING:
    from index.removal import Removal
    from reader.ui.screens.main import MainScreen

UNDO_KEY = "Ctrl+Z"
EMPTY_LIBRARY = ("The library is empty. Add articles with: reader add PATH (files or folders), "
                 "or follow feeds with: reader feeds add URL. Press i to import the five bundled sample articles.")


def _title(text: str, width: int = 60) -> str:
    return shortened(text, width)


class ArticlesRemoved(Message):
    def __init__(self, removal: Removal) -> None:
        super().__init__()
        self.removal = removal


class ArticlesRestored(Message):
    def __init__(self, removal: Removal, count: int) -> None:
        super().__init__()
        self.removal = removal
        self.count = count


class SamplesImported(Message):
    def __init__(self, summary: str) -> None:
        super().__init__()
        self.summary = summary


class LibraryEdits:
    _removals: list[Removal]

    def _target_article(self: MainScreen) -> str | None:
        """The highlighted row when the list has the focus (or no article is open), else the open article."""
        listing = self.article_list
        highlighted = listing.highlighted_option if listing.article_ids else None
        if highlighted is not None and highlighted.id and (self.focused is listing or self.opened is None):
            return highlighted.id
        return self.opened.article.id if self.opened is not None else None

    def action_remove_article(self: MainScreen) -> None:
        if not self.ready:
            self.notify("The library is still opening.")
            return
        article_id = self._target_article()
        if article_id is None:
            self.notify("Select an article first, then press x to remove it.")
            return
        ids = self.article_list.article_ids
        if article_id in ids and self.article_list.highlighted_option is not None \
                and self.article_list.highlighted_option.id == article_id and len(ids) > 1:
            # The cursor goes to the next article (the previous one at the end); the reload keeps it there.
            index = ids.index(article_id)
            self.article_list.highlighted = index + 1 if index + 1 < len(ids) else index - 1
        self.remove_article(article_id)

    @work(thread=True, exclusive=True, group="library-edit")
    def remove_article(self: MainScreen, article_id: str) -> None:
        from index.removal import remove_articles

        with self.reporting_errors("remove the article"):
            self.post_message(ArticlesRemoved(remove_articles(self.library, [article_id])))

    def on_articles_removed(self: MainScreen, event: ArticlesRemoved) -> None:
        removal = event.removal
        if not removal.articles:
            return
        if not hasattr(self, "_removals"):
            self._removals = []
        self._removals.append(removal)
        removed = {a.id for a in removal.articles}
        if self.opened is not None and self.opened.article.id in removed:
            self.reading.opened = None
            self.reading.place = None
            self.article_view.show(None)
            self.article_view.show_message(f"Removed. {UNDO_KEY} brings it back.")
            self.set_status("")
        self._after_library_edit()
        kept = " Its bookmarks are kept." if removal.bookmarked else ""
        self.notify(f"Removed “{_title(removal.articles[0].title)}”.{kept} {UNDO_KEY} brings it back.",
                    title="Removed")

    def action_undo_remove(self: MainScreen) -> None:
        removals = getattr(self, "_removals", [])
        if not removals:
            self.notify("Nothing to bring back: no article was removed in this session.")
            return
        self.restore_articles(removals.pop())

    @work(thread=True, exclusive=True, group="library-edit")
    def restore_articles(self: MainScreen, removal: Removal) -> None:
        from index.removal import undo_removal

        with self.reporting_errors("bring the article back"):
            self.post_message(ArticlesRestored(removal, undo_removal(self.library, removal)))

    def on_articles_restored(self: MainScreen, event: ArticlesRestored) -> None:
        self._after_library_edit()
        first = event.removal.articles[0]
        self.article_list.select_article(first.id)
        self.notify(f"Brought back “{_title(first.title)}”.", title="Undone")

    def _after_library_edit(self: MainScreen) -> None:
        if self.search_text.strip():
            self.run_search(self.search_text, self._loaded_or_one_page(20), refresh=True)
        else:
            self._reload_list()
        if self.entity_scope == "library":
            self.load_library_entities()

    # --- an empty library ------------------------------------------------------------

    def action_import_samples(self: MainScreen) -> None:
        if not self.ready:
            self.notify("The library is still opening.")
            return
        if self.article_list.article_ids or self.search_text.strip():
            self.notify("The sample articles are offered for an empty library; add them with: reader add "
                        f"{self.app.seeds_dir}")
            return
        self.import_samples()

    @work(thread=True, exclusive=True, group="library-edit")
    def import_samples(self: MainScreen) -> None:
        from reader.ui.messages import ImportProgress

        with self.reporting_errors("import the sample articles"):
            report = self.library.add([self.app.seeds_dir], progress=lambda done, total, path:
                                      self.post_message(ImportProgress(done, total, path)))
            self.post_message(SamplesImported(f"Imported {plural(report.added, 'sample article')}."))

    def on_samples_imported(self: MainScreen, event: SamplesImported) -> None:
        self.import_box.display = False
        self.article_view.show_message("Select an article and press Enter. / searches, ? shows every key.")
        self._reload_list()
        self.notify(event.summary, title="Import")
