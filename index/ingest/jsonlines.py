"""JSON Lines: one article object per line (and JSON files holding one article or a list).

Fields: ``title``, ``body`` or ``text`` (required), ``date`` or ``published``, ``source``,
``url``, ``tags`` (list or comma-separated string), ``kind`` ("article" or "liveblog").
A bad line is skipped with a sentence saying why; the other lines are kept. Lines end at "\n"
only: U+2028 and U+2029 may stand inside JSON strings.
"""

from __future__ import annotations

import json
import re

from ..errors import IngestError
from . import furniture
from .dates import parse_date_value
from .draft import ArticleDraft
from .htmltext import fragment_to_text
from .metalines import split_tags

_KINDS = ("article", "liveblog")
# A lone surrogate ("\\ud800" in JSON) cannot be stored as UTF-8: it becomes U+FFFD.
_SURROGATE = re.compile("[\ud800-\udfff]")


def without_surrogates(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


class _LineProblem(Exception):
    """Why one line was skipped."""


def _optional_text(record: dict, *keys: str) -> str | None:
    for key in keys:
        if key not in record or record[key] is None:
            continue
        value = record[key]
        if not isinstance(value, str):
            raise _LineProblem(f"'{key}' is not a string")
        if value.strip():
            return without_surrogates(value.strip())
    return None


def _draft(record: object, label: str) -> tuple[ArticleDraft, list[str]]:
    if not isinstance(record, dict):
        raise _LineProblem("is not a JSON object")
    notes: list[str] = []
    title = _optional_text(record, "title", "headline")
    raw_body = _optional_text(record, "body", "text", "content")
    if raw_body is None:
        raise _LineProblem("has no 'body' or 'text'")
    paragraphs = fragment_to_text(raw_body).split("\n\n")
    body = "\n\n".join(furniture.clean_paragraphs([p for p in paragraphs if p]))
    if not body:
        raise _LineProblem("has no article text in 'body'")
    draft = ArticleDraft(
        title=title,
        body=body,
        source=_optional_text(record, "source", "site", "publisher"),
        url=_optional_text(record, "url", "link"),
    )
    for key in ("published", "date", "datetime"):
        if record.get(key) is None:
            continue
        value = record[key]
        found = parse_date_value(value) if isinstance(value, str) else None
        if found is None:
            notes.append(f"{label}: '{key}' {value!r} is not a date; the article was kept without one.")
        draft.published = found
        break
    tags = record.get("tags")
    if isinstance(tags, str):
        draft.tags = split_tags(without_surrogates(tags))
    elif isinstance(tags, list) and all(isinstance(tag, str) for tag in tags):
        draft.tags = [without_surrogates(tag) for tag in tags]
    elif tags is not None:
        raise _LineProblem("'tags' is not a list of strings")
    kind = record.get("kind")
    if kind is not None:
        if kind not in _KINDS:
            raise _LineProblem(f"'kind' is {kind!r}, not 'article' or 'liveblog'")
        draft.kind = kind
    draft.item_key = draft.url or label
    return draft, notes


def parse_json_line(line: str, number: int) -> tuple[ArticleDraft | None, list[str]]:
    """The draft of one line (None when it is skipped) and sentences about its problems."""
    try:
        record = json.loads(line)
    except ValueError as error:
        reason = getattr(error, "msg", str(error))
        return None, [f"line {number}: not valid JSON ({reason})."]
    except RecursionError:
        return None, [f"line {number}: nested too deeply to be an article; skipped."]
    return draft_from_record(record, f"line {number}")


def draft_from_record(record: object, label: str) -> tuple[ArticleDraft | None, list[str]]:
    """A draft from one JSON object (or CSV row as a dict); None and the reason when it has none."""
    try:
        return _draft(record, label)
    except _LineProblem as problem:
        return None, [f"{label}: {problem}."]


def parse_json_lines(text: str, name: str) -> tuple[list[ArticleDraft], list[str]]:
    """Drafts for the good lines and a sentence for every problem."""
    drafts: list[ArticleDraft] = []
    problems: list[str] = []
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        draft, notes = parse_json_line(line, number)
        problems.extend(notes)
        if draft is not None:
            drafts.append(draft)
    if not drafts:
        raise _nothing_readable(name, problems)
    return drafts, problems


def _nothing_readable(name: str, problems: list[str]) -> IngestError:
    detail = "; ".join(problem.rstrip(".") for problem in problems[:3])
    more = f" (and {len(problems) - 3} more problems)" if len(problems) > 3 else ""
    return IngestError(f"{name} has no readable article: {detail}{more}.")


def parse_json_document(text: str, name: str) -> tuple[list[ArticleDraft], list[str]]:
    """A whole JSON file: one article object, or a list of them (items counted from 1)."""
    try:
        data = json.loads(text)
    except RecursionError:
        raise IngestError(f"{name} is nested too deeply to hold articles.") from None
    except ValueError as error:
        line = getattr(error, "lineno", None)
        where = f" (line {line}: {error.msg})" if line is not None and hasattr(error, "msg") else ""
        raise IngestError(f"{name} is not valid JSON{where}.") from None
    records = data if isinstance(data, list) else [data]
    drafts: list[ArticleDraft] = []
    problems: list[str] = []
    for number, record in enumerate(records, start=1):
        label = f"item {number}" if isinstance(data, list) else "the JSON object"
        try:
            draft, notes = _draft(record, label)
        except _LineProblem as problem:
            problems.append(f"{label}: {problem}.")
            continue
        problems.extend(notes)
        if not isinstance(data, list):
            draft.item_key = None  # a single article, like a text file
        drafts.append(draft)
    if not drafts:
        raise _nothing_readable(name, problems)
    return drafts, problems
