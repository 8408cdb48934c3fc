"""Printing for the CLI: JSON for scripts, rich for people."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Any

from rich.console import Console

from reader.terminal import json_text, show_controls

# Whatever these print, no control character from data reaches the terminal (reader.terminal).
console = show_controls(Console(highlight=False))
# Messages are never folded: a long path cut in two cannot be found by grep in a log.
err_console = show_controls(Console(stderr=True, highlight=False, soft_wrap=True))


def iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None


def print_json(data: Any) -> None:
    sys.stdout.write(json_text(data, indent=2) + "\n")


def human_date(value: datetime | None, precision: str | None = None) -> str:
    if value is None:
        return "–"
    if precision == "day":
        return value.strftime("%Y-%m-%d")
    return value.strftime("%Y-%m-%d %H:%M")
