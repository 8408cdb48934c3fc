"""The one way text from data reaches a terminal: control characters made visible.

A title, URL, file name, note or query may hold escape sequences (OSC 52 writes the clipboard,
OSC 2 the window title, `ESC c` resets the terminal). Written raw, the terminal obeys them. Here
every control character becomes one visible character, so `ESC ] 2 ; x BEL` shows as `␛]2;x␇`:
C0 controls (but tab and newline) and DEL as their Unicode control pictures (U+2400-U+2421),
C1 controls and lone surrogates (undecodable file-name bytes) as U+FFFD. One character for one,
so offsets into a text (search hits, mentions, bookmarks) stay valid. Stored data is never
changed: only what is shown.

- `visible(text)`: plain text for any output (Rich `Text`, Textual, `print`).
- `markup(text)`: for interpolating data into a Rich markup string (also escapes `[`).
- `json_text(data)`: JSON with the same data and no control character in it.
- `show_controls(console)`: a Rich console that makes visible whatever data slips past the above.
"""

from __future__ import annotations

import json
import re
from typing import Any

from rich.console import Console, ConsoleOptions, RenderableType, RenderHook, RenderResult
from rich.markup import escape
from rich.segment import Segment

# Control characters a terminal may act on: C0 but tab and newline, DEL, C1; and lone surrogates,
# which cannot even be encoded for output.
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff]")
_JSON_UNSAFE = re.compile("[\x7f-\x9f\ud800-\udfff]")

_PICTURES = {code: chr(0x2400 + code) for code in range(0x20) if chr(code) not in "\t\n"}
_PICTURES[0x7F] = "\u2421"
_PICTURES.update({code: "\ufffd" for code in range(0x80, 0xA0)})


def _picture(match: re.Match[str]) -> str:
    return _PICTURES.get(ord(match.group()), "\ufffd")


def visible(text: str | None) -> str:
    """The text with each control character replaced by one visible character."""
    if not text:
        return text or ""
    if CONTROL.search(text) is None:
        return text
    return CONTROL.sub(_picture, text)


def shortened(text: str, width: int) -> str:
    """The text on one line, cut at a word boundary to at most ``width`` characters with an
    ellipsis if cut (a single word longer than that is cut inside it)."""
    text = " ".join(text.split())
    if len(text) <= width:
        return text
    cut = text[:width - 1]  # room for the ellipsis
    if text[width - 1] != " " and " " in cut:
        cut = cut[:cut.rindex(" ")]
    return cut.rstrip(" ,;:–—-") + "…"


def markup(text: object) -> str:
    """Data to put inside a Rich markup string: controls made visible, `[` escaped."""
    return escape(visible(str(text)))


def json_text(data: Any, **options: Any) -> str:
    """`json.dumps` keeping non-ASCII text readable, with DEL, C1 and lone surrogates written as
    \\u escapes (json.dumps escapes C0 itself): the same data, nothing a terminal acts on."""
    dumped = json.dumps(data, ensure_ascii=False, **options)
    return _JSON_UNSAFE.sub(lambda match: f"\\u{ord(match.group()):04x}", dumped)


class _Visible:
    """A renderable whose text segments have their control characters made visible."""

    def __init__(self, renderable: RenderableType) -> None:
        self.renderable = renderable

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        for segment in console.render(self.renderable, options):
            if segment.control is None and CONTROL.search(segment.text):
                yield Segment(visible(segment.text), segment.style)
            else:
                yield segment


class _ShowControls(RenderHook):
    def process_renderables(self, renderables: list[RenderableType]) -> list[RenderableType]:
        return [_Visible(renderable) for renderable in renderables]


def show_controls(console: Console) -> Console:
    """The console, made to show every control character in what it prints as a visible one
    (Rich's own styling travels in control segments and separate styles, and is left alone).
    Data should still pass through `visible` first: Rich measures text before this runs."""
    console.push_render_hook(_ShowControls())
    return console
