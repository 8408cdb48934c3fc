"""The order n / N walk: every mention, oldest article first, crossing articles, saying where it is."""

from __future__ import annotations

from index.models import Entity, EntityMention
from reader.ui.hops import HopTrail


def mention(article: str, start: int) -> EntityMention:
    return EntityMention(article=article, title=article.upper(), start=start, end=start + 6, text="Macron",
                         context="… Macron …", context_start=max(0, start - 2))


def trail() -> HopTrail:
    entity = Entity(id="e1", name="Macron", kind="person", mentions=5, articles=3)
    return HopTrail(entity, [mention("a", 10), mention("a", 50), mention("b", 5), mention("c", 7), mention("c", 90)])


def test_next_walks_within_then_across_articles():
    walk = trail()
    assert walk.start_in("a").start == 10
    assert walk.status() == "Macron 1/5 · article 1/3"
    visited = [walk.step(True)[0] for _ in range(3)]
    assert [(m.article, m.start) for m in visited] == [("a", 50), ("b", 5), ("c", 7)]
    assert walk.status() == "Macron 4/5 · article 3/3"


def test_previous_from_the_first_wraps_to_the_last_and_says_so():
    walk = trail()
    walk.start_in("a")
    mention_, wrapped = walk.step(False)
    assert wrapped and (mention_.article, mention_.start) == ("c", 90)


def test_from_an_article_without_mentions_the_walk_starts_at_either_end():
    walk = trail()
    assert walk.start_in("zzz") is None
    assert "5 mentions in 3 articles" in walk.status()
    assert walk.step(True, "zzz")[0].start == 10
    walk.position = None
    assert walk.step(False, "zzz")[0].start == 90


def test_from_the_open_article_the_walk_starts_in_it():
    walk = trail()
    first, wrapped = walk.step(True, "c")
    assert (first.article, first.start, wrapped) == ("c", 7, False)
