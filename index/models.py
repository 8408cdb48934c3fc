"""The records every layer shares.

Plain dataclasses: the store and the search make thousands of them per command, and they only
carry values our own code produced, so they cost no validation and no pydantic import (a tenth
of a second of every command's start-up). Input from outside (files, feeds, the config) is
checked where it is read. Offsets are character offsets into ``Article.body``, half-open
``[start, end)``.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime
from functools import lru_cache
from typing import Any, Literal, TypeVar

ArticleKind = Literal["article", "liveblog"]
EntityKind = Literal["person", "org", "place", "other"]
DatePrecision = Literal["day", "minute"]


def _normalise_for_fingerprint(text: str) -> str:
    text = unicodedata.normalize("NFC", text)
    return re.sub(r"\s+", " ", text).strip().casefold()


@lru_cache(maxsize=1024)
def content_fingerprint(title: str, body: str) -> str:
    """A hash of what the article says, independent of where it came from.

    Cached: an import asks for each article's three times (its id, the lookup of a stored copy,
    the write), and the batch's texts are held anyway; a string keeps its hash once computed.
    """
    material = _normalise_for_fingerprint(title) + "\n" + _normalise_for_fingerprint(body)
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


def make_article_id(key: str) -> str:
    """A short stable id from an identity key (a URL or a content fingerprint)."""
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


R = TypeVar("R", bound="Record")


class Record:
    """What the records offer beyond their fields, under the names code has used since they
    were pydantic models. Each is a dataclass of keyword arguments only (as the models were made)
    with slots (no attributes beyond its fields)."""

    __slots__ = ()

    def model_dump(self, include: set[str] | None = None) -> dict[str, Any]:
        """The fields as a dict (nested records and lists of them as dicts too)."""
        values = asdict(self)  # type: ignore[call-overload]  # each Record is a dataclass
        return values if include is None else {name: values[name] for name in values if name in include}

    def model_copy(self: R, update: dict[str, Any] | None = None) -> R:
        """A copy with ``update``'s fields changed."""
        return replace(self, **(update or {}))  # type: ignore[type-var]  # each Record is a dataclass


@dataclass(kw_only=True, slots=True)
class Article(Record):
    """One article as parsed from its source; what the store keeps."""

    id: str = ""
    title: str
    body: str
    source: str | None = None
    published: datetime | None = None
    published_precision: DatePrecision | None = None
    kind: ArticleKind = "article"
    path: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)
    # Which item of a multi-article file (feed, JSON Lines) this is; None for single files.
    item_key: str | None = None

    def __post_init__(self) -> None:
        if self.published is not None and self.published.tzinfo is None:
            raise ValueError("published must be timezone-aware")

    @property
    def fingerprint(self) -> str:
        return content_fingerprint(self.title, self.body)

    def identity_key(self) -> str:
        """What makes two parsed articles 'the same article'."""
        if self.url:
            return "url:" + self.url
        return "content:" + self.fingerprint

    def with_id(self) -> "Article":
        if not self.id:
            self.id = make_article_id(self.identity_key())
        return self

    @property
    def origin(self) -> str | None:
        """Where the article came from: its path, or its URL."""
        return self.path or self.url


@dataclass(kw_only=True, slots=True)
class ArticleSummary(Record):
    """A row of the article list: everything but the body."""

    id: str
    title: str
    source: str | None = None
    published: datetime | None = None
    published_precision: DatePrecision | None = None
    kind: ArticleKind = "article"
    path: str | None = None
    url: str | None = None
    tags: list[str] = field(default_factory=list)


@dataclass(kw_only=True, slots=True)
class Span(Record):
    start: int
    end: int


@dataclass(kw_only=True, slots=True)
class Hit(Record):
    """One ranked search result."""

    id: str
    title: str
    source: str | None = None
    published: datetime | None = None
    published_precision: DatePrecision | None = None
    score: float
    snippet: str = ""
    # Offsets of matched terms in the article body (and title), for highlighting.
    body_matches: list[Span] = field(default_factory=list)
    title_matches: list[Span] = field(default_factory=list)
    # Offsets of the matches inside ``snippet`` (plain text, no markup).
    snippet_matches: list[Span] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.score = float(self.score)  # a ranking's numpy float prints as a plain number in JSON


@dataclass(kw_only=True, slots=True)
class Entity(Record):
    id: str
    name: str
    kind: EntityKind
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    articles: int = 0
    mentions: int = 0


@dataclass(kw_only=True, slots=True)
class Mention(Record):
    entity: str
    kind: EntityKind
    start: int
    end: int
    text: str
    # True when the mention is part of a hyphenated compound (Nato-Truppen, Merz-Kritik).
    partial: bool = False
    # The role written before a person's name (NATO-Chef Rutte -> "NATO-Chef"), if any.
    role: str | None = None


QuoteKind = Literal["direct", "indirect", "reported"]


@dataclass(kw_only=True, slots=True)
class Quote(Record):
    """Words attributed to a speaker: ``kind`` direct (their own words), indirect (reported in
    the subjunctive) or reported (with a cue, in the indicative). ``speaker`` is an entity id
    (provisional as the recogniser gives it, resolved like a mention's), None when nobody named
    speaks; ``speaker_text`` says how the text names the speaker there ("Rutte", "er")."""

    start: int
    end: int
    text: str
    kind: QuoteKind
    cue: str | None = None
    speaker: str | None = None
    speaker_text: str | None = None


@dataclass(kw_only=True, slots=True)
class EntityMention(Record):
    """One mention of an entity somewhere in the corpus, with its keyword-in-context."""

    article: str
    title: str
    published: datetime | None = None
    start: int
    end: int
    text: str
    context: str
    # Where `context` starts in the article body, so the mention sits at start - context_start.
    context_start: int = 0


@dataclass(kw_only=True, slots=True)
class Bookmark(Record):
    """A saved article, or a passage of one, with the reader's note and tags.

    A passage keeps both its offsets and its quoted text, so it can be found again
    when the article's body changes. Article-level bookmarks have no offsets and no quote.
    """

    id: int
    article: str
    start: int | None = None
    end: int | None = None
    quote: str | None = None
    note: str = ""
    tags: list[str] = field(default_factory=list)
    created: datetime
    updated: datetime
    # The article was removed from the library (reader remove); the bookmark keeps what it was.
    article_removed: bool = False
