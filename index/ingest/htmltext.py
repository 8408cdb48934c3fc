"""Small HTML fragments (feed summaries, JSON bodies) -> paragraphs of plain text."""

from __future__ import annotations

import html
import re

import lxml.html
from lxml import etree

from .text import normalise_body

_BLOCKS = frozenset(
    "p div li ul ol h1 h2 h3 h4 h5 h6 blockquote section article header footer tr table pre "
    "dd dt dl main aside hr".split()
)
_DROPPED = frozenset("script style noscript figure figcaption iframe object embed form nav button svg".split())
_TAG = re.compile(r"<[A-Za-z!/][^>]*>")


def looks_like_html(text: str) -> bool:
    return _TAG.search(text) is not None


def _walk(element: etree._Element, out: list[str]) -> None:
    tag = element.tag if isinstance(element.tag, str) else ""
    if tag.lower() in _DROPPED:
        out.append(element.tail or "")
        return
    block = tag.lower() in _BLOCKS
    if block:
        out.append("\n\n")
    if tag.lower() == "br":
        out.append("\n")
    out.append(element.text or "")
    for child in element:
        _walk(child, out)
    if block:
        out.append("\n\n")
    out.append(element.tail or "")


def fragment_to_text(fragment: str) -> str:
    """The text of an HTML fragment, paragraphs separated by one blank line."""
    if not looks_like_html(fragment):
        return normalise_body(html.unescape(fragment))
    try:
        root = lxml.html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return normalise_body(html.unescape(_TAG.sub(" ", fragment)))
    out: list[str] = []
    _walk(root, out)
    return normalise_body("".join(out))
