"""RSS and Atom feeds via feedparser: every item (entry) is an article."""

from __future__ import annotations

import calendar
from datetime import datetime, timezone
from xml.sax import SAXParseException

from ..errors import IngestError
from . import furniture
from .dates import FoundDate, parse_date_value
from .draft import ArticleDraft
from .htmltext import fragment_to_text
from .text import clean_inline

# feedparser copes with HTML entities that XML does not define ("&nbsp;"); nothing else is forgiven.
_FORGIVEN = ("undefined entity",)


def _check_well_formed(parsed: object, name: str) -> None:
    error = getattr(parsed, "bozo_exception", None)
    if not getattr(parsed, "bozo", False) or not isinstance(error, SAXParseException):
        return
    message = str(error.getMessage())
    if any(forgiven in message for forgiven in _FORGIVEN):
        return
    raise IngestError(
        f"{name} is not a well-formed feed (line {error.getLineNumber()}: {message})."
    )


def _entry_published(entry: dict) -> FoundDate | None:
    for key in ("published", "updated", "created", "dc_date"):
        if entry.get(key) and (found := parse_date_value(entry[key])) is not None:
            return found
    for key in ("published_parsed", "updated_parsed"):
        parsed = entry.get(key)
        if parsed:
            value = datetime.fromtimestamp(calendar.timegm(parsed), tz=timezone.utc)
            return FoundDate(value, "minute")
    return None


def _entry_body(entry: dict) -> str:
    contents = [item.get("value", "") for item in entry.get("content", []) if item.get("value")]
    html = max(contents, key=len) if contents else entry.get("summary", "") or entry.get("description", "")
    paragraphs = fragment_to_text(html).split("\n\n") if html else []
    return "\n\n".join(furniture.clean_paragraphs([p for p in paragraphs if p]))


def parse_feed(data: bytes, name: str, first_number: int = 1,
               one_item: bool = False) -> tuple[list[ArticleDraft], list[str]]:
    """Drafts for the feed's items and a sentence for each item that had to be skipped. A large
    feed's items come one at a time (index.ingest.feedstream): ``one_item``, counted as
    ``first_number``, and a skipped item is a sentence, not an error."""
    import feedparser  # imported here: only feeds need it

    parsed = feedparser.parse(data)
    _check_well_formed(parsed, name)
    if not parsed.get("version") and not parsed.entries:
        raise IngestError(f"{name} is not an RSS or Atom feed.")
    feed_title = clean_inline(fragment_to_text(parsed.feed.get("title", ""))) or None
    drafts: list[ArticleDraft] = []
    problems: list[str] = []
    for number, entry in enumerate(parsed.entries, start=first_number):
        body = _entry_body(entry)
        title = clean_inline(fragment_to_text(entry.get("title", ""))) or None
        key = entry.get("id") or entry.get("link") or f"item {number}"
        if not body:
            label = f" ('{title}')" if title else ""
            problems.append(f"item {number}{label} has no text and was skipped.")
            continue
        drafts.append(
            ArticleDraft(
                title=title,
                body=body,
                source=feed_title,
                published=_entry_published(entry),
                tags=[tag.get("term", "") for tag in entry.get("tags", []) if tag.get("term")],
                url=entry.get("link"),
                item_key=str(key),
            )
        )
    if not drafts and not one_item:
        if problems:
            raise IngestError(f"{name} is a feed, but none of its items has any text.")
        raise IngestError(f"{name} is a feed without items.")
    return drafts, problems
