"""OPML 2.0 in and out: subscriptions move from and to any other feed reader; folders are tags."""

from __future__ import annotations

import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timezone
from pathlib import Path

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from index.errors import ReaderError
from index.feeds.subscriptions import Feed


class OpmlError(ReaderError):
    pass


@dataclass
class OpmlFeed:
    url: str
    title: str | None = None
    tags: list[str] = field(default_factory=list)


def _categories(value: str | None) -> list[str]:
    """OPML's category attribute: comma-separated slash paths ("/News/Politik,/Lokal")."""
    tags: list[str] = []
    for path in (value or "").split(","):
        tags.extend(part.strip() for part in path.split("/") if part.strip())
    return tags


def read_opml(path: Path) -> list[OpmlFeed]:
    try:
        data = Path(path).read_bytes()
    except OSError as error:
        raise OpmlError(f"Cannot read {path}: {error.strerror or error}.") from None
    try:
        root = fromstring(data)
    except DefusedXmlException:
        raise OpmlError(f"{path} declares XML entities, which reader never expands; nothing was imported.") from None
    except ParseError as error:
        raise OpmlError(f"{path} is not well-formed XML ({error}).") from None
    body = root.find("body")
    if root.tag != "opml" or body is None:
        raise OpmlError(f"{path} is not an OPML file (no <opml> with a <body>).")
    found: list[OpmlFeed] = []

    def walk(outline, folders: list[str]) -> None:
        for child in outline.findall("outline"):
            url = (child.get("xmlUrl") or "").strip()
            label = (child.get("title") or child.get("text") or "").strip()
            if url:
                tags = list(dict.fromkeys(folders + _categories(child.get("category"))))
                found.append(OpmlFeed(url, label or None, tags))
            walk(child, folders + [label] if not url and label else folders)

    walk(body, [])
    return found


def write_opml(feeds: list[Feed]) -> str:
    """Feeds without tags at the top, the others in a folder for their first tag; every tag also
    in `category`, so a feed with several keeps them all."""
    root = ElementTree.Element("opml", version="2.0")
    head = ElementTree.SubElement(root, "head")
    ElementTree.SubElement(head, "title").text = "reader subscriptions"
    ElementTree.SubElement(head, "dateCreated").text = format_datetime(datetime.now(timezone.utc))
    body = ElementTree.SubElement(root, "body")
    folders: dict[str, ElementTree.Element] = {}
    for feed in feeds:
        parent = body
        if feed.tags:
            first = feed.tags[0]
            if first not in folders:
                folders[first] = ElementTree.SubElement(body, "outline", text=first, title=first)
            parent = folders[first]
        attributes = {"type": "rss", "text": feed.title or feed.url, "title": feed.title or feed.url,
                      "xmlUrl": feed.url}
        if feed.tags:
            attributes["category"] = ",".join("/" + tag for tag in feed.tags)
        ElementTree.SubElement(parent, "outline", attributes)
    ElementTree.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ElementTree.tostring(root, encoding="unicode") + "\n"
