"""The private Textual hooks reader/ui/widgets/painted_rows.py builds on are still there: an
upgrade of Textual past the pinned range (pyproject.toml) that renames one fails here, not as a
broken or slow article list."""

from __future__ import annotations

import textual
from textual.widgets import OptionList
from textual.widgets.option_list import Option

# Overridden or called by PaintedRows (a subclass of OptionList).
METHODS = ("_clear_caches", "_get_option_render", "_get_left_gutter_width", "_update_lines", "_get_style")
# Read from a live OptionList.
ATTRIBUTES = ("_options", "_option_to_index", "_line_cache", "_mouse_hovering_over")


def test_option_list_still_has_the_methods_painted_rows_overrides_and_calls():
    missing = [name for name in METHODS if not callable(getattr(OptionList, name, None))]
    assert not missing, f"Textual {textual.__version__} lacks OptionList.{', '.join(missing)}"


def test_an_option_list_still_keeps_the_state_painted_rows_reads():
    options = OptionList(Option("eins"), Option("zwei"))
    missing = [name for name in ATTRIBUTES if not hasattr(options, name)]
    assert not missing, f"Textual {textual.__version__} lacks OptionList().{', '.join(missing)}"
    assert hasattr(Option("drei"), "_divider")
