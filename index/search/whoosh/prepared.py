"""Postings of an article's title and body, prepared where the article is parsed.

Analysing the text (words, compound parts, stems) and encoding each term's positions is about a
third of what adding an article to the search index costs the writing process. An import's
worker processes do it instead, with Whoosh's own code on the same schema fields, and the
writer adds the postings as they are. Anything else (small imports, re-indexing, an index whose
fields differ) is analysed by the writer as before.
"""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from contextlib import contextmanager
from typing import NamedTuple

from whoosh import fields

PREPARED_FIELDS = ("title", "body")


class PreparedPostings(NamedTuple):
    """What ``field.index(text)`` yields: (term bytes, frequency, weight, encoded positions)."""

    items: list[tuple[bytes, int, float, bytes]]


# Pickled {field name: PreparedPostings}: an import holds a thousand articles' postings until it
# writes them, far smaller as bytes than as Python objects.
Prepared = bytes


def prepare(schema: fields.Schema, title: str, body: str) -> Prepared:
    postings = {name: PreparedPostings(list(schema[name].index(text)))
                for name, text in (("title", title), ("body", body))}
    return pickle.dumps(postings, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(prepared: Prepared) -> dict[str, PreparedPostings]:
    return pickle.loads(prepared)


def same_fields(schema: fields.Schema, reference: fields.Schema) -> bool:
    """Whether postings prepared with ``reference`` are what ``schema`` would make itself."""
    for name in PREPARED_FIELDS:
        if name not in schema or name not in reference:
            return False
        mine, theirs = schema[name], reference[name]
        if mine != theirs or mine.stored or type(mine.analyzer) is not type(theirs.analyzer):
            return False
        if vars(mine.analyzer) != vars(theirs.analyzer) or mine.multitoken_query != theirs.multitoken_query:
            return False
    return True


class _AcceptsPrepared:
    """A schema field that also takes its postings ready-made (everything else is the field's)."""

    def __init__(self, field: fields.FieldType):
        self._field = field

    def __getattr__(self, name: str):
        return getattr(self._field, name)

    def index(self, value, **kwargs):
        if isinstance(value, PreparedPostings):
            return iter(value.items)
        return self._field.index(value, **kwargs)


@contextmanager
def accepting_prepared(schema: fields.Schema) -> Iterator[None]:
    """While adding documents: title and body may be PreparedPostings. The schema a commit
    writes to disk is left as it was."""
    originals = {name: schema._fields[name] for name in PREPARED_FIELDS if name in schema._fields}
    try:
        for name, field in originals.items():
            schema._fields[name] = _AcceptsPrepared(field)
        yield
    finally:
        schema._fields.update(originals)
