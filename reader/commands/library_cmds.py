"""add, articles, show, search, reindex."""

from __future__ import annotations

import argparse
import os
import signal
import sys
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

from typing import TYPE_CHECKING

from rich.text import Text

from reader.commands.output import console, err_console, human_date, iso, print_json
from reader.terminal import markup

if TYPE_CHECKING:
    from index.library import Library


def register(subparsers, common) -> None:
    add = subparsers.add_parser("add", parents=[common], help="import files and folders (recursive)")
    add.add_argument("paths", nargs="+", metavar="PATH", type=Path)
    add.set_defaults(handler=cmd_add)

    articles = subparsers.add_parser("articles", parents=[common], help="list the articles, newest first")
    articles.add_argument("--json", action="store_true", help="print JSON")
    articles.add_argument("--limit", type=int, default=None, metavar="N")
    articles.add_argument("--unread", action="store_true", help="only articles not opened in the app yet")
    articles.set_defaults(handler=cmd_articles)

    show = subparsers.add_parser("show", parents=[common], help="show one article")
    show.add_argument("id", metavar="ID", help="article id (or a unique prefix)")
    show.add_argument("--json", action="store_true", help="print JSON")
    show.set_defaults(handler=cmd_show)

    search = subparsers.add_parser("search", parents=[common], help="full-text search")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--limit", type=_positive_int, default=20, metavar="N")
    search.add_argument("--sort", choices=SORTS, default="relevance",
                        help="order of the hits (default: relevance)")
    search.add_argument("--count", action="store_true", help="print only how many articles match")
    search.add_argument("--facets", action="store_true",
                        help="also the matches by source, month or week, and entity, as conditions to narrow by")
    search.add_argument("--json", action="store_true", help="print JSON")
    search.set_defaults(handler=cmd_search)

    reindex = subparsers.add_parser("reindex", parents=[common], help="rebuild the search index from the library")
    reindex.set_defaults(handler=cmd_reindex)


SORTS = ("relevance", "newest", "oldest")  # the values of index.search.backend.Sort


def say_waiting(message: str) -> None:
    """The library tells why a command is waiting (another process writing, an index rebuild)."""
    err_console.print(message, markup=False)


def open_library(data_dir: Path, *, search: bool = True) -> Library:
    """The library, imported here rather than at start-up: `reader --help` and argument errors
    need none of it, and each command loads only the parts of it that it uses. A command that
    does not search passes ``search=False`` and starts without the search engine."""
    from index.library import Library

    return Library.open(data_dir, notify=say_waiting, search=search)


def _positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if value < 1:
        raise argparse.ArgumentTypeError("must be at least 1")
    return value


@contextmanager
def progress_bar(description: str):
    """A rich progress bar on a terminal; nothing when output is redirected."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

    columns = [TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn()]
    bar = Progress(*columns, console=err_console, transient=True)
    task = bar.add_task(description, total=None)

    def update(done: int, total: int, _current: str) -> None:
        bar.update(task, completed=done, total=total)

    bar.start()
    try:
        yield update
    finally:
        try:
            bar.stop()
        except OSError:  # the terminal was closed (SIGHUP): the work done matters, not the bar
            pass


# Problems printed per file; a large file with many bad lines gets a count for the rest.
WARNINGS_PER_FILE = 20
# Ctrl+C, `kill` and a closed terminal end an import the same way: what was read is kept.
STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)


class _StopRequest:
    """Signal handler: the first signal asks the import to stop after saving; a second one stops
    at once (what is committed stays; the open transaction rolls back)."""

    def __init__(self) -> None:
        self.signal: int | None = None

    def __call__(self, signum: int, _frame) -> None:
        if self.signal is not None:
            raise KeyboardInterrupt
        self.signal = signum

    def requested(self) -> bool:
        return self.signal is not None


@contextmanager
def _stop_on_signals():
    request = _StopRequest()
    previous = {signum: signal.signal(signum, request) for signum in STOP_SIGNALS}
    try:
        yield request
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)


def cmd_add(args, data_dir: Path) -> int:
    with _stop_on_signals() as stop:
        with open_library(data_dir) as library, progress_bar("Importing") as update:
            report = library.add(args.paths, progress=update, stop=stop.requested)
        try:
            _print_report(report, data_dir)
            if report.interrupted:
                kept = report.added + report.updated
                err_console.print(f"reader: interrupted; kept {kept} article{'s' if kept != 1 else ''}, "
                                  f"run the same command again to continue.", markup=False)
        except OSError:  # the terminal is gone (SIGHUP): the library is what matters
            pass
    if report.interrupted:
        return 128 + (stop.signal or signal.SIGINT)
    return 0 if report.ok else 1


def _print_report(report, data_dir: Path) -> None:
    for path, reason in report.failed:
        err_console.print(f"[red]skipped[/] {markup(path)}: {markup(reason)}")
    per_file: Counter[str] = Counter()
    for path, problem in report.warnings:
        per_file[path] += 1
        if per_file[path] <= WARNINGS_PER_FILE:
            err_console.print(f"[yellow]warning[/] {markup(path)}: {markup(problem)}")
    for path, count in per_file.items():
        if count > WARNINGS_PER_FILE:
            err_console.print(f"[yellow]warning[/] {markup(path)}: {count - WARNINGS_PER_FILE} more problems "
                              f"(every one is in reader.log).")
    summary = f"{report.added} added, {report.updated} updated, {report.unchanged} unchanged"
    if report.failed:
        summary += f", {len(report.failed)} failed"
    err_console.print(summary)
    if report.entities_recovered:
        err_console.print(f"Recognised the entities of {report.entities_recovered} articles an earlier import "
                          "had to store without them.")
    if report.without_entities:
        err_console.print(f"[yellow]warning[/] entity recognition failed on {report.without_entities} articles: "
                          "they are stored and searchable, without entities. Details in "
                          f"{markup(str(data_dir / 'reader.log'))}; `reader doctor` lists them, and the next "
                          "`reader add` or `reader doctor --fix` tries again.")


def cmd_articles(args, data_dir: Path) -> int:
    with open_library(data_dir, search=False) as library:
        if args.unread:
            from index.feeds.read_state import unread_summaries

            articles = unread_summaries(library.store, limit=args.limit)
        else:
            articles = library.articles(limit=args.limit)
    if args.json:
        print_json([{"id": a.id, "title": a.title, "source": a.source, "published": iso(a.published),
                     "kind": a.kind, "path": a.path or a.url, "url": a.url, "tags": a.tags}
                    for a in articles])
        return 0
    if not articles:
        console.print("No unread articles." if args.unread else "No articles yet. Import some with: reader add PATH")
        return 0
    # Two lines per article: the title wraps at any width, the id stays whole for copying.
    console.print(Text(f"{len(articles)} articles, newest first", style="bold"))
    for a in articles:
        console.print(Text(a.title))
        meta = [a.id, human_date(a.published, a.published_precision), a.source or "",
                a.kind if a.kind != "article" else ""]
        console.print(Text("  " + " · ".join(x for x in meta if x), style="dim"))
    return 0


def cmd_show(args, data_dir: Path) -> int:
    with open_library(data_dir, search=False) as library:
        article = library.article(args.id)
        mentions = library.mentions(article.id)
        quotes = library.quotes(article.id)
        copies, agencies = library.copies(article.id), library.agencies(article.id)
    if args.json:
        print_json({"id": article.id, "title": article.title, "source": article.source,
                    "published": iso(article.published), "kind": article.kind,
                    "path": article.path, "url": article.url, "tags": article.tags,
                    "body": article.body,
                    "mentions": [m.model_dump(include={"entity", "kind", "start", "end", "text", "partial"})
                                 for m in mentions],
                    "quotes": [q.model_dump() for q in quotes],
                    "copies": [{"id": copy_id, "similarity": similarity} for copy_id, similarity in copies],
                    "agencies": agencies})
        return 0
    console.print(Text(article.title, style="bold"))
    meta = " · ".join(x for x in (article.source, human_date(article.published, article.published_precision),
                                  article.kind if article.kind != "article" else None) if x)
    console.print(Text(meta, style="dim"))
    if agencies:
        console.print(Text("credited: " + ", ".join(agencies), style="dim"))
    if copies:
        console.print(Text(f"copies: {', '.join(copy_id for copy_id, _ in copies)} (reader diff {article.id} ID)",
                           style="dim"))
    if article.tags:
        console.print(Text(" ".join(f"#{t}" for t in article.tags), style="cyan"))
    console.print()
    console.print(Text(article.body))
    return 0


def cmd_search(args, data_dir: Path) -> int:
    from index.search.backend import Sort

    # Ranking long posting lists imports numpy, whose OpenBLAS starts a thread per core for the
    # linear algebra a search never does (~50 ms of CPU, more wall time on a busy machine).
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    with open_library(data_dir) as library:
        found = library.find(args.query, 0 if args.count else args.limit, sort=Sort(args.sort),
                             count=args.count or not args.json)
        facets = library.facets(args.query) if args.facets and not args.count else None
    hits = found.hits
    if args.count:
        print(found.total)
        return 0
    if args.json:
        listed = [{"id": h.id, "title": h.title, "source": h.source, "published": iso(h.published),
                   "score": round(h.score, 4), "snippet": h.snippet,
                   "matches": [[s.start, s.end] for s in h.body_matches]}
                  for h in hits]
        # Without --facets the hits alone, as scripts have always read them.
        print_json(listed if facets is None else {"total": facets.total, "hits": listed, "facets": facets.as_json()})
        return 0
    if not hits:
        # The query is data, not markup: '[/x]' would crash Rich and '[bold]' vanish.
        console.print(f"No articles match {markup(repr(args.query))}.")
        return 0
    lines = [Text(_results_line(len(hits), found.total or len(hits), args.sort), style="dim")]
    for rank, hit in enumerate(hits, start=1):
        meta = " · ".join(x for x in (hit.source, human_date(hit.published, hit.published_precision),
                                      f"score {hit.score:.2f}") if x)
        lines += [Text.assemble((f"{rank:>2}. ", "dim"), (hit.title, "bold"), ("  " + hit.id, "dim")),
                  Text("    " + meta, style="dim"), _snippet_text(hit)]
    console.print(Text("\n").join(lines))  # one print: rich measures the terminal once, not per line
    if facets is not None:
        _print_facets(facets)
    return 0


def _print_facets(facets) -> None:
    """Each group of facets under its heading, a facet a line: how many matches, and the
    condition that narrows the query to them (to copy into it)."""
    from reader.ui.format import facet_groups

    groups = facet_groups(facets)
    width = max((len(f"{facet.count:,}") for _label, listed in groups for facet in listed), default=1)
    console.print()
    console.print(Text("Narrow the query by adding one of these conditions to it:", style="dim"))
    for label, listed in groups:
        if listed:
            console.print(Text(label, style="bold"))
            for facet in listed:
                console.print(Text.assemble((f"  {facet.count:>{width},}  ", "dim"), facet.condition))


def _results_line(shown: int, total: int, sort: str) -> str:
    """"20 of 1,234 articles, newest first" above the hits."""
    order = {"relevance": "best first", "newest": "newest first", "oldest": "oldest first"}[sort]
    counted = f"{total:,} article{'s' if total != 1 else ''}"
    return f"{counted}, {order}" if shown >= total else f"{shown} of {counted}, {order}"


def _snippet_text(hit) -> Text:
    text = Text("    " + hit.snippet)
    for span in getattr(hit, "snippet_matches", []) or []:
        text.stylize("bold yellow", span.start + 4, span.end + 4)
    return text


def cmd_reindex(args, data_dir: Path) -> int:
    with open_library(data_dir) as library, progress_bar("Indexing") as update:
        library.quote_missing(index=False)  # a library from before quotes gets them here, indexed next
        count = library.reindex(progress=update)
    err_console.print(f"Reindexed {count} articles.")
    return 0
