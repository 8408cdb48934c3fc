"""What a format parser hands back before it becomes an Article."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePath
from urllib.parse import urlsplit

from ..models import Article, ArticleKind
from . import furniture
from .dates import FoundDate, date_in_name
from .metalines import title_says_liveblog
from .pagetitle import host_of
from .text import clean_inline, shorten, title_from_text

# The kinds a source may state; anything else is decided from the title.
_ARTICLE_KINDS: dict[str | None, ArticleKind] = {"article": "article", "liveblog": "liveblog"}


@dataclass
class ArticleDraft:
    title: str | None = None
    body: str = ""
    source: str | None = None
    published: FoundDate | None = None
    kind: str | None = None
    tags: list[str] = field(default_factory=list)
    url: str | None = None
    item_key: str | None = None

    def offer(self, **values: object) -> None:
        """Fill the fields that are still empty; what was found first wins."""
        for name, value in values.items():
            if value in (None, "", []):
                continue
            if getattr(self, name) in (None, "", []):
                setattr(self, name, value)


def _title_paragraph(body: str) -> str:
    """The first paragraph that reads like text, not a bare time stamp or a one-word heading."""
    paragraphs = body.split("\n\n")
    return next((p for p in paragraphs if len(p.split()) >= 4), paragraphs[0])


def _date_named(url: str | None, path: str | None) -> FoundDate | None:
    """What the file does not state: the day in its URL's path or its file name."""
    if url:
        try:
            found = date_in_name(urlsplit(url).path)
        except ValueError:
            found = None
        if found is not None:
            return found
    return date_in_name(PurePath(path).name) if path else None


def finish(draft: ArticleDraft, path: str | None) -> Article | None:
    """The Article for a draft, or None when it has no body text."""
    body = draft.body.strip()
    if not any(char.isalnum() for char in body):
        return None
    title = clean_inline(draft.title or "").lstrip("> ")
    source = clean_inline(draft.source) if draft.source else None
    if title:
        title, site = furniture.split_site_suffix(furniture.strip_photo_credit(title), source)
        source = source or site
    if not title or furniture.is_disclaimer(title) or furniture.is_navigation(title):
        title = title_from_text(_title_paragraph(body)) or shorten(body)
    kind: ArticleKind = _ARTICLE_KINDS.get(draft.kind) or ("liveblog" if title_says_liveblog(title) else "article")
    url = draft.url.strip() if draft.url else None
    published = draft.published or _date_named(url, path)
    source = source or host_of(url)
    tags: list[str] = []
    for tag in draft.tags:
        tag = clean_inline(str(tag))
        if tag and tag not in tags:
            tags.append(tag)
    return Article(
        title=title,
        body=body,
        source=source,
        published=published.value if published else None,
        published_precision=published.precision if published else None,
        kind=kind,
        path=path,
        url=url,
        tags=tags,
        item_key=draft.item_key,
    )
