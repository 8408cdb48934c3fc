"""CSV: one article per row, its columns named by a header row.

The usual names of scraper output and news-API exports are understood, in any case: title or
headline, text, body or content, date or published, url or link, source, outlet or media, tags.
The delimiter is whatever csv.Sniffer recognises (checked against the header); fields may be quoted
with " or with ' (as in 10kGNAD), whichever reads more rows of the sample with the header's number
of columns; quoted fields may span lines. Rows are read one at a time, so a file of any size takes little memory.
"""

from __future__ import annotations

import codecs
import csv
import io
from collections.abc import Iterator
from typing import BinaryIO

from charset_normalizer import from_bytes

from ..errors import IngestError
from .draft import ArticleDraft
from .jsonlines import draft_from_record

# column name (lower case) -> the field of a JSON Lines record it fills
COLUMNS: dict[str, str] = {
    "title": "title", "headline": "title",
    "text": "body", "body": "body", "content": "body",
    "date": "published", "published": "published",
    "url": "url", "link": "url",
    "source": "source", "outlet": "source", "media": "source",
    "tags": "tags",
}
_DELIMITERS = ",;\t|"
_SAMPLE_BYTES = 64 * 1024
# A field may hold a whole article (the csv module's default limit is 128 K characters).
csv.field_size_limit(8_000_000)


def _no_header(name: str) -> IngestError:
    return IngestError(f"{name} has no header row naming its columns: looked for a column called text, body "
                       f"or content (and title, headline, date, published, url, link, source, outlet, media).")


def _encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    try:
        head.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        if error.start >= len(head) - 3:  # a character cut at the end of the sample
            return "utf-8"
    best = from_bytes(head).best()
    return best.encoding if best is not None else "cp1252"


def _fields(header: list[str]) -> dict[int, str]:
    """Column number -> field, the first column of each field winning."""
    taken: dict[str, int] = {}
    for number, name in enumerate(header):
        field = COLUMNS.get(name.strip().strip("\ufeff").lower())
        if field is not None and field not in taken:
            taken[field] = number
    return {number: field for field, number in taken.items()}


def _delimiter(sample: str, name: str) -> str:
    header_line = sample.split("\n", 1)[0].rstrip("\r")
    try:
        candidates = [csv.Sniffer().sniff(sample, delimiters=_DELIMITERS).delimiter]
    except csv.Error:
        candidates = []
    for delimiter in candidates + list(_DELIMITERS):
        header = next(csv.reader([header_line], delimiter=delimiter), [])
        if "body" in _fields(header).values():
            return delimiter
    raise _no_header(name)


def _quotechar(sample: str, delimiter: str) -> str:
    """'"', unless quoting with "'" reads more of the sample's rows with the header's number of
    columns (a field holding the delimiter is quoted, so the wrong quote splits it)."""
    complete = sample[: sample.rfind("\n") + 1] or sample  # the last row may be cut off

    def fitting(quotechar: str) -> int:
        rows = csv.reader(io.StringIO(complete, newline=""), delimiter=delimiter, quotechar=quotechar)
        try:
            width = len(next(rows))
            return sum(1 for row in rows if len(row) == width)
        except (csv.Error, StopIteration):
            return -1

    return "'" if fitting("'") > fitting('"') else '"'


def iter_rows(file: BinaryIO, name: str, problems: list[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """(line number where the row starts, {field: value}) for every row with any text; a row the
    csv module cannot read is a sentence in ``problems``."""
    head = file.read(_SAMPLE_BYTES)
    file.seek(0)
    text = io.TextIOWrapper(file, encoding=_encoding(head), errors="replace", newline="")
    sample = text.read(_SAMPLE_BYTES)
    if not sample.strip():
        raise IngestError(f"{name} is empty.")
    text.seek(0)
    delimiter = _delimiter(sample, name)
    reader = csv.reader(text, delimiter=delimiter, quotechar=_quotechar(sample, delimiter))
    fields = _fields(next(reader))
    while True:
        start = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            problems.append(f"line {start}: not a readable CSV row ({error}); skipped.")
            continue
        record = {field: row[number] for number, field in fields.items() if number < len(row) and row[number].strip()}
        if record:
            yield start, record


def parse_csv(data: bytes, name: str) -> tuple[list[ArticleDraft], list[str]]:
    """Drafts for the good rows of a whole CSV file and a sentence for every problem."""
    problems: list[str] = []
    drafts: list[ArticleDraft] = []
    for number, record in iter_rows(io.BytesIO(data), name, problems):
        draft, notes = draft_from_record(record, f"line {number}")
        problems.extend(notes)
        if draft is not None:
            drafts.append(draft)
    return drafts, problems
