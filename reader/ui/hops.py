"""Hopping from one mention of an entity to the next, across articles.

Pure bookkeeping over `Library.entity_mentions` (oldest article first, then position),
so the order `n`/`N` walk is the order the mentions screen lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from dataclasses import dataclass, field

if TYPE_CHECKING:
    from index.models import Entity, EntityMention



@dataclass
class HopTrail:
    entity: Entity
    mentions: list[EntityMention]
    position: int | None = None
    article_order: list[str] = field(init=False)

    def __post_init__(self) -> None:
        seen: dict[str, None] = {}
        for mention in self.mentions:
            seen.setdefault(mention.article, None)
        self.article_order = list(seen)

    @property
    def current(self) -> EntityMention | None:
        return None if self.position is None else self.mentions[self.position]

    def in_article(self, article_id: str) -> list[int]:
        return [i for i, m in enumerate(self.mentions) if m.article == article_id]

    def start_in(self, article_id: str | None) -> EntityMention | None:
        """Point at the first mention in this article, if it has one."""
        positions = self.in_article(article_id) if article_id else []
        self.position = positions[0] if positions else None
        return self.current

    def step(self, forward: bool, article_id: str | None = None) -> tuple[EntityMention, bool] | None:
        """Move to the next (or previous) mention. Returns it and whether the walk wrapped around.

        Without a position, the walk starts at the first mention in `article_id` (or the first or
        last mention of the whole trail when the open article does not mention the entity).
        """
        if not self.mentions:
            return None
        if self.position is None:
            positions = self.in_article(article_id) if article_id else []
            if positions:
                self.position = positions[0] if forward else positions[-1]
            else:
                self.position = 0 if forward else len(self.mentions) - 1
            return self.mentions[self.position], False
        target = self.position + (1 if forward else -1)
        wrapped = not 0 <= target < len(self.mentions)
        self.position = target % len(self.mentions)
        return self.mentions[self.position], wrapped

    def jump_to(self, index: int) -> EntityMention:
        self.position = index
        return self.mentions[index]

    def status(self) -> str:
        """Where the walk is, e.g. "Macron 3/17 · article 2/4"."""
        total = len(self.mentions)
        articles = len(self.article_order)
        if self.position is None:
            return (f"{self.entity.name}: {total} mention{'s' if total != 1 else ''} in {articles} "
                    f"article{'s' if articles != 1 else ''} · n next, N previous")
        mention = self.mentions[self.position]
        article_number = self.article_order.index(mention.article) + 1
        return f"{self.entity.name} {self.position + 1}/{total} · article {article_number}/{articles}"
