"""The Textual app: one factory (`ReaderApp`) used by `reader` and by the tests.

The app owns the library's lifecycle: it opens the library in a worker (opening may rebuild
the search index), imports the bundled seeds into an empty library with visible progress, and
closes it on exit. The first screen paints before any of that starts.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import Iterable
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from typing import TYPE_CHECKING

from index.errors import ReaderError
from reader import paths
from reader.terminal import visible
from reader.ui.format import plural
from reader.ui.messages import ArticlesPage, ImportFinished, ImportProgress, LibraryFailed, LibraryOpened
from reader.ui.screens.main import MainScreen
from reader.ui.screens.main_work import PAGE_SIZE
from reader.ui.strip_cycles import keep_strips_acyclic

if TYPE_CHECKING:
    from concurrent.futures import Future

    from index.listing import ListedArticle

    FirstPage = tuple[list[ListedArticle], int]
    from index.library import Library

# Young generation, middle, old (see open_library); CPython's defaults are 700, 10, 10.
TYPING_GC_THRESHOLDS = (10_000, 10, 100)

log = logging.getLogger(__name__)

keep_strips_acyclic()

DEFAULT_EXPORT_NAME = "reader-bookmarks.md"
# The first page is a head start only; past this the library's own page is as quick.
FIRST_PAGE_WAIT_SECONDS = 5.0


FIRST_START_KEY = "app_first_started"


def _first_start(library: "Library") -> bool:
    """Whether this is the first time the app opens this library and finds it empty. Recorded, so a
    library emptied later (reader remove) stays empty and offers the samples instead."""
    if library.store.get_meta(FIRST_START_KEY) is not None:
        return False
    empty = library.is_empty()
    try:
        library.store.set_meta(FIRST_START_KEY, "1")
    except ReaderError:  # read-only: nothing is imported into it either way
        return False
    return empty


class ReaderApp(App[None]):
    CSS_PATH = "app.tcss"
    TITLE = "reader"

    BINDINGS = [
        Binding("q", "quit", "Quit"),
        Binding("question_mark", "help", "Help"),
        Binding("e", "export", "Export"),
    ]

    def __init__(
        self,
        library_dir: Path,
        *,
        seeds_dir: Path | None = None,
        import_seeds_when_empty: bool = True,
        page_size: int = PAGE_SIZE,
        export_path: Path | None = None,
        first_page: "Future[FirstPage | None] | None" = None,
    ) -> None:
        """`seeds_dir` defaults to the bundled seeds, imported only on the first start of an empty
        library when `import_seeds_when_empty`; `export_path` is what `e` offers first;
        `first_page` is the newest articles, read while the app was loading (see launch)."""
        super().__init__()
        self.library_dir = Path(library_dir)
        self.seeds_dir = seeds_dir if seeds_dir is not None else paths.seeds_dir()
        self.import_seeds_when_empty = import_seeds_when_empty
        self.page_size = page_size
        self.export_path = export_path
        self.first_page = first_page
        self.library: "Library | None" = None
        self.library_failed = False
        self._first_rows_posted = False
        self.main_screen = MainScreen(page_size=page_size)

    def get_default_screen(self) -> Screen:
        return self.main_screen

    def on_load(self) -> None:
        # Usually read by now. Queued before the screen is shown, the rows are in its first frame;
        # posted any later, they would wait behind the painting of an empty list.
        if self.first_page is not None and self.first_page.done():
            found = self._first_page_result(timeout=0)
            if found is not None:
                self._show_first_rows(found)

    def on_mount(self) -> None:
        if self._first_rows_posted:
            return  # the screen opens the library once those rows are painted
        if self.first_page is not None:
            self.show_first_page()
        else:
            self.open_library()

    @work(thread=True, group="first-page")
    def show_first_page(self) -> None:
        """Paint the list before the library has opened: the reader sees it at once."""
        found = self._first_page_result(FIRST_PAGE_WAIT_SECONDS)
        if found is None:
            self.call_from_thread(self.open_library)
        else:
            self._show_first_rows(found)

    def _first_page_result(self, timeout: float) -> "FirstPage | None":
        try:
            return self.first_page.result(timeout=timeout)
        except Exception:  # noqa: BLE001 - only a head start: the library's own page follows
            log.debug("no first page before the library opened", exc_info=True)
            return None

    def _show_first_rows(self, found: "FirstPage") -> None:
        rows, total = found
        self._first_rows_posted = True
        # The screen opens the library after painting these rows: loading the search engine
        # in parallel would hold the interpreter while the first frame is drawn.
        self.main_screen.post_message(ArticlesPage(rows, 0, total, preview=True))

    def on_unmount(self) -> None:
        if self.library is not None:
            self.library.close()

    @work(thread=True, exclusive=True, group="library")
    def open_library(self) -> None:
        gc.enable()  # `reader` pauses the collector until the first frame is painted (see launch)
        screen = self.main_screen
        try:
            # Imported here, in the worker: the search engine and the recogniser take a second to
            # load, and the first screen is painted without waiting for them.
            from index.library import Library

            library = Library.open(self.library_dir)
        except ReaderError as exc:
            self.library_failed = True
            screen.post_message(LibraryFailed(str(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - shown as a sentence; the traceback goes to the log
            log.exception("cannot open the library at %s", self.library_dir)
            self.library_failed = True
            screen.post_message(LibraryFailed(f"{type(exc).__name__}: {exc}"))
            return
        self.library = library
        if library.store.read_only_reason:  # a read-only folder or a full disk: reading works
            self.call_from_thread(self.notify, library.store.read_only_reason, title="Read only", timeout=10)
        if self.import_seeds_when_empty and _first_start(library) and self.seeds_dir.is_dir():
            self._import_seeds(library)
        library.changed_elsewhere()  # what is on disk now is what the screen will show: the baseline
        try:
            library.warm_up()  # the first search would otherwise pay for loading the word list
        except Exception:  # noqa: BLE001 - only a head start; the search reports its own errors
            log.warning("could not prepare the search index ahead of the first search", exc_info=True)
        # What the library and the search engine hold lives as long as the app: set it aside, so
        # the full collections that typing triggers walk only new objects (at 100k articles each
        # took a keystroke's whole budget; frozen, a fraction of it).
        gc.collect()
        gc.freeze()
        # Typing renders thousands of short-lived objects per key; at the default thresholds the
        # collector ran many times per keystroke and a full collection every few keys. Fewer,
        # larger young collections take less time in all (bench/HISTORY.md).
        gc.set_threshold(*TYPING_GC_THRESHOLDS)
        # Ready once warmed up: the first keys would otherwise share the
        # interpreter with the warm-up and its collection. A query typed before is run now.
        screen.post_message(LibraryOpened())

    def _import_seeds(self, library: "Library") -> None:
        screen = self.main_screen
        try:
            report = library.add(
                [self.seeds_dir],
                progress=lambda done, total, path: screen.post_message(ImportProgress(done, total, path)),
            )
        except ReaderError as exc:
            screen.post_message(ImportFinished(f"The bundled articles could not be imported: {exc}", []))
            return
        problems = [f"{Path(path).name}: {reason}" for path, reason in report.failed]
        summary = f"Imported {plural(report.added, 'bundled article')}. Add your own with: reader add PATH"
        screen.post_message(ImportFinished(summary, problems))

    # --- keys that work on every screen --------------------------------------------

    def notify(self, message: str, *, title: str = "", severity="information", timeout: float | None = None,
               markup: bool = True) -> None:
        """Notifications carry data (file names, error sentences): never read as markup, and
        their control characters made visible."""
        super().notify(visible(message), title=visible(title), severity=severity, timeout=timeout, markup=False)

    def action_help(self) -> None:
        from reader.ui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_export(self) -> None:
        from reader.ui.screens.dialogs import PathPrompt

        if self.library is None:
            self.notify("The library is still opening.")
            return
        default = self.export_path or Path.cwd() / DEFAULT_EXPORT_NAME

        def chosen(path: Path | None) -> None:
            if path is not None:
                self.export_bookmarks(path, force=False)

        self.push_screen(PathPrompt("Export bookmarks to Markdown", "File to write:", default), chosen)

    @work(thread=True, exclusive=True, group="export")
    def export_bookmarks(self, path: Path, force: bool) -> None:
        from reader.bookmarks import export_markdown, write_export

        try:
            if path.exists() and not path.is_dir() and not force:
                self.call_from_thread(self._confirm_overwrite, path)
                return
            write_export(path, export_markdown(self.library), force=force)
        except ReaderError as exc:
            self.call_from_thread(self.notify, str(exc), severity="error")
        except OSError as exc:
            self.call_from_thread(self.notify, f"Cannot write {path}: {exc.strerror or exc}.", severity="error")
        else:
            count = self.library.bookmarks.count()
            self.call_from_thread(self.notify, f"Exported {plural(count, 'bookmark')} to {path}.", title="Export")

    def _confirm_overwrite(self, path: Path) -> None:
        from reader.ui.screens.dialogs import Confirm

        def answered(yes: bool | None) -> None:
            if yes:
                self.export_bookmarks(path, force=True)

        self.push_screen(Confirm(f"{path} exists. Replace it?"), answered)

    # --- the command palette ---------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield from super().get_system_commands(screen)
        seen = {"quit"}  # the palette has its own Quit
        for owner in (screen, self):
            for binding in getattr(owner, "BINDINGS", []):
                if not isinstance(binding, Binding) or not binding.description:
                    continue
                action = binding.action.removeprefix("app.")
                if action in seen:
                    continue
                seen.add(action)
                key = self.get_key_display(binding)
                yield SystemCommand(binding.description, f"Key: {key}", partial(owner.run_action, binding.action))
