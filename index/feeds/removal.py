"""Unsubscribing, and taking the feed's articles out of the library when asked to."""

from __future__ import annotations

from dataclasses import dataclass

from index.feeds.subscriptions import Feed, Subscriptions


@dataclass
class Removed:
    feed: Feed
    articles_removed: int = 0
    kept: int = 0  # articles only this feed brought, kept: bookmarked, or imported from a file too


def remove_feed(library, feed_id: int, with_articles: bool = False) -> Removed:
    """Unsubscribe. With ``with_articles``, the articles no other feed brought go too, unless bookmarked
    or also imported from a file."""
    feed, only_here = Subscriptions(library.store).remove(feed_id)
    removed = Removed(feed)
    if not with_articles or not only_here:
        return removed
    marks = ",".join("?" * len(only_here))
    bookmarked = {row["article_id"] for row in library.store.query(
        f"SELECT DISTINCT article_id FROM bookmarks WHERE article_id IN ({marks})", only_here)}
    from_files = {row["id"] for row in library.store.query(
        f"SELECT id FROM articles WHERE id IN ({marks}) AND path IS NOT NULL", only_here)}
    doomed = [article_id for article_id in only_here if article_id not in bookmarked | from_files]
    removed.kept = len(only_here) - len(doomed)
    if doomed:
        from index.removal import remove_articles

        remove_articles(library, doomed)  # as `reader remove` does: stories, search, entity counts
    removed.articles_removed = len(doomed)
    return removed
