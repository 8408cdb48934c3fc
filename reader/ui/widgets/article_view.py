"""The open article: header, wrapped paragraphs, search hits and entity mentions painted from offsets.

A Line API widget (like Toolong's log view): only the visible lines are rendered, so a
long article scrolls as fast as a short one, and a body offset maps to a display line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bisect import bisect_right

from rich.text import Text
from textual.binding import Binding
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.terminal import visible
from reader.ui.format import article_meta
from reader.ui.reading import Highlights
from reader.ui.text_layout import cut_lines, wrap_body

if TYPE_CHECKING:
    from index.models import Article

KINDS = ("person", "org", "place", "other")


class ArticleView(ScrollView, can_focus=True):
    """Shows one article. Holds no library: the screen hands it an Article and its highlights."""

    BINDINGS = [
        Binding("j", "scroll_down", "Down", show=False),
        Binding("k", "scroll_up", "Up", show=False),
        Binding("space", "page_down", "Page down", show=False),
        Binding("g", "scroll_home", "Top", show=False),
        Binding("G", "scroll_end", "Bottom", show=False),
    ]

    COMPONENT_CLASSES = {
        "article-view--title",
        "article-view--meta",
        "article-view--person",
        "article-view--org",
        "article-view--place",
        "article-view--other",
        "article-view--target",
        "article-view--hit",
        "article-view--current",
        "article-view--empty",
        "article-view--quote",
    }

    DEFAULT_CSS = """
    ArticleView {
        scrollbar-gutter: stable;
        overflow-x: hidden;
        padding: 0 1;
        & > .article-view--title { text-style: bold; color: $text; }
        & > .article-view--meta { color: $text-muted; }
        & > .article-view--person { color: $warning; }
        & > .article-view--org { color: $primary-lighten-2; }
        & > .article-view--place { color: $success; }
        & > .article-view--other { color: $secondary-lighten-2; }
        & > .article-view--target { text-style: bold underline; background: $accent 30%; }
        & > .article-view--hit { background: $warning 60%; color: $text; text-style: bold; }
        & > .article-view--current { text-style: bold reverse; }
        & > .article-view--empty { color: $text-muted; }
        & > .article-view--quote { text-style: italic; background: $primary 12%; }
    }
    """

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: Article | None = None
        self.also_in: str | None = None  # the header's copies line (see show)
        self.highlights = Highlights()
        self.empty_message = "Select an article and press Enter."
        self._lines: list[Text] = []
        self._line_starts: list[int] = []  # body offset of each body line, for bisecting
        self._line_numbers: list[int] = []  # display line of each entry in _line_starts
        self._layout_width = 0
        self._strips: dict[int, Strip] = {}

    # --- what to show -----------------------------------------------------------

    def show(self, article: Article | None, highlights: Highlights | None = None,
             also_in: str | None = None) -> None:
        """``also_in``: the line under the header naming the outlets that carry copies."""
        self.article = article
        self.also_in = also_in
        self.highlights = highlights or Highlights()
        self._relayout()
        self.scroll_to(y=0, animate=False)
        if self.highlights.current is not None:
            self.scroll_to_offset(self.highlights.current.start)

    def set_highlights(self, highlights: Highlights) -> None:
        self.highlights = highlights
        self._relayout()
        if highlights.current is not None:
            self.scroll_to_offset(highlights.current.start)

    def show_message(self, message: str) -> None:
        """An empty state that says what to do."""
        self.empty_message = message
        if self.article is None:
            self._relayout()

    @property
    def visible_text(self) -> str:
        """The display lines as plain text (what a reader sees, scrolled or not)."""
        return "\n".join(line.plain for line in self._lines)

    # --- layout -----------------------------------------------------------------

    def _relayout(self) -> None:
        width = max(self.scrollable_content_region.width, 10)
        self._layout_width = width
        self._lines, self._line_starts, self._line_numbers = [], [], []
        self._strips.clear()
        if self.article is None:
            message = Text(visible(self.empty_message), style=self.get_component_rich_style("article-view--empty"))
            self._lines = list(message.wrap(self.app.console, width))
        else:
            self._layout_article(self.article, width)
        self.virtual_size = Size(width, len(self._lines))
        self.refresh()

    def _layout_article(self, article: Article, width: int) -> None:
        title = Text(visible(article.title), style=self.get_component_rich_style("article-view--title"))
        self._lines.extend(title.wrap(self.app.console, width))
        meta = Text(article_meta(article), style=self.get_component_rich_style("article-view--meta"))
        self._lines.extend(meta.wrap(self.app.console, width))
        if self.also_in:
            also_in = Text(visible(self.also_in), style=self.get_component_rich_style("article-view--meta"))
            self._lines.extend(also_in.wrap(self.app.console, width))
        self._lines.append(Text("─" * width, style=self.get_component_rich_style("article-view--meta")))
        body = self._painted_body(article.body)
        spans = wrap_body(article.body, width)
        pieces = iter(cut_lines(body, [span for span in spans if span is not None]))
        for span in spans:
            if span is None:
                self._lines.append(Text())
                continue
            self._line_starts.append(span.start)
            self._line_numbers.append(len(self._lines))
            self._lines.append(next(pieces))

    def _painted_body(self, body: str) -> Text:
        """The body with mentions, the hop target, search hits and the current place styled, in one pass."""
        text = Text(visible(body))  # one character for one: the offsets below stay valid
        marks = self.highlights
        kind_styles = {kind: self.get_component_rich_style(f"article-view--{kind}") for kind in KINDS}
        quoted = self.get_component_rich_style("article-view--quote")
        for quote in marks.quotes:  # under the mentions: a speaker's name inside a quote keeps its colour
            text.stylize(quoted, quote.start, quote.end)
        target = self.get_component_rich_style("article-view--target")
        for mention in marks.mentions:
            text.stylize(kind_styles.get(mention.kind, kind_styles["other"]), mention.start, mention.end)
            if marks.target_entity is not None and mention.entity == marks.target_entity:
                text.stylize(target, mention.start, mention.end)
        hit = self.get_component_rich_style("article-view--hit")
        for span in marks.hits:
            text.stylize(hit, span.start, span.end)
        if marks.current is not None:
            text.stylize(self.get_component_rich_style("article-view--current"), marks.current.start, marks.current.end)
        return text

    def line_of_offset(self, offset: int) -> int:
        """The display line holding a body offset."""
        if not self._line_starts:
            return 0
        index = max(bisect_right(self._line_starts, offset) - 1, 0)
        return self._line_numbers[index]

    def scroll_to_offset(self, offset: int) -> None:
        """Bring the line with this body offset into view, a third of the way down."""
        line = self.line_of_offset(offset)
        height = self.scrollable_content_region.height
        self.scroll_to(y=max(line - max(height // 3, 1), 0), animate=False)

    def first_visible_offset(self) -> int:
        """The body offset at the top of the viewport (where a search for the next hit starts)."""
        top = round(self.scroll_y)
        index = bisect_right(self._line_numbers, top) - 1
        return self._line_starts[max(index, 0)] if self._line_starts else 0

    # --- rendering --------------------------------------------------------------

    def on_resize(self) -> None:
        if self.scrollable_content_region.width != self._layout_width:
            anchor = self.first_visible_offset()
            self._relayout()
            current = self.highlights.current
            self.scroll_to_offset(current.start if current is not None else anchor)

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        index = scroll_y + y
        width = self.scrollable_content_region.width
        if self.article is None and width != self._layout_width:
            self._relayout()  # the first frame can come before on_resize: wrap the message to fit
        base_style = self.rich_style
        if index >= len(self._lines):
            return Strip.blank(width, base_style)
        strip = self._strips.get(index)
        if strip is None:
            line = self._lines[index].copy()
            line.stylize_before(base_style)
            strip = Strip(list(line.render(self.app.console)), line.cell_len)
            self._strips[index] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, base_style).apply_offsets(scroll_x, index)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        # A theme change recolours the component classes the painted body was built from.
        if self.is_mounted:
            self._relayout()

