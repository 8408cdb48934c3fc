"""A fetched feed's bytes -> its items, each an article draft with a stable GUID and a hash.

The feed is parsed by the same code as feed files (index.ingest.feeds), after defusedxml has
refused any document that declares entities: expat's own limits stop the worst expansion, but a
feed has no honest use for <!ENTITY>, and an external one could name a local file.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from urllib.parse import urljoin

import lxml.html
from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring
from lxml import etree

from index.errors import IngestError
from index.ingest.draft import ArticleDraft
from index.ingest.feeds import _check_well_formed, _entry_body, _entry_published
from index.ingest.htmltext import fragment_to_text
from index.ingest.text import clean_inline

# Fewer words than this in an item's text: a teaser, and the linked page holds the article.
TEASER_WORDS = 120
FEED_TYPES = ("application/rss+xml", "application/atom+xml", "application/rdf+xml", "application/feed+json")


class NotAFeed(Exception):
    """The bytes are not a feed; ``feed_links`` are the feeds an HTML page names, if any."""

    def __init__(self, sentence: str, feed_links: list[str] | None = None):
        super().__init__(sentence)
        self.feed_links = feed_links or []


@dataclass
class FeedItem:
    guid: str
    draft: ArticleDraft
    item_hash: str
    author: str | None
    teaser_only: bool  # the feed carries only a teaser: the linked page is the article


@dataclass
class ParsedFeed:
    title: str | None
    items: list[FeedItem]
    problems: list[str]


def refuse_entities(data: bytes, url: str) -> None:
    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except DefusedXmlException:
        raise IngestError(f"{url} declares XML entities, which reader never expands (a known attack); "
                          "nothing of it was read.") from None
    except (ParseError, ValueError):
        pass  # malformed XML: the feed parser says what is wrong with it


def feed_links(data: bytes, page_url: str) -> list[str]:
    """Feeds an HTML page names with <link rel="alternate" type="application/rss+xml" href=...>."""
    try:
        tree = lxml.html.document_fromstring(data)
    except (etree.ParserError, ValueError):
        return []
    found: list[str] = []
    for link in tree.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        kind = (link.get("type") or "").lower().split(";")[0].strip()
        href = (link.get("href") or "").strip()
        if "alternate" in rel and kind in FEED_TYPES and href:
            absolute = urljoin(page_url, href)
            if absolute not in found:
                found.append(absolute)
    return found


def _looks_like_html(data: bytes, content_type: str) -> bool:
    head = data[:1024].lstrip().lower()
    return "html" in content_type.lower() or head.startswith((b"<!doctype html", b"<html"))


def _guid(entry: dict, draft: ArticleDraft) -> str:
    if entry.get("id"):
        return str(entry["id"]).strip()
    if draft.url:
        return draft.url
    material = f"{draft.title}\n{draft.body}"
    return "hash:" + hashlib.sha256(material.encode("utf-8")).hexdigest()[:32]


def _item_hash(draft: ArticleDraft) -> str:
    published = draft.published.value.isoformat() if draft.published else ""
    material = "\n".join([draft.title or "", draft.url or "", published, draft.body])
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def parse_feed_items(data: bytes, url: str, content_type: str = "") -> ParsedFeed:
    """Every item of the feed; NotAFeed for a page or anything else that is no feed."""
    import feedparser  # only feeds need it

    if not data.strip():
        raise NotAFeed(f"{url} sent an empty response, not a feed.")
    refuse_entities(data, url)
    parsed = feedparser.parse(data)
    if not parsed.get("version") and not parsed.entries:
        if _looks_like_html(data, content_type):
            links = feed_links(data, url)
            raise NotAFeed(f"{url} is a web page, not a feed, and names no feed.", links)
        raise NotAFeed(f"{url} is not an RSS or Atom feed.")
    _check_well_formed(parsed, url)
    title = clean_inline(fragment_to_text(parsed.feed.get("title", ""))) or None
    items: list[FeedItem] = []
    problems: list[str] = []
    seen: set[str] = set()
    for number, entry in enumerate(parsed.entries, start=1):
        link = (entry.get("link") or "").strip() or None
        draft = ArticleDraft(
            title=clean_inline(fragment_to_text(entry.get("title", ""))) or None,
            body=_entry_body(entry),
            source=title,
            published=_entry_published(entry),
            tags=[tag.get("term", "") for tag in entry.get("tags", []) if tag.get("term")],
            url=urljoin(url, link) if link else None,
        )
        if not draft.body and not draft.url:
            label = f" ('{draft.title}')" if draft.title else ""
            problems.append(f"item {number}{label} has neither text nor a link and was skipped.")
            continue
        guid = _guid(entry, draft)
        if guid in seen:  # a feed that repeats an item: the first one counts
            continue
        seen.add(guid)
        draft.item_key = guid
        author = clean_inline(entry.get("author", "")) or None
        teaser = len(draft.body.split()) < TEASER_WORDS and draft.url is not None
        items.append(FeedItem(guid, draft, _item_hash(draft), author, teaser))
    return ParsedFeed(title, items, problems)

