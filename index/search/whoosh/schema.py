"""What the Whoosh index holds of an article: its schema, and the fields of one document."""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from whoosh import fields

from index.search.whoosh.analyzers import FoldingKeywordAnalyzer, FoldingWordAnalyzer, GermanAnalyzer, LinesAnalyzer
from index.search.backend import IndexDocument
from index.search.parser import to_index_time
from index.search.whoosh.prepared import unpack

TITLE_BOOST = 3.0


def build_schema() -> fields.Schema:
    german = GermanAnalyzer()
    return fields.Schema(
        id=fields.ID(stored=True, unique=True),
        title=fields.TEXT(analyzer=german, phrase=True, field_boost=TITLE_BOOST, multitoken_query="phrase"),
        body=fields.TEXT(analyzer=german, phrase=True, multitoken_query="phrase"),
        source=fields.TEXT(analyzer=FoldingWordAnalyzer(), phrase=True, stored=True),
        # Naive Europe/Berlin wall-clock time, so date:2025-09-04 means that day in Germany.
        published=fields.DATETIME(sortable=True),  # the column answers date ranges (search_dates)
        published_at=fields.STORED(),  # ISO 8601 with offset, as given
        kind=fields.TEXT(analyzer=FoldingKeywordAnalyzer(), phrase=False),
        tags=fields.TEXT(analyzer=FoldingKeywordAnalyzer(), phrase=False),
        entity_ids=fields.TEXT(analyzer=LinesAnalyzer(), phrase=False),
        quotes=fields.TEXT(analyzer=german, phrase=True, multitoken_query="phrase"),
        speakers=fields.TEXT(analyzer=LinesAnalyzer(), phrase=False),
    )


@lru_cache(maxsize=1)
def reference_schema() -> fields.Schema:
    """The schema import workers prepare postings with (one per process)."""
    return build_schema()


def index_fields(doc: IndexDocument, use_prepared: bool = False) -> dict:
    values: dict[str, Any] = {"id": doc.id, "title": doc.title, "body": doc.body, "kind": doc.kind or "article"}
    if use_prepared and doc.prepared is not None:
        values.update(unpack(doc.prepared))
    if doc.source:
        values["source"] = doc.source
    if doc.published is not None:
        values["published"] = to_index_time(doc.published)
        values["published_at"] = doc.published.isoformat()
    if doc.tags:
        values["tags"] = "\n".join(tag.replace("\n", " ") for tag in doc.tags)
    if doc.entity_ids:
        values["entity_ids"] = "\n".join(doc.entity_ids)  # repeated: how often it is named ranks it
    if doc.quotes:
        values["quotes"] = "\n".join(doc.quotes)
    if doc.speaker_ids:
        values["speakers"] = "\n".join(dict.fromkeys(doc.speaker_ids))
    return values
