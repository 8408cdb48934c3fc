"""File -> list[Article]: detect the format, decode, parse, clean.

Formats: plain text (as copied from German news pages), Markdown with YAML front matter, HTML
pages, RSS/Atom feeds, JSON Lines and CSV (those two also item by item: index.ingest.items). Every problem with a file is an IngestError with a sentence
for a person; per-item problems of feeds and JSON Lines are reported without stopping the rest.
"""

from __future__ import annotations

import logging
from dataclasses import fields
from pathlib import Path

from ..errors import IngestError
from ..models import Article
from .csvrows import parse_csv
from .decoding import decode
from .detect import SUFFIX_FORMATS, Format, detect_format
from .draft import ArticleDraft, finish
from .files import iter_source_files, printable_name, read_limited
from .items import estimate_items, item_article, open_items, streamed_format
from .feeds import parse_feed
from .htmlpage import parse_html
from .jsonlines import parse_json_document, parse_json_lines, without_surrogates
from .markdown import parse_markdown
from .plaintext import parse_plain_text

__all__ = [
    "SUPPORTED_SUFFIXES",
    "estimate_items",
    "item_article",
    "iter_source_files",
    "open_items",
    "parse_bytes",
    "parse_bytes_report",
    "parse_file",
    "parse_file_report",
    "printable_name",
    "streamed_format",
]

logger = logging.getLogger(__name__)

SUPPORTED_SUFFIXES: frozenset[str] = frozenset(SUFFIX_FORMATS)

_FORMAT_NAMES: dict[Format, str] = {
    "text": "a text file",
    "markdown": "a Markdown file",
    "html": "an HTML page",
    "feed": "a feed",
    "jsonl": "a JSON Lines file",
    "json": "a JSON file",
    "csv": "a CSV file",
}


def _drafts(data: bytes, name: str) -> tuple[list[ArticleDraft], list[str], Format]:
    fmt = detect_format(name, data)
    if fmt == "feed":
        if not data.strip():
            raise IngestError(f"{name} is empty.")
        decode(data, name)  # refuses binary data with the same sentence as every format
        drafts, problems = parse_feed(data, name)
        return drafts, problems, fmt
    text = decode(data, name)
    if not text.strip():
        raise IngestError(f"{name} is empty.")
    if fmt == "jsonl":
        drafts, problems = parse_json_lines(text, name)
        return drafts, problems, fmt
    if fmt == "json":
        drafts, problems = parse_json_document(text, name)
        return drafts, problems, fmt
    if fmt == "csv":
        drafts, problems = parse_csv(data, name)
        return drafts, problems, fmt
    if fmt == "html":
        return [parse_html(text, name)], [], fmt
    if fmt == "markdown":
        return [parse_markdown(text, name)], [], fmt
    return [parse_plain_text(text)], [], fmt


def parse_bytes_report(data: bytes, name: str, *, path: str | None = None) -> tuple[list[Article], list[str]]:
    """Articles from ``data`` and a sentence for each item that was skipped.

    ``name`` is used for format detection (its suffix) and in messages; ``path`` is stored on the
    articles. Raises IngestError when the data gives no article at all.
    """
    try:
        drafts, problems, fmt = _drafts(data, name)
        articles: list[Article] = []
        for draft in drafts:
            _remove_surrogates(draft)
            article = finish(draft, path)
            if article is not None:
                articles.append(article)
            elif draft.item_key is not None:
                problems.append(f"{draft.item_key}: no article text found; skipped.")
    except IngestError:
        raise
    except Exception as error:  # a parser bug must not become a traceback for the user
        logger.debug("Unexpected error while parsing %s", name, exc_info=True)
        raise IngestError(f"{name} could not be read: {error.__class__.__name__}: {error}") from error
    if not articles:
        raise IngestError(f"{name} looks like {_FORMAT_NAMES[fmt]}, but no article text was found in it.")
    return articles, problems


def _remove_surrogates(draft: ArticleDraft) -> None:
    """Lone surrogates (from "\\ud800" escapes in JSON or YAML) cannot be stored: U+FFFD instead."""
    for field in fields(draft):
        value = getattr(draft, field.name)
        if isinstance(value, str):
            setattr(draft, field.name, without_surrogates(value))
        elif isinstance(value, list):
            setattr(draft, field.name, [without_surrogates(v) if isinstance(v, str) else v for v in value])


def parse_bytes(data: bytes, name: str, *, path: str | None = None) -> list[Article]:
    """Articles from data already read; problems with single items are logged as warnings."""
    articles, problems = parse_bytes_report(data, name, path=path)
    for problem in problems:
        logger.warning("%s: %s", name, problem)
    return articles


def parse_file_report(path: Path) -> tuple[list[Article], list[str]]:
    """Articles from one file and a sentence for each item that was skipped (JSON Lines lines,
    feed items), e.g. "line 7: 'title' is not a string."."""
    path = Path(path)
    data, resolved = read_limited(path)
    return parse_bytes_report(data, printable_name(path), path=resolved)


def parse_file(path: Path) -> list[Article]:
    """Parse one file into articles (a feed or JSON Lines file gives many). Raises IngestError
    with a sentence naming the file and the reason; skipped items are logged as warnings."""
    articles, problems = parse_file_report(Path(path))
    for problem in problems:
        logger.warning("%s: %s", path, problem)
    return articles
