"""Where the reader is: the open article, its hits, the hop target, the current hit or mention.

No Textual here: the main screen asks this what to paint and what to say in the status line,
and tells it what the reader did.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass, field

from reader.ui.format import plural
from reader.ui.hops import HopTrail
from reader.ui.messages import OpenedArticle, Place

if TYPE_CHECKING:
    from index.models import EntityMention, Mention, Span


@dataclass
class Highlights:
    """Everything painted over the body; all offsets are into Article.body."""

    mentions: list[Mention] = field(default_factory=list)
    hits: list[Span] = field(default_factory=list)
    target_entity: str | None = None
    current: Span | None = None
    quotes: list = field(default_factory=list)  # index.models.Quote


def mention_place(mention: EntityMention) -> Place:
    from index.models import Span  # the library's code loads after the first screen

    return Place(Span(start=mention.start, end=mention.end), "mention")


@dataclass
class Reading:
    opened: OpenedArticle | None = None
    place: Place | None = None
    hit_index: int | None = None
    trail: HopTrail | None = None

    @property
    def article_id(self) -> str | None:
        return self.opened.article.id if self.opened else None

    @property
    def target_id(self) -> str | None:
        return self.trail.entity.id if self.trail else None

    def article_opened(self, opened: OpenedArticle) -> None:
        self.opened = opened
        self.place = opened.place
        self.hit_index = None
        if self.place is not None and self.place.kind == "hit":
            starts = [hit.start for hit in opened.hits]
            self.hit_index = starts.index(self.place.span.start) if self.place.span.start in starts else None

    def highlights(self) -> Highlights:
        if self.opened is None:
            return Highlights()
        return Highlights(mentions=self.opened.mentions, hits=self.opened.hits, target_entity=self.target_id,
                          current=self.place.span if self.place else None, quotes=self.opened.quotes)

    def status(self) -> str:
        """e.g. "Macron 3/17 · article 2/4  │  hit 2/5 · ] next, [ previous"."""
        parts = []
        if self.trail is not None:
            parts.append(self.trail.status())
        if self.opened is not None and self.opened.hits:
            count = len(self.opened.hits)
            where = f"hit {self.hit_index + 1}/{count}" if self.hit_index is not None else plural(count, "hit")
            parts.append(f"{where} · ] next, [ previous")
        elif self.opened is not None and self.opened.query.strip():
            parts.append(f"no hits for “{self.opened.query}” in this article")
        return "  │  ".join(parts)

    def forget_hits(self) -> None:
        """The search was cleared: its hits are no longer painted."""
        if self.opened is not None:
            self.opened.hits, self.opened.query = [], ""
        self.hit_index = None
        if self.place is not None and self.place.kind == "hit":
            self.place = None

    def step_hit(self, forward: bool, top_offset: int) -> str | None:
        """Move to the next or previous hit; without a current one, start from the top of the view.

        Returns a sentence for the reader when there is nowhere to go.
        """
        if self.opened is None:
            return "Open an article first."
        hits = self.opened.hits
        if not hits:
            return "No search hits in this article." if self.opened.query else "Search first: press / and type."
        if self.hit_index is None:
            below = [i for i, hit in enumerate(hits) if hit.start >= top_offset]
            start = below[0] if below else len(hits)
            self.hit_index = (start if forward else start - 1) % len(hits)
        else:
            self.hit_index = (self.hit_index + (1 if forward else -1)) % len(hits)
        self.place = Place(hits[self.hit_index], "hit")
        return None

    def follow(self, trail: HopTrail) -> None:
        """A new hop target: point at its first mention in the open article, if it has one."""
        self.trail = trail
        current = trail.start_in(self.article_id)
        if current is not None:
            self.place = mention_place(current)

    def step_mention(self, forward: bool) -> tuple[EntityMention, bool] | None:
        """The next or previous mention of the hop target, and whether the walk wrapped around."""
        assert self.trail is not None
        if self.trail.position is not None and (self.place is None or self.place.kind != "mention"):
            # The reader moved on (to a hit, to another article): walk on from the article now open.
            self.trail.position = None
        return self.trail.step(forward, self.article_id)
