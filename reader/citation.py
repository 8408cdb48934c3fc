"""A passage with its citation, as the app copies it to the clipboard (no Textual here)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from index.models import Article


def citation_line(article: Article) -> str:
    """Title. Source, date. URL (or the file it came from)."""
    title = " ".join(article.title.split()) or "Untitled article"
    where = ", ".join(part for part in (
        article.source,
        article.published.strftime("%Y-%m-%d") if article.published else None,
    ) if part)
    parts = [title.rstrip(".") + "."]
    if where:
        parts.append(where + ".")
    if article.url or article.path:
        parts.append(article.url or article.path or "")
    return " ".join(parts)


def cited_passage(article: Article, start: int, end: int) -> str:
    """The passage exactly as the article has it, a blank line, then where it is from."""
    return f"{article.body[start:end]}\n\n— {citation_line(article)}"
