"""File -> list[Article]: detect the format, decode, parse, clean.

Formats: plain text (as copied from German news pages), Markdown with YAML front matter, HTML
pages, RSS/Atom feeds and JSON Lines. Every problem with a file is an IngestError with a sentence
for a person; per-item problems of feeds and JSON Lines are reported without stopping the rest.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import IngestError
from ..models import Article
from .decoding import decode
from .detect import SUFFIX_FORMATS, Format, detect_format
from .draft import ArticleDraft, finish
from .feeds import parse_feed
from .htmlpage import parse_html
from .jsonlines import parse_json_document, parse_json_lines
from .markdown import parse_markdown
from .plaintext import parse_plain_text

__all__ = [
    "SUPPORTED_SUFFIXES",
    "iter_source_files",
    "parse_bytes",
    "parse_bytes_report",
    "parse_file",
    "parse_file_report",
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
}


def _wanted_in_folder(entry: os.DirEntry[str]) -> bool:
    suffix = os.path.splitext(entry.name)[1].lower()
    return suffix in SUPPORTED_SUFFIXES or suffix == ""


def _walk(folder: Path, seen: set[Path]) -> Iterator[Path]:
    try:
        real = folder.resolve()
        if real in seen:  # a symlink loop
            return
        seen.add(real)
        with os.scandir(folder) as scan:
            entries = sorted(scan, key=lambda entry: entry.name)
    except OSError as error:
        logger.warning("Skipping folder %s: %s", folder, error.strerror or error)
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            if entry.is_dir():
                yield from _walk(path, seen)
            elif entry.is_file() and _wanted_in_folder(entry):
                yield path
        except OSError as error:
            logger.warning("Skipping %s: %s", path, error.strerror or error)


def iter_source_files(paths: Iterable[Path]) -> Iterator[Path]:
    """Expand folders recursively (sorted, skip hidden files/dirs); files named explicitly are
    always yielded. In folders, yield files with a supported suffix or no suffix."""
    seen: set[Path] = set()
    for path in paths:
        path = Path(path).expanduser()
        if path.is_dir():
            yield from _walk(path, seen)
        else:
            yield path


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


def parse_bytes(data: bytes, name: str, *, path: str | None = None) -> list[Article]:
    """Articles from data already read; problems with single items are logged as warnings."""
    articles, problems = parse_bytes_report(data, name, path=path)
    for problem in problems:
        logger.warning("%s: %s", name, problem)
    return articles


def _read(path: Path) -> tuple[bytes, str]:
    name = str(path)
    try:
        resolved = path.expanduser().resolve()
        if resolved.is_dir():
            raise IngestError(f"{name} is a folder, not a file.")
        return resolved.read_bytes(), str(resolved)
    except FileNotFoundError:
        raise IngestError(f"{name} does not exist.") from None
    except PermissionError:
        raise IngestError(f"{name} cannot be read: permission denied.") from None
    except OSError as error:
        raise IngestError(f"{name} cannot be read: {error.strerror or error}.") from None


def parse_file_report(path: Path) -> tuple[list[Article], list[str]]:
    """Articles from one file and a sentence for each item that was skipped (JSON Lines lines,
    feed items), e.g. "line 7: 'title' is not a string."."""
    path = Path(path)
    data, resolved = _read(path)
    return parse_bytes_report(data, str(path), path=resolved)


def parse_file(path: Path) -> list[Article]:
    """Parse one file into articles (a feed or JSON Lines file gives many). Raises IngestError
    with a sentence naming the file and the reason; skipped items are logged as warnings."""
    articles, problems = parse_file_report(Path(path))
    for problem in problems:
        logger.warning("%s: %s", path, problem)
    return articles
