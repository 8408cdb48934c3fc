"""feeds add / list / remove / set / import / export, and refresh."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.markup import escape
from rich.text import Text

from reader.commands.library_cmds import open_library, progress_bar
from reader.commands.output import console, err_console, print_json


def register(subparsers, common) -> None:
    feeds = subparsers.add_parser("feeds", parents=[common], help="subscribe to RSS and Atom feeds")
    commands = feeds.add_subparsers(dest="feeds_command", metavar="COMMAND", required=True)

    add = commands.add_parser("add", parents=[common], help="subscribe to feeds (or pages that name one)")
    add.add_argument("urls", nargs="+", metavar="URL")
    add.add_argument("--tag", action="append", default=[], metavar="T", help="a tag for the feed (repeatable)")
    add.add_argument("--no-full-text", action="store_true", help="keep teasers; do not fetch the linked pages")
    add.set_defaults(handler=cmd_add)

    listing = commands.add_parser("list", parents=[common], help="the subscriptions and how they last went")
    listing.add_argument("--json", action="store_true", help="print JSON")
    listing.set_defaults(handler=cmd_list)

    remove = commands.add_parser("remove", parents=[common], help="unsubscribe (the articles stay)")
    remove.add_argument("id", type=int, metavar="ID")
    remove.add_argument("--with-articles", action="store_true",
                        help="also remove the articles only this feed brought (bookmarked ones stay)")
    remove.set_defaults(handler=cmd_remove)

    settings = commands.add_parser("set", parents=[common], help="change a feed's settings")
    settings.add_argument("id", type=int, metavar="ID")
    settings.add_argument("--full-text", choices=["on", "off"], required=True,
                          help="fetch the linked page of teaser-only items (on) or keep the teaser (off)")
    settings.set_defaults(handler=cmd_set)

    opml_in = commands.add_parser("import", parents=[common], help="subscribe to the feeds of an OPML file")
    opml_in.add_argument("file", type=Path, metavar="FILE.opml")
    opml_in.set_defaults(handler=cmd_import)

    opml_out = commands.add_parser("export", parents=[common], help="the subscriptions as OPML 2.0")
    opml_out.add_argument("-o", "--output", type=Path, metavar="FILE", help="write to FILE instead of stdout")
    opml_out.set_defaults(handler=cmd_export)

    refresh = subparsers.add_parser("refresh", parents=[common], help="fetch the feeds and add what is new")
    refresh.add_argument("--feed", type=int, action="append", default=[], metavar="ID",
                         help="only this feed (repeatable)")
    refresh.add_argument("--json", action="store_true", help="print JSON")
    refresh.set_defaults(handler=cmd_refresh)


def _fetch_settings():
    from reader.config import load_config

    return load_config().fetch_settings()


def _counts(outcome) -> str:
    if outcome.not_modified:
        return "not modified"
    return f"{outcome.new} new, {outcome.updated} updated, {outcome.unchanged} unchanged"


def _name(feed) -> str:
    return feed.title or feed.url


def cmd_add(args, data_dir: Path) -> int:
    from index.feeds import Subscriptions, subscribe

    settings = _fetch_settings()
    with open_library(data_dir) as library:
        results = subscribe(library, args.urls, tags=args.tag, settings=settings)
        if args.no_full_text:
            subscriptions = Subscriptions(library.store)
            for result in results:
                if result.outcome is not None:
                    subscriptions.update(result.outcome.feed.id, full_text=0)
    failed = 0
    for result in results:
        if result.error:
            failed += 1
            err_console.print(f"[red]not subscribed[/] {escape(result.url)}: {escape(result.error)}")
            continue
        outcome = result.outcome
        found = f" (named by {result.discovered_from})" if result.discovered_from else ""
        line = f"subscribed [{outcome.feed.id}] {_name(outcome.feed)}{found}: "
        line += outcome.error or f"{outcome.new} new articles"
        err_console.print(line, markup=False)
        for problem in outcome.problems:
            err_console.print(f"[yellow]warning[/] {escape(problem)}")
    return 1 if failed else 0


def _feed_json(feed) -> dict:
    return {"id": feed.id, "url": feed.url, "title": feed.title, "tags": feed.tags, "articles": feed.articles,
            "last_fetched": feed.last_fetched, "last_status": feed.last_status, "error": feed.error,
            "full_text": feed.full_text}


def cmd_list(args, data_dir: Path) -> int:
    from index.feeds import Subscriptions

    with open_library(data_dir) as library:
        feeds = Subscriptions(library.store).all()
    if args.json:
        print_json([_feed_json(feed) for feed in feeds])
        return 0
    if not feeds:
        console.print("No feeds yet. Subscribe with: reader feeds add URL")
        return 0
    for feed in feeds:
        console.print(Text.assemble((f"[{feed.id}] ", "dim"), (_name(feed), "bold"),
                                    (f"  {' '.join('#' + t for t in feed.tags)}" if feed.tags else "", "cyan")),
                      soft_wrap=True)
        state = (f"last fetched {feed.last_fetched} ({feed.last_status})" if feed.last_fetched
                 else "not fetched yet")
        details = [feed.url, f"{feed.articles} articles", state] + ([] if feed.full_text else ["full text off"])
        console.print(Text("    " + " · ".join(details), style="dim"), soft_wrap=True)
        if feed.error:
            console.print(Text("    " + feed.error, style="red"), soft_wrap=True)
    return 0


def cmd_remove(args, data_dir: Path) -> int:
    from index.feeds import remove_feed

    with open_library(data_dir) as library:
        removed = remove_feed(library, args.id, with_articles=args.with_articles)
    line = f"Unsubscribed from {_name(removed.feed)}."
    if args.with_articles:
        line += f" {removed.articles_removed} articles removed"
        line += f", {removed.kept} kept (bookmarked or imported from a file)." if removed.kept else "."
    err_console.print(line, markup=False)
    return 0


def cmd_set(args, data_dir: Path) -> int:
    from index.feeds import Subscriptions

    with open_library(data_dir) as library:
        subscriptions = Subscriptions(library.store)
        feed = subscriptions.get(args.id)
        subscriptions.update(feed.id, full_text=int(args.full_text == "on"))
    err_console.print(f"Full text for {_name(feed)}: {args.full_text}.", markup=False)
    return 0


def cmd_import(args, data_dir: Path) -> int:
    from index.feeds import Subscriptions, read_opml

    found = read_opml(args.file)
    with open_library(data_dir) as library:
        subscriptions = Subscriptions(library.store)
        known = {feed.url for feed in subscriptions.all()}
        for entry in found:
            subscriptions.add(entry.url, tags=entry.tags, title=entry.title)
    new = sum(1 for entry in {e.url: e for e in found}.values() if entry.url not in known)
    err_console.print(f"{new} feeds subscribed, {len(found) - new} already known. "
                      "Run 'reader refresh' to fetch them.", markup=False)
    return 0


def cmd_export(args, data_dir: Path) -> int:
    from index.feeds import Subscriptions, write_opml

    with open_library(data_dir) as library:
        text = write_opml(Subscriptions(library.store).all())
    if args.output is None:
        sys.stdout.write(text)
        return 0
    try:
        args.output.write_text(text, encoding="utf-8")
    except OSError as error:
        err_console.print(f"reader: cannot write {args.output}: {error.strerror or error}.", markup=False)
        return 1
    err_console.print(f"Wrote the subscriptions to {args.output}.", markup=False)
    return 0


def cmd_refresh(args, data_dir: Path) -> int:
    from index.feeds import refresh_feeds

    settings = _fetch_settings()
    with open_library(data_dir) as library, progress_bar("Refreshing") as update:
        outcomes = refresh_feeds(library, args.feed or None, settings=settings, progress=update)
    if args.json:
        print_json([{"feed": o.feed.id, "url": o.feed.url, "title": o.feed.title, "new": o.new,
                     "updated": o.updated, "unchanged": o.unchanged, "error": o.error} for o in outcomes])
    else:
        if not outcomes:
            console.print("No feeds yet. Subscribe with: reader feeds add URL")
        for outcome in outcomes:
            name = f"[{outcome.feed.id}] {_name(outcome.feed)}"
            if outcome.error:
                console.print(Text.assemble(("✗ ", "red"), name, ": ", outcome.error), soft_wrap=True)
            else:
                console.print(Text.assemble(("✓ ", "green"), name, ": ", _counts(outcome)), soft_wrap=True)
    return 0 if all(outcome.reached for outcome in outcomes) else 1
