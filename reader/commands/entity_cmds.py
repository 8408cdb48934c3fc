"""entities, mentions, extract, eval-entities."""

from __future__ import annotations

import sys
from pathlib import Path

from rich.text import Text

from index.errors import ReaderError
from reader.commands.library_cmds import open_library
from reader.commands.output import console, print_json
from reader.terminal import markup, shortened

KINDS = ("person", "org", "place", "other")
# Characters of context shown left of a mention, so mentions line up in one column.
KWIC_LEFT = 32


def register(subparsers, common) -> None:
    entities = subparsers.add_parser("entities", parents=[common],
                                     help="people, organisations and places, most mentioned first")
    entities.add_argument("--kind", choices=KINDS)
    entities.add_argument("--article", metavar="ID", help="only the entities of this article")
    entities.add_argument("--json", action="store_true", help="print JSON")
    entities.set_defaults(handler=cmd_entities)

    mentions = subparsers.add_parser("mentions", parents=[common], help="every mention of an entity, in context")
    mentions.add_argument("entity", metavar="ENTITY", help="an entity id, name or alias")
    mentions.add_argument("--json", action="store_true", help="print JSON")
    mentions.set_defaults(handler=cmd_mentions)

    extract = subparsers.add_parser("extract", parents=[common], help="recognise and link entities in any text")
    extract.add_argument("file", nargs="?", default="-", metavar="FILE|-", help="a text file (default: stdin)")
    extract.add_argument("--json", action="store_true", help="print JSON")
    extract.add_argument("--quotes", action="store_true",
                         help="also find quotes and their speakers (JSON: {mentions, quotes})")
    extract.set_defaults(handler=cmd_extract)

    evaluate = subparsers.add_parser("eval-entities", parents=[common],
                                     help="precision, recall and F1 on GermEval-format annotated text")
    evaluate.add_argument("files", nargs="+", type=Path, metavar="FILE")
    evaluate.add_argument("--json", action="store_true", help="print JSON")
    evaluate.set_defaults(handler=cmd_evaluate)


def cmd_entities(args, data_dir: Path) -> int:
    with open_library(data_dir, search=False) as library:
        entities = library.entities(kind=args.kind, article_id=args.article)
    if args.json:
        print_json([{"id": e.id, "name": e.name, "kind": e.kind, "aliases": e.aliases, "roles": e.roles,
                     "articles": e.articles, "mentions": e.mentions} for e in entities])
        return 0
    if not entities:
        console.print("No entities." if args.article or args.kind else
                      "No entities yet. Import articles with: reader add PATH")
        return 0
    from reader.commands.entity_table import write_entity_lines

    write_entity_lines(entities)
    return 0


def cmd_mentions(args, data_dir: Path) -> int:
    with open_library(data_dir, search=False) as library:
        entity = library.entity(args.entity)
        mentions = library.entity_mentions(entity.id)
    if args.json:
        print_json([{"article": m.article, "start": m.start, "end": m.end, "text": m.text, "context": m.context,
                     "title": m.title} for m in mentions])
        return 0
    console.print(Text(f"{entity.name} ({entity.kind}): {len(mentions)} mentions", style="bold"))
    for m in mentions:
        at, after = m.start - m.context_start, m.end - m.context_start
        left = m.context[:at][-KWIC_LEFT:].rjust(KWIC_LEFT)
        line = Text.assemble((f"{m.article[:8]}  ", "dim"), left, (m.context[at:after], "bold yellow"),
                             m.context[after:])
        console.print(line, overflow="ellipsis", no_wrap=True)
    return 0


def cmd_extract(args, data_dir: Path) -> int:
    if args.file == "-":
        text = sys.stdin.read()
    else:
        try:
            text = Path(args.file).read_text(encoding="utf-8")
        except FileNotFoundError:
            raise ReaderError(f"No such file: {args.file}.") from None
        except UnicodeDecodeError:
            raise ReaderError(f"{args.file} is not UTF-8 text.") from None
        except OSError as exc:
            raise ReaderError(f"Cannot read {args.file}: {exc.strerror}.") from None
    with open_library(data_dir) as library:
        mentions, quotes = library.extract_with_quotes(text, quotes=args.quotes)
    found = [{"start": m.start, "end": m.end, "text": m.text, "kind": m.kind, "entity": m.entity,
              "partial": m.partial} for m in mentions]
    if args.json:
        print_json({"mentions": found, "quotes": [q.model_dump() for q in quotes]} if args.quotes else found)
        return 0
    for m in mentions:
        console.print(f"{m.start:>6}-{m.end:<6} {m.kind:<7} {markup(m.text)}  [dim]→ {markup(m.entity)}[/]")
    for q in quotes:
        speaker = markup(q.speaker or q.speaker_text or "unknown")
        console.print(f"{q.start:>6}-{q.end:<6} {q.kind:<8} [bold]{speaker}[/]: {markup(shortened(q.text, 200))}")
    return 0


def cmd_evaluate(args, data_dir: Path) -> int:
    from index.entities import evaluate

    with open_library(data_dir) as library:
        report = evaluate.evaluate_sentences(library.entity_pipeline(), evaluate.read_files(args.files))
    if args.json:
        print_json(report)
    else:
        console.print(evaluate.format_report(report))
    return 0
