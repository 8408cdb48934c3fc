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
from index.models import Article, Mention
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
