"""Whole HTML pages: the main text by trafilatura (no navigation, ads, comments or teasers),
metadata from trafilatura and the page's meta tags and JSON-LD."""

from __future__ import annotations

import json
import logging
import re

import lxml.html
from lxml import etree

from ..errors import IngestError
from . import furniture, pagetitle
from .dates import FoundDate, parse_date_value
from .draft import ArticleDraft
from .text import clean_inline, join_paragraphs, paragraphs_at_sentence_ends, split_lines

logger = logging.getLogger(__name__)

# Meta tags that hold the publication time, best first.
_DATE_META = (
    "article:published_time", "og:article:published_time", "datepublished", "date", "pubdate",
    "publishdate", "dc.date.issued", "dc.date", "dcterms.date", "parsely-pub-date", "sailthru.date",
)


def _meta_tags(tree: etree._Element) -> dict[str, list[str]]:
    found: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = meta.get("property") or meta.get("name") or meta.get("itemprop")
        content = meta.get("content")
        if key and content and content.strip():
            found.setdefault(key.strip().lower(), []).append(content.strip())
    return found


def _json_ld(tree: etree._Element) -> list[dict[str, object]]:
    objects: list[dict[str, object]] = []
    for script in tree.iter("script"):
        if (script.get("type") or "").lower() != "application/ld+json" or not script.text:
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        stack = data if isinstance(data, list) else [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, dict):
                objects.append(item)
                graph = item.get("@graph")
                if isinstance(graph, list):
                    stack.extend(graph)
    return objects


def _published(meta: dict[str, list[str]], ld: list[dict[str, object]], fallback: str | None) -> FoundDate | None:
    for key in _DATE_META:
        for value in meta.get(key, []):
            if (found := parse_date_value(value)) is not None:
                return found
    for item in ld:
        if (found := parse_date_value(item.get("datePublished"))) is not None:
            return found
    return parse_date_value(fallback) if fallback else None


def _is_liveblog(ld: list[dict[str, object]]) -> bool:
    for item in ld:
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if "LiveBlogPosting" in kinds:
            return True
    return False


def _page_title(tree: etree._Element) -> str:
    element = tree.find(".//title")
    return clean_inline(element.text_content()) if element is not None else ""


def _headings(tree: etree._Element) -> list[str]:
    return [clean_inline(h1.text_content()) for h1 in tree.iter("h1")][:3]


def _source(doc: etree._Element, meta: dict[str, list[str]], tree: etree._Element, url: str | None) -> str | None:
    """The site's name as the page states it, else its host (``www.spiegel.de`` -> spiegel.de)."""
    for name in (doc.get("sitename"), *meta.get("og:site_name", []), _site_from_page_title(tree)):
        if name and not furniture.is_navigation(clean_inline(name)):
            return name
    return pagetitle.host_of(url) or doc.get("hostname")


def _site_from_page_title(tree: etree._Element) -> str | None:
    """``Hochwasser in Bayern | Beispielzeitung`` -> ``Beispielzeitung``."""
    text = _page_title(tree)
    parts = re.split(r"\s+[|–—-]\s+", text)
    if len(parts) >= 2 and 2 <= len(parts[-1]) <= 40:
        return parts[-1]
    return None


def _element_text(element: etree._Element) -> str:
    for line_break in element.iter("lb"):
        line_break.tail = " " + (line_break.tail or "")
    return clean_inline("".join(element.itertext()))


def _paragraphs(main: etree._Element) -> list[tuple[str, str]]:
    """(tag, text) for each block of trafilatura's XML ``<main>``."""
    blocks: list[tuple[str, str]] = []
    for element in main:
        if element.tag == "list":
            blocks.extend(("item", _element_text(item)) for item in element.iter("item"))
        elif element.tag == "table":
            for row in element.iter("row"):
                cells = [_element_text(cell) for cell in row.iter("cell")]
                blocks.append(("row", " | ".join(cell for cell in cells if cell)))
        else:
            blocks.extend((element.tag, part) for part in _split_at_line_breaks(element))
    return [(tag, text) for tag, text in blocks if text]


def _split_at_line_breaks(element: etree._Element) -> list[str]:
    """Pages that separate paragraphs with ``<br>`` inside one block give several paragraphs;
    breaks in the middle of a sentence join (an address, a verse, a narrow column)."""
    for line_break in element.iter("lb"):
        line_break.tail = "\n" + (line_break.tail or "")
    return paragraphs_at_sentence_ends(split_lines("".join(element.itertext())))


def parse_html(text: str, name: str) -> ArticleDraft:
    try:
        import trafilatura  # imported here: it takes a moment and only HTML needs it
    except ImportError as error:  # a broken install (trafilatura needs lxml[html_clean])
        raise IngestError(f"{name} is an HTML page, but HTML support is not installed properly: {error}") from error

    try:
        tree = lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError):
        raise IngestError(f"{name} could not be read as an HTML page.") from None
    extracted = trafilatura.extract(
        text,
        output_format="xml",
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        favor_precision=True,
        date_extraction_params={"original_date": True, "extensive_search": False},
    )
    if not extracted:
        raise IngestError(f"{name} is an HTML page, but no article text was found in it.")
    doc = etree.fromstring(extracted.encode("utf-8"), etree.XMLParser(recover=True))
    main = doc.find("main") if doc is not None else None
    if main is None:
        raise IngestError(f"{name} is an HTML page, but no article text was found in it.")
    meta = _meta_tags(tree)
    ld = _json_ld(tree)
    blocks = _paragraphs(main)
    url = doc.get("url") or next(iter(meta.get("og:url", [])), None)
    source = _source(doc, meta, tree, url)
    sites = pagetitle.site_names([source, doc.get("sitename"), *meta.get("og:site_name", [])], url)
    title = pagetitle.choose_title(
        [doc.get("title"), *meta.get("og:title", []), _page_title(tree), *_headings(tree),
         next((text for tag, text in blocks if tag == "head"), None)], sites)
    if title and blocks and blocks[0][0] == "head" and blocks[0][1].casefold() == clean_inline(title).casefold():
        blocks.pop(0)  # the page's h1 repeats the title
    draft = ArticleDraft(
        title=title,
        source=source,
        url=url,
        published=_published(meta, ld, doc.get("date")),
        tags=[tag for tag in re.split(r"[;,]", doc.get("tags") or "") if tag.strip()],
        kind="liveblog" if _is_liveblog(ld) else None,
    )
    draft.body = join_paragraphs(furniture.clean_paragraphs([text for _, text in blocks]))
    return draft
