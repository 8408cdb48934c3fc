"""Entity recognition that never costs an article.

A recogniser bug must not lose the article it trips on: the article is stored and indexed
without mentions, the error and its traceback go to the log, and the store keeps a row in
``analysis_failures`` (written with the article) so that ``doctor`` lists it and the next
import or ``doctor --fix`` recognises it again.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from index.errors import ReaderError
from index.models import Article, Mention, Quote
from index.speaker_names import add_speaker_names
from index.store import LINK_ENTITIES, Store

log = logging.getLogger(__name__)

Extract = Callable[[str], list[Mention]]


def recognise(extract: Extract, article: Article) -> tuple[list[Mention], str | None]:
    """(mentions, None), or ([], why) when recognition raised: logged with its traceback."""
    try:
        return extract(article.body), None
    except ReaderError:  # a bad aliases file or model: the user's to fix, for every article
        raise
    except Exception as error:  # noqa: BLE001 - any bug of a later step must spare the article
        where = article.path or article.url or article.id
        log.exception("entity recognition failed on %s (%r); the article is stored without entities",
                      where, article.title[:80])
        return [], f"{type(error).__name__}: {error}"


def recognise_again(store: Store, extract: Extract) -> tuple[list[str], int]:
    """Recognise the articles stored without entities once more. Returns the ids that have their
    mentions now (marked unindexed and for linking: the caller indexes and links them) and how
    many still fail."""
    failed = store.analysis_failures()
    if not failed:
        return [], 0
    articles = store.get_many([row["id"] for row in failed])
    outcomes = {article_id: recognise(extract, article) for article_id, article in articles.items()}
    with store.transaction() as db:
        for article_id, (mentions, failure) in outcomes.items():
            store.set_analysis_failure(db, article_id, failure)
            if failure is None:
                store.replace_mentions(db, article_id, mentions)
                # The index holds each article's entity ids (search by entity): index it again.
                db.execute("UPDATE articles SET indexed = 0 WHERE id = ?", (article_id,))
                store.note_pending(db, LINK_ENTITIES)
    recovered = [article_id for article_id, (_, failure) in outcomes.items() if failure is None]
    if recovered:
        log.info("entities recognised on a new attempt for %d articles", len(recovered))
    return recovered, len(outcomes) - len(recovered)


def find_quotes(article: Article, mentions: list[Mention]) -> list[Quote] | None:
    """The article's quotes, or None when the recogniser raised (logged; the article keeps its
    text and entities, and its quotes are looked for again by the next import or reindex)."""
    # Imported here: the recogniser's package loads numpy and its model, which reading never needs.
    from index.entities import quotes

    try:
        return quotes.find_quotes(article.body, mentions)
    except Exception:  # noqa: BLE001 - a quote bug must spare the article
        log.exception("quote recognition failed on %s (%r); stored without quotes",
                      article.path or article.url or article.id, article.title[:80])
        return None


def unquoted_ids(store: Store, limit: int | None = None) -> list[str]:
    """Articles whose quotes were never looked for, or by an older version of the recogniser
    (those whose entity recognition failed wait for it: their quotes' speakers are mentions)."""
    from index.speaker_names import quotes_version

    rows = store.query(
        "SELECT a.id FROM articles a LEFT JOIN quote_state q ON q.article_id = a.id "
        "LEFT JOIN analysis_failures f ON f.article_id = a.id "
        "WHERE (q.article_id IS NULL OR q.version < ?) AND f.article_id IS NULL ORDER BY a.id LIMIT ?",
        (quotes_version(), -1 if limit is None else limit))
    return [r["id"] for r in rows]


def quote_missing(store: Store, batch: int = 500) -> int:
    """Find the quotes of the articles stored without them (imported before quotes existed, by an
    older recogniser, or whose recognition failed), from their stored mentions. Returns how many
    articles have their quotes now; they are marked unindexed, for the caller to index."""

    done = 0
    failed: set[str] = set()
    while True:
        ids = [article_id for article_id in unquoted_ids(store, batch + len(failed)) if article_id not in failed][:batch]
        if not ids:
            return done
        articles = store.get_many(ids)
        marks = ",".join("?" * len(ids))
        stored: dict[str, list[Mention]] = {article_id: [] for article_id in ids}
        for r in store.query(f"SELECT article_id, raw_entity, kind, start, end, text, partial, role FROM mentions "
                             f"WHERE article_id IN ({marks}) ORDER BY article_id, start", ids):
            stored[r["article_id"]].append(Mention(entity=r["raw_entity"], kind=r["kind"], start=r["start"],
                                                   end=r["end"], text=r["text"], partial=bool(r["partial"]),
                                                   role=r["role"]))
        # Speakers the cues name that the stored mentions lack (recognised before these rules).
        named = {article_id: add_speaker_names(article.body, stored[article_id]) for article_id, article in articles.items()}
        found = {article_id: find_quotes(article, named[article_id]) for article_id, article in articles.items()}
        failed.update(article_id for article_id, result in found.items() if result is None)
        failed.update(article_id for article_id in ids if article_id not in articles)
        with store.transaction() as db:
            for article_id, result in found.items():
                if result is not None:
                    if named[article_id] is not stored[article_id]:
                        store.replace_mentions(db, article_id, named[article_id])
                        store.note_pending(db, LINK_ENTITIES)
                    store.replace_quotes(db, article_id, result)
                    # The index holds each article's quotes and speakers (quote:, said:): index it again.
                    db.execute("UPDATE articles SET indexed = 0 WHERE id = ?", (article_id,))
                    done += 1
