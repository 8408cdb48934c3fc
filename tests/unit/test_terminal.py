"""reader.terminal: what the terminal is given of data holds no control character."""

from __future__ import annotations

import io
import json
import re

from hypothesis import given, strategies as st
from rich.console import Console
from rich.table import Table
from rich.text import Text

from reader.terminal import CONTROL, json_text, markup, show_controls, visible

HOSTILE = {
    "OSC 52 clipboard write": "\x1b]52;c;aGk=\x07",
    "OSC 2 window title": "\x1b]2;pwned\x07",
    "OSC 8 hyperlink": "\x1b]8;;http://evil.example/\x1b\\click\x1b]8;;\x1b\\",
    "CSI clear screen": "\x1b[2J",
    "ESC c reset": "\x1bc",
    "8-bit CSI": "\x9b2J",
    "DEL and NUL": "\x7f\x00",
}


def test_every_control_character_becomes_one_visible_character():
    for name, sequence in HOSTILE.items():
        shown = visible("before " + sequence + " after")
        assert CONTROL.search(shown) is None, name
        assert len(shown) == len("before " + sequence + " after"), name  # offsets stay valid
    assert visible("\x1b]2;pwned\x07") == "␛]2;pwned␇"
    assert visible("Zeile 1\n\tZeile 2 äöü ß") == "Zeile 1\n\tZeile 2 äöü ß"
    assert visible("\x9b") == "\ufffd" and visible("name-\udcff.txt") == "name-\ufffd.txt"
    assert visible(None) == ""


@given(st.text())
def test_visible_text_has_no_control_character_and_the_same_length(text):
    shown = visible(text)
    assert CONTROL.search(shown) is None
    assert len(shown) == len(text)
    assert all(a == b for a, b in zip(text, shown) if not CONTROL.match(a))


@given(st.recursive(st.none() | st.text() | st.integers(),
                    lambda inner: st.lists(inner) | st.dictionaries(st.text(), inner)))
def test_json_text_keeps_the_data_exactly_and_holds_no_control_character(data):
    written = json_text(data, indent=2)
    assert json.loads(written) == data
    assert CONTROL.search(written.replace("\n", " ")) is None


def test_markup_escapes_brackets_and_controls():
    console = Console(file=io.StringIO(), highlight=False)
    console.print(f"[red]skipped[/] {markup('[/x] [bold red]a' + HOSTILE['CSI clear screen'])}")
    assert console.file.getvalue() == "skipped [/x] [bold red]a␛[2J\n"


def test_a_console_that_shows_controls_passes_none_of_them_but_keeps_its_own_styles():
    out = io.StringIO()
    console = show_controls(Console(file=out, force_terminal=True, color_system="standard", width=60))
    table = Table("field")
    for sequence in HOSTILE.values():
        console.print(Text("title " + sequence, style="bold"))
        console.print("plain " + sequence, markup=False)
        table.add_row(sequence)
    console.print(table)
    written = out.getvalue()
    # Only Rich's own SGR styling (ESC [ ... m) is left; no OSC, no clear screen, no reset.
    without_styles = re.sub(r"\x1b\[[0-9;]*m", "", written)
    assert "\x1b" not in without_styles and "\x9b" not in without_styles
    assert "␛]2;pwned" in written and "\x1b[1m" in written
