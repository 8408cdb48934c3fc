"""Cite and open: `y` copies the passage at the cursor with its citation, `o` opens the article's URL.

A mixin of MainScreen. The clipboard is Textual's copy_to_clipboard (OSC 52), which reaches the
local clipboard over SSH too. A browser is started only where one can show a page (a display, or
$BROWSER); elsewhere the URL is copied instead, as a console browser would take over the terminal.
"""

from __future__ import annotations

import os
import sys
from typing import TYPE_CHECKING

from textual import work

from reader.citation import cited_passage
from reader.terminal import shortened
from reader.ui.passages import passage_around

if TYPE_CHECKING:
    from reader.ui.screens.main import MainScreen


def _shorten(text: str, width: int = 60) -> str:
    return shortened(text, width)


def can_show_pages() -> bool:
    if os.environ.get("BROWSER"):
        return True
    if sys.platform in ("darwin", "win32"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


class CiteActions:
    def action_copy_citation(self: MainScreen) -> None:
        if self.opened is None:
            self.notify("Open an article first, then press y to copy a passage with its citation.")
            return
        article = self.opened.article
        if self.place is not None:
            passage = passage_around(article.body, self.place.span)
        else:  # no hit or mention chosen: the passage at the top of the view
            from index.models import Span

            offset = self.article_view.first_visible_offset()
            passage = passage_around(article.body, Span(start=offset, end=min(offset + 1, len(article.body))))
        if passage.end <= passage.start:
            self.notify("There is no text here to copy.")
            return
        self.app.copy_to_clipboard(cited_passage(article, passage.start, passage.end))
        self.notify(f"Copied “{_shorten(article.body[passage.start:passage.end])}” with its citation.",
                    title="Clipboard")

    def action_open_url(self: MainScreen) -> None:
        if self.opened is None:
            self.notify("Open an article first, then press o to open it in the browser.")
            return
        article = self.opened.article
        if not article.url:
            where = f" (it came from {article.path})" if article.path else ""
            self.notify(f"This article has no web address{where}.")
            return
        if not can_show_pages():
            self.app.copy_to_clipboard(article.url)
            self.notify(f"No browser can show a page here; the address is copied: {article.url}", title="Clipboard")
            return
        self.open_in_browser(article.url)

    @work(thread=True, group="browser")
    def open_in_browser(self: MainScreen, url: str) -> None:
        import webbrowser

        try:
            opened = webbrowser.open(url, new=2)
        except Exception:  # noqa: BLE001 - a broken browser setting: say so, keep the app
            opened = False
        if opened:
            self.app.call_from_thread(self.notify, f"Opened {url} in the browser.")
        else:
            self.app.call_from_thread(self.app.copy_to_clipboard, url)
            self.app.call_from_thread(self.notify, f"Could not start a browser; the address is copied: {url}",
                                      severity="warning")
