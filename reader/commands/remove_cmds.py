"""reader remove ID... | --source S | --before DATE: take articles out of the library."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path

from rich.text import Text

from index.errors import ReaderError
from reader.commands.output import err_console, human_date
from reader.terminal import visible

SHOWN_BEFORE_ASKING = 10


def register(subparsers, common) -> None:
    remove = subparsers.add_parser(
        "remove", parents=[common], help="remove articles from the library (their bookmarks stay)",
        description="Remove articles: by id, by source, published before a day, or both of the last two. "
                    "Asks first unless --yes. Bookmarks of removed articles are kept (marked as removed) "
                    "and still export.")
    remove.add_argument("ids", nargs="*", metavar="ID", help="article ids (or unique prefixes)")
    remove.add_argument("--source", metavar="S", help="every article of this source (ignoring case)")
    remove.add_argument("--before", metavar="DATE", type=_day, help="every article published before this day (YYYY-MM-DD)")
    remove.add_argument("--yes", "-y", action="store_true", help="do not ask")
    remove.set_defaults(handler=cmd_remove)


def _day(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a day like 2025-09-04") from None


def _say(message: str) -> None:
    err_console.print(Text(visible(message)), soft_wrap=True)


def _confirmed(count: int) -> bool:
    err_console.print(f"Remove {count} {'article' if count == 1 else 'articles'}? [y/N] ", end="", markup=False)
    try:
        answer = sys.stdin.readline()
    except (OSError, KeyboardInterrupt):
        answer = ""
    if not answer.endswith("\n") or not sys.stdin.isatty():  # the answer was not echoed
        err_console.print()
    return answer.strip().casefold() in ("y", "yes", "j", "ja")


def cmd_remove(args, data_dir: Path) -> int:
    if not args.ids and args.source is None and args.before is None:
        raise ReaderError("Say what to remove: article ids, --source S or --before DATE (see 'reader remove --help').")
    from index.removal import remove_articles, select_ids
    from reader.commands.library_cmds import open_library

    with open_library(data_dir) as library:
        ids = select_ids(library, ids=args.ids, source=args.source, before=args.before)
        if not ids:
            _say("No article matches; nothing removed.")
            return 0
        if not args.yes:
            summaries = library.store.get_many(ids[:SHOWN_BEFORE_ASKING])
            for article_id in ids[:SHOWN_BEFORE_ASKING]:
                article = summaries[article_id]
                _say(f"  {article.id}  {human_date(article.published, article.published_precision)}  "
                     f"{article.source or '–'}  {' '.join(article.title.split())}")
            if len(ids) > SHOWN_BEFORE_ASKING:
                _say(f"  … and {len(ids) - SHOWN_BEFORE_ASKING} more")
            if not _confirmed(len(ids)):
                _say("Nothing removed.")
                return 1
        removal = remove_articles(library, ids)
    summary = f"Removed {len(removal.articles)} {'article' if len(removal.articles) == 1 else 'articles'}"
    if removal.bookmarked:
        n = len(removal.bookmarked)
        summary += (f"; the bookmarks of {n} {'article' if n == 1 else 'articles'} are kept "
                    "(marked as removed in 'reader bookmarks list')")
    _say(summary + ".")
    return 0
