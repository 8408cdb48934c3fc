"""Feeds: subscriptions, polite HTTP fetching, full text of teaser-only items, OPML, read state.

Everything a feed brings is written through the library's normal add path (Library.add_articles).
"""

from index.feeds.http import FetchError, Fetcher, FetchSettings, user_agent
from index.feeds.opml import OpmlError, read_opml, write_opml
from index.feeds.refresh import FeedOutcome, refresh_feeds
from index.feeds.removal import Removed, remove_feed
from index.feeds.subscribe import Subscribed, subscribe
from index.feeds.subscriptions import Feed, Subscriptions, UnknownFeed

__all__ = [
    "Feed", "FeedOutcome", "FetchError", "FetchSettings", "Fetcher", "OpmlError", "Removed", "Subscribed",
    "Subscriptions", "UnknownFeed", "read_opml", "refresh_feeds", "remove_feed", "subscribe", "user_agent",
    "write_opml",
]
