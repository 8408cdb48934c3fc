"""reader doctor [--fix] [--json]: check the library, and repair what can be rebuilt."""

from __future__ import annotations

from pathlib import Path

from rich.markup import escape

from reader.commands.library_cmds import open_library
from reader.commands.output import console, print_json


def register(subparsers, common) -> None:
    parser = subparsers.add_parser("doctor", parents=[common],
                                   help="check the library (store, search index, mentions, bookmarks)")
    parser.add_argument("--fix", action="store_true",
                        help="rebuild what can be rebuilt (search index, mentions, entity links); "
                             "bookmarks are never deleted")
    parser.add_argument("--json", action="store_true", help="print JSON")
    parser.set_defaults(handler=cmd_doctor)


def cmd_doctor(args, data_dir: Path) -> int:
    from index import doctor

    with open_library(data_dir) as library:
        report = doctor.fix(library) if args.fix else doctor.check(library)
    if args.json:
        print_json({"healthy": report.healthy, "articles": report.articles, "indexed": report.indexed,
                    "fixed": report.actions,
                    "problems": [{"code": p.code, "message": p.message, "fixable": p.fixable, "ids": p.ids}
                                 for p in report.problems]})
        return 0 if report.healthy else 1
    for action in report.actions:
        console.print(f"[green]fixed[/] {escape(action)}")
    if report.healthy:
        console.print(f"The library is healthy: {report.articles} articles, all of them searchable.")
        return 0
    console.print(f"{len(report.problems)} problems found in the library at {escape(str(data_dir))}:")
    for problem in report.problems:
        hint = "" if args.fix or not problem.fixable else " [dim](reader doctor --fix repairs this)[/]"
        console.print(f"  [red]•[/] {escape(problem.message)}{hint}")
    return 1
