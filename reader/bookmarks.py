"""Bookmarks as Markdown: export (for Obsidian and any CommonMark viewer) and import.

An export reads as notes; HTML comments, which viewers hide, carry what an import needs to
restore every bookmark exactly. The visible quote, note and tags are what an import reads, so
edits made to the notes in an editor are kept. Titles, notes and quotes are backslash-escaped
(CommonMark), including the characters Obsidian gives a meaning (#tags, ==highlights==, $math$,
%%comments%%), so they show as written; control characters are written as character references
(`&#27;`), so the file shows a terminal nothing it would act on. An import reads each bookmark on
its own: one whose hidden marker is damaged or was edited into nonsense is reported with its line
and skipped, the others are imported. Writing the file: reader.export_file.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import datetime, timezone

from index.bookmark_store import find_quote, utc_now
from index.errors import ReaderError
from index.models import Article, Bookmark, Mention
from reader.export_file import ExportError, export_target, write_export
from reader.terminal import CONTROL, json_text

__all__ = ["ExportError", "export_target", "write_export"]  # re-exported: where the export is written

FORMAT_VERSION = 1

_ALWAYS_ESCAPED = frozenset("\\`*_[]<>#|~=$%&^")
_ORDERED_LIST_START = re.compile(r"^(\d{1,9})([.)])")
_UNESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])|&#(\d{1,5});")
_BOOKMARK_MARK = re.compile(r"^<!-- reader:bookmark (\{.*\}) -->\s*$")
_ARTICLE_MARK = re.compile(r"^<!-- reader:article (\{.*\}) -->\s*$")
_ARTICLE_HEADING = re.compile(r"^## (.*)$")
# Only these schemes become links: a javascript:, vbscript: or data: URL stays plain text.
_AUTOLINK_SAFE = re.compile(r"^(?:https?://|mailto:)[^\s<>\x00-\x1f\x7f-\x9f\ud800-\udfff]+$", re.IGNORECASE)
_TAG_TOKEN = re.compile(r"#([^\s#]+)")
_TAG_LINE = re.compile(r"#[^\s#]")
_MENTIONS_LABEL = "*Mentions:*"
_SURROGATE = re.compile("[\ud800-\udfff]")
MAX_ID = 2**63 - 1  # SQLite's largest integer
_NOT_TAG_CHARS = re.compile(r"[^\w/-]+")


class BookmarkImportError(ReaderError):
    """A file that is not a bookmarks export."""


# --- Markdown text ------------------------------------------------------------


def escape_line(line: str) -> str:
    """One line of text as CommonMark (and Obsidian) shows it literally."""
    body = line.lstrip(" \t")
    indent = "".join(f"&#{ord(c)};" for c in line[:len(line) - len(body)])
    escaped = "".join("\\" + c if c in _ALWAYS_ESCAPED else c for c in body)
    # Control characters as character references: the file shows them to no terminal, and an
    # import reads them back exactly.
    escaped = CONTROL.sub(lambda m: f"&#{ord(m.group())};", escaped)
    if escaped[:1] in ("-", "+"):
        escaped = "\\" + escaped
    return indent + _ORDERED_LIST_START.sub(r"\1\\\2", escaped)


def unescape_line(line: str) -> str:
    return _UNESCAPE.sub(_unescape_one, line)


def _unescape_one(match: re.Match[str]) -> str:
    if match.group(1):
        return match.group(1)
    # Only the references escape_line writes (indents and control characters); others are text.
    code = int(match.group(2))
    return chr(code) if code in (9, 32) or (code < 0xA0 and CONTROL.match(chr(code))) else match.group()


def obsidian_tag(tag: str) -> str:
    """A tag Obsidian accepts: letters, digits, _, - and /, not only digits."""
    clean = _NOT_TAG_CHARS.sub("-", tag.strip()).strip("-") or "tag"
    return "_" + clean if clean.isdigit() else clean


def _comment(kind: str, data: dict) -> str:
    # '<' and '>' escaped inside the JSON so no value can end the comment early.
    payload = json_text(data).replace("<", "\\u003c").replace(">", "\\u003e")
    return f"<!-- reader:{kind} {payload} -->"


def _date(article: Article) -> str | None:
    if article.published is None:
        return None
    return article.published.strftime("%Y-%m-%d" if article.published_precision == "day" else "%Y-%m-%d %H:%M")


def _link(url: str) -> str:
    return f"<{url}>" if _AUTOLINK_SAFE.match(url) else escape_line(url)


# --- export -------------------------------------------------------------------


def export_markdown(library, bookmarks: list[Bookmark] | None = None, *, now: datetime | None = None) -> str:
    """All bookmarks (or the given ones) as one Markdown document: oldest article first, then by position."""
    if bookmarks is None:
        bookmarks = library.bookmarks.list()
    now = now or utc_now()
    by_article: dict[str, list[Bookmark]] = {}
    for bookmark in bookmarks:
        by_article.setdefault(bookmark.article, []).append(bookmark)
    found = {article_id: library.bookmarks.article(article_id) for article_id in by_article}
    removed = {article_id for article_id, (_, gone) in found.items() if gone}
    articles = [article for article, _ in found.values()]
    articles.sort(key=lambda a: (a.published is None, a.published.timestamp() if a.published else 0.0,
                                 a.title.casefold(), a.id))
    sections = [_article_section(library, article, by_article[article.id], article.id in removed)
                for article in articles]
    altered = any(obsidian_tag(t) != t for b in bookmarks for t in b.tags)
    return _header(now, len(bookmarks), len(articles), altered) + "".join(sections)


def _header(now: datetime, bookmark_count: int, article_count: int, tags_altered: bool) -> str:
    stamp = now.astimezone(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    nouns = ("bookmark" if bookmark_count == 1 else "bookmarks", "article" if article_count == 1 else "articles")
    lines = ["# Bookmarks", "",
             _comment("bookmarks", {"version": FORMAT_VERSION, "exported": now.isoformat()}), "",
             f"Exported from reader on {stamp}: {bookmark_count} {nouns[0]} from {article_count} {nouns[1]}."]
    if tags_altered:
        lines += ["", "Tags are written as Obsidian tags: spaces and other characters a tag cannot hold "
                      "became hyphens (the exact tags are kept for `reader bookmarks import`)."]
    return "\n".join(lines) + "\n"


def _article_section(library, article: Article, bookmarks: list[Bookmark], removed: bool = False) -> str:
    bookmarks = sorted(bookmarks, key=lambda b: (b.start is not None, b.start or 0, b.end or 0, b.id))
    title = " ".join(article.title.split()) or "Untitled article"
    identity = {"id": article.id, "title": article.title, "url": article.url, "path": article.path,
                "published": article.published.isoformat() if article.published else None}
    details = [f"*{label}:* {value}" for label, value in (
        ("Source", escape_line(article.source) if article.source else None),
        ("Published", _date(article)),
        ("URL", _link(article.url) if article.url else None),
        ("File", escape_line(article.path) if article.path else None),
        ("Removed from the library", "its bookmarks are kept" if removed else None),
    ) if value]
    lines = ["", "", f"## {escape_line(title)}", "", _comment("article", identity)]
    if details:
        lines += ["", " · ".join(details)]
    mentions = library.mentions(article.id) if not removed and any(b.start is not None for b in bookmarks) else []
    passages = [(b, [m for m in mentions if b.start is not None and b.start <= m.start and m.end <= b.end])
                for b in bookmarks]
    names = library.bookmarks.entity_names({m.entity for _, inside in passages for m in inside})
    for bookmark, inside in passages:
        lines += ["", *_bookmark_lines(bookmark, inside, names)]
    return "\n".join(lines) + "\n"


def _bookmark_lines(bookmark: Bookmark, mentions: list[Mention], names: dict[str, str]) -> list[str]:
    """One bookmark: its hidden marker, the quote, the note, the tags, what the passage mentions."""
    meta = {"id": bookmark.id, "start": bookmark.start, "end": bookmark.end, "tags": bookmark.tags,
            "created": bookmark.created.isoformat(), "updated": bookmark.updated.isoformat()}
    lines = [_comment("bookmark", meta)]
    if bookmark.quote is not None:
        lines += ["", *(("> " + escape_line(line)).rstrip() for line in bookmark.quote.split("\n"))]
    if bookmark.note:
        lines += ["", *(escape_line(line) for line in bookmark.note.split("\n"))]
    if bookmark.tags:
        lines += ["", " ".join("#" + obsidian_tag(tag) for tag in bookmark.tags)]
    shown: dict[str, str] = {}
    for mention in mentions:
        shown.setdefault(mention.entity, names.get(mention.entity, mention.text))
    if shown:
        lines += ["", _MENTIONS_LABEL + " " + " · ".join(escape_line(name) for name in shown.values())]
    return lines


# --- import -------------------------------------------------------------------


@dataclass
class ImportResult:
    added: list[Bookmark] = field(default_factory=list)
    duplicates: int = 0
    # One sentence per bookmark that could not be imported.
    skipped: list[str] = field(default_factory=list)
    # One sentence per bookmark imported with a problem (its quote is no longer in the article).
    warnings: list[str] = field(default_factory=list)


@dataclass
class _Entry:
    meta: dict
    article: dict
    heading: str | None
    line: int  # of its marker in the file, counted from 1
    lines: list[str] = field(default_factory=list)


def import_markdown(library, text: str) -> ImportResult:
    """Read an export back. Bookmarks that already exist are not added again."""
    entries = _parse(text)
    result = ImportResult()
    ready: list[Bookmark] = []
    for number, entry in enumerate(entries, start=1):
        label = f"Bookmark {number} at line {entry.line} ({entry.heading or 'no title'})"
        try:
            ready.append(_to_bookmark(library, entry, result.warnings, label))
        except BookmarkImportError as exc:
            result.skipped.append(f"{label}: {exc}")
    result.added = library.bookmarks.insert_many(ready, skip_duplicates=True)
    result.duplicates = len(ready) - len(result.added)
    return result


def _parse(text: str) -> list[_Entry]:
    entries: list[_Entry] = []
    article: dict = {}
    heading: str | None = None
    current: _Entry | None = None
    for number, line in enumerate(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"), start=1):
        if match := _ARTICLE_HEADING.match(line):
            heading, article, current = unescape_line(match.group(1)).strip(), {}, None
        elif match := _ARTICLE_MARK.match(line):
            article, current = _json(match.group(1)), None
        elif match := _BOOKMARK_MARK.match(line):
            current = _Entry(_json(match.group(1)), article, heading, number)
            entries.append(current)
        elif current is not None:
            current.lines.append(line)
    if not entries:
        raise BookmarkImportError("It holds no bookmarks written by 'reader bookmarks export'.")
    return entries


def _json(payload: str) -> dict:
    try:
        data = json.loads(payload)
    except json.JSONDecodeError:
        return {"damaged": True}
    return data if isinstance(data, dict) else {"damaged": True}


def _split_entry(lines: list[str]) -> tuple[str | None, str, list[str] | None]:
    """(quote, note, visible tags or None when there is no tag line) of one bookmark's lines."""
    body = list(lines)
    while body and not body[0].strip():
        body.pop(0)
    quote_lines = []
    while body and body[0].startswith(">"):
        quote_lines.append(body.pop(0)[1:].removeprefix(" "))
    visible_tags = None
    # Peel the mentions and tag paragraphs off the end; what remains is the note.
    while True:
        while body and not body[-1].strip():
            body.pop()
        if not body:
            break
        cut = max((i for i, line in enumerate(body) if not line.strip()), default=-1) + 1
        first = body[cut]
        if first.startswith(_MENTIONS_LABEL):
            pass
        elif visible_tags is None and _TAG_LINE.match(first):
            visible_tags = _TAG_TOKEN.findall(" ".join(body[cut:]))
        else:
            break
        del body[cut:]
    quote = "\n".join(unescape_line(line) for line in quote_lines) if quote_lines else None
    note = "\n".join(unescape_line(line) for line in body).strip()
    return quote, note, visible_tags


def _to_bookmark(library, entry: _Entry, warnings: list[str], label: str) -> Bookmark:
    if entry.meta.get("damaged") or entry.article.get("damaged"):
        raise BookmarkImportError("its hidden reader marker is damaged.")
    info = {key: _marker_text(entry.article, key) for key in ("id", "title", "url", "path", "published")}
    bookmark_id = _marker_int(entry.meta, "id")
    if bookmark_id is not None and bookmark_id > MAX_ID:
        raise BookmarkImportError(f"its hidden reader marker gives an id too large to keep ({bookmark_id}).")
    marked_start, marked_end = _marker_int(entry.meta, "start"), _marker_int(entry.meta, "end")
    exact_tags = _marker_tags(entry.meta)
    title = info["title"] or entry.heading
    article_id = library.bookmarks.find_article(
        article_id=info["id"], url=info["url"], path=info["path"], title=title, published=info["published"])
    if article_id is None:
        raise BookmarkImportError(f"no article in the library matches {title!r}.")
    quote, note, visible_tags = _split_entry(entry.lines)
    body = library.article(article_id).body
    start, end = _locate(body, quote, marked_start, marked_end)
    if start is not None and end is not None:
        quote = body[start:end]
    elif quote is not None:
        warnings.append(f"{label}: its quote does not occur in the article; kept without a position.")
    # The visible tags win when someone edited them; otherwise the exact ones are kept.
    tags = exact_tags if [obsidian_tag(t) for t in exact_tags] == (visible_tags or []) else visible_tags or []
    now = utc_now()
    return Bookmark(
        id=bookmark_id or 0, article=article_id, start=start, end=end, quote=quote,
        note=note, tags=tags,
        created=_time(entry.meta.get("created")) or now, updated=_time(entry.meta.get("updated")) or now,
    )


def _locate(body: str, quote: str | None, start: int | None, end: int | None) -> tuple[int | None, int | None]:
    """The passage's offsets in this library's copy of the article; (None, None) if it is not there."""
    if quote is None:
        return None, None
    if start is not None and end is not None and 0 <= start < end <= len(body):
        if body[start:end].split() == quote.split():
            return start, end
    return find_quote(body, quote, near=start) or (None, None)


# --- the hidden marker's values, which a hand edit may have made anything --------


def _shown(value) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:39] + "…"


def _marker_int(data: dict, key: str) -> int | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, int) or isinstance(value, bool):
        raise BookmarkImportError(f"its hidden reader marker gives {key} as {_shown(value)}, not a number.")
    return value


def _marker_text(data: dict, key: str) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or _SURROGATE.search(value):
        raise BookmarkImportError(f"its hidden reader marker gives {key} as {_shown(value)}, not a text.")
    return value


def _marker_tags(data: dict) -> list[str]:
    value = data.get("tags")
    if value is None:
        return []
    if not isinstance(value, list):
        raise BookmarkImportError(f"its hidden reader marker gives tags as {_shown(value)}, not a list.")
    tags = []
    for tag in value:
        if isinstance(tag, (int, float)) and not isinstance(tag, bool):
            tag = str(tag)
        if not isinstance(tag, str) or _SURROGATE.search(tag):
            raise BookmarkImportError(f"its hidden reader marker gives a tag as {_shown(tag)}, not a text.")
        tags.append(tag)
    return tags


def _time(value) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
        parsed = parsed if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
        parsed.astimezone(timezone.utc)  # year 1 east of UTC has no UTC time: not a usable date
    except (TypeError, ValueError, OverflowError):
        return None
    return parsed
