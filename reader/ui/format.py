"""How dates, sources and counts read on screen."""

from __future__ import annotations

from typing import TYPE_CHECKING

from datetime import datetime
from pathlib import PurePath

from textual.content import Content

from reader.terminal import visible

if TYPE_CHECKING:
    from index.facets import Facet, Facets
    from index.models import Article, ArticleSummary


KIND_LABELS = {"person": "People", "org": "Organisations", "place": "Places", "other": "Other"}


def facet_groups(facets: Facets) -> list[tuple[str, list[Facet]]]:
    """The facets under their headings, in the order lists show them (empty groups included)."""
    groups = [("Sources", facets.sources), (f"{facets.date_unit.title()}s", facets.dates),
              ("Agencies", facets.agencies)]
    groups += [(label, [f for f in facets.entities if f.kind == kind]) for kind, label in KIND_LABELS.items()]
    return [*groups, ("Quoted", facets.speakers)]


def short_date(published: datetime | None, precision: str | None = None) -> str:
    if published is None:
        return "undated"
    if precision == "day":
        return published.strftime("%Y-%m-%d")
    return published.strftime("%Y-%m-%d %H:%M")


def list_meta(published: datetime | None, source: str | None, precision: str | None = None,
              kind: str = "article") -> str:
    """'date · source' for a list row: the date first, so a narrow pane still shows it. Only
    what is known: empty when neither is (the row then has no line for it)."""
    parts = [short_date(published, precision)] if published else []
    if source:
        parts.append(visible(source))
    if kind == "liveblog":
        parts.append("liveblog")
    return " · ".join(parts)


def summary_meta(summary: ArticleSummary) -> str:
    return list_meta(summary.published, summary.source, summary.published_precision, summary.kind)


def article_meta(article: Article) -> str:
    """The line under an article's title: what is known of it (no "unknown source")."""
    parts = [part for part in (article.source, article.published and short_date(article.published,
                                                                                  article.published_precision)) if part]
    if article.kind == "liveblog":
        parts.append("liveblog")
    # The file name (not its folder) or the URL: enough to find it, short enough for a header.
    if article.url:
        parts.append(article.url)
    elif article.path:
        parts.append(PurePath(article.path).name)
    return visible(" · ".join(parts))  # a URL or file name may hold escape sequences


def shown(text: str) -> Content:
    """Data for a Label, Static or table cell: as plain text (a str would be read as markup, and
    '[/x]' in a note would crash the screen), its control characters made visible."""
    return Content(visible(text))


def plural(count: int, noun: str) -> str:
    return f"{count:,} {noun}{'' if count == 1 else 's'}"
