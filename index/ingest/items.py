"""JSON Lines, CSV and large feed files read item by item: a file of any size in little memory.

The importer reads the items (raw lines, CSV rows) in the parent process and hands them to the
workers in small groups; ``item_article`` turns one into an article there. An article gets the
same path and item key (its URL, or "line N") as when its file is read whole, so its identity in
the library does not depend on how the file was read.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterator
from pathlib import Path

from ..models import Article
from . import csvrows
from .detect import SUFFIX_FORMATS, Format, sniff
from .draft import finish
from .feeds import parse_feed
from .feedstream import iter_feed_items
from .files import open_regular, printable_name
from .jsonlines import draft_from_record, parse_json_line

STREAMED_FORMATS: frozenset[str] = frozenset({"jsonl", "csv"})
# Feeds this large are read item by item; smaller ones whole, by feedparser, which forgives more
# (HTML entities XML does not define).
FEED_STREAM_BYTES = 4 * 1024 * 1024
# A longer line is skipped: an article has at most 2 M characters, a few MB as JSON.
MAX_LINE_BYTES = 64 * 1024 * 1024
_SNIFF_BYTES = 1024 * 1024
_COUNT_BLOCK = 4 * 1024 * 1024
_WIDE_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)  # also the start of the UTF-32 LE BOM

# A raw item: (line number where it starts, the line's bytes or a CSV row as {field: value})
RawItem = tuple[int, "bytes | dict[str, str]"]


def streamed_format(path: Path) -> Format | None:
    """"jsonl", "csv" or "feed" when ``path`` is read item by item, else None (read whole)."""
    suffix = path.suffix.lower()
    by_suffix = SUFFIX_FORMATS.get(suffix)
    if by_suffix in STREAMED_FORMATS:
        return by_suffix
    if (by_suffix is not None and by_suffix != "feed") or suffix == ".json":
        return None
    try:  # JSON Lines when its first line is a JSON object; a feed when it is large
        descriptor, _ = open_regular(path)
        with os.fdopen(descriptor, "rb") as file:
            size = os.fstat(file.fileno()).st_size
            head = file.read(_SNIFF_BYTES)
    except Exception:  # noqa: BLE001 - reading it whole reports why it cannot be read
        return None
    if head.startswith(_WIDE_BOMS) or b"\x00\x00" in head[:4]:
        return None
    sniffed = sniff(head)
    if sniffed == "feed" and size >= FEED_STREAM_BYTES:
        return "feed"
    return "jsonl" if sniffed == "jsonl" and by_suffix is None else None


def estimate_items(path: Path, fmt: Format = "jsonl") -> int:
    """About how many items a streamed file holds (its lines, or a feed's item tags), for the
    progress bar; counted in blocks, without parsing."""
    count, last = 0, b"\n"
    try:
        descriptor, _ = open_regular(path)
        with os.fdopen(descriptor, "rb") as file:
            while block := file.read(_COUNT_BLOCK):
                if fmt == "feed":
                    count += block.count(b"<item") + block.count(b"<entry")
                else:
                    count += block.count(b"\n")
                last = block[-1:]
    except Exception:  # noqa: BLE001 - reading it reports why it cannot be read
        return 1
    return max(1, count + (fmt != "feed" and last != b"\n"))


def open_items(path: Path, fmt: Format, problems: list[str]) -> tuple[str, Iterator[RawItem]]:
    """The file's resolved path and its items; raises IngestError when it cannot be opened (or, for
    CSV, has no header). Lines that cannot be items are sentences appended to ``problems``."""
    descriptor, resolved = open_regular(path)
    file = os.fdopen(descriptor, "rb")
    name = printable_name(path)
    try:
        rows: Iterator[RawItem]
        first: RawItem | None
        if fmt == "csv":
            rows = csvrows.iter_rows(file, name, problems)
            first = next(rows, None)  # a file without a header says so now, not half-way
        elif fmt == "feed":
            rows, first = iter_feed_items(file, name), None
        else:
            rows, first = _lines(file, problems), None
    except BaseException:
        file.close()
        raise

    def items() -> Iterator[RawItem]:
        with file:
            if first is not None:
                yield first
            yield from rows

    return resolved, items()


def _lines(file, problems: list[str]) -> Iterator[RawItem]:
    number = 0
    while line := file.readline(MAX_LINE_BYTES + 1):
        number += 1
        if len(line) > MAX_LINE_BYTES and not line.endswith(b"\n"):
            while (rest := file.readline(MAX_LINE_BYTES)) and not rest.endswith(b"\n"):
                pass
            problems.append(f"line {number}: longer than {MAX_LINE_BYTES // 2**20} MB, too long for an article; skipped.")
            continue
        if number == 1:
            line = line.removeprefix(codecs.BOM_UTF8)
        if line.strip():
            yield number, line


def item_article(fmt: Format, item: RawItem, path: str | None) -> tuple[Article | None, list[str]]:
    """The article of one raw item (None when it has none) and sentences about its problems."""
    number, payload = item
    if isinstance(payload, dict):  # a CSV row
        draft, problems = draft_from_record(payload, f"line {number}")
    elif fmt == "feed":
        drafts, problems = parse_feed(payload, f"item {number}", first_number=number, one_item=True)
        draft = drafts[0] if drafts else None
    else:
        draft, problems = parse_json_line(payload.decode("utf-8", errors="replace"), number)
    if draft is None:
        return None, problems
    article = finish(draft, path)
    if article is None:
        problems.append(f"{draft.item_key}: no article text found; skipped.")
    return article, problems
