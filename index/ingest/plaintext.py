"""Plain text as copied from news pages: a header (title, dates, source), the article, and
whatever page furniture came along (tags, footers, comment counters, teaser lists).

The header is read from the first few lines: metadata lines (``date 2025-09-04 Title``,
``liveblog``, ``Stand: ...``, ``04. September 2025, 14:56 Uhr · Quelle: X``) and at most a few
short title-like lines before them (site name, kicker, title). Without metadata the first line is
the title. The article ends at the first line after which only furniture follows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from . import furniture
from .dates import date_only_line
from .draft import ArticleDraft
from .metalines import LineMeta, ends_body, read_meta_line, tag_line
from .text import count_sentences, is_stamp, join_paragraphs, paragraphs_from_lines, split_lines

HEADER_WINDOW = 8
MAX_HEADER_TEXT_LINES = 3
TAIL_WINDOW = 12
TITLE_MAX = 200
_QUOTE_MARK = re.compile(r"^>+\s*")


@dataclass
class _Header:
    end: int = 0  # index of the first line after the header
    text_lines: list[str] = field(default_factory=list)
    has_metadata: bool = False


def _absorb(draft: ArticleDraft, meta: LineMeta) -> None:
    draft.offer(title=meta.title, source=meta.source, published=meta.date, kind=meta.kind,
                tags=meta.tags, url=meta.url)


def _title_like(line: str) -> bool:
    return len(line) <= TITLE_MAX and count_sentences(line) <= 1 and not line.endswith(":")


def _read_header(lines: list[str], draft: ArticleDraft) -> _Header:
    header = _Header()
    texts: list[int] = []
    last_meta = -1
    seen = 0
    lead_seen = False
    for index, line in enumerate(lines):
        if not line:
            continue
        seen += 1
        if seen > HEADER_WINDOW:
            break
        meta = read_meta_line(line)
        if meta is not None and not meta.ends_body:
            _absorb(draft, meta)
            last_meta = index
            continue
        if furniture.is_furniture(line) or furniture.is_byline(line) or furniture.ends_article(line):
            continue
        if len(texts) >= MAX_HEADER_TEXT_LINES or lead_seen:
            break
        # One lead paragraph may stand between the title and the dateline.
        lead_seen = not _title_like(line)
        if lead_seen and not texts:
            break
        texts.append(index)
    if last_meta < 0:
        return header
    header.end = last_meta + 1
    header.has_metadata = True
    header.text_lines = [lines[i] for i in texts if i < last_meta]
    return header


def _next_nonempty(lines: list[str], index: int) -> str | None:
    for line in lines[index + 1 :]:
        if line:
            return line
    return None


def _is_closing_tag_line(lines: list[str], index: int) -> bool:
    """A tag line counts only where the article is over: nothing or furniture follows it."""
    if tag_line(lines[index]) is None:
        return False
    following = _next_nonempty(lines, index)
    return (
        following is None
        or furniture.ends_article(following)
        or ends_body(following)
        or furniture.is_furniture(following)
    )


def _is_end(line: str) -> bool:
    return furniture.ends_article(line) or ends_body(line)


def _find_body_end(lines: list[str], start: int) -> tuple[int, set[int]]:
    """Where the article ends, and lines before that to drop (an inline link box, or end
    markers that stand before any article text, such as a comment counter under the title)."""
    dropped: set[int] = set()
    text_words = 0
    index = start
    while index < len(lines):
        line = lines[index]
        if line and (_is_end(line) or _is_closing_tag_line(lines, index)):
            if furniture.is_further_reading(line):
                resume = furniture.text_after_links(lines, index, _is_end)
                if resume is None:
                    return index, dropped
                dropped.update(range(index, resume))
                index = resume
                continue
            if text_words < 25:  # no article text yet: a counter under the title
                dropped.add(index)
                index += 1
                continue
            if furniture.is_teaser_snippet(line) or furniture.is_relative_time(line):
                return _back_over_teaser_headline(lines, start, index), dropped
            return index, dropped
        if furniture.reads_like_text(line):
            text_words += len(line.split())
        index += 1
    return len(lines), dropped


def _back_over_teaser_headline(lines: list[str], start: int, index: int) -> int:
    for previous in range(index - 1, start - 1, -1):
        if lines[previous]:
            return previous if furniture.is_headline_like(lines[previous]) else index
    return index


def _read_tail(lines: list[str], end: int, draft: ArticleDraft) -> None:
    """Metadata after the article: tags, footers, broadcast notes (not the teasers' dates)."""
    past_links = False
    for line in [line for line in lines[end:] if line][:TAIL_WINDOW]:
        if furniture.is_teaser_snippet(line) or furniture.is_relative_time(line):
            break
        if furniture.is_further_reading(line):
            past_links = True
            continue
        meta = read_meta_line(line)
        if meta is not None and (meta.ends_body or not past_links):
            _absorb(draft, meta)
        elif not past_links and (tags := tag_line(line)):
            draft.offer(tags=tags)


def _body_lines(lines: list[str], draft: ArticleDraft) -> list[str]:
    """Lines of the article with furniture blanked out ("Stand:" and "Quelle:" lines are
    metadata wherever they stand)."""
    kept: list[str] = []
    for line in lines:
        if line and (furniture.is_furniture(line) or furniture.is_byline(line)):
            line = ""
        elif line.lower().startswith(("stand", "quelle", "aktualisiert")):
            meta = read_meta_line(line)
            if meta is not None and meta.title is None:
                _absorb(draft, meta)
                line = ""
        kept.append(line)
    return kept


def _choose_title(text_lines: list[str], draft: ArticleDraft) -> list[str]:
    """Sets the title from the header's text lines; returns the lines that are the lead."""
    source = (draft.source or "").casefold()
    candidates: list[str] = []
    for line in text_lines:
        line = _QUOTE_MARK.sub("", line)
        if line.casefold() != source and line not in candidates:  # pages repeat their title
            candidates.append(line)
    headlines = [i for i, line in enumerate(candidates) if not line.endswith(".") and _title_like(line)]
    if draft.title or not headlines:
        return [line for line in candidates if line.endswith(".")]
    # Site names, kickers and agency marks are shorter than the title; a line ending in a full
    # stop after the title is a lead.
    chosen = max(headlines, key=lambda i: (len(candidates[i].split()), i))
    draft.title = candidates[chosen]
    return [line for line in candidates[chosen + 1 :] if line.endswith(".")]


def _first_line_title(lines: list[str], start: int, draft: ArticleDraft, *, after_header: bool) -> int:
    """The first line is the title unless it reads like a paragraph; returns where the body
    starts. After a header without a title, a line ending in a full stop is body text."""
    for index in range(start, len(lines)):
        line = lines[index]
        if not line or furniture.is_furniture(line) or furniture.is_byline(line) or furniture.ends_article(line):
            continue
        long_sentence = line.endswith(".") and (after_header or len(line.split()) > 12)
        if not _title_like(line) or long_sentence or is_stamp(line):
            return index  # a paragraph, not a title: the title comes from its first sentence
        following = index + 1  # a kicker stands right above its headline
        after = lines[following + 1] if following + 1 < len(lines) else ""
        if following < len(lines) and _is_kicker(line, lines[following]) and not after[:1].islower():
            index = following
        draft.title = _QUOTE_MARK.sub("", lines[index])
        return index + 1
    return len(lines)


def _is_kicker(line: str, following: str) -> bool:
    """``Chemie`` over ``Dow und DuPont sprechen über Fusion``: a short topic line over a headline."""
    return (
        len(line.split()) <= 3
        and furniture.is_headline_like(following)
        and _title_like(following)
        and len(following.split()) > len(line.split())
        and not furniture.is_furniture(following)
    )


def parse_plain_text(text: str) -> ArticleDraft:
    """Parse one article from plain text (never raises for odd text; may return no body)."""
    lines = split_lines(text)
    draft = ArticleDraft()
    header = _read_header(lines, draft)
    body_end, dropped = _find_body_end(lines, header.end)
    _read_tail(lines, body_end, draft)
    lines = ["" if index in dropped else line for index, line in enumerate(lines)]
    lead: list[str] = []
    start = header.end
    if header.has_metadata:
        lead = _choose_title(header.text_lines, draft)
    if not draft.title and not lead:
        start = _first_line_title(lines[:body_end], start, draft, after_header=header.has_metadata)
    body = _body_lines(lead + [""] + lines[start:body_end], draft)
    # A plain date line near the top of a text without a header dates the article.
    if draft.published is None:
        for index, line in enumerate(body[:6]):
            if line and (found := date_only_line(line)) is not None:
                draft.published = found
                body[index] = ""
                break
    paragraphs = [furniture.strip_feed_footer(p) for p in paragraphs_from_lines(body)]
    paragraphs = [p for p in paragraphs if p and not furniture.is_furniture(p)]
    draft.body = join_paragraphs(paragraphs)
    if not draft.body and draft.title and draft.title.endswith((".", "!", "?", "…")):
        draft.body = draft.title  # a text that is one sentence (a brief) is an article; a heading is not
    return draft
