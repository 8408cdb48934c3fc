"""reader bookmarks add | list | remove | export | import."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text

from index.errors import ReaderError
from reader.commands.library_cmds import open_library
from reader.commands.output import console, err_console, iso, print_json
from reader.terminal import shortened, visible

if TYPE_CHECKING:
    from index.models import Bookmark


def register(subparsers, common) -> None:
    group = subparsers.add_parser("bookmarks", parents=[common], help="bookmarks: add, list, remove, export, import")
    actions = group.add_subparsers(dest="bookmark_command", metavar="ACTION", parser_class=type(group),
                                   required=True)

    add = actions.add_parser("add", parents=[common], help="bookmark an article, or a passage of it")
    add.add_argument("article", metavar="ARTICLE_ID", help="article id (or a unique prefix)")
    add.add_argument("--quote", metavar="TEXT", help="a passage of the article to bookmark")
    add.add_argument("--note", metavar="TEXT", default="", help="a note to keep with the bookmark")
    add.add_argument("--tag", metavar="T", action="append", default=[], dest="tags",
                     help="a tag (repeat for more)")
    add.add_argument("--json", action="store_true", help="print JSON")
    add.set_defaults(handler=cmd_add)

    listing = actions.add_parser("list", parents=[common], help="list the bookmarks")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_list)

    remove = actions.add_parser("remove", parents=[common], help="delete a bookmark")
    remove.add_argument("id", metavar="ID", type=_bookmark_id, help="bookmark id (see 'reader bookmarks list')")
    remove.set_defaults(handler=cmd_remove)

    export = actions.add_parser("export", parents=[common],
                                help="write the bookmarks as Markdown, or as notes in an Obsidian vault")
    target = export.add_mutually_exclusive_group()
    target.add_argument("-o", "--output", metavar="FILE", type=Path, help="file to write (default: stdout)")
    target.add_argument("--vault", metavar="DIR", type=Path,
                        help="write one note per article into this folder (an Obsidian vault or a folder in it); "
                             "notes edited since the last export are left as they are")
    export.add_argument("--force", action="store_true", help="overwrite FILE if it exists")
    export.set_defaults(handler=cmd_export)

    restore = actions.add_parser("import", parents=[common], help="read bookmarks back from a Markdown export")
    restore.add_argument("file", metavar="FILE.md", type=Path)
    restore.set_defaults(handler=cmd_import)


def _bookmark_id(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a bookmark id (a number)") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"{text!r} is not a bookmark id (a number)")
    return value


def _say(message: str, label: str = "", style: str = "") -> None:
    """A status line on stderr: no markup (paths may hold brackets), not wrapped (paths stay whole)."""
    err_console.print(Text(label, style=style) + Text(visible(message)), soft_wrap=True)


def bookmark_json(bookmark: Bookmark, title: str | None = None) -> dict:
    data = {"id": bookmark.id, "article": bookmark.article, "title": title, "start": bookmark.start,
            "end": bookmark.end, "quote": bookmark.quote, "note": bookmark.note, "tags": bookmark.tags,
            "created": iso(bookmark.created), "updated": iso(bookmark.updated),
            "article_removed": bookmark.article_removed}
    if title is None:
        del data["title"]
    return data


def _shorten(text: str, width: int) -> str:
    return visible(shortened(text, width))


def _print_bookmark(bookmark: Bookmark, title: str) -> None:
    console.print(Text.assemble(("Bookmark ", "bold"), (str(bookmark.id), "bold"), (" · ", "dim"), visible(title)))
    if bookmark.quote is not None:
        console.print(Text("> " + _shorten(bookmark.quote, 300), style="italic"))
    if bookmark.note:
        console.print(Text(visible(bookmark.note)))
    if bookmark.tags:
        console.print(Text(visible(" ".join("#" + t for t in bookmark.tags)), style="cyan"))


def cmd_add(args, data_dir: Path) -> int:
    with open_library(data_dir) as library:
        article = library.article(args.article)
        bookmark = library.bookmarks.add(article.id, quote=args.quote, note=args.note, tags=args.tags)
    if args.json:
        print_json(bookmark_json(bookmark, article.title))
    else:
        _print_bookmark(bookmark, article.title)
    return 0


def cmd_list(args, data_dir: Path) -> int:
    with open_library(data_dir, search=False) as library:
        bookmarks = library.bookmarks.list()
        titles = {article_id: library.bookmarks.article(article_id)[0].title
                  for article_id in {b.article for b in bookmarks}}
    if args.json:
        print_json([bookmark_json(b, titles.get(b.article)) for b in bookmarks])
        return 0
    if not bookmarks:
        console.print("No bookmarks yet. Add one with: reader bookmarks add ARTICLE_ID [--quote TEXT]")
        return 0
    from rich.table import Table

    table = Table(title=f"{len(bookmarks)} {'bookmark' if len(bookmarks) == 1 else 'bookmarks'}", title_justify="left")
    table.add_column("id", justify="right", no_wrap=True)
    table.add_column("article", overflow="fold", max_width=40)
    table.add_column("passage and note", overflow="fold")
    table.add_column("tags", overflow="fold")
    for b in bookmarks:
        cell = Text()
        if b.quote is not None:
            cell.append("“" + _shorten(b.quote, 120) + "”", style="italic")
        if b.note:
            cell.append(("\n" if b.quote is not None else "") + _shorten(b.note, 200))
        # Text, not str: a table reads a str cell as markup ('[/x]' in a title would crash it).
        title = Text(visible(titles.get(b.article, b.article)))
        if b.article_removed:
            title.append(" (removed from the library)", style="dim")
        table.add_row(str(b.id), title, cell,
                      Text(visible(" ".join("#" + t for t in b.tags))))
    console.print(table)
    return 0


def cmd_remove(args, data_dir: Path) -> int:
    with open_library(data_dir) as library:
        removed = library.bookmarks.remove(args.id)
    _say(f"Removed bookmark {removed.id}.")
    return 0


def cmd_export(args, data_dir: Path) -> int:
    if args.vault is not None:
        return _export_vault(args.vault.expanduser(), data_dir)
    if args.output is not None:
        args.output = args.output.expanduser()
    from reader.bookmarks import export_markdown, export_target, write_export

    if args.output is not None:
        export_target(args.output, force=args.force)  # say what is wrong before the work, not after it
    with open_library(data_dir) as library:
        count = library.bookmarks.count()
        text = export_markdown(library)
    if args.output is None:
        sys.stdout.write(text)
        return 0
    write_export(args.output, text, force=args.force)
    _say(f"Exported {count} {'bookmark' if count == 1 else 'bookmarks'} to {args.output}.")
    return 0


def _export_vault(vault: Path, data_dir: Path) -> int:
    from reader.export.vault import export_vault

    with open_library(data_dir) as library:
        report = export_vault(library, vault)
    for path in report.skipped:
        _say(f"{path.relative_to(vault)}: edited since the last export; left as it is.", "skipped ", "yellow")
    notes = len(report.created) + len(report.updated) + len(report.unchanged) + len(report.skipped)
    parts = [f"{len(report.created)} new", f"{len(report.updated)} updated", f"{len(report.unchanged)} unchanged"]
    if report.skipped:
        parts.append(f"{len(report.skipped)} skipped")
    _say(f"Exported {report.bookmarks} {'bookmark' if report.bookmarks == 1 else 'bookmarks'} as "
         f"{notes} {'note' if notes == 1 else 'notes'} in {vault}: {', '.join(parts)}.")
    return 0


def cmd_import(args, data_dir: Path) -> int:
    from reader.bookmarks import import_markdown

    args.file = args.file.expanduser()
    try:
        text = args.file.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ReaderError(f"There is no file {args.file}.") from None
    except UnicodeDecodeError:
        raise ReaderError(f"{args.file} is not a UTF-8 text file.") from None
    except OSError as exc:
        raise ReaderError(f"Cannot read {args.file}: {exc.strerror or exc}.") from None
    with open_library(data_dir) as library:
        try:
            result = import_markdown(library, text)
        except ReaderError as exc:
            raise ReaderError(f"{args.file}: {exc}") from None
    for sentence in result.skipped:
        _say(sentence, "skipped ", "red")
    for sentence in result.warnings:
        _say(sentence, "warning ", "yellow")
    summary = f"Imported {len(result.added)} {'bookmark' if len(result.added) == 1 else 'bookmarks'}"
    if result.duplicates:
        summary += f", {result.duplicates} already there"
    if result.skipped:
        summary += f", {len(result.skipped)} skipped"
    _say(summary + ".")
    return 1 if result.skipped else 0
