"""Markdown with optional YAML front matter (title, date/published, source, url, tags, kind).

The body is the Markdown rendered to plain text: heading markers, emphasis, link and image
syntax, HTML tags and list markers go; link texts and paragraphs stay.
"""

from __future__ import annotations

import re

import yaml

from ..errors import IngestError
from . import furniture
from .dates import parse_date_value
from .draft import ArticleDraft
from .metalines import split_tags
from .text import clean_inline, join_paragraphs

_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(?P<yaml>.*?)(?:\r?\n)(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE = re.compile(r"^(?:```|~~~)")
_HEADING = re.compile(r"^#{1,6}\s+(?P<text>.*?)\s*#*\s*$")
_SETEXT = re.compile(r"^(?:=+|-+)\s*$")
_RULE = re.compile(r"^(?:[-*_]\s*){3,}$")
_LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d{1,3}[.)])\s+")
_REFERENCE = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")

_INLINE_RULES = (
    (re.compile(r"!\[([^\]]*)\]\([^)]*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\([^)]*\)"), r"\1"),  # inline links keep their text
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<(https?://[^>]+)>"), r"\1"),  # autolinks
    (re.compile(r"</?[A-Za-z][^>]*>"), ""),  # inline HTML
    (re.compile(r"`([^`]*)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)(.+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"~~(.+?)~~"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!>])"), r"\1"),  # escapes
)


def split_front_matter(text: str, name: str) -> tuple[dict[str, object], str]:
    """The front matter as a dict and the Markdown after it."""
    match = _FRONT_MATTER.match(text)
    if match is None:
        return {}, text
    try:
        data = yaml.safe_load(match["yaml"])
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        where = f" (line {mark.line + 2})" if mark is not None else ""
        raise IngestError(f"{name} has front matter that is not valid YAML{where}.") from None
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise IngestError(f"{name} has front matter that is not a list of 'key: value' lines.")
    return {str(key).lower(): value for key, value in data.items()}, text[match.end() :]


def render_inline(text: str) -> str:
    for pattern, replacement in _INLINE_RULES:
        text = pattern.sub(replacement, text)
    return clean_inline(text)


def markdown_blocks(markdown: str) -> list[tuple[str, str]]:
    """(kind, text) blocks: kind is "h1".."h6" or "p"; paragraphs joined, list items separate."""
    blocks: list[tuple[str, str]] = []
    current: list[str] = []
    in_fence = False

    def flush() -> None:
        if current:
            blocks.append(("p", " ".join(current)))
            current.clear()

    for raw in markdown.splitlines():
        line = raw.rstrip()
        if _FENCE.match(line.strip()):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            if line.strip():
                blocks.append(("p", line.strip()))
            continue
        stripped = re.sub(r"^\s*(?:>\s?)+", "", line).strip()  # block quotes
        if not stripped or _REFERENCE.match(stripped):
            flush()
            continue
        if (heading := _HEADING.match(stripped)) is not None:
            flush()
            blocks.append((f"h{len(stripped) - len(stripped.lstrip('#'))}", heading["text"]))
        elif _SETEXT.match(stripped) and current:
            text = current.pop()
            flush()
            blocks.append(("h1" if stripped.startswith("=") else "h2", text))
        elif _RULE.match(stripped):
            flush()
        elif _LIST_ITEM.match(stripped):
            flush()
            current.append(_LIST_ITEM.sub("", stripped))
        else:
            current.append(stripped)
    flush()
    return [(kind, render_inline(text)) for kind, text in blocks if render_inline(text)]


def _text_value(front: dict[str, object], *keys: str) -> str | None:
    for key in keys:
        value = front.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value).strip()
    return None


def parse_markdown(text: str, name: str) -> ArticleDraft:
    front, markdown = split_front_matter(text, name)
    draft = ArticleDraft(
        title=_text_value(front, "title", "titel"),
        source=_text_value(front, "source", "quelle", "site", "publisher"),
        url=_text_value(front, "url", "link", "canonical"),
    )
    for key in ("published", "date", "datum", "pubdate", "created"):
        if key in front and (found := parse_date_value(front[key])) is not None:
            draft.published = found
            break
    tags = front.get("tags", front.get("keywords", front.get("schlagworte")))
    if isinstance(tags, str):
        draft.tags = split_tags(tags)
    elif isinstance(tags, list):
        draft.tags = [str(tag) for tag in tags if isinstance(tag, (str, int, float))]
    kind = _text_value(front, "kind", "type")
    if kind and kind.lower() in ("article", "liveblog"):
        draft.kind = kind.lower()
    blocks = markdown_blocks(markdown)
    first_h1 = next((i for i, (kind, _) in enumerate(blocks) if kind == "h1"), None)
    if first_h1 is not None:
        heading = blocks[first_h1][1]
        if draft.title is None or heading.casefold() == draft.title.casefold():
            draft.title = heading
            blocks.pop(first_h1)
    draft.body = join_paragraphs(furniture.clean_paragraphs([text for _, text in blocks]))
    return draft
