"""Refreshing feeds: fetch a few at once, read their items, write the news through the library.

Feeds are fetched in threads (at most ``per_host`` requests per host at once); what they bring
is written in one batch through ``Library.add_articles``, so feed articles get entities, search,
hops and bookmarks exactly as imported files do. A feed that fails gets one sentence and leaves
the library as it was; the others go on.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import dataclass, field

from index.errors import IngestError
from index.feeds.fulltext import fetch_full_text, mark_teaser_only, merge_full_text
from index.feeds.http import FetchError, Fetched, Fetcher, FetchSettings
from index.feeds.items import FeedItem, NotAFeed, parse_feed_items
from index.feeds.subscriptions import Feed, Subscriptions, now_iso
from index.ingest.draft import finish
from index.models import Article

log = logging.getLogger(__name__)

# progress(done, total, what): one call per feed finished
Progress = Callable[[int, int, str], None]
_STORED_COLUMNS = "id, fingerprint, title, source, published, kind, tags, path, url"


@dataclass
class FeedOutcome:
    feed: Feed
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    error: str | None = None
    problems: list[str] = field(default_factory=list)  # items skipped, pages that kept their teaser
    not_modified: bool = False

    @property
    def reached(self) -> bool:
        return self.error is None


@dataclass
class _Pending:
    """An item that becomes a new or changed article, once the batch is written."""

    item: FeedItem
    article: Article
    author: str | None
    teaser_only: bool
    status: str  # "new", "updated", "unchanged"


@dataclass
class _FeedWork:
    outcome: FeedOutcome
    pending: list[_Pending] = field(default_factory=list)
    fetched: Fetched | None = None
    title: str | None = None


def refresh_feeds(library, feed_ids: list[int] | None = None, settings: FetchSettings | None = None,
                  progress: Progress | None = None) -> list[FeedOutcome]:
    """Refresh every subscription (or the given ones); one outcome per feed, in subscription order."""
    subscriptions = Subscriptions(library.store)
    feeds = subscriptions.all() if not feed_ids else [subscriptions.get(i) for i in feed_ids]
    return _refresh(library, subscriptions, feeds, settings or FetchSettings(), progress)


def _refresh(library, subscriptions: Subscriptions, feeds: list[Feed], settings: FetchSettings,
             progress: Progress | None, prefetched: dict[int, Fetched] | None = None) -> list[FeedOutcome]:
    prefetched = prefetched or {}
    works: dict[int, _FeedWork] = {}
    with Fetcher(settings) as fetcher, ThreadPoolExecutor(max(1, settings.workers)) as pool:
        futures = {pool.submit(_read_feed, library, subscriptions, fetcher, feed, prefetched.get(feed.id)): feed
                   for feed in feeds}
        for done, future in enumerate(as_completed(futures), start=1):
            feed = futures[future]
            try:
                works[feed.id] = future.result()
            except Exception as error:  # noqa: BLE001 - one feed's bug must not stop the others
                log.exception("refreshing %s failed", feed.url)
                works[feed.id] = _FeedWork(FeedOutcome(feed, error=f"{feed.url} could not be refreshed: "
                                                                   f"{error.__class__.__name__}: {error}."))
            if progress:
                progress(done, len(feeds), feed.title or feed.url)
    _write(library, subscriptions, [works[feed.id] for feed in feeds])
    return [works[feed.id].outcome for feed in feeds]


def _read_feed(library, subscriptions: Subscriptions, fetcher: Fetcher, feed: Feed,
               fetched: Fetched | None) -> _FeedWork:
    work = _FeedWork(FeedOutcome(feed))
    outcome = work.outcome
    if feed.retry_not_before and feed.retry_not_before > time.time() and fetched is None:
        wait = feed.retry_not_before - time.time()
        outcome.error = f"{feed.url} asked reader to wait; it is fetched again in {wait:.0f} seconds."
        return work
    try:
        if fetched is None:
            fetched = fetcher.get(feed.url, etag=feed.etag, last_modified=feed.last_modified)
        work.fetched = fetched
        if fetched.not_modified:
            outcome.not_modified = True
            outcome.unchanged = len(subscriptions.stored_items(feed.id))
            return work
        parsed = parse_feed_items(fetched.content, feed.url, fetched.content_type)
    except FetchError as error:
        outcome.error = str(error)
        if error.retry_after:
            subscriptions.update(feed.id, retry_not_before=time.time() + error.retry_after)
        return work
    except (NotAFeed, IngestError) as error:
        outcome.error = str(error)
        return work
    work.title = parsed.title
    outcome.problems.extend(parsed.problems)
    stored = subscriptions.stored_items(feed.id)
    changed = [item for item in parsed.items
               if item.guid not in stored or stored[item.guid].item_hash != item.item_hash]
    outcome.unchanged += len(parsed.items) - len(changed)
    wanted = [item for item in changed if item.teaser_only and feed.full_text]
    with ThreadPoolExecutor(max(1, fetcher.settings.per_host)) as pages:
        texts = dict(zip((item.guid for item in wanted),
                         pages.map(lambda item: fetch_full_text(fetcher, item.draft.url, item.draft.body), wanted)))
    for item in changed:
        pending = _article_for(library, subscriptions, item, texts.get(item.guid), stored, outcome)
        if pending is not None:
            work.pending.append(pending)
    return work


def _article_for(library, subscriptions, item: FeedItem, text, stored, outcome: FeedOutcome) -> _Pending | None:
    draft, author, teaser_only = item.draft, item.author, False
    if text is not None:
        if text.draft is not None:
            draft, author = merge_full_text(item.draft, text.draft), item.author or text.author
        else:
            teaser_only = True
            outcome.problems.append(f"kept the teaser of '{item.draft.title or item.guid}': {text.problem}")
            draft = mark_teaser_only(draft)
    article = finish(draft, None)
    if article is None:
        outcome.problems.append(f"'{item.draft.title or item.guid}' has no text and was skipped.")
        return None
    row = library.store.find_existing(article)
    if row is None:
        known = stored[item.guid].article_id if item.guid in stored else subscriptions.article_by_guid(item.guid)
        if known is not None:
            rows = library.store.query(f"SELECT {_STORED_COLUMNS} FROM articles WHERE id = ?", (known,))
            row = rows[0] if rows else None
    if row is None:
        article.with_id()
        status = "new"
    else:
        article.id = row["id"]
        # First imported as a file: it stays that file's article, the feed only updates it.
        article.path = row["path"]
        article.item_key = item.guid if row["path"] is None else _item_key_of(library, row["id"])
        status = "unchanged" if library._same_as_stored(article, row) else "updated"
    return _Pending(item, article, author, teaser_only, status)


def _item_key_of(library, article_id: str) -> str | None:
    rows = library.store.query("SELECT item_key FROM articles WHERE id = ?", (article_id,))
    return rows[0]["item_key"] if rows else None


def _write(library, subscriptions: Subscriptions, works: list[_FeedWork]) -> None:
    """One batch through the library, then each feed's items and state."""
    claimed: set[str] = set()
    to_save: list[Article] = []
    for work in works:
        for pending in work.pending:
            if pending.article.id in claimed:  # the same article from two feeds in one refresh
                pending.status = "unchanged"
            elif pending.status != "unchanged":
                claimed.add(pending.article.id)
                to_save.append(pending.article)
            setattr(work.outcome, pending.status, getattr(work.outcome, pending.status) + 1)
    if to_save:
        library.add_articles(to_save)
    for work in works:
        feed, outcome = work.outcome.feed, work.outcome
        subscriptions.record_items(feed.id, [
            (p.item.guid, p.article.id, p.item.item_hash, p.author, p.teaser_only) for p in work.pending])
        values: dict[str, object] = {"last_fetched": now_iso(), "error": outcome.error}
        if outcome.error:
            values["last_status"] = "error"
        else:
            values["last_status"] = "not modified" if outcome.not_modified else "ok"
            values["retry_not_before"] = None
        if work.fetched is not None and not outcome.error and not work.fetched.not_modified:
            values["etag"] = work.fetched.etag
            values["last_modified"] = work.fetched.last_modified
        if work.title:
            values["title"] = work.title
        subscriptions.update(feed.id, **values)
        if work.fetched is not None and work.fetched.moved_to and work.fetched.moved_to != feed.url:
            subscriptions.move(feed.id, work.fetched.moved_to)
        outcome.feed = subscriptions.get(feed.id)  # as it is now: title, URL, state
