"""`feeds add`: a feed URL, or a page whose <link rel="alternate"> names one, read once at once."""

from __future__ import annotations

from dataclasses import dataclass

from index.errors import IngestError
from index.feeds.http import Fetched, FetchError, Fetcher, FetchSettings
from index.feeds.items import NotAFeed, parse_feed_items
from index.feeds.refresh import FeedOutcome, _refresh
from index.feeds.subscriptions import Subscriptions


@dataclass
class Subscribed:
    url: str  # what was asked for
    outcome: FeedOutcome | None = None  # the first refresh of the new subscription
    error: str | None = None  # why nothing was subscribed
    discovered_from: str | None = None  # the page that named the feed


def _find_feed(fetcher: Fetcher, url: str) -> tuple[str, Fetched, str | None]:
    """(feed URL, its response, the page it was found on). Raises FetchError, NotAFeed, IngestError."""
    fetched = fetcher.get(url)
    try:
        parse_feed_items(fetched.content, url, fetched.content_type)
        return fetched.moved_to or url, fetched, None
    except NotAFeed as not_a_feed:
        if not not_a_feed.feed_links:
            raise
        feed_url = not_a_feed.feed_links[0]
        feed_fetched = fetcher.get(feed_url)
        parse_feed_items(feed_fetched.content, feed_url, feed_fetched.content_type)
        return feed_fetched.moved_to or feed_url, feed_fetched, url


def subscribe(library, urls: list[str], tags: list[str] | None = None,
              settings: FetchSettings | None = None) -> list[Subscribed]:
    """Subscribe to each URL that is (or names) a feed and bring in its items; the others are not kept."""
    settings = settings or FetchSettings()
    subscriptions = Subscriptions(library.store)
    results: list[Subscribed] = []
    for url in urls:
        result = Subscribed(url)
        results.append(result)
        with Fetcher(settings) as fetcher:
            try:
                feed_url, fetched, page = _find_feed(fetcher, url.strip())
            except (FetchError, NotAFeed, IngestError) as error:
                result.error = str(error)
                continue
        result.discovered_from = page
        feed = subscriptions.add(feed_url, tags=tags)
        result.outcome = _refresh(library, subscriptions, [feed], settings, None, {feed.id: fetched})[0]
    return results
