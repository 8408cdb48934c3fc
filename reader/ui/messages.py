"""What the library workers report back to the screens.

Workers run in threads and never touch widgets: each posts one of these, and a handler on
the event loop updates the screen. Messages that belong to one widget live on that widget.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass, field

from textual.message import Message

if TYPE_CHECKING:
    from index.models import Article, ArticleSummary, Entity, EntityMention, Hit, Mention, Span



class LibraryOpened(Message):
    """The library is open (and, for a new user, the seeds are imported)."""


class LibraryFailed(Message):
    def __init__(self, reason: str) -> None:
        super().__init__()
        self.reason = reason


class ImportProgress(Message):
    def __init__(self, done: int, total: int, path: str) -> None:
        super().__init__()
        self.done = done
        self.total = total
        self.path = path


class ImportFinished(Message):
    def __init__(self, summary: str, problems: list[str]) -> None:
        super().__init__()
        self.summary = summary
        self.problems = problems


class ArticlesPage(Message):
    """A page of the full article list, newest first."""

    def __init__(self, rows: list[ArticleSummary], offset: int, total: int, refreshed: bool = False,
                 preview: bool = False, copy_groups: dict[str, tuple[int, int]] | None = None) -> None:
        super().__init__()
        self.rows = rows
        self.copy_groups = copy_groups or {}  # id -> (copy group, members) of the rows with copies
        self.offset = offset
        self.total = total
        self.refreshed = refreshed  # a reload of what is shown: keep the reader's place
        self.preview = preview  # read straight from SQLite while the library opens


class LibraryChanged(Message):
    """Another process has written to the library (new articles, most likely)."""


class SearchResults(Message):
    def __init__(self, query: str, hits: list[Hit], limit: int, error: str | None = None,
                 refreshed: bool = False, copy_groups: dict[str, tuple[int, int]] | None = None,
                 total: int | None = None, sort: str = "relevance") -> None:
        super().__init__()
        self.query = query
        self.hits = hits
        self.total = total  # how many articles match in all; None: counted next (ResultsCounted)
        self.sort = sort  # "relevance", "newest" or "oldest"
        self.copy_groups = copy_groups or {}  # id -> (copy group, members) of the hits with copies
        self.limit = limit
        self.error = error
        self.refreshed = refreshed  # the same query run again: replace the rows, keep the reader's place


class ResultsCounted(Message):
    """How many articles a query matches in all (the results came a page at a time)."""

    def __init__(self, query: str, sort: str, total: int) -> None:
        super().__init__()
        self.query = query
        self.sort = sort
        self.total = total


@dataclass
class Place:
    """Where to put the reader in an article once it is open: a hit or a mention to show as current."""

    span: Span
    kind: str  # "hit", "mention" or "bookmark"


@dataclass
class OpenedArticle:
    article: Article
    mentions: list[Mention]
    hits: list[Span]
    query: str
    place: Place | None = None
    # Arrive after the article (listing them can take a while in a large library); None until then.
    entities: list[Entity] | None = None
    # "also in: Spiegel, Zeit (dpa copy) · published first" for an article with copies.
    also_in: str | None = None
    # Its quotes (index.models.Quote), marked in the body.
    quotes: list = field(default_factory=list)


class ArticleLoaded(Message):
    def __init__(self, opened: OpenedArticle) -> None:
        super().__init__()
        self.opened = opened


class EntitiesLoaded(Message):
    """The entities of one article (scope "article"), of a query's results (scope "results"), or of
    the whole library (scope "library")."""

    def __init__(self, entities: list[Entity], scope: str, article_id: str | None = None,
                 query: str | None = None) -> None:
        super().__init__()
        self.entities = entities
        self.scope = scope
        self.article_id = article_id
        self.query = query  # of the results (scope "results")


class FacetsLoaded(Message):
    """A query's matches by source, date and entity (index.facets.Facets)."""

    def __init__(self, query: str, facets) -> None:
        super().__init__()
        self.query = query
        self.facets = facets


class EntityCorrected(Message):
    """A correction was written to the aliases file and the library relinked."""

    def __init__(self, entity_id: str, summary: str) -> None:
        super().__init__()
        self.entity_id = entity_id
        self.summary = summary


class TrailLoaded(Message):
    """The mentions of a new hop target, corpus-wide, in walking order."""

    def __init__(self, entity: Entity, mentions: list[EntityMention], jump_to: int | None = None,
                 show_screen: bool = False) -> None:
        super().__init__()
        self.entity = entity
        self.mentions = mentions
        self.jump_to = jump_to
        self.show_screen = show_screen


class Notice(Message):
    """A sentence for the reader (an error they caused, or a result of their action)."""

    def __init__(self, text: str, severity: str = "information") -> None:
        super().__init__()
        self.text = text
        self.severity = severity
