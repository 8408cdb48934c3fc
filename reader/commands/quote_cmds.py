"""quotes, entity: who said what, and an entity's profile."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from reader.commands.library_cmds import open_library
from reader.commands.output import console, print_json
from reader.terminal import shortened

if TYPE_CHECKING:
    from index.library import Library

KIND_MARK = {"direct": "„“", "indirect": "~", "reported": "·"}
SPARK = "▁▂▃▄▅▆▇█"


def register(subparsers, common) -> None:
    quotes = subparsers.add_parser("quotes", parents=[common],
                                   help="quotes across the library, newest first; of one entity when named")
    quotes.add_argument("entity", nargs="?", metavar="ENTITY", help="an entity id, name or alias")
    quotes.add_argument("--limit", type=int, default=None, metavar="N", help="at most N quotes")
    quotes.add_argument("--json", action="store_true", help="print JSON")
    quotes.set_defaults(handler=cmd_quotes)

    entity = subparsers.add_parser("entity", parents=[common],
                                   help="an entity's profile: timeline, who it appears with, sources, quotes")
    entity.add_argument("entity", metavar="ENTITY", help="an entity id, name or alias")
    entity.add_argument("--by", choices=["day", "week"], default="day", help="timeline buckets (default: day)")
    entity.add_argument("--json", action="store_true", help="print JSON")
    entity.set_defaults(handler=cmd_entity)


def cmd_quotes(args, data_dir: Path) -> int:
    with open_library(data_dir, search=False) as library:
        rows = library.quotes_of(args.entity, limit=args.limit)
        names = _names(library, {r["speaker"] for r in rows if r["speaker"]})
    if args.json:
        from index.store_quotes import public

        print_json([public(r) for r in rows])
        return 0
    if not rows:
        console.print(f"No quotes of {args.entity}." if args.entity else
                      "No quotes yet. Import articles with: reader add PATH")
        return 0
    for r in rows:
        console.print(_quote_line(r, names))
    return 0


def _names(library: Library, ids: set[str]) -> dict[str, str]:
    from index.store_entities import describe_entities

    return {e.id: e.name for e in describe_entities(library.store, sorted(ids))}


def _quote_line(r: dict, names: dict[str, str]) -> Text:
    speaker = names.get(r["speaker"]) or r["speaker_text"] or "unknown"
    date = (r["published"] or "")[:10] or "–"
    line = Text()
    line.append(f"{date}  ", style="dim")
    line.append(f"{speaker}", style="bold")
    line.append(f" ({r['kind']}{', ' + r['cue'] if r['cue'] else ''}): ", style="dim")
    line.append(shortened(r["text"], 300))
    line.append(f"\n            {r['source'] or ''} · {shortened(r['title'], 70)} · {r['article']} @{r['start']}", style="dim")
    return line


def cmd_entity(args, data_dir: Path) -> int:
    with open_library(data_dir, search=False) as library:
        profile = library.entity_profile(args.entity, by=args.by)
        names = _names(library, {q["speaker"] for q in profile["quotes"] if q["speaker"]})
    if args.json:
        print_json(profile)
        return 0
    console.print(Text(f"{profile['name']}", style="bold") + Text(f"  {profile['kind']} · {profile['id']}", style="dim"))
    if profile["aliases"]:
        console.print(Text("also: " + ", ".join(profile["aliases"]), style="dim"))
    if profile["roles"]:
        console.print(Text("roles: " + ", ".join(profile["roles"]), style="dim"))
    console.print(f"{profile['articles']} articles, {profile['mentions']} mentions; "
                  f"first seen {profile['first_seen'] or '–'}, last seen {profile['last_seen'] or '–'}")
    if profile["timeline"]:
        peak = max(point["articles"] for point in profile["timeline"])
        spark = "".join(SPARK[min(len(SPARK) - 1, (point["articles"] * len(SPARK) - 1) // peak)]
                        for point in profile["timeline"])
        console.print(Text(f"{profile['timeline'][0]['date']} {spark} {profile['timeline'][-1]['date']}"))
    for title, rows, label in (("appears with", profile["appears_with"], "name"), ("sources", profile["sources"], "source")):
        if rows:
            from rich.table import Table

            table = Table(title=title, title_justify="left", show_header=False)
            table.add_column(label)
            table.add_column("articles", justify="right")
            for row in rows[:10]:
                table.add_row(row[label], str(row["articles"]))
            console.print(table)
    if profile["quotes"]:
        console.print(Text("latest quotes", style="bold"))
        for q in profile["quotes"]:
            console.print(_quote_line(q, names))
    return 0
