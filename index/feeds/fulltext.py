"""The full article behind a teaser-only feed item: its linked page, read like an HTML file."""

from __future__ import annotations

import logging
from dataclasses import dataclass

from index.errors import IngestError
from index.feeds.http import PAGE_ACCEPT, FetchError, Fetcher
from index.ingest.decoding import decode
from index.ingest.draft import ArticleDraft
from index.ingest.htmlpage import parse_html

log = logging.getLogger(__name__)

TEASER_ONLY_TAG = "teaser-only"


@dataclass
class FullText:
    draft: ArticleDraft | None  # the page's article, or None when the teaser had to stay
    author: str | None = None
    problem: str | None = None  # why the teaser stayed


def _page_author(html: str) -> str | None:
    try:
        import trafilatura

        metadata = trafilatura.extract_metadata(html)
    except Exception:  # noqa: BLE001 - the author is a nicety; the text is what matters
        log.debug("no metadata from a page", exc_info=True)
        return None
    return getattr(metadata, "author", None) if metadata is not None else None


def fetch_full_text(fetcher: Fetcher, url: str, teaser: str) -> FullText:
    """The page's main text with its date, author and site name, when it says more than the teaser."""
    try:
        fetched = fetcher.get(url, accept=PAGE_ACCEPT)
        html = decode(fetched.content, url)
        draft = parse_html(html, url)
    except (FetchError, IngestError) as error:
        return FullText(None, problem=str(error))
    except Exception as error:  # noqa: BLE001 - a page the extractor chokes on keeps its teaser
        log.warning("full text of %s failed", url, exc_info=True)
        return FullText(None, problem=f"{url} could not be read: {error.__class__.__name__}.")
    if len(draft.body.split()) <= len(teaser.split()):
        return FullText(None, problem=f"{url} holds no more text than the feed's teaser.")
    return FullText(draft, author=_page_author(html))


def merge_full_text(item_draft: ArticleDraft, page: ArticleDraft) -> ArticleDraft:
    """The page's text, date and site name; the feed's title, link and GUID (they identify it)."""
    return ArticleDraft(
        title=item_draft.title or page.title,
        body=page.body,
        source=page.source or item_draft.source,
        published=item_draft.published or page.published,
        kind=page.kind,
        tags=list(dict.fromkeys(item_draft.tags + page.tags)),
        url=item_draft.url,
        item_key=item_draft.item_key,
    )


def mark_teaser_only(draft: ArticleDraft) -> ArticleDraft:
    draft.tags = [*draft.tags, TEASER_ONLY_TAG]
    return draft
