"""`reader entities` for people: aligned plain lines, written as they are made.

A rich Table measures every cell of every row before printing one: at 100k articles (tens of
thousands of entities) that took several times as long as --json. Columns here are sized from the
numbers alone, names and aliases cut to the terminal's width (kept whole when piped).
"""

from __future__ import annotations

import shutil
import sys
from typing import TYPE_CHECKING

from reader.terminal import visible

if TYPE_CHECKING:
    from index.models import Entity

NAME_SHARE = 0.45  # of what the kind and the counts leave
MAX_ALIASES = 6


def _cut(text: str, width: int | None) -> str:
    if width is None or len(text) <= width:
        return text
    return text[:max(0, width - 1)] + "…"


def write_entity_lines(entities: list[Entity], out=None) -> None:
    out = out or sys.stdout
    tty = out.isatty()
    articles_width = max(len("articles"), *(len(str(e.articles)) for e in entities))
    mentions_width = max(len("mentions"), *(len(str(e.mentions)) for e in entities))
    fixed = 6 + 1 + articles_width + 1 + mentions_width + 2
    if tty:
        room = max(20, shutil.get_terminal_size().columns - fixed - 1)
        name_width: int | None = max(12, int(room * NAME_SHARE))
        alias_width: int | None = max(0, room - name_width - 2)
    else:
        name_width = alias_width = None
    shown_name_width = name_width or min(40, max(len("name"), *(len(e.name) for e in entities[:2000])))
    lines = [f"{len(entities)} entities",
             f"{'kind':<6} {'name':<{shown_name_width}}  {'articles':>{articles_width}} {'mentions':>{mentions_width}}  aliases"]
    for e in entities:
        name = _cut(visible(e.name), name_width)
        aliases = _cut(visible(", ".join(e.aliases[:MAX_ALIASES])), alias_width)
        lines.append(f"{e.kind:<6} {name:<{shown_name_width}}  {e.articles:>{articles_width}} "
                     f"{e.mentions:>{mentions_width}}  {aliases}".rstrip())
        if len(lines) >= 5000:
            out.write("\n".join(lines) + "\n")
            lines = []
    out.write("\n".join(lines) + "\n" if lines else "")
