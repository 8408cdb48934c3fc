"""An option list whose rows are painted straight to strips.

Textual paints an option through its general text layout (wrapping, alignment, a selection offset
on every cell), looks up the line, the style and the widths again for every line, and keeps the
result in a cache that only the garbage collector can free (a ring of linked nodes): slow for
every page of results, and a full collection every few keys. A `Row` is
simpler: a few lines, never wrapped, cut with an ellipsis. `PaintedRowList` paints the same cells
(a test compares them with Textual's) and keeps them in a plain dict, freed when the rows change.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from rich.cells import cell_len, set_cell_size
from rich.segment import Segment
from rich.style import Style as RichStyle
from textual.content import Content, Span
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style
from textual.widgets import OptionList
from textual.widgets.option_list import Option

ELLIPSIS = "…"
# Characters one cell wide: printable Latin (no soft hyphen, no combining marks) and punctuation.
_ONE_CELL_EACH = re.compile("[\x20-\x7e\xa0-\xac\xae-\u02ff\u2010-\u2027\u2030-\u205f]*")
# Painted rows kept (a row per style it was painted in) before the cache starts again.
ROWS_KEPT = 2048


class Row(Content):
    """A list row. The list never wraps its rows (text-wrap: nowrap), so a row is as tall as it
    has lines: counted, not laid out, which was most of the time of replacing a page of rows."""

    def get_height(self, rules, width: int) -> int:
        if rules.get("text_wrap", "wrap") == "nowrap":
            return self.plain.count("\n") + 1
        return super().get_height(rules, width)

    @classmethod
    def of(cls, content: Content) -> "Row":
        return cls(content.plain, list(content.spans))


class PaintedRowList(OptionList):
    """An OptionList that paints its `Row` options itself when its rows are laid out as they are
    (text-wrap: nowrap, text-overflow: ellipsis, no option padding); other options, and other
    layouts, go Textual's way."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self._painter = RowPainter(self._get_style)
        self._painted: dict[tuple[Option, Style, int], list[Strip]] = {}
        self._frame: tuple[bool, int, int, dict[str, Style]] | None = None

    # Whenever Textual forgets its renders, the painted rows go too (freed by reference count;
    # a row's strips carry its index, which a removal changes).
    def set_options(self, options):
        self._painted.clear()
        return super().set_options(options)

    def clear_options(self):
        self._painted.clear()
        return super().clear_options()

    def _clear_caches(self) -> None:
        self._painted.clear()
        super()._clear_caches()

    def _paints_rows(self) -> bool:
        rules = self.styles
        return (rules.text_wrap == "nowrap" and rules.text_overflow == "ellipsis"
                and not self.get_component_styles("option-list--option").padding)

    def _paints(self, option: Option) -> bool:
        row = option.prompt
        return isinstance(row, Row) and not option._divider and self._painter.can_paint(row.plain)

    def _row_strips(self, option: Option, index: int, style: Style, width: int) -> list[Strip]:
        key = (option, style, width)
        strips = self._painted.get(key)
        if strips is None:
            if len(self._painted) >= ROWS_KEPT:
                self._painted.clear()
            row = option.prompt
            strips = self._painted[key] = self._painter.paint(row.plain, row.spans, style, width, {"option": index})
        return strips

    def _get_option_render(self, option: Option, style: Style) -> list[Strip]:
        if not (self._paints(option) and self._paints_rows()):
            return super()._get_option_render(option, style)
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        return self._row_strips(option, self._option_to_index[option], style, width)

    def render_lines(self, crop: Region) -> list[Strip]:
        # What every line needs is looked up once per paint, not once per line.
        self._update_lines()
        width = self.scrollable_content_region.width - self._get_left_gutter_width()
        self._frame = (self._paints_rows(), width, int(self.scroll_offset.y), {})
        try:
            return super().render_lines(crop)
        finally:
            self._frame = None

    def render_line(self, y: int) -> Strip:
        frame = self._frame
        if frame is None:
            return super().render_line(y)
        paints_rows, width, scroll_y, styles = frame
        try:
            index, line_offset = self._line_cache.lines[scroll_y + y]
            option = self._options[index]
        except IndexError:
            return super().render_line(y)
        if not (paints_rows and self._paints(option)):
            return super().render_line(y)
        if option.disabled:
            component = "option-list--option-disabled"
        elif self.highlighted == index:
            component = "option-list--option-highlighted"
        elif self._mouse_hovering_over == index:
            component = "option-list--option-hover"
        else:
            component = ""
        style = styles.get(component)
        if style is None:
            names = ("option-list--option", component) if component else ("option-list--option",)
            style = styles[component] = self.get_visual_style(*names)
        strips = self._row_strips(option, index, style, width)
        return strips[line_offset] if line_offset < len(strips) else super().render_line(y)


class RowPainter:
    """Paints rows for one widget, caching the styles their spans combine into."""

    def __init__(self, parse_style: Callable[[str], Style]) -> None:
        self._parse_style = parse_style
        self._parsed: dict[str, Style] = {}
        self._combined: dict[tuple, RichStyle] = {}

    def can_paint(self, plain: str) -> bool:
        # Tabs would be expanded by Textual's layout; such rows go its way.
        return "\t" not in plain

    def paint(self, plain: str, spans: Sequence[Span], style: Style, width: int, meta: dict) -> list[Strip]:
        """The strips of a row's lines, each cut to `width` cells (the last one an ellipsis when
        cut) and filled out to it in the row's style, every cell carrying `meta` (the option's
        index, for clicks): the cells Textual's option list paints."""
        if not width:
            return []
        meta_style = RichStyle.from_meta(meta)
        fill = self._rich_style(style, (), meta_style)
        strips = []
        start = 0
        for text in plain.split("\n"):
            end = start + len(text)
            line_spans = [(max(span.start, start) - start, min(span.end, end) - start, span.style)
                          for span in spans if span.start < end and span.end > start]
            text, line_spans = _cut(text, line_spans, width)
            segments = self._segments(text, line_spans, style, meta_style)
            missing = width - cell_len(text)
            if missing > 0:
                segments.append(Segment(" " * missing, fill))
            strips.append(Strip(segments, width))
            start = end + 1
        return strips

    def _segments(self, text: str, spans: list[tuple], style: Style, meta_style: RichStyle) -> list[Segment]:
        if not spans:
            return [Segment(text, self._rich_style(style, (), meta_style))] if text else []
        # Cut the line where a span starts or ends; each run takes the spans over it in the row's
        # order (a later span's attributes win, as in Textual's Content).
        cuts = sorted({0, len(text), *(offset for a, b, _ in spans for offset in (a, b))})
        return [Segment(text[a:b], self._rich_style(
                    style, tuple(span_style for start, end, span_style in spans if start <= a and end >= b), meta_style))
                for a, b in zip(cuts, cuts[1:]) if b > a]

    def _rich_style(self, style: Style, span_styles: tuple, meta_style: RichStyle) -> RichStyle:
        key = (style, span_styles, meta_style)
        rich_style = self._combined.get(key)
        if rich_style is None:
            if len(self._combined) > 4096:  # a row's index is in its meta: bound the styles kept
                self._combined.clear()
            parsed = [self._parsed_style(span_style) for span_style in span_styles]
            rich_style = (style + Style.combine([style, *parsed])).rich_style + meta_style
            self._combined[key] = rich_style
        return rich_style

    def _parsed_style(self, span_style: str | Style) -> Style:
        if isinstance(span_style, Style):
            return span_style
        parsed = self._parsed.get(span_style)
        if parsed is None:
            parsed = self._parsed[span_style] = self._parse_style(span_style)
        return parsed


def _cut(text: str, spans: list[tuple], width: int) -> tuple[str, list[tuple]]:
    """A line longer than the pane: cut to one cell less and end in an ellipsis, which takes the
    style of the spans over the cut (as Textual's `Content.truncate` does)."""
    if cell_len(text) <= width:
        return text, spans
    # Latin text takes a cell per character: a slice. Otherwise (wide or combining characters)
    # cut by cells.
    text = (text[:width - 1] if _ONE_CELL_EACH.fullmatch(text) else set_cell_size(text, width - 1)) + ELLIPSIS
    length = len(text)
    return text, [(a, min(b, length), span_style) for a, b, span_style in spans if a < length]
