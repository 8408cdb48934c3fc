"""duplicates, diff, stories: agency copy and the stories articles tell (index.stories)."""

from __future__ import annotations

import sys
from datetime import datetime
from pathlib import Path

from rich.text import Text

from reader.commands.library_cmds import open_library
from reader.commands.output import console, human_date, iso, print_json
from reader.terminal import visible


def register(subparsers, common) -> None:
    duplicates = subparsers.add_parser("duplicates", parents=[common],
                                       help="list groups of copies (agency copy printed by several outlets)")
    duplicates.add_argument("--json", action="store_true", help="print JSON")
    duplicates.set_defaults(handler=cmd_duplicates)

    diff = subparsers.add_parser("diff", parents=[common], help="the word diff between two articles")
    diff.add_argument("first", metavar="ID1", help="article id (or a unique prefix)")
    diff.add_argument("second", metavar="ID2", help="article id (or a unique prefix)")
    diff.set_defaults(handler=cmd_diff)

    stories = subparsers.add_parser("stories", parents=[common],
                                    help="stories: articles about the same event, most recently active first")
    stories.add_argument("--since", metavar="DATE", help="only stories with an article on or after this day "
                                                         "(2025-09-04 or 04.09.2025)")
    stories.add_argument("--json", action="store_true", help="print JSON")
    stories.set_defaults(handler=cmd_stories)


def cmd_duplicates(args, data_dir: Path) -> int:
    with open_library(data_dir) as library:
        library.group_ungrouped()
        groups = library.copy_groups()
    if args.json:
        print_json([{"group": g.group, "first": g.first,
                     "articles": [{"id": m.id, "title": m.title, "source": m.source, "published": iso(m.published),
                                   "similarity": m.similarity} for m in g.articles]}
                    for g in groups])
        return 0
    if not groups:
        console.print("No copies found: no two articles share most of their text.")
        return 0
    console.print(Text(f"{len(groups)} {'group' if len(groups) == 1 else 'groups'} of copies, newest first", style="bold"))
    for group in groups:
        first = group.articles[0]
        console.print()
        console.print(Text.assemble((first.title, "bold"), (f"  +{len(group.articles) - 1} copies", "cyan")))
        for member in group.articles:
            label = "first" if member.id == group.first else f"{member.similarity:.0%} shared"
            meta = " · ".join(x for x in (member.id, member.source, human_date(member.published), label) if x)
            console.print(Text("  " + meta, style="dim"))
    return 0


def cmd_diff(args, data_dir: Path) -> int:
    from index.stories.word_diff import changed_words, marked, word_diff

    with open_library(data_dir) as library:
        first, second = library.article(args.first), library.article(args.second)
    title_pieces = word_diff(first.title, second.title)
    body_pieces = word_diff(first.body, second.body)
    removed, added = changed_words(body_pieces)
    header = [f"--- {first.id} {first.source or ''} {human_date(first.published)}",
              f"+++ {second.id} {second.source or ''} {human_date(second.published)}",
              f"{removed} words removed, {added} added"]
    if not sys.stdout.isatty():
        # Piped: plain text with [-removed-] and {+added+} markers, nothing a terminal acts on.
        sys.stdout.write("\n".join(visible(line) for line in header) + "\n\n")
        sys.stdout.write(visible(marked(title_pieces)) + "\n\n" + visible(marked(body_pieces)) + "\n")
        return 0
    for line in header:
        console.print(Text(line, style="dim"))
    console.print()
    console.print(_coloured(title_pieces, bold=True))
    console.print()
    console.print(_coloured(body_pieces))
    return 0


def _coloured(pieces, bold: bool = False) -> Text:
    from index.stories.word_diff import ADDED, REMOVED

    text = Text(style="bold" if bold else "")
    for piece in pieces:
        if piece.kind == REMOVED:
            text.append(piece.text, style="red strike")
        elif piece.kind == ADDED:
            text.append(piece.text, style="green underline")
        else:
            text.append(piece.text)
    return text


def _since(text: str | None) -> datetime | None:
    if text is None:
        return None
    from index.search.parser import QUERY_TIMEZONE, date_bounds

    start, _end = date_bounds(text)  # a QueryError (one sentence) when it is no date
    return start.replace(tzinfo=QUERY_TIMEZONE)


def cmd_stories(args, data_dir: Path) -> int:
    since = _since(args.since)
    with open_library(data_dir) as library:
        library.group_ungrouped()
        stories = library.stories(since)
        why_none = library.why_no_stories() if not stories and since is None else ""
    if args.json:
        print_json([{"id": s.id, "title": s.title, "first": iso(s.first), "last": iso(s.last), "sources": s.sources,
                     "articles": [{"id": a.id, "title": a.title, "source": a.source, "published": iso(a.published)}
                                  for a in s.articles],
                     "entities": s.entities} for s in stories])
        return 0
    if not stories:
        console.print(why_none or f"No stories with articles since {args.since}.")
        return 0
    console.print(Text(f"{len(stories)} {'story' if len(stories) == 1 else 'stories'}, most recent first", style="bold"))
    for story in stories:
        console.print()
        console.print(Text.assemble((story.title, "bold"), (f"  {len(story.articles)} articles", "cyan")))
        span = f"{human_date(story.first)} – {human_date(story.last)}"
        console.print(Text(f"  {span} · {', '.join(story.sources)}", style="dim"))
        if story.entities:
            console.print(Text("  " + ", ".join(story.entities), style="dim"))
