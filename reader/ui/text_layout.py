"""Word wrapping that remembers where each display line starts in the article body.

The article view paints search hits and mentions from body offsets, and scrolls to a
hit by finding the display line that holds its offset, so wrapping must keep offsets.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.cells import cell_len
from rich.text import Text

_WORD = re.compile(r"\S+\s*")


@dataclass(frozen=True)
class LineSpan:
    """One display line: body[start:end] (end excludes the trailing spaces and the newline)."""

    start: int
    end: int


def wrap_paragraph(text: str, base: int, width: int) -> list[LineSpan]:
    """Greedy word wrap of one paragraph (no newlines) whose first char is at body offset `base`."""
    width = max(width, 1)
    lines: list[LineSpan] = []
    line_start: int | None = None
    line_end = 0
    used = 0
    for match in _WORD.finditer(text):
        word_start, word = match.start(), match.group().rstrip()
        word_end = word_start + len(word)
        word_cells = cell_len(word)
        if line_start is not None and used + 1 + word_cells <= width:
            used += 1 + word_cells if used else word_cells
            line_end = word_end
            continue
        if line_start is not None:
            lines.append(LineSpan(base + line_start, base + line_end))
        # A word wider than the line is folded into pieces that fit.
        while word_cells > width:
            piece_end = word_start
            piece_cells = 0
            while piece_end < word_end and piece_cells + cell_len(text[piece_end]) <= width:
                piece_cells += cell_len(text[piece_end])
                piece_end += 1
            piece_end = max(piece_end, word_start + 1)
            lines.append(LineSpan(base + word_start, base + piece_end))
            word_start = piece_end
            word_cells = cell_len(text[word_start:word_end])
        line_start, line_end, used = word_start, word_end, word_cells
    if line_start is not None and line_end > line_start:
        lines.append(LineSpan(base + line_start, base + line_end))
    return lines


def wrap_body(body: str, width: int) -> list[LineSpan | None]:
    """Display lines of a body: paragraphs wrapped to `width`, one blank line (None) between them."""
    lines: list[LineSpan | None] = []
    offset = 0
    for paragraph in body.split("\n"):
        wrapped = wrap_paragraph(paragraph, offset, width)
        if wrapped:
            if lines and lines[-1] is not None:
                lines.append(None)
            lines.extend(wrapped)
        offset += len(paragraph) + 1
    return lines


def cut_lines(text: Text, spans: list[LineSpan]) -> list[Text]:
    """text[span.start:span.end] for each span, in one pass (slicing a styled Text one by one is slow)."""
    offsets = sorted({offset for span in spans for offset in (span.start, span.end)} - {0})
    pieces = text.divide(offsets)
    piece_at = {start: index for index, start in enumerate([0, *offsets])}
    return [pieces[piece_at[span.start]] if span.end > span.start else Text() for span in spans]
