"""Large RSS and Atom feeds read item by item (lxml's iterparse), each item handed on as a feed
of its own (with the feed's title) for feedparser to read like any small feed.

Elements are cleared as soon as their item is out, so memory stays bounded whatever the feed's
size. Entities are not resolved and no DTD or network is read (no XXE, no billion laughs).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import BinaryIO
from xml.sax.saxutils import escape

from lxml import etree

from ..errors import IngestError

_ATOM = "http://www.w3.org/2005/Atom"
_RSS1 = "http://purl.org/rss/1.0/"
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_ITEMS = {"item", f"{{{_RSS1}}}item", f"{{{_ATOM}}}entry"}
_TITLES = {"title", f"{{{_RSS1}}}title", f"{{{_ATOM}}}title"}
_FEED_PARTS = {"channel", f"{{{_RSS1}}}channel", f"{{{_ATOM}}}feed"}


def _envelope(root: str, title: str, item: bytes) -> bytes:
    """A one-item feed of the same kind as the whole one."""
    title_xml = f"<title>{escape(title)}</title>".encode("ascii", "xmlcharrefreplace")
    if root == f"{{{_ATOM}}}feed":
        return b'<feed xmlns="' + _ATOM.encode() + b'">' + title_xml + item + b"</feed>"
    if root == f"{{{_RDF}}}RDF":
        return (b'<rdf:RDF xmlns:rdf="' + _RDF.encode() + b'" xmlns="' + _RSS1.encode() + b'"><channel>'
                + title_xml + b"</channel>" + item + b"</rdf:RDF>")
    return b'<rss version="2.0"><channel>' + title_xml + item + b"</channel></rss>"


def iter_feed_items(file: BinaryIO, name: str) -> Iterator[tuple[int, bytes]]:
    """(item number from 1, a one-item feed) for every item or entry of the feed in ``file``."""
    root: str | None = None
    title = ""
    number = 0
    events = etree.iterparse(file, events=("start", "end"), resolve_entities=False, no_network=True,
                             load_dtd=False, huge_tree=True)
    try:
        for event, element in events:
            if event == "start":
                root = root or element.tag
                continue
            if element.tag in _ITEMS:
                number += 1
                yield number, _envelope(root or "rss", title, etree.tostring(element))
                element.clear()
                parent = element.getparent()
                while parent is not None and element.getprevious() is not None:
                    del parent[0]
            elif element.tag in _TITLES and not number and element.getparent() is not None \
                    and element.getparent().tag in _FEED_PARTS:
                title = "".join(element.itertext()).strip()
    except etree.XMLSyntaxError as error:
        line = error.position[0] if error.position else "?"
        raise IngestError(f"{name} is not a well-formed feed (line {line}: {error.msg}); "
                          f"the {number} items before that were read.") from None
    if not number:
        raise IngestError(f"{name} is a feed without items.")
